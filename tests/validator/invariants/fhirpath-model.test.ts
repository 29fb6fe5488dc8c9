import { expect } from 'chai';
import * as path from 'node:path';
import { ConstraintEvaluator } from '../../../src/validator/invariants/constraint-evaluator';
import { extendedR5Model } from '../../../src/validator/invariants/fhirpath-model';
import { DefinitionStore } from '../../../src/definitions/definition-store';
import { addSource } from '../../../src/definitions/sources';
import { PROJECT_DIR } from '../../helpers/project';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const fhirpath = require('fhirpath');

describe('the fhirpath.js R5 model extended with the IG types', () => {
  const registry = new DefinitionStore();
  addSource(registry, path.join(PROJECT_DIR, 'fsh-generated', 'resources'));
  const model = extendedR5Model(registry);
  const plain = require('fhirpath/fhir-context/r5');
  const instance = { uid: '1.2', frameNumber: [1] };

  it('knows the types of ImagingReference elements, which the plain R5 model does not', () => {
    const base = 'ImagingReference.instance';
    expect(fhirpath.evaluate(instance, { base, expression: 'uid is id and frameNumber is positiveInt' }, null, model)).to.deep.equal([true]);
    expect(fhirpath.evaluate(instance, { base, expression: 'uid is id' }, null, plain)).to.deep.equal([false]);
    expect(fhirpath.evaluate({ resourceType: 'ImagingReference' }, '%resource is DomainResource', { resource: { resourceType: 'ImagingReference' } }, model)).to.deep.equal([true]);
  });

  it('leaves the shared R5 model untouched', () => {
    expect(plain.path2Type['ImagingReference.instance.uid']).to.equal(undefined);
    expect(model.path2Type['Patient.birthDate']).to.equal('date');
  });

  it('is what the constraint evaluator uses for expressions outside the fast subset', () => {
    const evaluator = new ConstraintEvaluator(() => model);
    const constraint = { key: 't-1', severity: 'error' as const, human: 't', expression: 'uid is id', path: 'ImagingReference.instance' };
    expect(evaluator.evaluate(constraint, constraint.path, instance, {}, {})).to.equal('pass');
    expect(new ConstraintEvaluator(() => plain).evaluate(constraint, constraint.path, instance, {}, {})).to.equal('fail');
  });
});
