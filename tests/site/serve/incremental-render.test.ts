import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderSite, SiteRenderer } from '../../../src/site/render-site';
import { copyProject } from './project-copy';

const DATE = new Date('2026-03-01T12:00:00Z');


/** Every file under `dir`, by relative path, with its bytes. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (fs.statSync(path.join(dir, name)).isFile()) out.set(name, fs.readFileSync(path.join(dir, name)));
  }
  return out;
}

function expectSameTree(actual: string, expected: string): void {
  const a = tree(actual);
  const e = tree(expected);
  expect([...a.keys()]).to.deep.equal([...e.keys()]);
  const differing = [...e].filter(([name, data]) => !data.equals(a.get(name)!)).map(([name]) => name);
  expect(differing, 'files that differ from a fresh full render').to.deep.equal([]);
}

describe('the live preview renders again only what an edit changed (SiteRenderer)', function () {
  this.timeout(240_000);
  let tmp: string;
  let project: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-incremental-'));
    project = path.join(tmp, 'project');
    copyProject(project);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('after edits of an example, a page source and a removed example, writes byte for byte what a fresh full render writes', async () => {
    const out = path.join(tmp, 'preview');
    const renderer = new SiteRenderer({ projectDir: project, outDir: out, date: DATE });
    const first = await renderer.render();
    expect(first.rendered).to.include('index.html');

    // Nothing changed: nothing rendered but the pages that record no inputs (the review, the QA report), nothing written.
    const again = await renderer.render();
    expect(again.rendered).to.deep.equal(['design-review.html', 'qa.html']);
    expect(again.changed).to.deep.equal([]);

    // An example: its page and the pages that read it, not an unrelated example's or a narrative page.
    const patient = path.join(project, 'fsh-generated', 'resources', 'Patient-patient-jane-doe.json');
    fs.writeFileSync(patient, fs.readFileSync(patient, 'utf8').replace(/"family": "[^"]*"/, '"family": "Incremental"'));
    const edited = await renderer.render();
    expect(edited.rendered).to.include('Patient-patient-jane-doe.html');
    expect(edited.rendered).to.not.include('Endpoint-endpoint-dicomweb.html');
    expect(edited.rendered).to.not.include('index.html');
    expect(edited.changed).to.include.members(['Patient-patient-jane-doe.html', 'Patient-patient-jane-doe.json', 'package.tgz']);
    expect(edited.changed).to.not.include('Endpoint-endpoint-dicomweb.html');
    expect(fs.readFileSync(path.join(out, 'Patient-patient-jane-doe.html'), 'utf8')).to.include('Incremental');

    // A narrative page: that page alone, and the zip of the whole site that holds it.
    const index = path.join(project, 'input', 'pagecontent', 'index.md');
    fs.appendFileSync(index, '\nA paragraph added by the incremental render test.\n');
    const page = await renderer.render();
    expect(page.rendered).to.deep.equal(['index.html', 'design-review.html', 'qa.html']);
    expect(page.changed).to.deep.equal(['index.html', 'full-ig.zip']);

    // A removed example: its files go, and the pages that listed it change.
    fs.rmSync(path.join(project, 'fsh-generated', 'resources', 'Endpoint-endpoint-dicomweb.json'));
    const removed = await renderer.render();
    expect(removed.changed).to.include.members(['Endpoint-endpoint-dicomweb.html', 'Endpoint-endpoint-dicomweb.json', 'artifacts.html']);
    expect(fs.existsSync(path.join(out, 'Endpoint-endpoint-dicomweb.html'))).to.equal(false);

    const full = path.join(tmp, 'full');
    const fresh = await renderSite({ projectDir: project, outDir: full, date: DATE });
    expectSameTree(out, full);
    expect(removed.warnings).to.deep.equal(fresh.warnings);
  });

  it('adopts the site already on disk: a renderer started after `imgref site` with its date writes nothing', async () => {
    const out = path.join(tmp, 'adopted');
    await renderSite({ projectDir: project, outDir: out, date: DATE });
    // The playground is taken from the folder (its marker names the same definitions), not built
    // again: a mark put into one of its files on disk stays.
    const index = path.join(out, 'assets', 'playground', 'index.js');
    fs.appendFileSync(index, '// taken from disk\n');
    const result = await new SiteRenderer({ projectDir: project, outDir: out, date: DATE }).render();
    // Nothing but full-ig.zip, which now holds the marked file.
    expect(result.changed).to.deep.equal(['full-ig.zip']);
    expect(fs.readFileSync(index, 'utf8')).to.include('// taken from disk');
  });
});
