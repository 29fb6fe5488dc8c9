import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generated } from '../helpers/project';
import { OUTPUT_DIR } from '../helpers/site';

const page = (name: string) => fs.readFileSync(path.join(OUTPUT_DIR, name), 'utf8');

describe('site: the guide pages and the search parameters', () => {
  it('toc.html lists the narrative pages, every artifact page and the history', () => {
    const toc = page('toc.html');
    for (const name of ['index.html', 'use-cases.html', 'background.html', 'artifacts.html', 'history.html']) expect(toc, name).to.contain(`href="${name}"`);
    for (const r of generated().filter((x) => x.resourceType !== 'ImplementationGuide')) expect(toc, `${r.resourceType}/${r.id}`).to.contain(`href="${r.resourceType}-${r.id}.html"`);
  });

  it('history.html lists the current version with its date and release label', () => {
    const history = page('history.html');
    expect(history).to.contain('id="v0.1.0"').and.contain('ci-build').and.match(/<td>\d{4}-\d\d-\d\d<\/td>/);
  });

  it('each SearchParameter has its page, with its expression; the resource page lists them', () => {
    const sd = page('StructureDefinition-ImagingReference.html');
    expect(sd).to.contain('id="search"');
    for (const sp of generated().filter((r) => r.resourceType === 'SearchParameter')) {
      const html = page(`SearchParameter-${sp.id}.html`);
      expect(html).to.contain(`<code>${sp.expression}</code>`).and.contain('href="StructureDefinition-ImagingReference.html"');
      expect(sd).to.contain(`href="SearchParameter-${sp.id}.html"`);
    }
    expect(page('artifacts.html')).to.contain('id="search-parameters"');
  });

  it('the resource page shows the work group, maturity, standards status and the Patient compartment', () => {
    const sd = page('StructureDefinition-ImagingReference.html');
    expect(sd).to.contain('Imaging Integration').and.contain('<th>Maturity level</th><td>0</td>').and.match(/id="compartments"><a [^>]*>patient<\/a> \(<code>subject<\/code>\)/);
  });

  it('every example page shows its generated narrative (not refused)', () => {
    for (const r of generated().filter((x) => (x.text as { status?: string } | undefined)?.status === 'generated')) {
      const html = page(`${r.resourceType}-${r.id}.html`);
      expect(html, r.id).to.contain('class="narrative"').and.contain(`Generated Narrative: ${r.resourceType} ${r.id}`);
      expect(html, r.id).to.not.contain('narrative-refused');
    }
  });
});
