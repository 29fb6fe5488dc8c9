import type { DefinitionStore } from '../../definitions/definition-store';
import type { ModelRegistry } from '../model/model-registry';
import type { IssueCollector, Site } from '../outcome/issue-collector';
import type { ValidatorRule, ValueEvent, Walk } from './rule';

/**
 * The URL spaces HL7 owns: only HL7 defines what a URL there means, so one that names no
 * definition the validator has loaded is an error, as the HL7 validator reports it
 * (Type_Specific_Checks_DT_URL_Resolve). Elsewhere a URL need not resolve to anything (an
 * Identifier.system only names a namespace): the HL7 validator's warning there is not repeated.
 */
const HL7_SPACES = ['http://hl7.org/fhir', 'http://terminology.hl7.org/', 'http://fhir.org/guides'];

/**
 * Elements whose URL is not a reference to a FHIR definition: an entry's identity, and the
 * specification a mapping is to ("An absolute URI that identifies the specification that this
 * mapping is expressed to": a web page such as http://hl7.org/fhir/STU3/imagingmanifest.html).
 * The HL7 validator reports the latter in HL7's space too (see scripts/oracle/known-differences.ts).
 */
const NOT_REFERENCES = new Set(['Bundle.entry.fullUrl', 'StructureDefinition.mapping.uri']);

/**
 * URLs in HL7's spaces that name something no package defines: the FHIRPath system types
 * (https://hl7.org/fhirpath/#types), and what the HL7 validator knows without a definition: the
 * code and identifier systems of terminologies-systems.html and identifier-registry.html that no
 * NamingSystem declares, the spec's mapping spaces, and the compartments it names by type.
 */
const KNOWN_WITHOUT_DEFINITION = new Set([
  ...['Boolean', 'String', 'Integer', 'Decimal', 'Date', 'Time', 'DateTime', 'Quantity'].map((t) => `http://hl7.org/fhirpath/System.${t}`),
  // The systems the HL7 validator knows by name: those no NamingSystem declares, and the common ones that some do (named
  // here so that a resource using them costs no reading of every NamingSystem).
  ...['icpc-1-nl', 'icd-9', 'srt', 'icd-10-vn', 'icd-10-am', 'ca-hc-din', 'dsm5', 'icpc2', 'ndc', 'icpc-2', 'icpc-1', 'icd-10', 'cvx', 'icd-10-cm', 'icd-9-cm', 'icf-nl', 'ca-hc-npn', 'ex-icd-10-procedures'].map((s) => `http://hl7.org/fhir/sid/${s}`),
  ...['us-ssn', 'us-npi', 'eui-48/bluetooth', 'eui-48/ethernet'].map((s) => `http://hl7.org/fhir/sid/${s}`),
  ...['w5', 'fivews', 'workflow', 'interface', 'logical', 'object-implementation', 'auditevent', 'composition', 'consent', 'documentreference', 'provenance', 'rr'].map((m) => `http://hl7.org/fhir/${m}`),
  'http://hl7.org/fhir/ConsentPolicy/opt-in',
  'http://hl7.org/fhir/ConsentPolicy/opt-out',
  ...['Patient', 'Practitioner', 'Group', 'Device', 'Encounter'].map((c) => `http://hl7.org/fhir/CompartmentDefinition/${c}`),
  'http://hl7.org/fhir/SearchParameter/Resource-filter',
]);
/**
 * Spaces of HL7 packages that cannot be loaded here: hl7.fhir.uv.tools (the IG Publisher's
 * definitions, `ig-parameters` and the tools extensions) is on no npm registry, so its URLs are
 * not judged (the HL7 validator's own code once exempted the space too).
 */
const UNLOADABLE_SPACES = ['http://hl7.org/fhir/tools/'];
/** Passports (identifier-registry.html) and the cross-version extensions of another FHIR release (versions.html#extensions). */
const KNOWN_PATTERNS = [/^http:\/\/hl7\.org\/fhir\/sid\/passport-[a-zA-Z]{3}$/, /^http:\/\/hl7\.org\/fhir\/\d\.\d\/StructureDefinition\/extension-/];

/** The `uri` identifiers of the loaded NamingSystems, found once per store. */
const namingSystemIds = new WeakMap<DefinitionStore, Set<string>>();
/** Whether a URL resolves, per store: the same code system URLs recur in every coding of a large input. */
const resolved = new WeakMap<DefinitionStore, Map<string, boolean>>();

function urlResolves(e: ValueEvent, w: Walk): void {
  checkUrlResolves(e.value, e.typeCode!, e.views[0].node.path, w.models, e.expression, e.site, w.out);
}

export const urlResolutionRule: ValidatorRule = {
  name: 'url-resolution',
  ids: ['Type_Specific_Checks_DT_URL_Resolve'],
  checks: "a uri or url in HL7's spaces (hl7.org/fhir, terminology.hl7.org, fhir.org/guides) names a loaded definition or NamingSystem identifier",
  spec: 'https://hl7.org/fhir/R5/datatypes-definitions.html#Coding.system',
  hooks: { type: { uri: urlResolves, url: urlResolves } },
};

export function checkUrlResolves(value: unknown, typeCode: string, elementPath: string, models: ModelRegistry, expression: string, site: Site, out: IssueCollector): void {
  if ((typeCode !== 'uri' && typeCode !== 'url') || typeof value !== 'string' || !value.startsWith('http://')) return;
  const space = HL7_SPACES.find((s) => value.startsWith(s));
  if (!space || NOT_REFERENCES.has(elementPath) || isDefiningUrl(elementPath, models)) return;
  let known = resolved.get(models.definitions);
  if (!known) resolved.set(models.definitions, (known = new Map()));
  let ok = known.get(value);
  if (ok === undefined) {
    ok = resolves(value, models.definitions);
    if (known.size < 10_000) known.set(value, ok);
  }
  if (!ok) out.add('error', 'not-found', `no definition of ${value} is loaded: a URL in HL7's space (${space}) must name something HL7 defines`, expression, site, 'Type_Specific_Checks_DT_URL_Resolve');
}

/** `CodeSystem.url`, `StructureDefinition.url`, …: the canonical URL a canonical resource defines. */
function isDefiningUrl(elementPath: string, models: ModelRegistry): boolean {
  const dot = elementPath.indexOf('.');
  return dot === elementPath.length - 4 && elementPath.endsWith('.url') && models.typeAncestry(elementPath.slice(0, dot)).includes('CanonicalResource');
}

function resolves(value: string, definitions: DefinitionStore): boolean {
  const url = value.split('#')[0];
  if (KNOWN_WITHOUT_DEFINITION.has(url) || KNOWN_PATTERNS.some((p) => p.test(url)) || UNLOADABLE_SPACES.some((s) => url.startsWith(s))) return true;
  const bar = url.indexOf('|');
  // A versioned URL names that version: the latest of another does not do.
  if (bar >= 0) return definitions.get(url.slice(0, bar))?.version === url.slice(bar + 1);
  if (definitions.has(url)) return true;
  let ids = namingSystemIds.get(definitions);
  if (!ids) {
    ids = new Set();
    for (const ns of definitions.ofResourceType('NamingSystem')) {
      for (const u of ns.uniqueId ?? []) if (u?.type === 'uri' && typeof u.value === 'string') ids.add(u.value);
    }
    namingSystemIds.set(definitions, ids);
  }
  return ids.has(url);
}
