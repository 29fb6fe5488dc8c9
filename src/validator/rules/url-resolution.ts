// A uri or url in one of HL7's own spaces (http://hl7.org/fhir…, http://terminology.hl7.org/, http://fhir.org/guides)
// must name something that exists: a loaded definition (CodeSystem, StructureDefinition, …), an identifier
// system of a loaded NamingSystem, or a URI the specification itself assigns. This is the HL7 validator's rule
// (its Type_Specific_Checks_DT_URL_Resolve), not a sentence of R5, which defines uri as a "string of characters
// used to identify a name or a resource" (https://hl7.org/fhir/R5/datatypes.html#uri): HL7 controls these
// spaces, so a URL in them that names nothing is a typo or a retired name (v2-0360/2.7, a page of the spec
// given as a code system). Other URLs, canonicals (resolved against targetProfile elsewhere) and `#id` are
// not judged here.
import type { DefinitionStore } from '../../definitions/definition-store';
import type { ElementNode } from '../model/element-node';
import type { ModelRegistry } from '../model/model-registry';
import type { IssueCollector, Site } from '../outcome/issue-collector';
import type { InstanceAt } from './extension-context';

const HL7_SPACES = ['http://hl7.org/fhir', 'http://terminology.hl7.org/', 'http://fhir.org/guides'];
/**
 * The space of hl7.fhir.uv.tools (the IG Publisher's extensions and code systems, `ig-parameters`): that package is
 * on no registry this project reaches, so whether its URLs resolve cannot be known here, and they are not judged.
 * The HL7 validator, lacking the package too, fails them (docs/oracle.md, corpus section).
 */
const UNCHECKABLE_SPACES = ['http://hl7.org/fhir/tools/'];

/**
 * URLs in HL7's spaces that name no loaded resource yet are known: FHIRPath's system types, the core's
 * compartments, identifier and code systems the specification assigns (https://hl7.org/fhir/R5/terminologies-systems.html,
 * https://hl7.org/fhir/R5/identifier-registry.html) that no loaded NamingSystem lists, the core's mapping URIs,
 * and extensions the HL7 validator defines itself. The same list as the HL7 validator, so that both say the same.
 */
const KNOWN = new Set([
  ...['Boolean', 'String', 'Integer', 'Decimal', 'Date', 'Time', 'DateTime', 'Quantity'].map((t) => `http://hl7.org/fhirpath/System.${t}`),
  ...['Patient', 'Practitioner', 'Group', 'Device', 'Encounter'].map((c) => `http://hl7.org/fhir/CompartmentDefinition/${c}`),
  'http://hl7.org/fhir/SearchParameter/Resource-filter',
  ...['ndc', 'icpc-2', 'icpc-1', 'icpc-1-nl', 'icd-9', 'icd-10', 'cvx', 'srt', 'icd-10-vn', 'icd-10-cm', 'icd-10-am', 'icd-9-cm', 'icf-nl', 'ca-hc-npn', 'ca-hc-din', 'dsm5', 'ex-icd-10-procedures', 'us-ssn', 'us-npi', 'eui-48/bluetooth', 'eui-48/ethernet'].map(
    (s) => `http://hl7.org/fhir/sid/${s}`,
  ),
  ...['w5', 'fivews', 'workflow', 'auditevent', 'composition', 'consent', 'documentreference', 'interface', 'logical', 'object-implementation', 'provenance', 'rr'].map((m) => `http://hl7.org/fhir/${m}`),
  'http://hl7.org/fhir/ConsentPolicy/opt-out',
  'http://hl7.org/fhir/ConsentPolicy/opt-in',
  ...['elementdefinition-type-must-support', 'instance-name', 'instance-description', 'codesystem-properties-mode', 'structuredefinition-rdf-type', 'structuredefinition-conformance-derivedFrom', 'structuredefinition-fmm-support'].map(
    (e) => `http://hl7.org/fhir/StructureDefinition/${e}`,
  ),
  'http://hl7.org/fhir/build/StructureDefinition/definition',
  'http://hl7.org/fhir/build/StructureDefinition/binding-definition',
]);

/** Cross-version extensions (`http://hl7.org/fhir/4.0/StructureDefinition/extension-Patient.x`) are defined by rule, not by a package. */
const XVER = /^http:\/\/hl7\.org\/fhir\/\d+\.\d+\/StructureDefinition\/extension-/;

