import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runReview, type DesignReview } from '../../src/review';
import { CoreTypes } from '../../src/site/core-types';
import { readIgConfig } from '../../src/site/ig-config';
import { renderDesignReviewPage } from '../../src/site/pages/design-review-page';
import type { PageContext } from '../../src/site/pages/page-context';
import { SiteModel } from '../../src/site/site-model';
import { TypeLinker } from '../../src/site/structure/type-links';
import { ValueSetPageExpander } from '../../src/site/terminology/expand-value-set';
import { PROJECT_DIR } from '../helpers/project';
import { OUTPUT_DIR } from '../helpers/site';

const DEFINITION = 'http://hl7.org/fhir/StructureDefinition/ImagingReference';

describe('design-review.html', () => {
  it('shows every item of `imgref review` with its status, outcome and result', () => {
    const html = fs.readFileSync(path.join(OUTPUT_DIR, 'design-review.html'), 'utf8');
    const report = runReview({ projectDir: PROJECT_DIR });
    expect(report.items.length).to.be.greaterThan(20);
    for (const item of report.items) {
      const row = new RegExp(`<tr id="item-${item.id}" data-result="${item.result.replace('/', '\\/')}">[\\s\\S]*?</tr>`).exec(html)?.[0];
      expect(row, item.id).to.be.a('string');
      expect(row).to.contain(`<span class="status status-${item.status}">${item.status}</span>`);
    }
    expect(html).to.contain(`${report.summary.total} items: ${report.summary.status.decided} decided, ${report.summary.status.open} open, ${report.summary.status.check} check.`);
    // The open question on imagingStudy's name, with its candidates, and the link to the element.
    expect(html).to.match(/studyReference/);
    expect(html).to.contain('href="StructureDefinition-ImagingReference-definitions.html#def-ImagingReference.imagingStudy"');
    expect(html).to.contain('<h2 id="event-pattern">');
  });

  it('says which items fail, with their messages', () => {
    const model = new SiteModel(PROJECT_DIR, readIgConfig(PROJECT_DIR), []);
    const ctx: PageContext = { model, linker: new TypeLinker(model, CoreTypes.forProject()), terminology: new ValueSetPageExpander(model.artifacts.map((a) => a.resource)), sources: () => ({ json: '', xml: '' }) };
    const review: DesignReview = {
      report: {
        items: [{ id: 'sop-class-optional', seed: 'sopClass → 0..1', status: 'decided', outcome: 'sopClass is 0..1', result: 'fail', messages: ['cardinality of instance.sopClass is 1..1, expected 0..1'] }],
        summary: { total: 1, status: { decided: 1, open: 0, check: 0 }, result: { pass: 0, fail: 1, 'n/a': 0 }, failed: ['sop-class-optional'] },
      },
      records: [],
      extraRules: [],
      eventPattern: [],
    };
    const html = renderDesignReviewPage(review, DEFINITION, ctx).body.value;
    expect(html).to.contain('Failing: sop-class-optional.');
    expect(html).to.contain('<tr id="item-sop-class-optional" data-result="fail">');
    expect(html).to.contain('<li>cardinality of instance.sopClass is 1..1, expected 0..1</li>');
  });
});
