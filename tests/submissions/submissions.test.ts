import { expect } from 'chai';
import * as path from 'node:path';
import { expandInputs, validateFile } from '../../src/validator/input/input-files';
import { PROJECT_DIR } from '../helpers/project';
import { errorsOf, validator } from '../validator/helpers';

const SUBMISSIONS = path.join(PROJECT_DIR, 'submissions');

describe('submissions/: every submitted resource is valid', () => {
  const files = expandInputs([SUBMISSIONS]);

  it('has at least one organisation with a submission', () => {
    expect(files.length).to.be.greaterThan(0);
    expect(files.every((f) => path.relative(SUBMISSIONS, f).includes(path.sep))).to.equal(true, 'files go in submissions/<organisation>/');
  });

  for (const file of files) {
    const name = path.relative(PROJECT_DIR, file);
    it(name, async () => {
      const result = await validateFile(validator(), file, []);
      const errors = errorsOf(result.issues).map((i) => `${name}:${i.position ? `${i.position.line}:${i.position.col}` : ''} ${i.severity} ${i.expression ?? '-'} ${i.message}`);
      expect(errors, errors.join('\n')).to.deep.equal([]);
    });
  }
});
