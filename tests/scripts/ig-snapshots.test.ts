import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { regenerateIgSnapshots } from '../../scripts/ig-snapshots';
import { SnapshotError, type ElementDefinition, type StructureDefinition } from '../../src/definitions/snapshot';
import { npmPackageDir } from '../../src/packages/fhir-package-cache';
import { PROJECT_DIR, generatedById } from '../helpers/project';

const BACKBONE_CHILDREN = ['id', 'extension', 'modifierExtension'];

function element(sd: StructureDefinition, id: string): ElementDefinition | undefined {
  return sd.snapshot!.element.find((e) => e.id === id);
}

describe('the IG\'s snapshots (scripts/ig-snapshots.ts, run by npm run sushi)', () => {
  it('the built ImagingReference.instance lists id, extension and modifierExtension as ImagingSelection.instance does', () => {
    const built = generatedById('StructureDefinition', 'ImagingReference') as unknown as StructureDefinition;
    const core = JSON.parse(fs.readFileSync(path.join(npmPackageDir('hl7.fhir.r5.core', PROJECT_DIR), 'StructureDefinition-ImagingSelection.json'), 'utf8')) as StructureDefinition;
    const ids = built.snapshot!.element.map((e) => e.id);
    const at = ids.indexOf('ImagingReference.instance');
    expect(ids.slice(at + 1, at + 4)).to.deep.equal(BACKBONE_CHILDREN.map((n) => `ImagingReference.instance.${n}`));
    for (const name of BACKBONE_CHILDREN) {
      const ours = element(built, `ImagingReference.instance.${name}`)!;
      const theirs = element(core, `ImagingSelection.instance.${name}`)!;
      expect({ min: ours.min, max: ours.max, base: ours.base, types: ours.type!.map((t) => t.code), slicing: ours.slicing, isModifier: ours.isModifier, isSummary: ours.isSummary }, name)
        .to.deep.equal({ min: theirs.min, max: theirs.max, base: theirs.base, types: theirs.type!.map((t) => t.code), slicing: theirs.slicing, isModifier: theirs.isModifier, isSummary: theirs.isSummary });
    }
  });

  describe('regenerateIgSnapshots', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-snapshots-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('puts back what SUSHI leaves out of a backbone element, and keeps the rest of the definition', () => {
      const built = generatedById('StructureDefinition', 'ImagingReference') as unknown as StructureDefinition;
      // SUSHI's snapshot: without the backbone element's inherited children.
      const sushi = structuredClone(built);
      sushi.snapshot!.element = sushi.snapshot!.element.filter((e) => !BACKBONE_CHILDREN.some((n) => e.id === `ImagingReference.instance.${n}`));
      const file = path.join(dir, 'StructureDefinition-ImagingReference.json');
      fs.writeFileSync(file, JSON.stringify(sushi));
      expect(regenerateIgSnapshots(dir, PROJECT_DIR)).to.deep.equal(['StructureDefinition-ImagingReference.json']);
      const repaired = JSON.parse(fs.readFileSync(file, 'utf8')) as StructureDefinition;
      for (const name of BACKBONE_CHILDREN) expect(element(repaired, `ImagingReference.instance.${name}`), name).to.not.equal(undefined);
      expect(repaired.differential).to.deep.equal(sushi.differential);
      const { snapshot: _a, ...rest } = repaired;
      const { snapshot: _b, ...sushiRest } = sushi;
      expect(rest).to.deep.equal(sushiRest);
      expect(element(repaired, 'ImagingReference.instance.uid')).to.deep.equal(element(sushi, 'ImagingReference.instance.uid'));
    });

    it('refuses a differential it cannot snapshot with a SnapshotError, and writes nothing', () => {
      const built = generatedById('StructureDefinition', 'imaging-reference-link') as unknown as StructureDefinition;
      const broken = structuredClone(built);
      broken.differential!.element.push({ id: 'Extension.nowhere', path: 'Extension.nowhere', min: 1 });
      const good = path.join(dir, 'StructureDefinition-ImagingReference.json');
      const bad = path.join(dir, 'StructureDefinition-imaging-reference-link.json');
      fs.writeFileSync(good, JSON.stringify(generatedById('StructureDefinition', 'ImagingReference')));
      fs.writeFileSync(bad, JSON.stringify(broken));
      const before = [fs.readFileSync(good, 'utf8'), fs.readFileSync(bad, 'utf8')];
      expect(() => regenerateIgSnapshots(dir, PROJECT_DIR)).to.throw(SnapshotError, /imaging-reference-link at Extension\.nowhere/);
      expect([fs.readFileSync(good, 'utf8'), fs.readFileSync(bad, 'utf8')]).to.deep.equal(before);
    });
  });
});
