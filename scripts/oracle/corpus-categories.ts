// Why the two validators differ on a corpus file. A disagreement is sorted by the errors of the side that
// rejects the file: the HL7 validator's message ids when we accept it, our rule ids when we reject it. Every
// category says whose rule it is and why it differs: a rule family we still lack (with the issue item that
// asks for it), an HL7 policy that is not a FHIR rule, or a limit of the oracle. A file whose errors all fall
// in categories is explained; any other error leaves it unexplained, so new differences cannot slip by.
import { SERVERLESS_CODE_SYSTEMS, type DifferenceKind } from './known-differences';
import type { CorpusRow, ErrorSummary } from './corpus-compare';

export interface Category {
  id: string;
  title: string;
  kind: DifferenceKind;
  /** Who is to close it (an issue 11 item), or why nobody is. */
  owner: string;
  /** Which side's errors it explains: `hl7` when the HL7 validator rejects a file we accept, `ours` the other way. */
  side: 'hl7' | 'ours';
  matches: (error: ErrorSummary) => boolean;
  reason: string;
}

const ids =
  (...wanted: string[]) =>
  (e: ErrorSummary) =>
    wanted.includes(e.id);
const idPrefix =
  (...prefixes: string[]) =>
  (e: ErrorSummary) =>
    prefixes.some((p) => e.id.startsWith(p));

const TOOLS_URL = /^No definition could be found for URL value 'http:\/\/hl7\.org\/fhir\/tools\//;

