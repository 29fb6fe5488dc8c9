// Where an extension may sit: StructureDefinition.context (https://hl7.org/fhir/R5/extensibility.html#context,
// https://hl7.org/fhir/R5/structuredefinition-definitions.html#StructureDefinition.context). An element
// context names an element by any path it has: its path in the resource (`Patient.contact.name.family`),
// its path within its datatype (`HumanName.family`), the path of the base type that defines it
// (`Resource.meta` for `Patient.meta`), or its type (`string` for `valueString`, and `string` for a `code`,
// which specialises string). These are the "logical paths" the HL7 validator builds while walking an
// instance (NodeStack); this module derives the same set from the instance and the expression.
import type { ChildSet } from '../model/element-node';
import type { ModelRegistry } from '../model/model-registry';
import { majorMinor, outsideRange, versionRange } from './extension-version';

/** Inherited elements a path through a base type may name (the HL7 validator's NodeStack.isRealPath). */
const BASE_ELEMENTS: Record<string, string[]> = {
  Element: ['id', 'extension'],
  BackboneElement: ['modifierExtension'],
  BackboneType: ['modifierExtension'],
  Resource: ['id', 'meta', 'implicitRules', 'language'],
  DomainResource: ['text', 'contained', 'extension', 'modifierExtension'],
};

const CORE = 'http://hl7.org/fhir/StructureDefinition/';

/** Where every extension is allowed: example values, fixed and pattern values of an ElementDefinition. */
const ANY_EXTENSION = new Set(['ElementDefinition.example.value', 'ElementDefinition.pattern', 'ElementDefinition.fixed']);

export interface ExtensionSite {
  /** The paths the element holding the extension is known by. */
  paths: string[];
  /** Whether that element is a resource (the `Resource` context). */
  isResource: boolean;
  /** The url of the extension the element is, or whose value it is (the `extension` context). */
  extensionUrl?: string;
}

function step(segment: string): { name: string; index?: number } {
  const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(segment);
  return m ? { name: m[1], index: m[2] === undefined ? undefined : Number(m[2]) } : { name: segment };
}

function isRealPath(path: string, name: string): boolean {
  const only = BASE_ELEMENTS[path];
  return !only || only.includes(name);
}

/** A resource and its expression, from which an element's expression is followed. */
export interface InstanceAt {
  resource: Record<string, any> | undefined;
  expression?: string;
}

/**
 * The element at `expression` (as the walker writes it: `Patient.contact[0].name.family`), found from the
 * resource it is in by following the rest of the expression through the instance and the base definitions.
 * The resource is known by its type and by its own path (`Observation.contained`, `Bundle.entry.resource`). An
 * expression that leaves the definitions (an unknown property) keeps only its literal path. Undefined when the
 * expression is not inside `at` (a value walked on its own, not where it sits).
 */
export function extensionSite(at: InstanceAt, expression: string, models: ModelRegistry): ExtensionSite | undefined {
  const from = at.expression;
  if (from === undefined || (expression !== from && !expression.startsWith(`${from}.`))) return undefined;
  const segments = expression.slice(from.length).split('.');
  const literal = expression.replace(/\[\d+\]/g, '');
  let value: any = at.resource;
  const type = typeof value?.resourceType === 'string' ? value.resourceType : from;
  let paths = new Set<string>([type, from.replace(/\[\d+\]/g, '')]);
  const model = models.typeModel(type);
  let children: ChildSet | undefined = model ? models.childSet(model.root) : undefined;
  let parentValue: any;
  for (const segment of segments.slice(1)) {
    const { name, index } = step(segment);
    const slot = children?.byJsonName.get(name);
    parentValue = value;
    value = value?.[name];
    if (Array.isArray(value)) value = value[index ?? 0];
    if (!slot) {
      paths = new Set([literal]);
      children = undefined;
      continue;
    }
    const { node } = slot;
    const defined = node.path.slice(node.path.lastIndexOf('.') + 1);
    let code = slot.type?.code;
    let typeName = code;
    let next: ChildSet | undefined;
    if (node.contentReference && !node.types.length) {
      // `Questionnaire.item.item` is also known as the element it repeats.
      const target = models.resolveContentReference(node);
      typeName = target?.path;
      next = target ? models.childSet(target) : undefined;
      code = undefined;
    } else if (code && models.typeKind(code) === 'resource' && typeof value?.resourceType === 'string') {
      // A contained resource or Bundle entry is known by its own type (its paths start again from it).
      typeName = value.resourceType;
      const model = models.typeModel(value.resourceType);
      next = model ? models.childSet(model.root) : undefined;
    } else {
      next = models.childSet(node, code);
    }
    const found = new Set<string>();
    for (const p of paths) {
      if (!isRealPath(p, defined)) continue;
      found.add(`${p}.${defined}`);
      if (node.isChoice && code) found.add(`${p}.${node.name}.ofType(${code})`);
    }
    if (typeName) found.add(typeName);
    paths = found;
    children = next;
  }
  paths.add(literal);
  const last = expression.slice(expression.lastIndexOf('.') + 1);
  const isExtension = (v: any) => v && typeof v === 'object' && typeof v.url === 'string';
  let extensionUrl: string | undefined;
  if (/^value[A-Z]/.test(step(last).name) && isExtension(parentValue)) extensionUrl = parentValue.url;
  else if (/^(extension|modifierExtension)$/.test(step(last).name) && isExtension(value)) extensionUrl = value.url;
  const isResource = typeof value?.resourceType === 'string';
  return { paths: [...paths], isResource, extensionUrl };
}

