import { expect } from 'chai';
import { compileDom3, DOM_3_EXPRESSION, isDom3 } from '../../../src/validator/invariants/dom-3';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { createValidatorSync, type Validator } from '../../../src/validator/validator';
import { validator } from '../helpers';

type Json = Record<string, any>;
const narrative = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
const patient = (contained: unknown, more: Json = {}): Json => ({ resourceType: 'Patient', id: 'p', text: narrative, contained, ...more });
const org = (id: unknown, more: Json = {}): Json => ({ resourceType: 'Organization', id, name: 'O', ...more });

/** Every resource shape that decides dom-3 (and ref-1, which looks up the same contained ids). */
const CASES: [string, Json][] = [
  ['referenced by a Reference', patient([org('o')], { generalPractitioner: [{ reference: '#o' }] })],
  ['not referenced', patient([org('o'), org('o2')], { generalPractitioner: [{ reference: '#o' }] })],
  ['referring to its container', patient([org('o', { partOf: { reference: '#' } })])],
  ['referenced from a sibling', patient([org('o'), org('o2', { partOf: { reference: '#o' } })], { generalPractitioner: [{ reference: '#o2' }] })],
  ['referenced by a canonical', { resourceType: 'Questionnaire', status: 'draft', text: narrative, contained: [{ resourceType: 'ValueSet', id: 'vs', status: 'draft' }], item: [{ linkId: '1', text: 'q', type: 'coding', answerValueSet: '#vs' }] }],
  ['referenced by a uri extension', patient([org('o')], { extension: [{ url: 'http://example.org/x', valueUri: '#o' }] })],
  ['named only by an extension url (not a uri to dom-3)', patient([org('o')], { extension: [{ url: '#o', valueString: 'x' }] })],
  ['referenced from an unknown element', patient([org('o')], { foo: { reference: '#o' } })],
  ['without an id', patient([{ resourceType: 'Organization', name: 'O' }])],
  ['with an empty id', patient([org('')])],
  ['with a null id', patient([org(null)])],
  ['with a numeric id', patient([org(5)])],
  ['with a null item and an item that is not an object', patient([null, 'x', org('o')], { generalPractitioner: [{ reference: '#o' }] })],
  ['contained as a single object', patient(org('o'))],
  ['named by a string that is no reference, and a "#" that is none either', patient([org('o', { alias: ['#'] })], { extension: [{ url: 'http://example.org/x', valueString: '#o' }] })],
  ['a reference to a missing contained id', patient([org('o')], { generalPractitioner: [{ reference: '#o' }, { reference: '#nope' }] })],
];

const keyed = (issues: ValidationIssue[]) =>
  issues.filter((i) => i.rule === 'dom-3' || i.rule === 'ref-1').map((i) => `${i.rule} ${i.severity} ${i.expression}`);

describe('dom-3, evaluated natively', () => {
  let reference: Validator;
  let crossChecked: Validator;
  before(() => {
    reference = createValidatorSync({ invariantEngine: 'fhirpath.js' });
    crossChecked = createValidatorSync({ crossCheckFhirpath: true });
  });

  it('is used for the expression of the R5 package, whitespace aside', () => {
    expect(isDom3(DOM_3_EXPRESSION.replace(/ or /g, '\n  or '))).to.equal(true);
    expect(isDom3(DOM_3_EXPRESSION.replace("'#'", "'%'"))).to.equal(false);
  });

  it('gives the verdict of fhirpath.js on every shape of contained resource', () => {
    const verdicts = CASES.map(([name, resource]) => {
      const ours = keyed(validator().issues(structuredClone(resource)));
      expect(ours, name).to.deep.equal(keyed(reference.issues(structuredClone(resource))));
      crossChecked.issues(structuredClone(resource));
      return `${name}: ${ours.join(', ') || 'pass'}`;
    });
    expect(crossChecked.fhirpathDisagreements!.filter((d) => d.key === 'dom-3' || d.key === 'ref-1')).to.deep.equal([]);
    // The cases do test both outcomes.
    expect(verdicts.filter((v) => v.includes('dom-3 error'))).to.have.length.above(2);
    expect(verdicts.filter((v) => v.endsWith('pass'))).to.have.length.above(4);
  });

  it('says once that it cannot evaluate dom-3 when a contained id is not a string, as fhirpath.js cannot', () => {
    const issues = validator().issues(patient([org(5), org(6)]));
    expect(issues.filter((i) => i.rule === 'dom-3').map((i) => `${i.severity} ${i.code}`)).to.deep.equal(['information not-supported']);
  });

  it('reads a resource again at each validation: a contained id changed in between is seen (ref-1)', () => {
    const r = patient([org('o')], { generalPractitioner: [{ reference: '#o' }] });
    expect(keyed(validator().issues(r))).to.deep.equal([]);
    r.contained[0].id = 'renamed';
    expect(keyed(validator().issues(r))).to.deep.equal(['ref-1 error Patient.generalPractitioner[0]', 'dom-3 error Patient']);
  });

  it('checks 800 contained resources, each referenced or referring to its container, in linear time (20 s timeout when each one collected all references again)', () => {
    const contained = Array.from({ length: 800 }, (_, i) => org(`o${i}`, i % 2 ? { partOf: { reference: '#' } } : {}));
    const references = contained.filter((_, i) => i % 2 === 0).map((o) => ({ reference: `#${o.id}` }));
    const issues = validator().issues(patient([...contained, org('lonely')], { generalPractitioner: references }));
    expect(keyed(issues)).to.deep.equal(['dom-3 error Patient']);
  });

  it('spares the fhirpath.js walk when no string of the resource can match (a contained StructureDefinition took 1.4 s per MB)', () => {
    const compiled: string[] = [];
    const dom3 = compileDom3((expression) => {
      compiled.push(expression);
      return () => [];
    });
    const unreferenced = patient([org('o', { name: 'x'.repeat(1000) })]);
    expect(dom3([unreferenced], { resource: unreferenced, rootResource: unreferenced, context: unreferenced })).to.deep.equal([false]);
    expect(compiled).to.deep.equal([]);
    const referenced = patient([org('o')], { generalPractitioner: [{ reference: '#o' }] });
    dom3([referenced], { resource: referenced, rootResource: referenced, context: referenced });
    expect(compiled.length).to.be.greaterThan(0);
  });
});
