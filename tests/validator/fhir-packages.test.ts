import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pinnedPackageDirs } from '../../src/definitions/sources/project-definitions';
import { createValidatorSync } from '../../src/validator/validator';
import { errorsOf, summary } from './helpers';

/** ImplementationGuide-fhir.json in hl7.fhir.r5.core 5.0.0 lacks name and status (1..1): a defect of the package. */
const KNOWN_BAD = new Set(['ImplementationGuide-fhir.json']);

describe('validator on the FHIR packages\' own resources (2 of each type from each package)', function () {
  this.timeout(120_000);
  const samples: { dir: string; file: string }[] = [];
  for (const dir of pinnedPackageDirs()) {
    const perType = new Map<string, number>();
    for (const file of fs.readdirSync(dir).sort()) {
      if (!file.endsWith('.json') || file.startsWith('.') || file === 'package.json' || KNOWN_BAD.has(file)) continue;
      const type = file.slice(0, file.indexOf('-'));
      if ((perType.get(type) ?? 0) >= 2) continue;
      perType.set(type, (perType.get(type) ?? 0) + 1);
      samples.push({ dir, file });
    }
  }
  const validator = createValidatorSync({ crossCheckFhirpath: true });

  for (const { dir, file } of samples) {
    it(`${path.basename(path.dirname(dir))}: ${file} has no error`, () => {
      const issues = validator.issues(fs.readFileSync(path.join(dir, file), 'utf8'), { fileName: file });
      expect(errorsOf(issues), summary(issues)).to.deep.equal([]);
    });
  }

  it('and the fast FHIRPath compiler agreed with fhirpath.js on all of them', () => {
    // htmlChecks() is the narrative rule by design (see fast-fhirpath.test.ts).
    expect(validator.fhirpathDisagreements!.filter((d) => d.expression !== 'htmlChecks()')).to.deep.equal([]);
  });
});