/** Whether one context expression names a path of the site (exactly, by `[x]`, or through a base type). */
function elementContextMatches(expression: string, site: ExtensionSite, models: ModelRegistry): boolean {
  // `http://…/StructureDefinition/X#Path`: a path in a profile; the profile's conformance is not checked here.
  const en = expression.includes('#') ? expression.slice(expression.indexOf('#') + 1) : expression;
  if (en === 'Element' || en === 'Any') return true;
  if (en === 'Resource' && site.isResource) return true;
  for (const p of site.paths) {
    if (p === en || p.replace(/\.(\w+)\.ofType\(\w+\)/g, '.$1[x]') === en) return true;
    const dot = p.indexOf('.');
    const [head, rest] = dot < 0 ? [p, ''] : [p.slice(0, dot), p.slice(dot)];
    for (const ancestor of models.typeAncestry(head)) if (ancestor + rest === en) return true;
  }
  return false;
}

/**
 * The contexts as the HL7 validator reads them. Three core extensions are used by the specification's own
 * definitions outside the context they declare (https://jira.hl7.org/browse/FHIR-13328), and it allows them
 * there: `regex` also on ElementDefinition.type, `structuredefinition-fhir-type` on ElementDefinition.type,
 * `structuredefinition-normative-version` anywhere.
 */
function contextsOf(definition: Record<string, any>): any[] {
  const contexts: any[] = Array.isArray(definition.context) ? definition.context.map((c: any) => ({ ...c })) : [];
  if (!contexts.length) return contexts;
  switch (definition.url) {
    case `${CORE}regex`:
      contexts.push({ type: 'element', expression: 'ElementDefinition.type' });
      break;
    case `${CORE}structuredefinition-fhir-type`:
      contexts[0].expression = 'ElementDefinition.type';
      break;
    case `${CORE}structuredefinition-normative-version`:
      contexts[0].expression = 'Element';
      break;
  }
  return contexts;
}

export interface ContextProblem {
  message: string;
  /** The HL7 validator's message id. */
  rule: string;
}

/**
 * Checks an extension's definition against the element it sits on, in FHIR `fhirVersion`: the versions the
 * definition may be used in, and its contexts (those whose version range excludes `fhirVersion` do not
 * count). FHIRPath contexts are not evaluated: a definition with one is not judged by its contexts.
 */
export function contextProblems(definition: Record<string, any>, site: ExtensionSite, models: ModelRegistry, fhirVersion: string, isModifier = false): ContextProblem[] {
  const problems: ContextProblem[] = [];
  const version = majorMinor(fhirVersion);
  const own = versionRange(definition);
  const broken = own && outsideRange(own, version);
  if (broken) {
    const bound = broken === 'start' ? `earliest version it can be used with is ${own.start}` : `latest version it can be used with is ${own.end}`;
    problems.push({ message: `the definition of the extension ${definition.url} says that the ${bound}, and this is FHIR ${fhirVersion}`, rule: broken === 'start' ? 'EXTENSION_FHIR_VERSION_EARLIEST' : 'EXTENSION_FHIR_VERSION_LATEST' });
  }
  const allowed = disallowedContext(definition, site, models, version);
  if (allowed) {
    const versioned = contextsOf(definition).some((c) => versionRange(c));
    const list = allowed.length ? allowed.join(', ') : 'none';
    problems.push({
      message: `extension ${definition.url} is not allowed here (allowed contexts${versioned ? ` in FHIR ${version}` : ''}: ${list})`,
      rule: isModifier ? (versioned ? 'Extension_EXTM_Context_Wrong_VER' : 'Extension_EXTM_Context_Wrong') : versioned ? 'Extension_EXTP_Context_Wrong_VER' : 'Extension_EXTP_Context_Wrong',
    });
  }
  return problems;
}

/**
 * The contexts (as written) that apply in `version`, when none of them matches the site; undefined when
 * the extension is allowed there or its contexts cannot be checked.
 */
export function disallowedContext(definition: Record<string, any>, site: ExtensionSite, models: ModelRegistry, version = '5.0'): string[] | undefined {
  const all = contextsOf(definition);
  if (!all.length || all.some((c) => c?.type === 'fhirpath')) return undefined;
  if (site.paths.some((p) => ANY_EXTENSION.has(p))) return undefined;
  const contexts = all.filter((c) => {
    const range = versionRange(c);
    return !range || !outsideRange(range, version);
  });
  for (const c of contexts) {
    const expression = typeof c?.expression === 'string' ? c.expression : undefined;
    if (!expression) continue;
    if (c.type === 'element' && elementContextMatches(expression, site, models)) return undefined;
    if (c.type === 'extension' && site.extensionUrl === expression) return undefined;
  }
  return contexts.map((c) => `${c?.type === 'extension' ? 'extension ' : ''}${c?.expression}`);
}
