import { expect } from 'chai';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { validator } from '../helpers';

type Json = Record<string, any>;
const narrative = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
const EX = 'http://example.org/fhir/StructureDefinition/';

function profile(type: string, elements: Json[], more: Json = {}): Json {
  return {
    resourceType: 'StructureDefinition', id: 'p', text: narrative, url: `${EX}p`, name: 'P', status: 'draft', fhirVersion: '5.0.0', kind: 'resource', abstract: false,
    type, baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`, derivation: 'constraint', differential: { element: [{ id: type, path: type }, ...elements] }, ...more,
  };
}

function extension(contexts: Json[], urlElement: Json | null = { id: 'Extension.url', path: 'Extension.url', fixedUri: `${EX}x` }, more: Json = {}): Json {
  const elements = [{ id: 'Extension', path: 'Extension', short: 'x', definition: 'x' }, { id: 'Extension.extension', path: 'Extension.extension', max: '0' }, ...(urlElement ? [urlElement] : []), { id: 'Extension.value[x]', path: 'Extension.value[x]', type: [{ code: 'string' }] }];
  return {
    resourceType: 'StructureDefinition', id: 'x', text: narrative, url: `${EX}x`, name: 'X', status: 'draft', fhirVersion: '5.0.0', kind: 'complex-type', abstract: false, context: contexts,
    type: 'Extension', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension', derivation: 'constraint', differential: { element: elements }, ...more,
  };
}

const element = (expression: string) => ({ type: 'element', expression });
const keyed = (issues: ValidationIssue[], prefix: RegExp) => issues.filter((i) => prefix.test(i.rule ?? '')).map((i) => `${i.rule} ${i.severity} ${i.expression}`);

describe('StructureDefinition authoring rules', () => {
  describe('extension contexts', () => {
    const rules = /^SD_(CONTEXT|NO_CONTEXT)/;

    it('accepts types, paths through element types, choice elements by their [x] name, CanonicalResource and url#path', () => {
      const sd = extension(['Patient', 'Patient.contact.name.family', 'Observation.value[x]', 'Observation.value', 'Questionnaire.item.item', 'CanonicalResource.url', 'http://hl7.org/fhir/StructureDefinition/Extension#Extension.value[x]'].map(element));
      expect(keyed(validator().issues(sd), rules)).to.deep.equal([]);
    });

    it('rejects a path that names no element, or a type-specific name of a choice element (as the HL7 validator)', () => {
      const sd = extension(['Patient.contact.nickname', 'HumanName.nickname', 'Observation.valueString', 'Nothing', 'http://example.org/none#X'].map(element));
      expect(keyed(validator().issues(sd), rules)).to.deep.equal([0, 1, 2, 3, 4].map((i) => `SD_CONTEXT_SHOULD_ELEMENT_NOT_FOUND error StructureDefinition.context[${i}]`));
    });

    it('does not check a context limited to other FHIR versions, whose packages are not loaded', () => {
      const sd = extension([{ ...element('Patient.animal'), extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/version-specific-use', extension: [{ url: 'startFhirVersion', valueCode: '4.0.1' }] }] }]);
      expect(keyed(validator().issues(sd), rules)).to.deep.equal([]);
    });

    it('warns about an Element context and a fhirpath context that is a plain path', () => {
      const sd = extension([element('Element'), { type: 'fhirpath', expression: 'Patient.name' }, { type: 'fhirpath', expression: "Patient.name.where(use = 'official')" }]);
      expect(keyed(validator().issues(sd), rules)).to.deep.equal(['SD_CONTEXT_SHOULD_NOT_BE_ELEMENT warning StructureDefinition.context[0]', 'SD_CONTEXT_SHOULD_NOT_BE_FHIRPATH warning StructureDefinition.context[1]']);
    });

    it('rejects a context, or a context invariant, on anything but an extension', () => {
      const sd = profile('Patient', [], { context: [element('Patient')], contextInvariant: ['true'] });
      expect(keyed(validator().issues(sd), rules)).to.deep.equal(['SD_NO_CONTEXT_WHEN_NOT_EXTENSION error StructureDefinition.context[0]', 'SD_NO_CONTEXT_INV_WHEN_NOT_EXTENSION error StructureDefinition.contextInvariant[0]']);
    });
  });

  describe('meaningWhenMissing in a profile (SD_ELEMENT_NOT_IN_CONSTRAINT)', () => {
    it('is an error on an element of a profile', () => {
      const sd = profile('Patient', [{ id: 'Patient.active', path: 'Patient.active', meaningWhenMissing: 'active' }]);
      expect(keyed(validator().issues(sd), /^SD_ELEMENT_NOT_IN_CONSTRAINT$/)).to.deep.equal(['SD_ELEMENT_NOT_IN_CONSTRAINT error StructureDefinition.differential.element[1]']);
    });

    it('is allowed on the root of an extension and on extension elements', () => {
      const sd = extension([element('Patient')]);
      sd.differential.element[0].meaningWhenMissing = 'no nickname';
      expect(keyed(validator().issues(sd), /^SD_ELEMENT_NOT_IN_CONSTRAINT$/)).to.deep.equal([]);
      const p = profile('Patient', [{ id: 'Patient.extension', path: 'Patient.extension', meaningWhenMissing: 'none' }]);
      expect(keyed(validator().issues(p), /^SD_ELEMENT_NOT_IN_CONSTRAINT$/)).to.deep.equal([]);
    });
  });

  describe('Extension.url fixed to the extension url', () => {
    it('accepts the url fixed to the canonical url', () => {
      expect(keyed(validator().issues(extension([element('Patient')])), /^SD_EXTENSION_URL/)).to.deep.equal([]);
    });

    it('rejects another fixed url, and no fixed url', () => {
      const other = extension([element('Patient')], { id: 'Extension.url', path: 'Extension.url', fixedUri: `${EX}other` });
      expect(keyed(validator().issues(other), /^SD_EXTENSION_URL/)).to.deep.equal(['SD_EXTENSION_URL_MISMATCH error StructureDefinition']);
      expect(keyed(validator().issues(extension([element('Patient')], null)), /^SD_EXTENSION_URL/)).to.deep.equal(['SD_EXTENSION_URL_MISSING error StructureDefinition']);
    });
  });

  describe('constraint keys', () => {
    const rules = /^ED_INVARIANT/;
    const c = (key: string, expression: string, source?: string) => ({ key, severity: 'error', human: 'h', expression, ...(source ? { source } : {}) });

    it('accepts a new key, and an inherited constraint restated with its expression', () => {
      const dom2 = validator().models.model('http://hl7.org/fhir/StructureDefinition/Patient')!.root.constraints.find((k) => k.key === 'dom-2')!;
      const sd = profile('Patient', [{ id: 'Patient.name', path: 'Patient.name', constraint: [c('pn-1', 'family.exists()', `${EX}p`)] }]);
      sd.differential.element[0].constraint = [c('dom-2', dom2.expression)];
      expect(keyed(validator().issues(sd), rules)).to.deep.equal([]);
    });

    it('rejects a key the base or another type uses with another expression, or the differential uses twice', () => {
      const sd = profile('Patient', [
        { id: 'Patient.name', path: 'Patient.name', constraint: [c('ele-1', 'true'), c('obs-6', 'true'), c('pn-1', 'family.exists()'), c('pn-1', 'given.exists()')] },
      ]);
      expect(keyed(validator().issues(sd), rules)).to.deep.equal([0, 1, 3].map((j) => `ED_INVARIANT_KEY_ALREADY_USED error StructureDefinition.differential.element[1].constraint[${j}]`));
    });

    it('rejects a differential constraint whose source is another definition', () => {
      const sd = profile('Patient', [{ id: 'Patient.name', path: 'Patient.name', constraint: [c('pn-1', 'family.exists()', `${EX}elsewhere`)] }]);
      expect(keyed(validator().issues(sd), rules)).to.deep.equal(['ED_INVARIANT_DIFF_NO_SOURCE error StructureDefinition.differential.element[1].constraint[0]']);
    });

    it('rejects a key repeated in a snapshot with another expression (ele-1 aside)', () => {
      const sd = profile('Patient', []);
      sd.snapshot = { element: [{ id: 'Patient', path: 'Patient', constraint: [c('pn-1', 'a.exists()'), c('ele-1', 'x')] }, { id: 'Patient.name', path: 'Patient.name', constraint: [c('pn-1', 'b.exists()'), c('ele-1', 'y')] }] };
      expect(keyed(validator().issues(sd), /^ED_INVARIANT_EXPRESSION_CONFLICT$/)).to.deep.equal(['ED_INVARIANT_EXPRESSION_CONFLICT error StructureDefinition.snapshot.element[1].constraint[0]']);
    });
  });

  describe('choice paths and slices in a snapshot', () => {
    it('rejects a differential path without the [x] of its base choice element unless it narrows the types to one (ED_PATH_WRONG_TYPE_MATCH)', () => {
      const sd = profile('Observation', [{ id: 'Observation.value', path: 'Observation.value', short: 'v' }, { id: 'Observation.effective', path: 'Observation.effective', type: [{ code: 'dateTime' }] }, { id: 'Observation.value[x]', path: 'Observation.value[x]', short: 'w' }]);
      expect(keyed(validator().issues(sd), /^ED_PATH_WRONG_TYPE_MATCH$/)).to.deep.equal(['ED_PATH_WRONG_TYPE_MATCH error StructureDefinition.differential.element[1]']);
    });

    it('rejects a slice in a snapshot that no element with slicing comes before (sd-slice-without-slicing)', () => {
      const root = { id: 'Patient', path: 'Patient', min: 0, max: '*' };
      const sliced = { id: 'Patient.identifier', path: 'Patient.identifier', min: 0, max: '*', slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' } };
      const slice = (name: string) => ({ id: `Patient.identifier:${name}`, path: 'Patient.identifier', sliceName: name, min: 0, max: '1' });
      const ok = profile('Patient', [], { snapshot: { element: [root, sliced, slice('a'), { id: 'Patient.identifier:a.system', path: 'Patient.identifier.system', min: 0, max: '1' }, slice('b')] } });
      expect(keyed(validator().issues(ok), /^sd-slice/)).to.deep.equal([]);
      const bad = profile('Patient', [], { snapshot: { element: [root, { id: 'Patient.active', path: 'Patient.active', min: 0, max: '1' }, slice('a')] } });
      expect(keyed(validator().issues(bad), /^sd-slice/)).to.deep.equal(['sd-slice-without-slicing error StructureDefinition.snapshot.element[2]']);
      const ended = profile('Patient', [], { snapshot: { element: [root, sliced, slice('a'), { id: 'Patient.active', path: 'Patient.active', min: 0, max: '1' }, slice('b')] } });
      expect(keyed(validator().issues(ended), /^sd-slice/)).to.deep.equal(['sd-slice-without-slicing error StructureDefinition.snapshot.element[4]']);
    });
  });

  describe('discriminator paths (SD_PATH_NOT_VALID)', () => {
    const sliced = (path: string, children: string[], discriminator: string, type?: string) =>
      profile('Bundle', [], {
        snapshot: { element: [{ id: 'Bundle', path: 'Bundle' }, { id: path, path, ...(type ? { type: [{ code: type }] } : {}), slicing: { discriminator: [{ type: 'value', path: discriminator }], rules: 'open' } }, ...children.map((c) => ({ id: `${path}.${c}`, path: `${path}.${c}` }))] },
      });

    it('accepts a path that starts at a child of the sliced element (listed, or of its one type), a choice, a function or $this', () => {
      for (const d of ['resource', 'resource.meta.profile', 'fullUrl', 'value', '$this', 'resolve()', "extension('http://x').value"]) {
        expect(keyed(validator().issues(sliced('Bundle.entry', ['fullUrl', 'resource', 'value[x]', 'extension'], d)), /^SD_PATH_NOT_VALID$/), d).to.deep.equal([]);
      }
      expect(keyed(validator().issues(sliced('Bundle.identifier', [], 'system', 'Identifier')), /^SD_PATH_NOT_VALID$/)).to.deep.equal([]);
    });

    it('rejects a path whose first step is no child of the sliced element, as the HL7 validator does', () => {
      expect(keyed(validator().issues(sliced('Bundle.entry', ['fullUrl', 'resource'], 'entry')), /^SD_PATH_NOT_VALID$/)).to.deep.equal(['SD_PATH_NOT_VALID error StructureDefinition.snapshot.element[1].slicing.discriminator[0]']);
      expect(keyed(validator().issues(sliced('Bundle.identifier', [], 'sytem', 'Identifier')), /^SD_PATH_NOT_VALID$/)).to.deep.equal(['SD_PATH_NOT_VALID error StructureDefinition.snapshot.element[1].slicing.discriminator[0]']);
    });
  });

  describe('type profiles for the element\'s type (SD_ED_TYPE_PROFILE_WRONG)', () => {
    const typed = (code: string, url: string) => profile('Composition', [{ id: 'Composition.section', path: 'Composition.section', type: [{ code, profile: [url] }] }]);

    it('accepts a profile of the type itself, or of an abstract type it specializes', () => {
      expect(keyed(validator().issues(profile('Observation', [{ id: 'Observation.value[x]', path: 'Observation.value[x]', type: [{ code: 'Quantity', profile: ['http://hl7.org/fhir/StructureDefinition/SimpleQuantity'] }] }])), /^SD_ED_TYPE_PROFILE/)).to.deep.equal([]);
    });

    it('rejects a profile of another type (a Composition profile on a BackboneElement), as the HL7 validator does', () => {
      const issues = validator().issues(typed('BackboneElement', 'http://hl7.org/fhir/StructureDefinition/clinicaldocument'));
      expect(keyed(issues, /^SD_ED_TYPE_PROFILE/)).to.deep.equal(['SD_ED_TYPE_PROFILE_WRONG error StructureDefinition.differential.element[1].type[0].profile[0]']);
    });

    it('leaves a profile that is not loaded alone', () => {
      expect(keyed(validator().issues(typed('BackboneElement', `${EX}none`)), /^SD_ED_TYPE_PROFILE/)).to.deep.equal([]);
    });
  });

  describe('target profiles that only restrict the base', () => {
    const rules = /^(Error_at__The_target_profile|sd-target-profile)/;
    const targets = (path: string, urls: string[]) => ({ id: path, path, type: [{ code: 'Reference', targetProfile: urls }] });

    it('accepts a subset of the base targets and profiles derived from them', () => {
      const sd = profile('Observation', [targets('Observation.hasMember', ['http://hl7.org/fhir/StructureDefinition/vitalsigns', 'http://hl7.org/fhir/StructureDefinition/bp', 'http://hl7.org/fhir/StructureDefinition/Observation|5.0.0'])]);
      expect(keyed(validator().issues(sd), rules)).to.deep.equal([]);
    });

    it('rejects a target the base does not allow, and warns about one it cannot find', () => {
      const sd = profile('Patient', [targets('Patient.generalPractitioner', ['http://hl7.org/fhir/StructureDefinition/Practitioner', 'http://hl7.org/fhir/StructureDefinition/Group', `${EX}unknown`])]);
      expect(keyed(validator().issues(sd), rules)).to.deep.equal([
        'Error_at__The_target_profile__is_not__valid_constraint_on_the_base_ error StructureDefinition.differential.element[1].type[0].targetProfile[1]',
        'sd-target-profile-unknown warning StructureDefinition.differential.element[1].type[0].targetProfile[2]',
      ]);
    });

    it('looks a choice name up among its parent\'s choice elements, not by every prefix of the name (a 160 KB path took 5.6 s)', () => {
      const lookups = (capitals: number) => {
        const sd = profile('Observation', [targets(`Observation.value${'Ab'.repeat(capitals)}`, ['http://hl7.org/fhir/StructureDefinition/Patient'])]);
        const get = Map.prototype.get;
        let calls = 0;
        Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
          calls++;
          return get.call(this, key);
        };
        try {
          validator().issues(sd);
        } finally {
          Map.prototype.get = get;
        }
        return calls;
      };
      lookups(10);
      expect(lookups(20_000) - lookups(10)).to.be.below(1_000);
    });

    it('finds the base element of a type-specific choice name', () => {
      const sd = profile('Observation', [targets('Observation.valueReference', ['http://hl7.org/fhir/StructureDefinition/Patient'])]);
      // Observation.value[x] allows Reference to MolecularSequence only.
      expect(keyed(validator().issues(sd), rules)).to.deep.equal(['Error_at__The_target_profile__is_not__valid_constraint_on_the_base_ error StructureDefinition.differential.element[1].type[0].targetProfile[0]']);
    });
  });

  it('meets a malformed StructureDefinition (and a malformed base from an --ig) with issues, never an internal error', () => {
    const shapes: Json[] = [
      { ...extension([element('Patient')]), context: 'Patient', contextInvariant: {}, differential: { element: [1, null, { path: 5, type: 'x', constraint: {}, meaningWhenMissing: 1 }] }, snapshot: 7 },
      { ...profile('Patient', []), differential: { element: [{ path: 'Patient.name', type: [{ code: 'Reference', targetProfile: 'x' }, null], constraint: [null, { key: 1 }, { key: 'k', expression: {} }] }] }, snapshot: { element: { constraint: [] } } },
      { ...profile('Patient', []), baseDefinition: 42, context: [null, { type: 'element', expression: 7 }, { type: 'element', expression: '#.' }] },
    ];
    for (const sd of shapes) {
      const issues = validator().issues(sd);
      expect(issues.filter((i) => i.code === 'exception'), JSON.stringify(issues.filter((i) => i.severity === 'fatal'))).to.deep.equal([]);
    }
  });
});
