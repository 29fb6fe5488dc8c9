import type { ElementNode } from '../../model/element-node';
import type { ModelRegistry } from '../../model/model-registry';
import type { IssueCollector } from '../../outcome/issue-collector';

const CORE = 'http://hl7.org/fhir/StructureDefinition/';
/** A context limited to other FHIR versions: the HL7 validator checks it against those versions' packages, which are not loaded here. */
const VERSION_SPECIFIC_USE = 'http://hl7.org/fhir/StructureDefinition/version-specific-use';
const JSON_NAME = ['http://hl7.org/fhir/tools/StructureDefinition/json-name', 'http://hl7.org/fhir/tools/StructureDefinition/elementdefinition-json-name'];

/**
 * StructureDefinition.context: "Identifies the types of resource or data type elements to which the
 * extension can be applied" (https://hl7.org/fhir/R5/structuredefinition-definitions.html#StructureDefinition.context).
 * An `element` context names a type, or a path within one (`Patient.contact.name.family`, through
 * the element's type), or `url#path`; only an extension has contexts. As the HL7 validator
 * (StructureDefinitionValidator.checkExtensionContext), with its message ids and severities.
 */
export function checkExtensionContexts(sd: Record<string, any>, expression: string, models: ModelRegistry, out: IssueCollector): void {
  const isExtension = sd.type === 'Extension';
  each(sd.context, (context, i) => {
    const where = `${expression}.context[${i}]`;
    const site = { container: sd.context, key: i };
    if (!isExtension) {
      if (!hasJsonName(sd)) out.add('error', 'invalid', `The type is ${sd.type} so an extension context should not be specified`, where, site, 'SD_NO_CONTEXT_WHEN_NOT_EXTENSION');
      return;
    }
    const type = context?.type;
    const path = context?.expression;
    if (typeof path !== 'string') return;
    if (type === 'element') {
      const versionSpecific = Array.isArray(context.extension) && context.extension.some((x: any) => x?.url === VERSION_SPECIFIC_USE);
      if (!versionSpecific && !elementExists(path, models)) out.add('error', 'invalid', `The element ${path} is not valid`, where, site, 'SD_CONTEXT_SHOULD_ELEMENT_NOT_FOUND');
      if (path === 'Element') {
        out.add('warning', 'business-rule', `Review the extension type for ${sd.id}: extensions should not have a context of ${path} unless it's really intended that they can be used anywhere`, where, site, 'SD_CONTEXT_SHOULD_NOT_BE_ELEMENT');
      }
    } else if (type === 'fhirpath' && isSnapshotPath(path, models)) {
      out.add('warning', 'business-rule', `Review the extension type for ${sd.id}: the context of ${path} appears to be a simple element, so the context type should be 'element' not 'fhirpath'`, where, site, 'SD_CONTEXT_SHOULD_NOT_BE_FHIRPATH');
    }
  });
  if (!isExtension) {
    each(sd.contextInvariant, (_, i) => {
      out.add('error', 'invalid', `The type is ${sd.type} so an extension context invariant should not be specified`, `${expression}.contextInvariant[${i}]`, { container: sd.contextInvariant, key: i }, 'SD_NO_CONTEXT_INV_WHEN_NOT_EXTENSION');
    });
  }
}

function each(list: unknown, visit: (item: any, i: number) => void): void {
  if (Array.isArray(list)) list.forEach((item, i) => visit(item, i));
}

/** Whether the path names an element: its first segment a definition, each next one a child (of the element, its content reference or its single type). */
export function elementExists(path: string, models: ModelRegistry): boolean {
  const hash = path.indexOf('#');
  let segments = (hash >= 0 ? path.slice(hash + 1) : path).split('.');
  let model = models.model(hash >= 0 ? path.slice(0, hash) : CORE + segments[0]);
  // CanonicalResource and MetadataResource were not full definitions before R5: the HL7 validator reads them as CodeSystem and PlanDefinition.
  if (!model && hash < 0 && (segments[0] === 'CanonicalResource' || segments[0] === 'MetadataResource')) {
    const stand = segments[0] === 'CanonicalResource' ? 'CodeSystem' : 'PlanDefinition';
    model = models.model(CORE + stand);
    segments = [stand, ...segments.slice(1)];
  }
  if (!model) return false;
  let node: ElementNode | undefined = model.root;
  for (const name of segments.slice(1)) {
    node = node && childByName(node, name, models);
    if (!node) return false;
  }
  return true;
}

function childByName(node: ElementNode, name: string, models: ModelRegistry): ElementNode | undefined {
  // `value` and `value[x]` name a choice element; `valueString` does not (as the HL7 DefinitionNavigator).
  return childrenOf(node, models).find((c) => (c.isChoice ? name === c.name || name === `${c.name}[x]` : c.name === name));
}

function childrenOf(node: ElementNode, models: ModelRegistry, depth = 0): ElementNode[] {
  if (node.children.length) return node.children;
  if (node.contentReference) {
    const target = models.resolveContentReference(node);
    return target && depth < 8 ? childrenOf(target, models, depth + 1) : [];
  }
  if (node.types.length !== 1) return [];
  const [type] = node.types;
  if (type.profiles.length > 1) return [];
  const model = type.profiles.length === 1 ? models.model(type.profiles[0]) : models.typeModel(type.code);
  return model?.root.children ?? [];
}

/** A path that is an element of its type's snapshot as written (`Patient.name`): for a `fhirpath` context, `element` was meant. */
function isSnapshotPath(path: string, models: ModelRegistry): boolean {
  const type = path.split('.')[0];
  return models.typeModel(type)?.byPath.has(path) ?? false;
}

function hasJsonName(sd: Record<string, any>): boolean {
  const root = sd.snapshot?.element?.[0] ?? sd.differential?.element?.[0];
  return Array.isArray(root?.extension) && root.extension.some((x: any) => JSON_NAME.includes(x?.url));
}
