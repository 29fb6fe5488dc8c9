import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as errors from '../../../src/definitions/snapshot';
import { SnapshotGenerator, type ElementDefinition, type StructureDefinition } from '../../../src/definitions/snapshot';
import { FIXTURES, fixture, readJson, resolverWith } from './definitions';

const INVALID = path.join(FIXTURES, 'invalid');

function snapshotOf(name: string): ElementDefinition[] {
  return new SnapshotGenerator(resolverWith(FIXTURES)).generate(fixture(name)).snapshot!.element;
}

function byId(elements: ElementDefinition[], id: string): ElementDefinition {
  const found = elements.find((e) => e.id === id);
  expect(found, `no element ${id}`).to.not.equal(undefined);
  return found!;
}

function ids(elements: ElementDefinition[]): string[] {
  return elements.map((e) => e.id!);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('definitions/snapshot: generateSnapshot', () => {
  describe('a profile on a differential-only profile (test-panel-strict on test-panel)', () => {
    let elements: ElementDefinition[];
    before(() => {
      elements = snapshotOf('test-panel-strict');
    });

    it('inherits the base profile\'s slices and constraints and adds its own', () => {
      expect(byId(elements, 'Observation.status').fixedCode).to.equal('final');
      const loincCode = byId(elements, 'Observation.code.coding:loinc.code');
      expect(loincCode).to.include({ path: 'Observation.code.coding.code', min: 1 });
      expect(byId(elements, 'Observation.code.coding:loinc.system').fixedUri).to.equal('http://loinc.org');
      const first = byId(elements, 'Observation.component:first');
      expect(first).to.include({ sliceName: 'first', min: 1, max: '1', mustSupport: true });
      expect(byId(elements, 'Observation.component:first.code').patternCodeableConcept).to.deep.equal({ coding: [{ system: 'http://loinc.org', code: '8480-6' }] });
      expect(byId(elements, 'Observation.component').slicing).to.deep.equal({ discriminator: [{ type: 'pattern', path: 'code' }], ordered: false, rules: 'open' });
      const third = byId(elements, 'Observation.component:third');
      expect(third.min, 'a new slice of an open slicing is optional unless stated').to.equal(0);
      expect(third.constraint!.map((c) => c.key)).to.include.members(['ele-1', 'tst-1']);
      expect(third.constraint!.find((c) => c.key === 'tst-1')!.source).to.equal('http://example.org/fhir/StructureDefinition/test-panel-strict');
    });

    it('re-slices a slice: `second/withValue` follows the children of `second`, with its own children', () => {
      const list = ids(elements);
      const reslice = byId(elements, 'Observation.component:second/withValue');
      expect(reslice).to.include({ path: 'Observation.component', sliceName: 'second/withValue', min: 1 });
      expect(reslice.slicing).to.equal(undefined);
      expect(byId(elements, 'Observation.component:second/withValue.value[x]')).to.include({ path: 'Observation.component.value[x]', min: 1 });
      const secondChildren = list.filter((id) => id.startsWith('Observation.component:second.'));
      expect(list.indexOf('Observation.component:second/withValue')).to.be.greaterThan(list.indexOf(secondChildren[secondChildren.length - 1]));
      expect(list.indexOf('Observation.component:third')).to.be.greaterThan(list.indexOf('Observation.component:second/withValue.referenceRange'));
      expect(byId(elements, 'Observation.component:second').slicing!.rules).to.equal('closed');
    });

    it('writes every element in FHIR order: an element, its children, then its slices', () => {
      const list = ids(elements);
      const order = ['Observation.component', 'Observation.component.id', 'Observation.component.referenceRange', 'Observation.component:first', 'Observation.component:first.id', 'Observation.component:second', 'Observation.component:second/withValue', 'Observation.component:third'];
      const positions = order.map((id) => list.indexOf(id));
      expect(positions.every((p) => p >= 0)).to.equal(true);
      expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));
      expect(new Set(list).size, 'ids are unique').to.equal(list.length);
    });
  });

  describe('choice types', () => {
    it('turns a renamed choice (`effectiveDateTime`) into a type slice of effective[x], sliced by type on $this', () => {
      const elements = snapshotOf('test-panel');
      const choice = byId(elements, 'Observation.effective[x]');
      expect(choice.slicing).to.deep.equal({ discriminator: [{ type: 'type', path: '$this' }], ordered: false, rules: 'closed' });
      expect(choice.min, 'a required single type slice makes the choice required').to.equal(1);
      expect(choice.type!.map((t) => t.code), 'and of that type').to.deep.equal(['dateTime']);
      expect(byId(elements, 'Observation.effective[x]:effectiveDateTime')).to.include({ path: 'Observation.effective[x]', sliceName: 'effectiveDateTime', min: 1 });
      const value = byId(elements, 'Observation.value[x]');
      expect(value.slicing!.rules, 'open: the other types stay allowed').to.equal('open');
      expect(value.type!.length).to.be.greaterThan(1);
      expect(byId(elements, 'Observation.value[x]:valueQuantity')).to.include({ min: 0, max: '1' });
      expect(byId(elements, 'Observation.value[x]:valueQuantity.code')).to.include({ path: 'Observation.value[x].code', min: 1 });
    });

    it('restricts a renamed choice inside a slice to that type instead of slicing it, as the HL7 tooling does', () => {
      const elements = snapshotOf('test-panel');
      const choice = byId(elements, 'Observation.component:first.value[x]');
      expect(choice).to.include({ min: 1, max: '1' });
      expect(choice.slicing).to.equal(undefined);
      expect(choice.type!.map((t) => t.code)).to.deep.equal(['Quantity']);
      expect(byId(elements, 'Observation.component:first.value[x].unit')).to.include({ path: 'Observation.component.value[x].unit', min: 1 });
      expect(ids(elements).some((id) => id.startsWith('Observation.component:first.value[x]:'))).to.equal(false);
    });

    it('leaves a choice already restricted to that one type unsliced: `valueQuantity.system` is value[x].system', () => {
      const elements = snapshotOf('test-device-observation');
      expect(byId(elements, 'Observation.value[x]').slicing).to.equal(undefined);
      expect(byId(elements, 'Observation.value[x].system').fixedUri).to.equal('http://unitsofmeasure.org');
      expect(ids(elements).some((id) => id.startsWith('Observation.value[x]:'))).to.equal(false);
    });
  });

  it('accepts a type derived from one of the base\'s types (Quantity → Duration), with the constrained type\'s children', () => {
    const resolve = resolverWith(FIXTURES);
    const profile = structuredClone(fixture('test-device-observation'));
    profile.url = 'http://example.org/fhir/StructureDefinition/test-duration';
    profile.differential!.element = [
      { id: 'Observation', path: 'Observation' },
      { id: 'Observation.valueQuantity', path: 'Observation.valueQuantity', type: [{ code: 'Duration' }] },
      { id: 'Observation.valueQuantity.code', path: 'Observation.valueQuantity.code', min: 1 },
    ];
    const elements = new SnapshotGenerator(resolve).generate(profile).snapshot!.element;
    expect(byId(elements, 'Observation.value[x]:valueQuantity').type).to.deep.equal([{ code: 'Duration' }]);
    expect(byId(elements, 'Observation.value[x]:valueQuantity.code').constraint!.map((c) => c.key)).to.include('ele-1');
    expect(byId(elements, 'Observation.value[x]:valueQuantity.code').min).to.equal(1);
  });

  it('unfolds a data type\'s children when the differential goes below it (Observation.code.coding)', () => {
    const elements = snapshotOf('test-panel');
    const coding = ['id', 'extension', 'system', 'version', 'code', 'display', 'userSelected'].map((n) => `Observation.code.coding:loinc.${n}`);
    const list = ids(elements);
    expect(coding.map((id) => list.indexOf(id))).to.satisfy((p: number[]) => p.every((x, i) => x > 0 && (i === 0 || x === p[i - 1] + 1)));
    expect(byId(elements, 'Observation.code.coding:loinc.system')).to.include({ path: 'Observation.code.coding.system', min: 1, fixedUri: 'http://loinc.org' });
    expect(byId(elements, 'Observation.code.coding:loinc.system').base).to.deep.equal({ path: 'Coding.system', min: 0, max: '1' });
    expect(byId(elements, 'Observation.code.coding').slicing).to.deep.equal({ discriminator: [{ type: 'value', path: 'system' }], rules: 'open' });
    expect(byId(elements, 'Observation.component:second.code').binding).to.include({ strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/observation-codes' });
  });

  it('follows a contentReference (Questionnaire.item.item → #Questionnaire.item) to constrain below it', () => {
    const elements = snapshotOf('test-questionnaire');
    const item = byId(elements, 'Questionnaire.item.item');
    expect(item).to.include({ max: '3' });
    expect(item.contentReference).to.equal(undefined);
    expect(item.type!.map((t) => t.code)).to.deep.equal(['BackboneElement']);
    expect(byId(elements, 'Questionnaire.item.item.type').fixedCode).to.equal('string');
    expect(byId(elements, 'Questionnaire.item.item.linkId').constraint!.map((c) => c.key)).to.include('que-15');
    expect(byId(elements, 'Questionnaire.item.item.enableWhen.operator')).to.include({ min: 1, max: '1' });
    expect(byId(elements, 'Questionnaire.item.item.item')).to.include({ contentReference: '#Questionnaire.item', max: '0' });
  });

  describe('extensions', () => {
    it('slices Extension.extension by url for each part, the parts\' minimums adding up on Extension.extension', () => {
      const elements = snapshotOf('test-nested-extension');
      expect(byId(elements, 'Extension.extension')).to.include({ min: 2, max: '*' });
      expect(byId(elements, 'Extension.extension:device.url').fixedUri).to.equal('device');
      expect(byId(elements, 'Extension.extension:device.value[x]').type).to.deep.equal([{ code: 'Reference', targetProfile: ['http://hl7.org/fhir/StructureDefinition/Device'] }]);
      expect(byId(elements, 'Extension.extension:calibrated.value[x]').type!.map((t) => t.code), 'an extension value named by its type allows just that type').to.deep.equal(['dateTime']);
      expect(byId(elements, 'Extension.value[x]').max).to.equal('0');
    });

    it('starts an extension slice from the extension\'s own (generated) definition and unfolds it when constrained below', () => {
      const elements = snapshotOf('test-device-observation');
      const slice = byId(elements, 'Observation.extension:device');
      expect(slice).to.include({ sliceName: 'device', min: 1, max: '1', short: 'A measuring device and its calibration' });
      expect(byId(elements, 'Observation.extension').slicing).to.deep.equal({ discriminator: [{ type: 'value', path: 'url' }], ordered: false, rules: 'open' });
      expect(byId(elements, 'Observation.extension:device.url').fixedUri).to.equal('http://example.org/fhir/StructureDefinition/test-nested-extension');
      expect(byId(elements, 'Observation.extension:device.extension:calibrated')).to.include({ path: 'Observation.extension.extension', mustSupport: true, min: 1 });
      expect(byId(elements, 'Observation.extension:device.extension:calibrated.url').fixedUri).to.equal('calibrated');
    });
  });

  it('writes a logical model: backbone elements get id, extension and modifierExtension, and base paths', () => {
    const elements = snapshotOf('TestModel');
    expect(ids(elements)).to.deep.equal(['TestModel', 'TestModel.name', 'TestModel.part', 'TestModel.part.id', 'TestModel.part.extension', 'TestModel.part.modifierExtension', 'TestModel.part.code', 'TestModel.part.part']);
    expect(byId(elements, 'TestModel.part.modifierExtension').base).to.deep.equal({ path: 'BackboneElement.modifierExtension', min: 0, max: '*' });
    expect(byId(elements, 'TestModel.part.code').base).to.deep.equal({ path: 'TestModel.part.code', min: 1, max: '1' });
    expect(byId(elements, 'TestModel.part').constraint!.map((c) => c.key)).to.deep.equal(['ele-1']);
  });

  it('never modifies its input or the definitions it resolves', () => {
    const resolve = resolverWith(FIXTURES);
    const generator = new SnapshotGenerator((url) => deepFreeze(resolve(url)));
    for (const name of ['test-panel', 'test-panel-strict', 'test-nested-extension', 'test-device-observation', 'test-questionnaire', 'TestModel']) {
      const input = deepFreeze(fixture(name));
      const output = generator.generate(input);
      expect(input.snapshot).to.equal(undefined);
      expect(output).to.not.equal(input);
      expect(output.snapshot!.element.length).to.be.greaterThan(input.differential!.element.length);
    }
  });

  it('derives the ids of a differential that gives none from paths and slice names (older profiles)', () => {
    const withIds = fixture('test-panel-strict');
    const withoutIds = structuredClone(withIds);
    for (const element of withoutIds.differential!.element) delete element.id;
    withoutIds.url = withIds.url;
    const generate = (sd: StructureDefinition) => new SnapshotGenerator(resolverWith(FIXTURES)).generate(sd).snapshot!.element;
    expect(generate(withoutIds)).to.deep.equal(generate(withIds));
  });

  it('takes its definitions as data: no module of the generator imports a Node.js module (it runs in the browser too)', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'src', 'definitions', 'snapshot');
    const imports = fs.readdirSync(dir).flatMap((file) => [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => `${file}: ${m[1]}`));
    expect(imports.length).to.be.greaterThan(10);
    expect(imports.filter((line) => !/: \.\/[a-z-]+$/.test(line))).to.deep.equal([]);
  });

  it('generates a differential-only base once per generator, however many profiles use it', () => {
    let lookups = 0;
    const resolve = resolverWith(FIXTURES);
    const generator = new SnapshotGenerator((url) => {
      if (url.endsWith('/test-panel')) lookups++;
      return resolve(url);
    });
    const first = generator.snapshotOf('http://example.org/fhir/StructureDefinition/test-panel', 'test', undefined);
    generator.generate(fixture('test-panel-strict'));
    generator.generate(fixture('test-panel-strict'));
    expect(generator.snapshotOf('http://example.org/fhir/StructureDefinition/test-panel', 'test', undefined)).to.equal(first);
    expect(lookups).to.equal(1);
  });

  describe('bad input: a named SnapshotError naming the profile and the element', () => {
    const expected = readJson<Record<string, { error: keyof typeof errors; elementPath: string | null }>>(path.join(INVALID, 'expected.json'));
    for (const [file, { error, elementPath }] of Object.entries(expected)) {
      it(`${file}: ${error}${elementPath ? ` at ${elementPath}` : ''}`, () => {
        const definition = readJson<StructureDefinition>(path.join(INVALID, file));
        const generator = new SnapshotGenerator(resolverWith(INVALID));
        let thrown: unknown;
        try {
          generator.generate(definition);
        } catch (e) {
          thrown = e;
        }
        const ErrorClass = errors[error] as unknown as new (...args: never[]) => Error;
        expect(thrown).to.be.instanceOf(ErrorClass);
        expect(thrown).to.be.instanceOf(errors.SnapshotError);
        const snapshotError = thrown as errors.SnapshotError;
        expect(snapshotError.name).to.equal(error);
        expect(snapshotError.profileUrl).to.equal(definition.url);
        expect(snapshotError.elementPath ?? null).to.equal(elementPath);
        expect(snapshotError.message).to.contain(definition.url);
        if (elementPath) expect(snapshotError.message).to.contain(elementPath);
      });
    }
  });
});
