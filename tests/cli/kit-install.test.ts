import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_DIR } from '../helpers/project';

const FIXTURES = path.join(PROJECT_DIR, 'tests', 'fixtures', 'validator');
const VALID = path.join(FIXTURES, 'valid', 'imaging-reference-minimal.json');
const INVALID = path.join(FIXTURES, 'invalid', 'invariant-irf-2-frames-and-observations.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/**
 * The installable kit, as an implementer's CI gets it: `npm pack`, then `npm install` of the
 * tarball into an empty folder with no network (`--offline`), an empty npm cache, a fresh HOME and
 * an empty FHIR package cache, then `npx imgref`. Every runtime dependency, the hl7.* FHIR
 * packages included, is bundled in the tarball (bundleDependencies), so nothing is fetched, and
 * nothing is built during the install. `npm pack` runs with --ignore-scripts: the build this test
 * depends on already made dist/ and fsh-generated/ (prepare and prepack would make them again).
 */
describe('the installable kit (npm pack, offline install into an empty folder)', function () {
  this.timeout(600_000);
  let tmp: string;
  let consumer: string;
  let env: NodeJS.ProcessEnv;
  before(function () {
    for (const built of ['dist/src/cli/main.js', 'dist/src/server/worker.js', 'fsh-generated/resources']) {
      if (!fs.existsSync(path.join(PROJECT_DIR, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-kit-'));
    const cache = path.join(tmp, 'empty-npm-cache');
    // No npm_* variables of an enclosing `npm test`: the install must not inherit this project's config.
    env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    env = { ...env, HOME: path.join(tmp, 'home'), FHIR_PACKAGE_CACHE: path.join(tmp, 'empty-fhir-cache'), npm_config_cache: cache, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    fs.mkdirSync(env.HOME!);
    const pack = spawnSync(npm, ['pack', '--json', '--pack-destination', tmp], { encoding: 'utf8', cwd: PROJECT_DIR, env: { ...env, IMGREF_PACK_SKIP_SUSHI: '1' }, maxBuffer: 1 << 28 });
    expect(fs.existsSync(path.join(PROJECT_DIR, '.package.json.before-pack')), 'postpack restored package.json').to.equal(false);
    expect(pack.status, pack.stderr).to.equal(0);
    const packed = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')))[0];
    expect(packed.bundled).to.include('hl7.fhir.r5.core');
    const tarball = path.join(tmp, packed.filename);
    consumer = path.join(tmp, 'consumer');
    fs.mkdirSync(consumer);
    fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const install = spawnSync(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], { encoding: 'utf8', cwd: consumer, env });
    expect(install.status, install.stderr).to.equal(0);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const imgref = (args: string[]) => spawnSync(npx, ['--offline', 'imgref', ...args], { encoding: 'utf8', cwd: consumer, env });

  it('ships the compiled kit and the IG definitions, not the sources or the tests', () => {
    const kit = path.join(consumer, 'node_modules', 'imaging-reference-ig');
    expect(fs.existsSync(path.join(kit, 'dist', 'src', 'cli', 'main.js'))).to.equal(true);
    expect(fs.readdirSync(path.join(kit, 'fsh-generated', 'resources'))).to.include('StructureDefinition-ImagingReference.json');
    for (const absent of ['src', 'tests', 'input', 'dist/tests', 'scripts/install-fhir-packages.ts']) expect(fs.existsSync(path.join(kit, absent)), absent).to.equal(false);
  });

  it('npx imgref validate works: FHIR R5 and the IG\'s own rules, without any FHIR package cache', () => {
    const valid = imgref(['validate', VALID]);
    expect(valid.status, valid.stderr).to.equal(0);
    expect(valid.stdout).to.match(/1 file\(s\) valid/);
    const invalid = imgref(['validate', INVALID]);
    expect(invalid.status).to.equal(1);
    expect(invalid.stdout).to.match(/ irf-2: /); // an invariant of the IG's ImagingReference
    expect(fs.existsSync(env.FHIR_PACKAGE_CACHE!)).to.equal(false);
    expect(fs.existsSync(path.join(env.HOME!, '.fhir'))).to.equal(false);
  });

  it('npx imgref serve answers $validate from the installed kit', async () => {
    const { spawn } = await import('node:child_process');
    // Its own process group: npx does not pass SIGTERM on to the server it started.
    const child = spawn(npx, ['--offline', 'imgref', 'serve', '--port', '0', '--threads', '1', '--no-log'], { cwd: consumer, env, detached: true });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
          const m = /\$validate at (http:\/\/\S+)/.exec(stderr);
          if (m) resolve(m[1]);
        });
        child.on('exit', () => reject(new Error(stderr)));
      });
      const res = await fetch(`${url}/$validate`, { method: 'POST', body: fs.readFileSync(INVALID, 'utf8'), headers: { 'content-type': 'application/fhir+json' } });
      expect(res.status).to.equal(200);
      expect(JSON.stringify(await res.json())).to.include('irf-2');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  });
});
