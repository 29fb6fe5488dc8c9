import { expect } from 'chai';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { createValidatorSync } from '../../../src/validator/validator';
import { validator } from '../helpers';

type Json = Record<string, any>;
const div = (html: string) => ({ status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${html}</div>` });
const patient = (contained: unknown, more: Json = {}): Json => ({ resourceType: 'Patient', id: 'p', text: div('x'), contained, ...more });
const org = (id: string | undefined, more: Json = {}): Json => ({ resourceType: 'Organization', ...(id === undefined ? {} : { id }), name: 'O', ...more });
const RULES = ['CONTAINED_ORPHAN_DOM3', 'Resource_RES_ID_Missing', 'RESOURCE_DUPLICATE_CONTAINED_ID', 'dom-3'];

const keyed = (issues: ValidationIssue[]) => issues.filter((i) => RULES.includes(i.rule ?? '')).map((i) => `${i.rule} ${i.severity} ${i.expression}`);

/** Each shape of contained resource, and what the HL7 validator (6.10.4) says of it. */
const CASES: [string, Json, string[]][] = [
  ['referenced by a Reference', patient([org('o')], { generalPractitioner: [{ reference: '#o' }] }), []],
  ['referenced by a canonical', { resourceType: 'Questionnaire', status: 'draft', text: div('q'), contained: [{ resourceType: 'ValueSet', id: 'vs', status: 'draft' }], item: [{ linkId: '1', text: 'q', type: 'coding', answerValueSet: '#vs' }] }, []],
  ['referenced by a uri (extension value)', patient([org('o')], { extension: [{ url: 'http://example.org/x', valueUri: '#o' }] }), []],
  ['referenced by a url (extension value)', patient([org('o')], { extension: [{ url: 'http://example.org/x', valueUrl: '#o' }] }), []],
  ['referenced by a narrative link', patient([org('o')], { text: div('seen at <a href="#o">the clinic</a>') }), []],
  ['referenced by a narrative image', patient([org('o')], { text: div("<img src='#o' alt='logo'/>") }), []],
  ['referring to its container', patient([org('o', { partOf: { reference: '#' } })]), []],
  ['referenced from a sibling that is referenced', patient([org('o'), org('o2', { partOf: { reference: '#o' } })], { generalPractitioner: [{ reference: '#o2' }] }), []],
  // "something in that resource (potentially another contained resource) has a reference to it": both are, by each other.
  ['two siblings referring to each other only', patient([org('a', { partOf: { reference: '#b' } }), org('b', { partOf: { reference: '#a' } })]), []],
  ['not referenced', patient([org('o'), org('o2')], { generalPractitioner: [{ reference: '#o' }] }), ['CONTAINED_ORPHAN_DOM3 error Patient.contained[1]']],
  ['referring only to itself', patient([org('o', { partOf: { reference: '#o' } })]), ['CONTAINED_ORPHAN_DOM3 error Patient.contained[0]']],
  ['named only by a string', patient([org('o')], { extension: [{ url: 'http://example.org/x', valueString: '#o' }] }), ['CONTAINED_ORPHAN_DOM3 error Patient.contained[0]']],
  ['named only by a narrative link to the top of the page', patient([org('o')], { text: div('<a href="#">top</a>') }), ['CONTAINED_ORPHAN_DOM3 error Patient.contained[0]']],
  ['without an id', patient([org(undefined)]), ['Resource_RES_ID_Missing error Patient.contained[0]']],
  ['with an id used twice', patient([org('o'), org('o')], { generalPractitioner: [{ reference: '#o' }] }), ['RESOURCE_DUPLICATE_CONTAINED_ID error Patient.contained[1]']],
];

describe('contained resources (dom-3 and ids, checked natively)', () => {
  for (const [name, resource, expected] of CASES) {
    it(name, () => {
      expect(keyed(validator().issues(structuredClone(resource)))).to.deep.equal(expected);
    });
  }

  it('gives the same verdicts with every other constraint on fhirpath.js (dom-3 is never evaluated as FHIRPath)', () => {
    const onFhirpath = createValidatorSync({ invariantEngine: 'fhirpath.js' });
    for (const [name, resource, expected] of CASES) expect(keyed(onFhirpath.issues(structuredClone(resource))), name).to.deep.equal(expected);
  });

  it('does not ask a contained resource for narrative (dom-6), only its container', () => {
    const issues = validator().issues({ resourceType: 'Patient', id: 'p', contained: [org('o')], managingOrganization: { reference: '#o' } });
    expect(issues.filter((i) => i.rule === 'dom-6').map((i) => i.expression)).to.deep.equal(['Patient']);
  });

  it('stays linear: 20,000 contained resources, each referenced, in a few seconds', () => {
    const n = 20_000;
    const contained = Array.from({ length: n }, (_, i) => org(`o${i}`));
    const resource = patient(contained, { generalPractitioner: contained.map((c) => ({ reference: `#${c.id}` })) });
    const started = Date.now();
    expect(keyed(validator().issues(resource))).to.deep.equal([]);
    expect(Date.now() - started).to.be.below(10_000);
  });

  it('meets contained items and Bundle entries of any JSON shape with issues, never an internal error', () => {
    const shapes: Json[] = [
      patient([1, 'x', null, [], { resourceType: 'Organization', id: 5 }, { resourceType: 'Organization', id: 'o', text: 'no div' }], { text: { div: 5 } }),
      { resourceType: 'Bundle', type: 'collection', entry: [1, 'x', null, { fullUrl: 5 }, { fullUrl: 'http://x.org/Patient/1', resource: 'p' }, { fullUrl: 'http://x.org/Patient/1', resource: { resourceType: 5 } }] },
      { resourceType: 'Bundle', type: 5, entry: [{ fullUrl: 'urn:uuid:1', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient?%zz=%E2%82', type: 7 } } }] },
    ];
    for (const resource of shapes) {
      const issues = validator().issues(resource);
      expect(issues.filter((i) => i.code === 'exception'), JSON.stringify(issues.filter((i) => i.severity === 'fatal'))).to.deep.equal([]);
    }
  });
});