/** Extensions whose value is a URL that need not resolve (links to pages, namespaces of CQL libraries). */
const FREE_VALUES = new Set(['http://hl7.org/fhir/StructureDefinition/textLink', 'http://hl7.org/fhir/uv/cql/StructureDefinition/cql-namespaceUri']);
/** Extensions whose url elements name pages of a guide being built. */
const PAGE_EXTENSIONS = new Set(['http://hl7.org/fhir/tools/StructureDefinition/ig-page-name', 'http://hl7.org/fhir/tools/StructureDefinition/web-source', 'http://hl7.org/fhir/StructureDefinition/web-source']);

const namingSystemIds = new WeakMap<DefinitionStore, Set<string>>();

/** The uri identifiers of every loaded NamingSystem, read once per store (the first time one is needed). */
function identifierSystems(definitions: DefinitionStore): Set<string> {
  let ids = namingSystemIds.get(definitions);
  if (!ids) {
    ids = new Set();
    for (const ns of definitions.ofResourceType('NamingSystem')) {
      for (const u of Array.isArray(ns.uniqueId) ? ns.uniqueId : []) if (u?.type === 'uri' && typeof u.value === 'string') ids.add(u.value);
    }
    namingSystemIds.set(definitions, ids);
  }
  return ids;
}

/** Whether a URL names something the validator knows; `url#part` names a part of what `url` names. */
export function resolves(url: string, definitions: DefinitionStore): boolean {
  const hash = url.indexOf('#');
  const whole = hash < 0 ? url : url.slice(0, hash);
  return KNOWN.has(url) || XVER.test(url) || definitions.has(whole) || identifierSystems(definitions).has(url);
}

/**
 * Elements whose URL defines rather than refers (a canonical resource's own `url`, a Bundle entry's fullUrl), or
 * names a specification rather than a resource: a mapping's target is "an absolute URI that identifies the
 * specification that this mapping is expressed to" (https://hl7.org/fhir/R5/structuredefinition-definitions.html#StructureDefinition.mapping.uri),
 * often its page (the HL7 validator judges that one too; the R5 examples give it none to judge).
 */
function definesUrl(path: string, models: ModelRegistry): boolean {
  if (path === 'Bundle.entry.fullUrl' || path === 'StructureDefinition.mapping.uri') return true;
  const [type, name, ...rest] = path.split('.');
  return name === 'url' && !rest.length && (type === 'CanonicalResource' || type === 'MetadataResource' || models.typeAncestry(type).includes('CanonicalResource'));
}

const isAbsolute = (url: unknown): url is string => typeof url === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(url);

/**
 * The url of the extension a value belongs to: the nearest enclosing extension with an absolute url (a part
 * of a complex extension has a relative one), found along `expression` from the resource it is in.
 */
function enclosingExtensionUrl(where: InstanceAt, expression: string): string | undefined {
  const from = where.expression;
  if (from === undefined || !expression.startsWith(`${from}.`)) return undefined;
  let value: any = where.resource;
  let found: string | undefined;
  for (const segment of expression.slice(from.length + 1).split('.')) {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(segment);
    if (!m) return found;
    value = value?.[m[1]];
    if (Array.isArray(value)) value = value[Number(m[2] ?? 0)];
    if ((m[1] === 'extension' || m[1] === 'modifierExtension') && isAbsolute(value?.url)) found = value.url;
  }
  return found;
}

/**
 * The walker's hook for a uri or url value: an error when it is in an HL7 space and names nothing known.
 * `parent` is the object holding the value (an Extension, for its `url` or `value[x]`); `where` the resource it is in.
 */
export function checkUrlResolves(value: string, typeCode: string, node: ElementNode, parent: unknown, where: InstanceAt, models: ModelRegistry, expression: string, site: Site, out: IssueCollector): void {
  if ((typeCode !== 'uri' && typeCode !== 'url') || !HL7_SPACES.some((s) => value.startsWith(s)) || UNCHECKABLE_SPACES.some((s) => value.startsWith(s))) return;
  if (definesUrl(node.path, models)) return;
  const parentUrl = (parent as { url?: unknown } | null)?.url;
  if (typeof parentUrl === 'string' && PAGE_EXTENSIONS.has(parentUrl)) return;
  // An extension's value, in its definition (`Extension.value[x]`, `Extension.extension.value[x]`) or a profile's slice of it.
  if (/(^|\.)([Ee]xtension|modifierExtension)\.value\[x\]$/.test(node.path)) {
    const extensionUrl = isAbsolute(parentUrl) ? parentUrl : enclosingExtensionUrl(where, expression);
    if (!extensionUrl || FREE_VALUES.has(extensionUrl)) return;
  }
  if (resolves(value, models.definitions)) return;
  out.add('error', 'invalid', `no definition could be found for URL value '${value}' (a URL in an HL7 space must name a loaded definition or a known system)`, expression, site, 'Type_Specific_Checks_DT_URL_Resolve');
}
