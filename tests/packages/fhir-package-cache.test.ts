import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPackageIndex, cachedPackageDir, fhirPackageCacheDir, installIntoCache, PackageCacheError, sushiPackageCacheDir } from '../../src/packages/fhir-package-cache';

function makePackage(dir: string, manifest: object, resources: Record<string, object>): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  for (const [file, body] of Object.entries(resources)) fs.writeFileSync(path.join(dir, file), JSON.stringify(body));
  return dir;
}

describe('FHIR package cache install', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-cache-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const manifest = { name: 'example.fhir.pkg', version: '1.0.0', date: '20260101' };
  const vs = { resourceType: 'ValueSet', id: 'vs1', url: 'http://example.org/ValueSet/vs1', version: '1.0.0' };

  it('copies a package to <cache>/<id>#<version>/package with an .index.json', () => {
    const src = makePackage(path.join(tmp, 'src'), manifest, { 'ValueSet-vs1.json': vs });
    const cache = path.join(tmp, 'cache');
    const { outcome, target } = installIntoCache(src, cache);
    expect(outcome).to.equal('installed');
    expect(target).to.equal(cachedPackageDir(cache, 'example.fhir.pkg', '1.0.0'));
    expect(fs.existsSync(path.join(target, 'ValueSet-vs1.json'))).to.equal(true);
    const index = JSON.parse(fs.readFileSync(path.join(target, '.index.json'), 'utf8'));
    expect(index).to.deep.equal({ 'index-version': 2, files: [{ filename: 'ValueSet-vs1.json', resourceType: 'ValueSet', id: 'vs1', url: vs.url, version: '1.0.0' }] });
    expect(fs.readdirSync(cache), 'no staging folder left behind').to.deep.equal(['example.fhir.pkg#1.0.0']);
  });

  it('is idempotent', () => {
    const src = makePackage(path.join(tmp, 'src'), manifest, { 'ValueSet-vs1.json': vs });
    const cache = path.join(tmp, 'cache');
    installIntoCache(src, cache);
    expect(installIntoCache(src, cache).outcome).to.equal('already-present');
  });

  it('never overwrites a different copy of the same id#version', () => {
    const cache = path.join(tmp, 'cache');
    const other = makePackage(cachedPackageDir(cache, 'example.fhir.pkg', '1.0.0'), { ...manifest, date: '20250101' }, { 'ValueSet-other.json': vs });
    const src = makePackage(path.join(tmp, 'src'), manifest, { 'ValueSet-vs1.json': vs });
    expect(installIntoCache(src, cache).outcome).to.equal('kept-different-copy');
    expect(fs.readdirSync(other).sort()).to.deep.equal(['ValueSet-other.json', 'package.json']);
  });

  it('refuses a folder that is not a FHIR package', () => {
    fs.mkdirSync(path.join(tmp, 'empty'));
    expect(() => installIntoCache(path.join(tmp, 'empty'), path.join(tmp, 'cache'))).to.throw(PackageCacheError, /package manifest/);
  });

  it('indexes only resources (skips package.json and non-resource JSON)', () => {
    const src = makePackage(path.join(tmp, 'src'), manifest, { 'ValueSet-vs1.json': vs, 'notes.json': { hello: 1 } });
    expect(buildPackageIndex(src).files.map((f) => f.filename)).to.deep.equal(['ValueSet-vs1.json']);
  });
});

describe('where the FHIR package cache is', () => {
  it('~/.fhir/packages, where SUSHI and the HL7 validator look, unless FHIR_PACKAGE_CACHE names another for this project', () => {
    expect(fhirPackageCacheDir({}, '/home/u')).to.equal(path.join('/home/u', '.fhir', 'packages'));
    expect(fhirPackageCacheDir({ FHIR_PACKAGE_CACHE: '/tmp/cache' }, '/home/u')).to.equal('/tmp/cache');
    // The install script fills SUSHI's cache, whatever FHIR_PACKAGE_CACHE says.
    expect(sushiPackageCacheDir('/home/u')).to.equal(path.join('/home/u', '.fhir', 'packages'));
  });
});