export const CORPUS_CATEGORIES: Category[] = [
  {
    id: 'tools-package',
    title: 'Extensions of hl7.fhir.uv.tools, a package neither validator has',
    kind: 'oracle-limit',
    owner: 'nobody: the package is on no registry this project reaches',
    side: 'hl7',
    matches: (e) => e.id === 'Type_Specific_Checks_DT_URL_Resolve' && TOOLS_URL.test(e.text),
    reason:
      'The core\'s own StructureDefinitions carry build extensions (`http://hl7.org/fhir/tools/StructureDefinition/binding-definition`, ' +
      '`no-binding`, `summary`, …) defined in hl7.fhir.uv.tools, which is not on the npm registry and so is loaded by neither validator. ' +
      'The HL7 validator accepts the unknown extension itself (the tools space is allowed) but then fails `Extension.url` because the url ' +
      'is in an HL7 space and resolves to nothing. R5 requires the url to name a definition, not that a validator hold it: ' +
      '"The definition SHALL be a URI for the Structure Definition defining the extension" (https://hl7.org/fhir/R5/extensibility-definitions.html#Extension.url), ' +
      'and "Applications should not reject resources merely because they contain extensions" (https://hl7.org/fhir/R5/extensibility.html). ' +
      'A URL rule of ours should not judge that space: without the ' +
      'package nobody can say whether its URLs resolve. With the package loaded both would accept these files.',
  },
  {
    id: 'url-resolve',
    title: 'A URL in an HL7 space that resolves to no loaded definition',
    kind: 'bug',
    owner: 'issue 11 item 9: rules/url-resolution.ts checks it; a file left here is a bug of that rule',
    side: 'hl7',
    matches: ids('Type_Specific_Checks_DT_URL_Resolve'),
    reason:
      'The HL7 validator requires a uri or url that starts with http://hl7.org/fhir, http://terminology.hl7.org/ or ' +
      'http://fhir.org/guides to resolve to a loaded resource (a `Coding.system` such as http://terminology.hl7.org/CodeSystem/designation-usage, ' +
      'a NamingSystem identifier, a page of the specification), and so do we (rules/url-resolution.ts). This is HL7 policy rather than FHIR: ' +
      'R5 defines uri as a "string of characters used to identify a name or a resource" (https://hl7.org/fhir/R5/datatypes.html#uri), ' +
      'with no rule that it resolve; following the HL7 validator is defensible because HL7 controls these spaces.',
  },
  {
    id: 'internal-reference',
    title: 'A `#id` that names no contained resource',
    kind: 'bug',
    owner: 'issue 11 item 4, contained resources (helper E)',
    side: 'hl7',
    matches: ids('TYPE_SPECIFIC_CHECKS_DT_URL_INTERNAL'),
    reason:
      'A canonical or uri `#id` names the resource with that id contained in the same resource ' +
      '(https://hl7.org/fhir/R5/references.html#contained); here no contained resource has it.',
  },
  {
    id: 'terminology-no-server',
    title: 'Valid codes of value sets the HL7 validator cannot check without a terminology server',
    kind: 'oracle-limit',
    owner: 'nobody: the HL7 validator without a terminology server (terminology/known-systems checks these codes)',
    side: 'hl7',
    matches: ids('Terminology_TX_NoValid_16', 'UNABLE_TO_INFER_CODESYSTEM', 'Terminology_TX_NoValid_17', 'Terminology_TX_NoValid_1_CC', 'Terminology_TX_NoValid_2_CC', 'Terminology_TX_NoValid_3_CC'),
    reason:
      `${SERVERLESS_CODE_SYSTEMS} On the R5 examples every code it rejects this way is valid: mime types (application/pdf, ` +
      'image/jpeg, …), languages (en-US, nl, …), currencies (EUR, USD, CAD, SAR), the UCUM unit ms, and resource type names of ' +
      'version-independent-all-resource-types, a value set whose second code system (fhir-old-types) defeats its inference of the ' +
      'system; the one time zone (America/New_York) neither validator can check offline.',
  },
  {
    id: 'display',
    title: 'A Coding display that is not the code system\'s display',
    kind: 'bug',
    owner: 'open: terminology, in no helper\'s brief (closest: item 9, helper B)',
    side: 'hl7',
    matches: ids('Display_Name_for__should_be_one_of__instead_of', 'Display_Name_WS_for__should_be_one_of__instead_of'),
    reason:
      'The HL7 validator checks `Coding.display` against the displays of the code in a loaded code system. R5: the display is ' +
      '"a representation of the meaning of the code in the system, following the rules of the system" ' +
      '(https://hl7.org/fhir/R5/datatypes-definitions.html#Coding.display). We do not check displays yet.',
  },
  {
    id: 'filter-value-no-server',
    title: 'ValueSet filter values the HL7 validator cannot check offline',
    kind: 'oracle-limit',
    owner: 'nobody: an effect of running without a terminology server',
    side: 'hl7',
    matches: (e) => e.id.startsWith('VALUESET_BAD_FILTER_VALUE_VALID_CODE') && /without terminology services/.test(e.text),
    reason:
      'A ValueSet filter value must be a code of the filtered system (`concept is-a <SNOMED CT code>`, `SCALE_TYP = Doc` in LOINC): ' +
      '"The match value may be either a code defined by the system, or a string value, which is a regex match on the literal string of the property value" ' +
      '(https://hl7.org/fhir/R5/valueset-definitions.html#ValueSet.compose.include.filter.value). ' +
      'Without a terminology server the HL7 validator cannot tell, and reports the filter as an error ("Unable to validate code … ' +
      'because the validator is running without terminology services"). Offline neither validator can know whether the code ' +
      'exists; we do not guess.',
  },
  {
    id: 'unknown-extension',
    title: 'Unknown extensions in an HL7 space',
    kind: 'explained',
    owner: 'nobody: HL7 validator policy',
    side: 'hl7',
    matches: ids('Extension_EXT_Unknown_NotHere'),
    reason:
      'The HL7 validator rejects any extension it has no definition for, unless told which domains to allow (`-extension`); the ' +
      'corpus uses `structuredefinition-implements` and `usagecontext-group`, which neither the core nor hl7.fhir.uv.extensions.r5#5.3.0-ballot-tc1 ' +
      'defines. FHIR: "Applications should not reject resources merely because they contain extensions" ' +
      '(https://hl7.org/fhir/R5/extensibility.html); we warn that the extension is unknown and could not be checked. An unknown ' +
      'modifier extension is an error for both.',
  },
  {
    id: 'hl7-publishing',
    title: 'HL7 publishing policy',
    kind: 'explained',
    owner: 'nobody: HL7 policy, not FHIR',
    side: 'hl7',
    matches: ids('VALIDATION_HL7_PUBLISHER_MULTIPLE_WGS', 'IG_HL7_STANDARDS_STATUS_REQUIRED', 'IG_HL7_WG_REQUIRED', 'VALIDATION_HL7_WG_NEEDED', 'VALIDATION_HL7_PUBLISHER_MISMATCH'),
    reason:
      'Rules for resources HL7 publishes (one work group per artefact, standards-status and wg extensions on IGs under hl7.org). ' +
      'They are not rules of https://hl7.org/fhir/R5/ and our validator has none of them.',
  },
  {
    id: 'conformance-authoring',
    title: 'Authoring rules for conformance resources',
    kind: 'bug',
    owner: 'issue 11 item 8 (helper E)',
    side: 'hl7',
    matches: (e) => idPrefix('SD_', 'ED_INVARIANT_', 'ERROR_GENERATING_SNAPSHOT', 'VALUESET_INCLUDE_', 'CONCEPTMAP_GROUP_', 'SNAPSHOT_')(e) || (e.id === '(no id)' && /slicing/.test(e.text)),
    reason:
      'What the HL7 validator checks when it validates a StructureDefinition beyond its structure, and we do not yet: that a ' +
      'slicing discriminator path names an element of the sliced element\'s type ("A FHIRPath expression, using the simple subset ' +
      'of FHIRPath, that is used to identify the element on which discrimination is based", ' +
      'https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.slicing.discriminator.path: `entry` on Bundle.entry ' +
      'names nothing), and that a constraint\'s expression is FHIRPath at all ("A FHIRPath expression of constraint that can be executed ' +
      'to see if this constraint is met", https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.constraint.expression): ' +
      'the core\'s own eld-11 writes `contains(":")`, and FHIRPath strings are "delimited by single quotes" (https://hl7.org/fhirpath/N1/#string), ' +
      'so the HL7 validator cannot parse it. The other authoring rules of this family (type profiles, choice paths, slices, ConceptMap codes, ' +
      'absolute include systems) are checked by rules/conformance; a file left here for them would be a bug of those.',
  },
  {
    id: 'bundle-references',
    title: 'Bundle entries and references inside a Bundle',
    kind: 'bug',
    owner: 'issue 11 item 2 (helper E)',
    side: 'hl7',
    matches: idPrefix('BUNDLE_'),
    reason:
      'A `fullUrl` "SHALL NOT disagree with the id in the resource" (https://hl7.org/fhir/R5/bundle-definitions.html#Bundle.entry.fullUrl), ' +
      'and references in a document or message Bundle resolve within it (https://hl7.org/fhir/R5/bundle.html#references).',
  },
  {
    id: 'narrative-links',
    title: 'Narrative links and images that resolve to nothing',
    kind: 'bug',
    owner: 'issue 11 item 1 (helper D)',
    side: 'hl7',
    matches: idPrefix('Type_Specific_Checks_DT_XHTML_Resolve'),
    reason: 'An internal `href="#…"` or `img/@src` in the narrative points at no element or contained resource (https://hl7.org/fhir/R5/narrative.html).',
  },
  {
    id: 'measure-cql',
    title: 'Measure criteria in CQL without a library',
    kind: 'bug',
    owner: 'checked by rules/measure.ts (helper C): what is left here are its misses',
    side: 'hl7',
    matches: ids('MEASURE_M_CRITERIA_CQL_NO_LIB'),
    reason:
      'A Measure whose population criteria are `text/cql` expressions names no Library to find them in. R5: a criteria expression is ' +
      '"typically the name of an expression in a library" (https://hl7.org/fhir/R5/measure-definitions.html#Measure.group.population.criteria) ' +
      'and Measure.library is "a reference to a Library resource containing the formal logic used by the measure". We check that a ' +
      'Library is loaded (rules/measure.ts), as the HL7 validator does; not what its ELM holds.',
  },
  {
    id: 'hl7-exception',
    title: 'The HL7 validator fails with an exception',
    kind: 'oracle-limit',
    owner: 'nobody: a defect of the HL7 validator',
    side: 'hl7',
    matches: ids('validator-exception'),
    reason:
      'The engine throws (a NullPointerException in its ValueSet checks, "errList is null") and OracleRunner records it as a fatal ' +
      'issue: the HL7 validator gives no verdict of its own on these files.',
  },
  {
    id: 'v3-hierarchy',
    title: 'Codes of a v3 code system whose hierarchy is stated by properties',
    kind: 'bug',
    owner: 'issue 11 item 9: the value-set expander follows subsumedBy; a file left here is a bug of it',
    side: 'ours',
    matches: (e) => e.id === 'binding-required' && /http:\/\/terminology\.hl7\.org\/CodeSystem\/v3-/.test(e.text),
    reason:
      'The v3 code systems state their hierarchy by the concept property `subsumedBy` (declared with the uri ' +
      'http://hl7.org/fhir/concept-properties#parent), not by nesting; a value set `is-a PRN` of v3-RoleCode includes FTH ' +
      'and MTH (https://hl7.org/fhir/R5/codesystem-concept-properties.html). Our expander follows both nesting and `subsumedBy` ' +
      '(or `parent`).',
  },
  {
    id: 'reference-type-unresolved',
    title: 'A literal reference to the wrong type that resolves to nothing',
    kind: 'explained',
    owner: 'nobody: by decision (the REFERENCE_TYPE known difference)',
    side: 'ours',
    matches: ids('ref-target'),
    reason:
      'The examples name the wrong type in references that resolve to no resource (`Transport/location-hospitalLab` where a Location ' +
      'is required). The HL7 validator checks a target type only when it resolves the reference; we check the type the reference ' +
      'states against `ElementDefinition.type.targetProfile` (https://hl7.org/fhir/R5/references.html#literal).',
  },
  {
    id: 'unknown-modifier-example',
    title: 'Unknown modifier extensions under example.org',
    kind: 'explained',
    owner: 'nobody: by decision',
    side: 'ours',
    matches: ids('ext-unknown'),
    reason:
      'The oracle runs with example URLs allowed, and the HL7 validator then accepts any extension under example.org, modifiers too. ' +
      'An unknown modifier extension must stop processing (https://hl7.org/fhir/R5/extensibility.html#modifierExtension), so we report an error.',
  },
  {
    id: 'ele-1-only-id',
    title: 'An element with only an id',
    kind: 'explained',
    owner: 'nobody: by decision',
    side: 'ours',
    matches: ids('ele-1'),
    reason:
      'An element with only an `id` (`"identifier": [{"id": "…"}]`) breaks ele-1 ("All FHIR elements must have a @value or children", ' +
      'https://hl7.org/fhir/R5/element.html#invs); the HL7 validator does not report ele-1 for a complex element whose only child is `id`.',
  },
];

export interface Categorised {
  row: CorpusRow;
  /** The categories of the rejecting side's errors, in table order. */
  categories: Category[];
  /** Errors no category explains. */
  unexplained: ErrorSummary[];
}

/** The categories of one disagreement (a file on which the verdicts differ). */
export function categorise(row: CorpusRow, categories: Category[] = CORPUS_CATEGORIES): Categorised {
  const side = row.comparison.ours === 'invalid' ? 'ours' : 'hl7';
  const errors = side === 'ours' ? row.ourErrors : row.theirErrors;
  const found = new Set<Category>();
  const unexplained: ErrorSummary[] = [];
  for (const e of errors) {
    const c = categories.find((k) => k.side === side && k.matches(e));
    if (c) found.add(c);
    else unexplained.push(e);
  }
  return { row, categories: categories.filter((c) => found.has(c)), unexplained };
}
