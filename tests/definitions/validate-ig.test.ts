import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DefinitionStore } from '../../src/definitions/definition-store';
import { installIntoCache } from '../../src/packages/fhir-package-cache';
import { CoreTypes } from '../../src/site/core-types';
import { FhirXmlSerializer } from '../../src/site/render/fhir-xml';
import { createValidatorSync, ValidatorSetupError } from '../../src/validator/validator';
import { runImgref } from '../helpers/cli';
import { birthDateProfile, coreStore, PACKAGE, PROFILE_URL, tempDir, temporaryCache, writePackageFolder, writeTgz } from './helpers';

const NO_BIRTH_DATE = { resourceType: 'Patient', id: 'p1' };
/** What the profile adds: the cardinality error is reported on the parent, naming the profile, as the HL7 validator does. */
const BIRTH_DATE_MISSING = `Patient birthDate: minimum required = 1, but only found 0 (from ${PROFILE_URL}|1.0.0)`;
const WITH_BIRTH_DATE = { resourceType: 'Patient', id: 'p2', birthDate: '1970-01-01' };

describe('imgref validate --ig: every kind of source, a clear error for a bad one', function () {
  this.timeout(60_000);
  let tmp: string;
  let cache: string;
  const sources: Record<string, string> = {};
  before(() => {
    tmp = tempDir();
    const profile = birthDateProfile();
    sources.json = path.join(tmp, 'profile.json');
    fs.writeFileSync(sources.json, JSON.stringify(profile));
    sources.xml = path.join(tmp, 'profile.xml');
    fs.writeFileSync(sources.xml, new FhirXmlSerializer(new CoreTypes(coreStore())).toXml(profile as never));
    sources.folder = path.join(tmp, 'folder');
    fs.mkdirSync(sources.folder);
    fs.copyFileSync(sources.xml, path.join(sources.folder, 'StructureDefinition-patient-with-birth-date.xml'));
    sources['package folder'] = writePackageFolder(path.join(tmp, 'pkg', 'package'), [profile], true);
    sources['package.tgz'] = writeTgz(path.join(tmp, 'package.tgz'), path.join(tmp, 'pkg'));
    cache = temporaryCache(path.join(tmp, 'cache'));
    installIntoCache(sources['package folder'], cache);
    sources['id#version'] = `${PACKAGE.name}#${PACKAGE.version}`;
    fs.writeFileSync(path.join(tmp, 'no-birth-date.json'), JSON.stringify(NO_BIRTH_DATE));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const kind of ['json', 'xml', 'folder', 'package folder', 'package.tgz', 'id#version']) {
    it(`loads a profile from a ${kind} source and validates against it`, () => {
      const validator = createValidatorSync({ igPaths: [sources[kind]], profiles: [PROFILE_URL], cacheDir: cache });
      const errors = validator.issues(NO_BIRTH_DATE).filter((i) => i.severity === 'error');
      expect(errors.map((e) => `${e.expression} ${e.message}`)).to.deep.equal([BIRTH_DATE_MISSING]);
      expect(validator.issues(WITH_BIRTH_DATE).filter((i) => i.severity === 'error')).to.deep.equal([]);
    });
  }

  it('without the source, the profile is unknown: a setup error', () => {
    expect(() => createValidatorSync({ profiles: [PROFILE_URL] })).to.throw(ValidatorSetupError, /unknown profile/);
  });

  it('a bad source is a ValidatorSetupError naming it', () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, '{"resourceType": ');
    expect(() => createValidatorSync({ igPaths: [bad] })).to.throw(ValidatorSetupError, new RegExp(`^${bad}: not valid JSON: `));
  });

  it('takes a ready store and reads no file (the browser, a server)', () => {
    const store = new DefinitionStore();
    const core = coreStore();
    for (const s of core.summaries('StructureDefinition')) store.addLazy(s, () => core.get(s.url)!, 'core', true);
    store.addResource(birthDateProfile(), 'memory');
    const validator = createValidatorSync({ definitions: store, profiles: [PROFILE_URL] });
    expect(validator.models.definitions).to.equal(store);
    // Neither the pinned packages nor the project's IG folder were added to it.
    expect(store.isKnownType('ImagingReference')).to.equal(false);
    expect(store.has('http://hl7.org/fhir/ValueSet/administrative-gender')).to.equal(false);
    expect(validator.issues(NO_BIRTH_DATE).filter((i) => i.severity === 'error').map((e) => `${e.expression} ${e.message}`)).to.deep.equal([BIRTH_DATE_MISSING]);
  });

  it('a ready store comes alone: with igPaths too it is a setup error, not a silent choice', () => {
    expect(() => createValidatorSync({ definitions: new DefinitionStore(), igPaths: [sources.json] })).to.throw(ValidatorSetupError, /either as a ready store or from igPaths/);
  });

  it('on the command line: id#version from the FHIR_PACKAGE_CACHE, an XML profile, exit 1 for the invalid Patient', () => {
    const input = path.join(tmp, 'no-birth-date.json');
    for (const ig of [sources['id#version'], sources.xml, sources['package.tgz']]) {
      const run = runImgref(['validate', '--ig', ig, '--profile', PROFILE_URL, input], { env: { FHIR_PACKAGE_CACHE: cache, NO_COLOR: '1' } });
      expect(run.status, run.stderr).to.equal(1);
      expect(run.stdout).to.include(`error Patient ${BIRTH_DATE_MISSING.slice('Patient '.length)}`);
    }
  });

  it('on the command line: a bad --ig is one line on stderr, exit 2, no stack trace', () => {
    const bad = path.join(tmp, 'bad-profile.json');
    fs.writeFileSync(bad, '{\n "resourceType": "StructureDefinition",\n');
    const notTgz = path.join(tmp, 'not.tgz');
    fs.writeFileSync(notTgz, 'hello');
    const cases: [string, RegExp][] = [
      [bad, new RegExp(`^imgref: ${bad}: not valid JSON: `)],
      [notTgz, /^imgref: .*not\.tgz: not a readable package\.tgz/],
      ['example.fhir.absent#1.0.0', /^imgref: example\.fhir\.absent#1\.0\.0: not in the FHIR package cache/],
      [path.join(tmp, 'absent.xml'), /^imgref: .*absent\.xml: no such file or folder, and not a package id#version$/],
    ];
    for (const [ig, message] of cases) {
      const run = runImgref(['validate', '--ig', ig, path.join(tmp, 'no-birth-date.json')], { env: { FHIR_PACKAGE_CACHE: cache } });
      expect(run.status, ig).to.equal(2);
      expect(run.stdout).to.equal('');
      const lines = run.stderr.trim().split('\n');
      expect(lines, run.stderr).to.have.length(1);
      expect(lines[0]).to.match(message);
    }
  });
});
