import type { ElementNode, StructureModel } from '../model/element-node';
import type { ModelRegistry } from '../model/model-registry';
import type { IssueCollector } from '../outcome/issue-collector';
import type { ValidatorRule, ValueEvent, Walk } from './rule';

/** The definition an Extension is walked against: the one its url names, when it is loaded. */
function extension(e: ValueEvent, w: Walk): StructureModel | undefined {
  const node = e.views[0].node;
  return resolveExtension(e.value as Record<string, any>, node.name === 'modifierExtension', node.path === 'Extension.extension', contextPaths(node, e.expression, w.models), w.models, e.expression, w.out);
}

/**
 * An extension: ext-1 (a value or nested extensions, not both), and its definition found by
 * URL. A known definition is returned so the walker checks the extension against it (value
 * types, cardinality, bindings, constraints); an unknown URL warns, or fails on a modifier
 * extension, which a reader may not ignore.
 */
export function resolveExtension(
  ext: Record<string, any>,
  isModifier: boolean,
  nested: boolean,
  contextPaths: string[],
  models: ModelRegistry,
  expression: string,
  out: IssueCollector,
): StructureModel | undefined {
  const hasChildren = Array.isArray(ext.extension) && ext.extension.length > 0;
  let hasValue = false;
  for (const k in ext) {
    if (k.startsWith('value') || k.startsWith('_value')) {
      hasValue = true;
      break;
    }
  }
  if (hasChildren === hasValue) {
    out.add('error', 'invariant', 'ext-1: an extension must have either extensions or value[x], not both and not neither', expression, { container: ext }, 'ext-1');
  }
  const url = ext.url;
  if (typeof url !== 'string') return undefined;
  // Inside a complex extension, a relative url names a part of its parent's definition.
  if (nested && !/^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
  const sd = models.definitions.get(url);
  if (!sd || sd.resourceType !== 'StructureDefinition' || sd.type !== 'Extension') {
    if (isModifier) out.add('error', 'extension', `unknown modifier extension ${url}: it cannot be ignored`, expression, { container: ext, key: 'url' }, 'ext-unknown');
    else out.add('warning', 'extension', `unknown extension ${url}`, `${expression}`, { container: ext, key: 'url' }, 'ext-unknown');
    return undefined;
  }
  if (!nested && Array.isArray(sd.context) && sd.context.length && sd.context.every((c: any) => c.type === 'element')) {
    const allowed = sd.context.map((c: any) => String(c.expression));
    if (!allowed.some((a: string) => contextPaths.includes(a))) {
      out.add('error', 'extension', `extension ${url} is not allowed here (allowed contexts: ${allowed.join(', ')})`, expression, { container: ext, key: 'url' }, 'ext-context');
    }
  }
  return models.model(url);
}

/** The context names an extension's definition may list for the element it sits on. */
function contextPaths(node: ElementNode, expr: string, models: ModelRegistry): string[] {
  const parent = node.path.slice(0, node.path.lastIndexOf('.'));
  const instancePath = expr.replace(/\[\d+\]/g, '');
  const instanceParent = instancePath.slice(0, instancePath.lastIndexOf('.'));
  const paths = [parent, instanceParent, 'Element', 'Resource', 'DomainResource'];
  for (const p of [parent, instanceParent]) {
    const owner = p.split('.')[0];
    // An extension for CanonicalResource (or DomainResource) may sit on a CodeSystem.
    if (p === owner) paths.push(...models.typeAncestry(owner));
    else paths.push(owner);
    // The type of the element the extension sits on (an extension for `string` may sit on any string).
    const element = models.typeModel(owner)?.byPath.get(p);
    for (const t of element?.types ?? []) paths.push(...models.typeAncestry(t.code));
  }
  if (parent.includes('.')) paths.push('BackboneElement');
  return paths;
}

export const extensionsRule: ValidatorRule = {
  name: 'extensions',
  ids: ['ext-1', 'ext-unknown', 'ext-context'],
  checks: 'ext-1 (a value or extensions, not both); an extension is known (a modifier one must be), used in a context its definition allows, and walked against that definition',
  spec: 'https://hl7.org/fhir/R5/extensibility.html',
  hooks: { extension },
};
