import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pinnedPackageDirs } from '../../src/validator/loading/definition-registry';
import { createValidatorSync } from '../../src/validator/validator';
import { errorsOf, summary } from './helpers';

/** ImplementationGuide-fhir.json in hl7.fhir.r5.core 5.0.0 lacks name and status (1..1): a defect of the package. */
const KNOWN_BAD = new Set(['ImplementationGuide-fhir.json']);

describe('validator on the R5 core package\'s own resources (2 of each type)', function () {
  this.timeout(120_000);
  const dir = pinnedPackageDirs()[0];
  const byType = new Map<string, string[]>();
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.json') || f.startsWith('.') || f === 'package.json' || KNOWN_BAD.has(f)) continue;
    const type = f.slice(0, f.indexOf('-'));
    if (!byType.has(type)) byType.set(type, []);
    if (byType.get(type)!.length < 2) byType.get(type)!.push(f);
  }
  const validator = createValidatorSync({ crossCheckFhirpath: true });

  for (const files of byType.values()) {
    for (const file of files) {
      it(`${file} has no error`, () => {
        const issues = validator.issues(fs.readFileSync(path.join(dir, file), 'utf8'), { fileName: file });
        expect(errorsOf(issues), summary(issues)).to.deep.equal([]);
      });
    }
  }

  it('and the fast FHIRPath compiler agreed with fhirpath.js on all of them', () => {
    expect(validator.fhirpathDisagreements).to.deep.equal([]);
  });
});
