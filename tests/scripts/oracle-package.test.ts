import { expect } from 'chai';
import * as path from 'node:path';
import { errorsOf, withInstanceIdAndExtension } from '../../scripts/oracle/package-check';
import { createValidatorSync } from '../../src/validator/validator';
import { generatedById } from '../helpers/project';
import { OUTPUT_DIR } from '../helpers/site';

// Our side of `npm run oracle -- --package` (the HL7 side needs the JVM and is not run by npm test).
describe('oracle --package: the instance it adds, and how it reads outcomes', () => {
  const example = generatedById('ImagingReference', 'key-image-note');
  const extended = withInstanceIdAndExtension(example);

  it('gives the first instance an id and an extension and keeps the rest of the example', () => {
    const [first, ...rest] = extended.instance as Record<string, unknown>[];
    expect(first.id).to.equal('slice-41');
    expect(first.extension).to.have.length(1);
    expect(rest).to.deep.equal((example.instance as unknown[]).slice(1));
    expect(extended.studyUid).to.equal(example.studyUid);
  });

  it('is valid for our validator with output/package.tgz loaded as an IG', () => {
    const validator = createValidatorSync({ igPaths: [path.join(OUTPUT_DIR, 'package.tgz')] });
    const errors = validator.issues(extended).filter((i) => i.severity === 'error' || i.severity === 'fatal');
    expect(errors.map((e) => `${e.expression} ${e.message}`)).to.deep.equal([]);
  });

  it('counts error and fatal issues only, with their location', () => {
    expect(errorsOf({ issue: [{ severity: 'error', code: 'structure', expression: ['ImagingReference.instance[0]'], details: { text: "Unrecognized property 'id'" } }, { severity: 'warning', code: 'x' }] })).to.deep.equal(["ImagingReference.instance[0]: Unrecognized property 'id'"]);
    expect(errorsOf(undefined)).to.deep.equal(['no outcome']);
  });
});
