import { expect } from 'chai';
import * as path from 'node:path';
import { createValidatorSync, type Validator } from '../../../../src/validator/validator';
import { DiscriminatorPathError, evaluatePath, parseDiscriminatorPath } from '../../../../src/validator/rules/slicing/discriminator-path';
import { compileSlicing } from '../../../../src/validator/rules/slicing/slice-criteria';
import { assignSlices } from '../../../../src/validator/rules/slicing';
import { buildStructureModel } from '../../../../src/validator/model/element-node';
import { IssueCollector } from '../../../../src/validator/outcome/issue-collector';
import { ValueSetExpander } from '../../../../src/validator/rules/value-set-expander';
import { indexBundle } from '../../../../src/validator/rules/resource-frame';
import { BP, bloodPressure, bpComponent, errorsOf, FIXTURES, mmHg, summary, validator } from '../../helpers';

const qty = mmHg;
const component = bpComponent;
const bp = (components: unknown[]) => bloodPressure(components);

let withProfiles: Validator | undefined;
const profiled = () => (withProfiles ??= createValidatorSync({ igPaths: [path.join(FIXTURES, 'profiles')] }));

describe('slicing', () => {
  describe('discriminator paths', () => {
    it('parses names, $this, ofType(), extension(\'url\') and resolve(), and refuses anything else', () => {
      expect(parseDiscriminatorPath("extension('http://a.org/x.y').value.ofType(Quantity)")).to.deep.equal([
        { kind: 'extension', url: 'http://a.org/x.y' },
        { kind: 'name', name: 'value' },
        { kind: 'ofType', type: 'Quantity' },
      ]);
      expect(parseDiscriminatorPath('$this')).to.deep.equal([{ kind: 'this' }]);
      expect(parseDiscriminatorPath('item.resolve()')).to.deep.equal([{ kind: 'name', name: 'item' }, { kind: 'resolve' }]);
      expect(() => parseDiscriminatorPath('code.where(system = 1)')).to.throw(DiscriminatorPathError, /where/);
    });

    it('selects choice values by type, extensions by url, and resolves references in the Bundle', () => {
      const models = validator().models;
      const item = { extension: [{ url: 'http://a.org/x', valueQuantity: { value: 1 } }, { url: 'http://a.org/y', valueString: 's' }] };
      const frame = { resource: item, root: item };
      const quantities = evaluatePath(parseDiscriminatorPath("extension('http://a.org/x').value.ofType(Quantity)"), { value: item }, frame, models);
      expect(quantities).to.deep.equal([{ value: { value: 1 }, type: 'Quantity' }]);
      expect(evaluatePath(parseDiscriminatorPath("extension('http://a.org/y').value.ofType(Quantity)"), { value: item }, frame, models)).to.deep.equal([]);
      const strings = evaluatePath(parseDiscriminatorPath("extension('http://a.org/y').value"), { value: item }, frame, models);
      expect(strings[0].type).to.equal('string');
      const bundle = { resourceType: 'Bundle', entry: [{ fullUrl: 'urn:uuid:1', resource: { resourceType: 'Patient', id: 'p' } }] };
      const bundleFrame = { resource: bundle, root: bundle, bundle: indexBundle(bundle) };
      const resolved = evaluatePath(parseDiscriminatorPath('resolve()'), { value: { reference: 'urn:uuid:1' }, type: 'Reference' }, bundleFrame, models);
      expect(resolved.map((r) => r.type)).to.deep.equal(['Patient']);
      expect(evaluatePath(parseDiscriminatorPath('resolve()'), { value: { reference: 'urn:uuid:2' } }, bundleFrame, models)).to.deep.equal([]);
    });
  });

  describe('the R5 blood pressure profile', () => {
    it('puts components in their slice by code and walks them against it (fixed unit, closed value[x])', () => {
      const good = validator().issues(bp([component('8480-6', 120), component('8462-4', 80)]));
      expect(errorsOf(good), summary(good)).to.deep.equal([]);
      const badUnit = bp([component('8480-6', 120), component('8462-4', 80)]);
      (badUnit.component[1] as any).valueQuantity.code = 'mmHg';
      const issues = validator().issues(badUnit);
      // mmHg is not UCUM (mm[Hg] is, as the HL7 validator's UCUM library says too), nor in the profile's required ucum-vitals-common.
      expect(errorsOf(issues).map((i) => `${i.expression} ${i.rule}`)).to.have.members([
        'Observation.component[1].valueQuantity.code Unknown_Code_in',
        'Observation.component[1].valueQuantity.code profile-fixed',
        'Observation.component[1].valueQuantity binding-required',
      ]);
    });

    it('reports a missing slice and a slice over its max on the Observation, naming the slice and the profile', () => {
      const issues = errorsOf(validator().issues(bp([component('8480-6', 120), component('8480-6', 121)])));
      expect(issues.map((i) => [i.expression, i.rule, i.message])).to.deep.equal([
        ['Observation', 'slicing-max', `Observation.component:SystolicBP: max allowed = 1, but found 2 (from ${BP}|5.0.0)`],
        [
          'Observation',
          'slicing-min',
          `Slice 'Observation.component:DiastolicBP': a matching slice is required, but not found (from ${BP}|5.0.0). Note that other slices are allowed in addition to this required slice`,
        ],
      ]);
    });

    it('forbids Observation.value[x] as Quantity (its slice valueQuantity has max 0)', () => {
      const r: Record<string, unknown> = bp([component('8480-6', 120), component('8462-4', 80)]);
      r.valueQuantity = qty(1);
      expect(errorsOf(validator().issues(r)).map((i) => i.message)).to.deep.equal([`Observation.value[x]:valueQuantity: max allowed = 0, but found 1 (from ${BP}|5.0.0)`]);
    });

    it('compiles each slicing once, and matches 20,000 components in items x slices tests', () => {
      const model = validator().models.model(BP)!;
      const sliced = model.byPath.get('Observation.component')!;
      expect(compileSlicing(sliced, validator().models)).to.equal(compileSlicing(sliced, validator().models));
      const many = [component('8480-6', 120), component('8462-4', 80)];
      for (let i = 0; i < 20_000; i++) many.push(component('8478-0', 90));
      // Matching each item against every slice is 40,000 tests; anything quadratic in the items would exceed mocha's timeout.
      const issues = validator().issues(bp(many));
      expect(errorsOf(issues), summary(issues.slice(0, 5))).to.deep.equal([]);
    });
  });

  describe('rules', () => {
    const patient = (extra: Record<string, unknown>, profile = 'slicing-patient-reslice') => ({
      resourceType: 'Patient',
      meta: { profile: [`http://example.org/fhir/StructureDefinition/${profile}`] },
      identifier: [{ use: 'official', system: 'http://example.org/mrn', value: '1' }],
      address: [{ use: 'home' }],
      ...extra,
    });
    const rulesOf = (r: unknown) => errorsOf(profiled().issues(r)).map((i) => `${i.expression} ${i.rule}`);

    it('re-slicing: a slice and its re-slice both matching is not ambiguous; an item in no re-slice of a closed re-slicing is an error', () => {
      expect(rulesOf(patient({}))).to.deep.equal([]);
      expect(rulesOf(patient({ identifier: [{ use: 'official', system: 'http://example.org/mrn' }, { use: 'temp', system: 'http://example.org/mrn' }] }))).to.deep.equal(['Patient.identifier[1] slicing-closed']);
    });

    it('openAtEnd: an item in no slice may only come after the sliced ones', () => {
      const other = { system: 'http://example.org/other' };
      const mrn = { use: 'official', system: 'http://example.org/mrn' };
      expect(rulesOf(patient({ identifier: [mrn, other] }))).to.deep.equal([]);
      expect(rulesOf(patient({ identifier: [other, mrn] }))).to.deep.equal(['Patient.identifier[1] slicing-open-at-end']);
    });

    it('an item that matches two slices is an error; exists and position discriminators', () => {
      const p = (extra: Record<string, unknown>) => patient(extra, 'slicing-patient');
      expect(rulesOf(p({ telecom: [{ system: 'email', value: 'a@example.org' }] }))).to.deep.equal([]);
      expect(rulesOf(p({ telecom: [{ system: 'phone', use: 'mobile' }] }))).to.deep.equal(['Patient.telecom[0] slicing-ambiguous']);
      expect(rulesOf(p({ name: [{ family: 'A' }, { family: 'B' }] }))).to.deep.equal(['Patient slicing-max']);
      expect(rulesOf(p({ name: [{ family: 'A' }, { given: ['B'] }] }))).to.deep.equal([]);
      expect(rulesOf(p({ address: [{ use: 'work' }, { use: 'home' }] }))).to.deep.equal(['Patient.address[0].use profile-fixed']);
    });

    it('a value discriminator on an element the slice binds (required) matches the codes of its value set', () => {
      const p = (contact: unknown[]) => patient({ contact }, 'slicing-patient');
      expect(rulesOf(p([{ gender: 'other', name: { family: 'A' } }]))).to.deep.equal([]);
      expect(rulesOf(p([{ gender: 'other', name: { family: 'A' } }, { gender: 'neither', name: { family: 'B' } }]))).to.include('Patient.contact[1] slicing-closed');
      expect(rulesOf(p([{ name: { family: 'Roe' } }]))).to.deep.equal(['Patient.contact[0] slicing-closed']);
    });
  });

  describe('slicings that cannot be evaluated', () => {
    /** A minimal snapshot: Patient.identifier sliced as given, with one required slice `a` whose system is as given. */
    const sliced = (slicing: unknown, system: Record<string, unknown>) =>
      buildStructureModel({
        resourceType: 'StructureDefinition',
        url: 'http://example.org/fhir/StructureDefinition/t',
        type: 'Patient',
        kind: 'resource',
        snapshot: {
          element: [
            { id: 'Patient', path: 'Patient', min: 0, max: '*' },
            { id: 'Patient.identifier', path: 'Patient.identifier', min: 0, max: '*', type: [{ code: 'Identifier' }], slicing },
            { id: 'Patient.identifier:a', path: 'Patient.identifier', sliceName: 'a', min: 1, max: '1', type: [{ code: 'Identifier' }] },
            { id: 'Patient.identifier:a.system', path: 'Patient.identifier.system', min: 1, max: '1', type: [{ code: 'uri' }], ...system },
          ],
        },
      } as any).byPath.get('Patient.identifier')!;
    const run = (node: ReturnType<typeof sliced>, items: unknown[]) => {
      const out = new IssueCollector();
      const frame = { resource: {}, root: {} };
      const host = { models: validator().models, expander: new ValueSetExpander(validator().models.definitions), conformsTo: () => false };
      assignSlices({ sliced: node, items, itemExpression: (i) => `Patient.identifier[${i}]`, itemSite: () => ({}), parentExpression: 'Patient', parentSite: {}, frame }, host, out);
      return out.issues.map((i) => `${i.expression} ${i.rule}`);
    };

    it('without a discriminator no item is in a slice: closed slicing rejects each, and required slices are missing', () => {
      expect(run(sliced({ rules: 'closed' }, { fixedUri: 'http://x' }), [{ system: 'http://x' }])).to.deep.equal(['Patient.identifier[0] slicing-closed', 'Patient slicing-min']);
    });

    it('a discriminator the slice does not fix is reported at each item, and the slicing is not checked further', () => {
      const node = sliced({ rules: 'closed', discriminator: [{ type: 'value', path: 'system' }] }, {});
      expect(run(node, [{ system: 'http://x' }, { system: 'http://y' }])).to.deep.equal(['Patient.identifier[0] slicing-unevaluable', 'Patient.identifier[1] slicing-unevaluable']);
      expect(run(sliced({ rules: 'closed', discriminator: [{ type: 'value', path: 'system.where(true)' }] }, { fixedUri: 'http://x' }), [{}])).to.deep.equal(['Patient.identifier[0] slicing-unevaluable']);
    });
  });
});
