import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';
import { BasePackageLoader, DiskBasedPackageCache, createSQLJSPackageDB } from 'fhir-package-loader';
import { OUTPUT_DIR } from '../helpers/site';
import { generated, PROJECT_DIR } from '../helpers/project';
import { runImgref } from '../helpers/cli';

/** Reads every file of a .tgz into memory. */
async function readTgz(file: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await tar.t({
    file,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => files.set(entry.path, Buffer.concat(chunks).toString('utf8')));
    },
  });
  return files;
}

describe('package.tgz (FHIR NPM package)', () => {
  let files: Map<string, string>;
  before(async () => {
    files = await readTgz(path.join(OUTPUT_DIR, 'package.tgz'));
  });

  it('has package/package.json with the IG id, version, FHIR version and dependencies', () => {
    const manifest = JSON.parse(files.get('package/package.json') ?? '{}');
    expect(manifest).to.include({ name: 'hl7.fhir.uv.imaging-reference', version: '0.1.0', canonical: 'http://hl7.org/fhir/uv/imaging-reference', type: 'IG' });
    expect(manifest.fhirVersions).to.deep.equal(['5.0.0']);
    expect(manifest.dependencies).to.deep.equal({ 'hl7.fhir.r5.core': '5.0.0', 'hl7.terminology.r5': '7.0.1', 'hl7.fhir.uv.extensions.r5': '5.3.0-ballot-tc1' });
    expect(manifest.date).to.match(/^\d{14}$/);
  });

  it('holds every definition in package/ and every example in package/example/, byte for byte', () => {
    for (const r of generated()) {
      const name = `${r.resourceType}-${r.id}.json`;
      const isDefinition = ['StructureDefinition', 'ValueSet', 'CodeSystem', 'SearchParameter', 'ImplementationGuide'].includes(r.resourceType);
      const entry = isDefinition ? `package/${name}` : `package/example/${name}`;
      expect(files.has(entry), entry).to.equal(true);
      expect(JSON.parse(files.get(entry) as string)).to.deep.equal(r);
    }
    expect(files.has('package/StructureDefinition-ImagingReference.json')).to.equal(true);
    expect(files.has('package/example/ImagingReference-key-image-note.json')).to.equal(true);
  });

  it('indexes every resource file in package/.index.json and package/example/.index.json', () => {
    for (const dir of ['package', 'package/example']) {
      const index = JSON.parse(files.get(`${dir}/.index.json`) ?? '{}');
      expect(index['index-version']).to.equal(2);
      const resourceFiles = [...files.keys()].filter((f) => path.posix.dirname(f) === dir && f.endsWith('.json') && !/\/(package|\.index)\.json$/.test(f));
      expect(index.files.map((e: { filename: string }) => `${dir}/${e.filename}`).sort()).to.deep.equal(resourceFiles.sort());
    }
    const index = JSON.parse(files.get('package/.index.json') as string);
    expect(index.files).to.deep.include({
      filename: 'StructureDefinition-ImagingReference.json',
      resourceType: 'StructureDefinition',
      id: 'ImagingReference',
      url: 'http://hl7.org/fhir/StructureDefinition/ImagingReference',
      kind: 'resource',
      type: 'ImagingReference',
      derivation: 'specialization',
      version: '0.1.0',
    } as never);
    for (const e of index.files) expect(e.version, e.filename).to.equal('0.1.0');
  });

  it('its ImplementationGuide lists every resource of the package, and declares only pages the site has', () => {
    const guide = JSON.parse(files.get('package/ImplementationGuide-hl7.fhir.uv.imaging-reference.json') as string);
    const inPackage = [...files.keys()]
      .filter((f) => /^package\/(example\/)?[^/]+\.json$/.test(f) && !/(package|\.index)\.json$/.test(f) && !f.includes('ImplementationGuide-'))
      .map((f) => { const r = JSON.parse(files.get(f) as string); return `${r.resourceType}/${r.id}`; });
    const listed = guide.definition.resource.map((e: { reference: { reference: string } }) => e.reference.reference);
    expect([...listed].sort()).to.deep.equal(inPackage.sort());
    for (const e of guide.definition.resource) expect(e.isExample, e.reference.reference).to.equal(files.has(`package/example/${e.reference.reference.replace('/', '-')}.json`));
    const pages: string[] = [];
    const walk = (p: { name: string; page?: unknown[] }) => { pages.push(p.name); (p.page ?? []).forEach((c) => walk(c as never)); };
    walk(guide.definition.page);
    expect(pages).to.include.members(['toc.html', 'index.html']);
    const history = guide.definition.parameter.find((p: { code: { code: string } }) => p.code.code === 'path-history').value;
    pages.push(history.slice(history.lastIndexOf('/') + 1));
    for (const page of pages) expect(fs.existsSync(path.join(OUTPUT_DIR, page)), page).to.equal(true);
  });

  it('every definition in it carries version, publisher and date (as the IG Publisher applies them)', () => {
    for (const [name, text] of files) {
      if (!/^package\/[^/]+\.json$/.test(name) || /(package|\.index)\.json$/.test(name)) continue;
      const r = JSON.parse(text);
      expect(r, name).to.include({ version: '0.1.0', publisher: 'HL7 International / Imaging Integration' });
      expect(r.date, name).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it("is what `imgref validate --ig output/package.tgz` loads (a file of it validates, no JSON parse error)", () => {
    const run = runImgref(['validate', '--ig', path.join(OUTPUT_DIR, 'package.tgz'), path.join(PROJECT_DIR, 'fsh-generated', 'resources', 'ImagingReference-key-image-note.json')], { env: { NO_COLOR: '1' } });
    expect(run.stderr).to.equal('');
    expect(run.status, run.stdout).to.equal(0);
    expect(run.stdout).to.match(/1 file\(s\) valid: 0 error\(s\), 0 warning\(s\)/);
  });

  it("installs into a FHIR package cache and loads with SUSHI's package loader (fhir-package-loader), offline", async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-fpl-'));
    try {
      const quiet = () => undefined;
      const cache = new DiskBasedPackageCache(cacheDir, { log: quiet });
      await cache.cachePackageTarball('hl7.fhir.uv.imaging-reference', '0.1.0', fs.createReadStream(path.join(OUTPUT_DIR, 'package.tgz')));
      // No registry: the package must load from the cache alone.
      const offline = { resolveVersion: async (_name: string, version: string) => version, download: async () => Promise.reject(new Error('offline')) };
      const loader = new BasePackageLoader(await createSQLJSPackageDB(), cache, offline as never, offline as never, { log: quiet });
      expect(await loader.loadPackage('hl7.fhir.uv.imaging-reference', '0.1.0')).to.equal('LOADED');
      expect(loader.findResourceJSON('ImagingReference')?.snapshot?.element?.length).to.be.greaterThan(20);
      expect(loader.findResourceInfo('http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/imaging-reference-link')?.resourceType).to.equal('StructureDefinition');
      expect(loader.findResourceInfo('http://hl7.org/fhir/uv/imaging-reference/ValueSet/imaging-reference-title')?.resourceType).to.equal('ValueSet');
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('is offered for download from artifacts.html', () => {
    expect(fs.readFileSync(path.join(OUTPUT_DIR, 'artifacts.html'), 'utf8')).to.contain('href="package.tgz"');
  });
});
