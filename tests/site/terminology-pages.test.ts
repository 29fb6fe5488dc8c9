import { expect } from 'chai';
import { CoreTypes } from '../../src/site/core-types';
import { readIgConfig } from '../../src/site/ig-config';
import type { PageContext } from '../../src/site/pages/page-context';
import { renderCodeSystemPage, renderValueSetPage } from '../../src/site/pages/terminology-pages';
import { SiteModel } from '../../src/site/site-model';
import { TypeLinker } from '../../src/site/structure/type-links';
import { ValueSetPageExpander } from '../../src/site/terminology/expand-value-set';
import { PROJECT_DIR } from '../helpers/project';

// The IG has no code system of its own yet: these pages are checked on a small one.
const CS = {
  resourceType: 'CodeSystem',
  id: 'selection-reason',
  url: 'http://example.org/CodeSystem/selection-reason',
  name: 'SelectionReason',
  title: 'Selection reason',
  status: 'draft',
  content: 'complete',
  concept: [{ code: 'teaching', display: 'Teaching', definition: 'For <teaching>', concept: [{ code: 'grand-rounds', display: 'Grand rounds' }] }],
};
const VS = {
  resourceType: 'ValueSet',
  id: 'selection-reason',
  url: 'http://example.org/ValueSet/selection-reason',
  name: 'SelectionReasonVS',
  status: 'draft',
  compose: { include: [{ system: CS.url }] },
};

describe('terminology pages', () => {
  let ctx: PageContext;
  before(() => {
    const model = new SiteModel(PROJECT_DIR, readIgConfig(PROJECT_DIR), [CS, VS]);
    ctx = { model, linker: new TypeLinker(model, CoreTypes.forProject()), terminology: new ValueSetPageExpander(model.artifacts.map((a) => a.resource)), sources: () => ({ json: '{}', xml: '<x/>' }) };
  });

  it('CodeSystem-<id>.html lists the concepts with their hierarchy, escaped', () => {
    const page = renderCodeSystemPage(ctx.model.ofKind('code-system')[0], ctx);
    expect(page.name).to.equal('CodeSystem-selection-reason.html');
    expect(page.body.value).to.contain('defines 2 concepts');
    expect(page.body.value).to.contain('<tr id="code-teaching"><td style="padding-left:4px">teaching</td><td>Teaching</td><td>For &lt;teaching&gt;</td></tr>');
    expect(page.body.value).to.contain('<tr id="code-grand-rounds"><td style="padding-left:22px">grand-rounds</td>');
  });

  it('ValueSet-<id>.html expands a whole code system of the IG and links to it', () => {
    const page = renderValueSetPage(ctx.model.ofKind('value-set')[0], ctx);
    expect(page.body.value).to.contain('Include all codes defined in <a href="CodeSystem-selection-reason.html">Selection reason</a>');
    expect(page.body.value).to.contain('This value set contains 2 concepts.');
    expect(page.body.value).to.contain('<td>grand-rounds</td><td>Grand rounds</td>');
  });
});
