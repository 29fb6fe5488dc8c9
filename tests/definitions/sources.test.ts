import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as tar from 'tar';
import { DefinitionStore } from '../../src/definitions/definition-store';
import { DefinitionSourceError, PackageNotFoundError } from '../../src/definitions/errors';
import { addSource, DefinitionReader, locatePackage, MAX_PACKAGE_BYTES, parsePackageSpec } from '../../src/definitions/sources';
import { installIntoCache } from '../../src/packages/fhir-package-cache';
import { CoreTypes } from '../../src/site/core-types';
import { FhirXmlSerializer } from '../../src/site/render/fhir-xml';
import { PROJECT_DIR } from '../helpers/project';
import { birthDateProfile, coreStore, PACKAGE, PROFILE_URL, tempDir, valueSet, writePackageFolder, writeTgz } from './helpers';

/** A store with hl7.fhir.r5.core (FHIR XML is read against its type definitions) plus one source. */
function storeWith(source: string, options: { cacheDir?: string } = {}): DefinitionStore {
  const store = new DefinitionStore();
  const core = coreStore();
  for (const s of core.summaries('StructureDefinition')) store.addLazy(s, () => core.get(s.url)!, 'core', true);
  addSource(store, source, { ...options, reader: new DefinitionReader(store), projectDir: PROJECT_DIR });
  return store;
}

/** The error a source gives: a DefinitionSourceError, in one line that starts with the source. */
function sourceError(source: string, options: { cacheDir?: string } = {}): DefinitionSourceError {
  try {
    storeWith(source, options);
  } catch (e) {
    expect(e).to.be.instanceOf(DefinitionSourceError);
    const error = e as DefinitionSourceError;
    expect(error.message).to.not.include('\n');
    expect(error.message.startsWith(error.source), error.message).to.equal(true);
    return error;
  }
  throw new Error(`${source} was accepted`);
}

