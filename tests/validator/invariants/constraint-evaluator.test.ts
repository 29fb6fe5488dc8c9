import { expect } from 'chai';
import { ConstraintEvaluator } from '../../../src/validator/invariants/constraint-evaluator';

describe('ConstraintEvaluator', () => {
  it('reports a constraint nested too deeply for the recursion of the compiler as not evaluable, instead of throwing', () => {
    // Deep enough that no JIT state lets fhirpath.js's parser through (5,000 did, late in a full test run).
    const expression = `${'('.repeat(100_000)}a${')'.repeat(100_000)}`;
    const constraint = { key: 'x-1', severity: 'error' as const, human: 'x', expression, path: 'Patient' };
    const outcome = new ConstraintEvaluator(() => require('fhirpath/fhir-context/r5')).evaluate(constraint, 'Patient', { resourceType: 'Patient' }, {}, {});
    expect(outcome).to.have.property('error').that.is.a('string');
  });
});
