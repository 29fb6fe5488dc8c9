import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runImgref } from '../helpers/cli';
import { PROJECT_DIR } from '../helpers/project';

const imgref = (...args: string[]) => runImgref(args);

describe('imgref site', function () {
  this.timeout(60000);
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-site-cli-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('renders the site into --out, and replaces its own earlier output', () => {
    const out = path.join(tmp, 'site');
    for (let i = 0; i < 2; i++) {
      const run = imgref('site', '--out', out);
      expect(run.status, run.stderr).to.equal(0);
      expect(run.stdout).to.match(/imgref site: \d+ pages and package\.tgz/);
    }
    expect(fs.existsSync(path.join(out, 'StructureDefinition-ImagingReference.html'))).to.equal(true);
    expect(fs.readdirSync(tmp)).to.deep.equal(['site']); // no staging folder left behind
  });

  it('never replaces a folder it did not write, and says so in one line (exit 2)', () => {
    const out = path.join(tmp, 'mine');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'keep me');
    const run = imgref('site', '--out', out);
    expect(run.status).to.equal(2);
    expect(run.stderr.trim().split('\n')).to.have.length(1);
    expect(run.stderr).to.match(/^imgref: .* exists and was not written by `imgref site`: not replacing it\n$/);
    expect(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8')).to.equal('keep me');
  });

  it('says in one line (exit 2) that the IG must be built first, and writes nothing', () => {
    fs.copyFileSync(path.join(PROJECT_DIR, 'sushi-config.yaml'), path.join(tmp, 'sushi-config.yaml'));
    const run = imgref('site', '--project', tmp);
    expect(run.status).to.equal(2);
    expect(run.stderr.trim()).to.match(/^imgref: no .* in .*: run `npm run build` first$/);
    expect(fs.readdirSync(tmp)).to.deep.equal(['sushi-config.yaml']);
  });

  it('rejects a folder that is not an IG project, and a bad port (exit 2, one line)', () => {
    const noProject = imgref('site', '--project', tmp);
    expect(noProject.status).to.equal(2);
    expect(noProject.stderr.trim()).to.equal(`imgref: ${tmp} has no sushi-config.yaml: not an IG project`);
    const badPort = imgref('site', '--out', path.join(tmp, 'o'), '--serve', '--port', 'eighty');
    expect(badPort.status).to.equal(2);
    expect(badPort.stderr.trim()).to.equal('imgref: --port must be a port number, not "eighty"');
  });

  /** A project in tmp with these resources as its build. */
  function project(resources: Record<string, unknown>[]): string {
    const dir = path.join(tmp, 'project');
    fs.mkdirSync(path.join(dir, 'fsh-generated', 'resources'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'sushi-config.yaml'), 'id: x\ncanonical: http://x.org\ntitle: X\nversion: 0.1.0\n');
    resources.forEach((r, i) => fs.writeFileSync(path.join(dir, 'fsh-generated', 'resources', `r${i}.json`), JSON.stringify(r)));
    return dir;
  }

  it('refuses a resource whose id is not a FHIR id in one line (exit 2), and writes nothing outside its folder', () => {
    const dir = project([{ resourceType: 'Patient', id: '../../../x' }]);
    const run = imgref('site', '--project', dir, '--out', path.join(dir, 'a', 'b', 'out'));
    expect(run.status).to.equal(2);
    expect(run.stderr).to.equal('imgref: Patient "../../../x": the id is not a FHIR id ([A-Za-z0-9-.]{1,64}), so it cannot name a page: not rendering the site\n');
    expect(fs.readdirSync(dir).sort()).to.deep.equal(['fsh-generated', 'sushi-config.yaml']);
  });

  it('renders a resource whose narrative has a malformed comment, without its narrative and XML, and warns in one line each', () => {
    const div = '<div xmlns="http://www.w3.org/1999/xhtml"><!-- a -- b --> x</div>';
    const dir = project([{ resourceType: 'Patient', id: 'p', text: { status: 'generated', div } }]);
    const run = imgref('site', '--project', dir);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stderr.trim().split('\n')).to.deep.equal([
      'imgref site: warning: Patient-p.html: the narrative is not shown (XML syntax error: 1:52: malformed comment.)',
      'imgref site: warning: Patient-p.html: no XML view (cannot write Patient/p as XML: The embedded xhtml is not properly formatted/escaped: Malformed comment)',
    ]);
    const page = fs.readFileSync(path.join(dir, 'output', 'Patient-p.html'), 'utf8');
    expect(page).to.contain('<p class="narrative-refused">');
    expect(fs.existsSync(path.join(dir, 'output', 'Patient-p.xml'))).to.equal(false);
  });

  it('with --watch (npm start), validates the examples before it renders: an invalid one stops it in one line (exit 2)', () => {
    const dir = project([{ resourceType: 'Patient', id: 'p', birthDate: '2026-02-30' }]);
    // Without the check it would render and then watch for ever: the timeout makes that a failure.
    const run = spawnSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'imgref.js'), 'site', '--project', dir, '--watch'], { encoding: 'utf8', timeout: 30000 });
    expect(run.status, run.stderr).to.equal(2);
    expect(run.stdout).to.match(/birthDate/);
    expect(run.stderr).to.equal('imgref: the examples do not validate (see above): the site was not built\n');
    expect(fs.existsSync(path.join(dir, 'output'))).to.equal(false);
  });
});