describe('definition sources (files, folders, package.tgz, id#version)', function () {
  this.timeout(60_000);
  let tmp: string;
  const profile = birthDateProfile();
  before(() => (tmp = tempDir()));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a JSON file', () => {
    const file = path.join(tmp, 'profile.json');
    fs.writeFileSync(file, JSON.stringify(profile));
    const store = storeWith(file);
    expect(store.get(PROFILE_URL)).to.deep.equal(profile);
    expect(store.sourceOf(PROFILE_URL)).to.equal(file);
  });

  it('a FHIR XML file, read by the validator\'s FHIR XML converter into the same JSON', () => {
    // Written by fhir-tool (the site's serializer), read back by our own converter.
    const xml = new FhirXmlSerializer(new CoreTypes(coreStore())).toXml(profile as never);
    const file = path.join(tmp, 'profile.xml');
    fs.writeFileSync(file, xml);
    expect(storeWith(file).get(PROFILE_URL)).to.deep.equal(profile);
    // No extension: told by the first character.
    const bare = path.join(tmp, 'profile-xml');
    fs.writeFileSync(bare, xml);
    expect(storeWith(bare).get(PROFILE_URL)?.url).to.equal(PROFILE_URL);
  });

  it('skips FHIR XML examples in a folder (no canonical url), as it skips JSON ones', () => {
    const dir = path.join(tmp, 'xml-examples');
    fs.mkdirSync(dir);
    // Not valid (birthDate has no value attribute): never converted, since it is no definition.
    fs.writeFileSync(path.join(dir, 'Patient-x.xml'), '<Patient xmlns="http://hl7.org/fhir"><birthDate/></Patient>');
    fs.writeFileSync(path.join(dir, 'ValueSet-vs.json'), JSON.stringify(valueSet('in a folder')));
    expect(storeWith(dir).get(valueSet('').url!)?.title).to.equal('in a folder');
  });

  it('a folder of SUSHI output, with the types the IG defines', () => {
    const store = new DefinitionStore();
    addSource(store, path.join(PROJECT_DIR, 'fsh-generated', 'resources'));
    expect(store.typeDefinitionUrl('ImagingReference')).to.equal('http://hl7.org/fhir/StructureDefinition/ImagingReference');
    expect([...store.customTypes]).to.deep.equal(['ImagingReference']);
  });

  it('a package folder with .index.json: indexed, each file parsed when first asked for', () => {
    const dir = writePackageFolder(path.join(tmp, 'indexed'), [profile, valueSet('indexed')], true);
    // Broken after indexing: the store must not read it until it is asked for.
    fs.writeFileSync(path.join(dir, 'ValueSet-store-test.json'), '{ not json');
    const store = storeWith(dir);
    expect(store.has(valueSet('').url!)).to.equal(true);
    expect(store.sourceOf(PROFILE_URL)).to.equal(`${PACKAGE.name}#${PACKAGE.version} (StructureDefinition-patient-with-birth-date.json)`);
    expect(store.get(PROFILE_URL)).to.deep.equal(profile);
    expect(() => store.get(valueSet('').url!)).to.throw(DefinitionSourceError, /ValueSet-store-test\.json: not valid JSON/);
  });

  it('a package folder without .index.json, and a folder with package/ inside', () => {
    writePackageFolder(path.join(tmp, 'unpacked', 'package'), [valueSet('unindexed')], false);
    expect(storeWith(path.join(tmp, 'unpacked', 'package')).get(valueSet('').url!)?.title).to.equal('unindexed');
    expect(storeWith(path.join(tmp, 'unpacked')).get(valueSet('').url!)?.title).to.equal('unindexed');
  });

  it('the core package is marked as core: its types are not custom types', () => {
    const store = new DefinitionStore();
    addSource(store, locatePackage('hl7.fhir.r5.core', '5.0.0', { projectDir: PROJECT_DIR }));
    expect(store.typeDefinitionUrl('Patient')).to.equal('http://hl7.org/fhir/StructureDefinition/Patient');
    expect(store.isCore('http://hl7.org/fhir/StructureDefinition/Patient')).to.equal(true);
    expect(store.customTypes.size).to.equal(0);
  });

  it('a package.tgz, read in memory, with or without .index.json', () => {
    for (const withIndex of [true, false]) {
      const staging = path.join(tmp, `tgz-${withIndex}`);
      writePackageFolder(path.join(staging, 'package'), [profile, valueSet(`tgz ${withIndex}`)], withIndex);
      fs.mkdirSync(path.join(staging, 'package', 'example'));
      fs.writeFileSync(path.join(staging, 'package', 'example', 'ValueSet-other.json'), JSON.stringify({ ...valueSet('example'), url: 'http://example.org/fhir/ValueSet/example' }));
      const file = writeTgz(path.join(tmp, `package-${withIndex}.tgz`), staging);
      const store = storeWith(file);
      expect(store.get(valueSet('').url!)?.title).to.equal(`tgz ${withIndex}`);
      expect(store.get(PROFILE_URL)).to.deep.equal(profile);
      // Only package/ itself holds the package's definitions, as the FHIR package loaders read it.
      expect(store.has('http://example.org/fhir/ValueSet/example')).to.equal(false);
      expect(store.sourceOf(PROFILE_URL)).to.include(`${file} (${PACKAGE.name}#${PACKAGE.version})`);
    }
  });

  it('the site\'s own package.tgz (output/package.tgz)', () => {
    const store = storeWith(path.join(PROJECT_DIR, 'output', 'package.tgz'));
    expect(store.typeDefinitionUrl('ImagingReference')).to.equal('http://hl7.org/fhir/StructureDefinition/ImagingReference');
  });

  describe('id#version from the FHIR package cache', () => {
    let cache: string;
    let saved: string | undefined;
    before(() => {
      cache = path.join(tmp, 'fhir-cache');
      installIntoCache(writePackageFolder(path.join(tmp, 'to-install'), [valueSet('from the cache')], false), cache);
      saved = process.env.FHIR_PACKAGE_CACHE;
      process.env.FHIR_PACKAGE_CACHE = cache;
    });
    after(() => {
      if (saved === undefined) delete process.env.FHIR_PACKAGE_CACHE;
      else process.env.FHIR_PACKAGE_CACHE = saved;
    });

    it('finds id#version and id@version in the cache FHIR_PACKAGE_CACHE names', () => {
      for (const spec of [`${PACKAGE.name}#${PACKAGE.version}`, `${PACKAGE.name}@${PACKAGE.version}`]) {
        const store = storeWith(spec);
        expect(store.get(valueSet('').url!)?.title).to.equal('from the cache');
        expect(store.sourceOf(valueSet('').url!)).to.match(new RegExp(`^${PACKAGE.name}#${PACKAGE.version} `));
      }
    });

    it('falls back to the npm copy of the project when the cache lacks the package', () => {
      expect(locatePackage('hl7.fhir.r5.core', '5.0.0', { projectDir: PROJECT_DIR })).to.equal(path.join(PROJECT_DIR, 'node_modules', 'hl7.fhir.r5.core'));
      expect(() => locatePackage('hl7.fhir.r5.core', '4.0.1', { projectDir: PROJECT_DIR })).to.throw(PackageNotFoundError);
    });

    it('a package in neither is a PackageNotFoundError naming it', () => {
      const e = sourceError('example.fhir.absent#2.0.0');
      expect(e).to.be.instanceOf(PackageNotFoundError);
      expect(e.message).to.equal(`example.fhir.absent#2.0.0: not in the FHIR package cache (${path.join(cache, 'example.fhir.absent#2.0.0', 'package')}) nor installed by npm`);
    });
  });

  it('parses package names: id#version and id@version, nothing else', () => {
    expect(parsePackageSpec('hl7.fhir.r5.core#5.0.0')).to.deep.equal({ id: 'hl7.fhir.r5.core', version: '5.0.0' });
    expect(parsePackageSpec('hl7.fhir.uv.extensions.r5@5.3.0-ballot-tc1')).to.deep.equal({ id: 'hl7.fhir.uv.extensions.r5', version: '5.3.0-ballot-tc1' });
    for (const text of ['hl7.fhir.r5.core', '../x#1', 'a#', '#1', 'a#1#2', 'dir/x.json']) expect(parsePackageSpec(text), text).to.equal(undefined);
  });

  it('later sources override earlier ones (an --ig value set replaces a package\'s)', () => {
    const dir = writePackageFolder(path.join(tmp, 'first'), [valueSet('first')], true);
    const file = path.join(tmp, 'second.json');
    fs.writeFileSync(file, JSON.stringify(valueSet('second')));
    const store = storeWith(dir);
    addSource(store, file);
    expect(store.get(valueSet('').url!)?.title).to.equal('second');
    expect(store.get(`${valueSet('').url!}|1.0.0`)?.title).to.equal('second');
  });

  describe('bad sources: a DefinitionSourceError in one line naming the source', () => {
    const write = (name: string, content: string | Buffer) => {
      const file = path.join(tmp, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    };

    it('a path that does not exist and is no package name', () => {
      expect(sourceError(path.join(tmp, 'nowhere')).message).to.match(/no such file or folder, and not a package id#version$/);
    });

    it('JSON that does not parse (no raw parser message over several lines)', () => {
      const file = write('broken.json', '{\n  "resourceType": "StructureDefinition",\n');
      expect(sourceError(file).message).to.match(new RegExp(`^${file}: not valid JSON: `));
    });

    it('JSON that is not a resource, given as a file', () => {
      expect(sourceError(write('array.json', '[1, 2]')).message).to.match(/holds no FHIR conformance resource$/);
    });

    it('XML that is not well-formed, with its line and column', () => {
      expect(sourceError(write('broken.xml', '<StructureDefinition xmlns="http://hl7.org/fhir">\n<url value="x">\n')).message).to.match(/: not well-formed XML at line \d+, column \d+/);
    });

    it('XML with a DOCTYPE (never expanded)', () => {
      expect(sourceError(write('doctype.xml', '<!DOCTYPE x [<!ENTITY e "x">]><ValueSet xmlns="http://hl7.org/fhir"/>')).message).to.match(/not well-formed XML/);
    });

    it('XML outside the FHIR namespace, or with what FHIR XML does not allow (text content)', () => {
      expect(sourceError(write('no-ns.xml', '<ValueSet><url value="http://x"/></ValueSet>')).message).to.match(/not a FHIR XML resource: .*not in the FHIR namespace/);
      expect(sourceError(write('text.xml', '<ValueSet xmlns="http://hl7.org/fhir">stray<url value="http://x"/></ValueSet>')).message).to.match(/not a FHIR XML resource: ValueSet: Text should not be present \('stray'\)/);
    });

    it('a package index that names a file outside the package', () => {
      const dir = writePackageFolder(path.join(tmp, 'escape'), [], false);
      fs.writeFileSync(path.join(dir, '.index.json'), JSON.stringify({ 'index-version': 2, files: [{ filename: '../secret.json', resourceType: 'ValueSet', url: 'http://x' }] }));
      expect(sourceError(dir).message).to.match(/\.index\.json: the package index names a file outside the package: "\.\.\/secret\.json"$/);
    });

    it('a folder whose package/ links back to itself is read once, not in circles', () => {
      const dir = path.join(tmp, 'loop');
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'ValueSet-loop.json'), JSON.stringify(valueSet('loop')));
      fs.symlinkSync('.', path.join(dir, 'package'));
      expect(storeWith(dir).get(valueSet('').url!)?.title).to.equal('loop');
    });

    it('a device or other file that is not a regular file', () => {
      expect(sourceError('/dev/null').message).to.equal('/dev/null is a character device: only regular files are read');
    });

    it('a package.tgz that is not one: not gzip, truncated, without package/package.json', () => {
      expect(sourceError(write('text.tgz', 'hello\n')).message).to.match(/not a readable package\.tgz \(TAR_BAD_ARCHIVE/);
      const good = fs.readFileSync(path.join(PROJECT_DIR, 'output', 'package.tgz'));
      expect(sourceError(write('truncated.tgz', good.subarray(0, 4000))).message).to.match(/not a readable package\.tgz/);
      const staging = path.join(tmp, 'no-manifest');
      fs.mkdirSync(path.join(staging, 'package'), { recursive: true });
      fs.writeFileSync(path.join(staging, 'package', 'ValueSet-x.json'), JSON.stringify(valueSet('x')));
      expect(sourceError(writeTgz(path.join(tmp, 'no-manifest.tgz'), staging)).message).to.match(/not a FHIR package: no package\/package\.json with name and version$/);
    });

    it('a package.tgz whose entries claim more than the cap is refused before anything is read', () => {
      const staging = path.join(tmp, 'bomb');
      writePackageFolder(path.join(staging, 'package'), [], false);
      const plain = path.join(tmp, 'bomb.tar');
      tar.c({ file: plain, cwd: staging, sync: true, portable: true }, ['package/package.json']);
      // The header says 8 GB (octal size field, then the checksum recomputed); the data is not there.
      const archive = fs.readFileSync(plain);
      archive.write('77777777777\0', 124, 'latin1');
      archive.fill(' ', 148, 156);
      let sum = 0;
      for (let i = 0; i < 512; i++) sum += archive[i];
      archive.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
      const bomb = write('bomb.tgz', zlib.gzipSync(archive));
      expect(sourceError(bomb).message).to.equal(`${bomb}: refused: it unpacks to more than ${MAX_PACKAGE_BYTES / 1024 / 1024} MB`);
    });

    it('a package.tgz with an entry that climbs out (..) or is absolute', () => {
      const staging = path.join(tmp, 'unsafe', 'root');
      writePackageFolder(path.join(staging, 'package'), [valueSet('unsafe')], true);
      fs.writeFileSync(path.join(tmp, 'unsafe', 'evil.json'), JSON.stringify(valueSet('evil')));
      const climbing = writeTgz(path.join(tmp, 'climbing.tgz'), staging, ['package', '../evil.json']);
      expect(sourceError(climbing).message).to.equal(`${climbing}: refused: unsafe entry path "../evil.json" (climbs out with ..)`);
      const absolute = writeTgz(path.join(tmp, 'absolute.tgz'), staging, ['package', path.join(tmp, 'unsafe', 'evil.json')]);
      expect(sourceError(absolute).message).to.match(/refused: unsafe entry path "\/.*evil\.json" \(absolute\)$/);
    });
  });
});
