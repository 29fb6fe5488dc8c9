import type { StructureModel } from '../model/element-node';
import type { ModelRegistry } from '../model/model-registry';
import type { IssueCollector } from '../outcome/issue-collector';
import { contextProblems, extensionSite, type InstanceAt } from './extension-context';
import type { ValidatorRule, ValueEvent, Walk } from './rule';

/** The definition an Extension is walked against: the one its url names, when it is loaded. */
function extension(e: ValueEvent, w: Walk): StructureModel | undefined {
  const node = e.views[0].node;
  return resolveExtension(e.value as Record<string, any>, node.name === 'modifierExtension', node.path === 'Extension.extension', e.frame, w.models, e.expression, w.out);
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
  /** The resource the extension is in, and its expression: the extension's context is found from it along `expression`. */
  where: InstanceAt,
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
  const site = extensionSite(where, expression.slice(0, expression.lastIndexOf('.')), models);
  // The version the resource is in is that of its type's definition (the loaded core: 5.0.0).
  const type = where.resource?.resourceType;
  const fhirVersion = String((typeof type === 'string' && models.typeModel(type)?.definition.fhirVersion) || '5.0.0');
  // A value walked on its own (a slice's profile check) is not where it sits: its context is not judged then.
  for (const p of site ? contextProblems(sd, site, models, fhirVersion, isModifier) : []) {
    out.add('error', 'extension', p.message, expression, { container: ext, key: 'url' }, p.rule);
  }
  return models.model(url);
}

export const extensionsRule: ValidatorRule = {
  name: 'extensions',
  ids: ['ext-1', 'ext-unknown', 'Extension_EXTP_Context_Wrong', 'Extension_EXTM_Context_Wrong', 'Extension_EXTP_Context_Wrong_VER', 'Extension_EXTM_Context_Wrong_VER', 'EXTENSION_FHIR_VERSION_EARLIEST', 'EXTENSION_FHIR_VERSION_LATEST'],
  checks: 'ext-1 (a value or extensions, not both); an extension is known (a modifier one must be), used in a context its definition allows, and walked against that definition',
  spec: 'https://hl7.org/fhir/R5/extensibility.html',
  hooks: { extension },
};
