// The R5 core vital-signs profiles (bp on vitalsigns) once more, stripped to their differentials: the
// snapshots the project generates must give the slicing fixtures the same errors as the published ones.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { locatePackage } from '../../../src/definitions/sources/package-locator';
import { createValidatorSync, type Validator } from '../../../src/validator/validator';
import { errorsOf, FIXTURES } from '../helpers';

const CORE_PROFILES = ['StructureDefinition-bp.json', 'StructureDefinition-vitalsigns.json'];
const fingerprint = (v: Validator, file: string) =>
  errorsOf(v.issues(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), { fileName: file }))
    .map((i) => `${i.severity} ${i.code} ${i.expression} ${i.rule} ${i.message}`)
    .sort();

describe('validator: the R5 bp and vitalsigns profiles as differentials only give the verdicts of their published snapshots', function () {
  this.timeout(120_000);
  let dir: string;
  let published: Validator;
  let generated: Validator;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-differential-'));
    const core = locatePackage('hl7.fhir.r5.core', '5.0.0');
    for (const name of CORE_PROFILES) {
      const sd = JSON.parse(fs.readFileSync(path.join(core, name), 'utf8'));
      delete sd.snapshot;
      fs.writeFileSync(path.join(dir, name), JSON.stringify(sd));
    }
    const fixtureProfiles = path.join(FIXTURES, 'profiles');
    published = createValidatorSync({ igPaths: [fixtureProfiles] });
    // A later source replaces the core definition of the same URL: these have no snapshot.
    generated = createValidatorSync({ igPaths: [fixtureProfiles, dir] });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const files = ['valid', 'invalid'].flatMap((kind) => fs.readdirSync(path.join(FIXTURES, kind)).filter((f) => /^slicing-(bp|vitalsigns)-/.test(f) || /^slicing-bp\./.test(f)).map((f) => `${kind}/${f}`));

  it('loads the profiles without their snapshots', () => {
    const models = (generated as unknown as { context: { models: { definitions: { get(u: string): { snapshot?: unknown } | undefined } } } }).context.models;
    expect(models.definitions.get('http://hl7.org/fhir/StructureDefinition/bp')?.snapshot).to.equal(undefined);
    expect(files.length).to.be.at.least(6);
  });

  for (const file of files) {
    it(file, () => {
      const expected = fingerprint(published, file);
      expect(fingerprint(generated, file)).to.deep.equal(expected);
      if (file.startsWith('invalid/')) expect(expected.length).to.be.greaterThan(0);
    });
  }
});
