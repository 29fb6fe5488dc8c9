import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createValidatorSync, type Validator } from '../../../src/validator/validator';
import { summary, validator } from '../helpers';

const LIBRARY = 'http://example.org/fhir/Library/imaging-logic';
const measure = (extra: Record<string, unknown>, language = 'text/cql') => ({
  resourceType: 'Measure',
  status: 'draft',
  group: [{ population: [{ criteria: { language, expression: 'Initial Population' } }], stratifier: [{ component: [{ criteria: { language, expression: 'Age' } }] }] }],
  ...extra,
});
const cqlErrors = (resource: object, v: Validator = validator()) => v.issues(resource).filter((i) => i.rule === 'MEASURE_M_CRITERIA_CQL_NO_LIB');

describe('Measure: CQL criteria need a Library (rules/measure)', () => {
  let withLibrary: Validator;
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'measure-lib-'));
    const library = { resourceType: 'Library', id: 'imaging-logic', url: LIBRARY, status: 'draft', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/library-type', code: 'logic-library' }] } };
    fs.writeFileSync(path.join(dir, 'Library-imaging-logic.json'), JSON.stringify(library));
    withLibrary = createValidatorSync({ igPaths: [dir] });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rejects CQL criteria when the Measure names no loaded Library, at each criteria', () => {
    expect(cqlErrors(measure({})).map((i) => i.expression)).to.deep.equal(['Measure.group[0].population[0].criteria', 'Measure.group[0].stratifier[0].component[0].criteria']);
    expect(cqlErrors(measure({ library: ['http://example.org/Library/not-loaded'] }))).to.have.length(2);
  });

  it('accepts other languages, and CQL with a loaded Library', () => {
    expect(cqlErrors(measure({}, 'text/fhirpath'))).to.deep.equal([]);
    const named = measure({ library: [LIBRARY] });
    expect(cqlErrors(named, withLibrary), summary(withLibrary.issues(named))).to.deep.equal([]);
    expect(cqlErrors(named)).to.have.length(2);
  });
});
