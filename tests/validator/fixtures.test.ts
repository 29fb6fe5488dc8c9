import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createValidatorSync, type Validator } from '../../src/validator/validator';
import { errorsOf, FIXTURES, summary } from './helpers';

interface Expectation {
  expression: string | null;
  code: string;
}

const expected: Record<string, Expectation[]> = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8'));
const validFiles = fs.readdirSync(path.join(FIXTURES, 'valid')).sort();

let shared: Validator | undefined;
/** With the fixture profiles loaded (as `npm run oracle` loads them for both validators). */
function validator(): Validator {
  shared ??= createValidatorSync({ igPaths: [path.join(FIXTURES, 'profiles')] });
  return shared;
}

describe('validator fixtures (tests/fixtures/validator)', () => {
  it('has at least 60 invalid and 20 valid fixtures, in JSON and XML', () => {
    const invalidFiles = fs.readdirSync(path.join(FIXTURES, 'invalid'));
    expect(invalidFiles.length).to.be.at.least(60);
    expect(Object.keys(expected).sort()).to.deep.equal(invalidFiles.map((f) => `invalid/${f}`).sort());
    expect(validFiles.length).to.be.at.least(20);
    for (const files of [invalidFiles, validFiles]) {
      expect(files.some((f) => f.endsWith('.xml'))).to.equal(true);
      expect(files.some((f) => f.endsWith('.json'))).to.equal(true);
    }
  });

  describe('invalid: each gives the declared error', () => {
    for (const [file, expectations] of Object.entries(expected)) {
      it(file, () => {
        const issues = validator().issues(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), { fileName: file });
        for (const e of expectations) {
          const hit = errorsOf(issues).find((i) => (i.expression ?? null) === e.expression && i.code === e.code);
          expect(hit, `expected an error ${e.code} at ${e.expression}; got:\n${summary(issues)}`).to.not.equal(undefined);
        }
      });
    }
  });

  describe('valid: no error or fatal issue', () => {
    for (const file of validFiles) {
      it(file, () => {
        const issues = validator().issues(fs.readFileSync(path.join(FIXTURES, 'valid', file), 'utf8'), { fileName: file });
        expect(errorsOf(issues), summary(issues)).to.deep.equal([]);
      });
    }
  });
});
