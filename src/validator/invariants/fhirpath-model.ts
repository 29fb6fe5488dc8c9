import type { DefinitionStore } from '../../definitions/definition-store';
import { choiceJsonName } from '../model/element-node';


const CORE = 'http://hl7.org/fhir/StructureDefinition/';
const SYSTEM = 'http://hl7.org/fhirpath/System.';

/**
 * The fhirpath.js R5 model, extended with the types an IG defines (ImagingReference), so that
 * type tests, choice elements and `%resource` work on them as on core types. The core maps are
 * shared through prototypes, not copied: extending costs only the IG's own elements.
 */
export function extendedR5Model(definitions: DefinitionStore): any {
  const r5Model = require('fhirpath/fhir-context/r5');
  if (definitions.customTypes.size === 0) return r5Model;
  const model = {
    ...r5Model,
    path2Type: Object.create(r5Model.path2Type),
    path2TypeWithoutElements: Object.create(r5Model.path2TypeWithoutElements),
    path2RefType: Object.create(r5Model.path2RefType),
    path2Repeating: Object.create(r5Model.path2Repeating),
    choiceTypePaths: Object.create(r5Model.choiceTypePaths),
    type2Parent: Object.create(r5Model.type2Parent),
    availableTypes: new Set(r5Model.availableTypes),
  };
  for (const type of definitions.customTypes) {
    const url = definitions.typeDefinitionUrl(type)!;
    const sd = definitions.get(url);
    if (!sd?.snapshot) continue;
    const parent = typeof sd.baseDefinition === 'string' ? sd.baseDefinition.replace(CORE, '') : 'DomainResource';
    model.type2Parent[type] = parent;
    model.availableTypes.add(type);
    for (const e of sd.snapshot.element as any[]) {
      if (e.sliceName || !e.path.includes('.') || !Array.isArray(e.type) || !e.type.length) continue;
      const codes: string[] = e.type.map((t: any) => (t.code.startsWith(SYSTEM) ? `System.${t.code.slice(SYSTEM.length)}` : t.code));
      if (e.max !== '1' && e.max !== '0') model.path2Repeating[e.path.replace('[x]', '')] = true;
      if (e.path.endsWith('[x]')) {
        const base = e.path.slice(0, -3);
        model.choiceTypePaths[base] = codes.map((c) => c.charAt(0).toUpperCase() + c.slice(1));
        for (const c of codes) {
          model.path2Type[choiceJsonName(base, c)] = c;
          model.path2TypeWithoutElements[choiceJsonName(base, c)] = c;
        }
        continue;
      }
      const code = codes[0];
      model.path2Type[e.path] = code;
      if (code === 'Reference' || code === 'canonical') {
        const targets = (e.type[0].targetProfile ?? []).map((p: string) => p.replace(CORE, ''));
        if (targets.length) model.path2RefType[e.path] = targets;
      }
      if (code !== 'BackboneElement' && code !== 'Element') model.path2TypeWithoutElements[e.path] = code;
    }
  }
  return model;
}
