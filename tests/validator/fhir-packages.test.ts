import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pinnedPackageDirs } from '../../src/definitions/sources/project-definitions';
import { createValidatorSync } from '../../src/validator/validator';
import { errorsOf, summary } from './helpers';

/** ImplementationGuide-fhir.json in hl7.fhir.r5.core 5.0.0 lacks name and status (1..1): a defect of the package. */
const KNOWN_BAD = new Set(['ImplementationGuide-fhir.json']);
/**
 * URLs in HL7's space that the pinned packages use and none of them defines: defects of the package set, which the
 * HL7 validator reports the same way (Type_Specific_Checks_DT_URL_Resolve). Every core StructureDefinition carries
 * structuredefinition-implements.
 */
const DANGLING = [
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-implements',
  'http://hl7.org/fhir/StructureDefinition/implementationguide-page',
  'http://terminology.hl7.org/CodeSystem/restful-security-service',
];
const isDangling = (i: { rule?: string; message: string }) => i.rule === 'Type_Specific_Checks_DT_URL_Resolve' && DANGLING.some((u) => i.message.includes(`of ${u} is`));

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
      expect(errorsOf(issues).filter((i) => !isDangling(i)), summary(issues)).to.deep.equal([]);
    });
  }

  it('and the fast FHIRPath compiler agreed with fhirpath.js on all of them', () => {
    // htmlChecks() is the narrative rule by design (see fast-fhirpath.test.ts).
    expect(validator.fhirpathDisagreements!.filter((d) => d.expression !== 'htmlChecks()')).to.deep.equal([]);
  });
});
