import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
});
