// Every input on which our validator and the HL7 validator differ, with the reason. `npm run oracle`
// marks a difference that has no entry here as unexplained, so new ones cannot slip by.

export type DifferenceKind =
  /** Our answer follows the FHIR specification; the reason cites it. */
  | 'explained'
  /** Our validator is wrong: to be fixed in the engine. */
  | 'bug'
  /** The HL7 validator cannot give an answer here (offline, or an error of its own). */
  | 'oracle-limit'
  /** The specification does not settle it: the lead decides which answer we want. */
  | 'review';

export interface KnownDifference {
  /** Input paths (relative to the project) this applies to. */
  file: RegExp;
  kind: DifferenceKind;
  reason: string;
}

const REFERENCE_TYPE =
  'The HL7 validator checks a reference\'s target type only when it resolves the reference, and the oracle resolves ' +
  'references only to the IG\'s examples: this one points at no example (`Location/room-1`, `Radiologist/r1`, or a logical ' +
  'reference with `type` and no `reference`). We check the type that the reference states, `[type]/[id]` or `Reference.type`, ' +
  'against `ElementDefinition.type.targetProfile`, as the R5 specification defines them ' +
  '(https://hl7.org/fhir/R5/references.html#literal, https://hl7.org/fhir/R5/references.html#logical, ' +
  'https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.type.targetProfile). ' +
  'Where the target is an example (wrong-type subject, endpoint, imagingStudy, extension value) both validators reject it.';

/**
 * The code systems that only a terminology server knows (BCP-13, BCP-47, ISO 4217, ISO 3166, UCUM). Exported: the
 * corpus comparison meets the same difference on the R5 examples.
 */
export const SERVERLESS_CODE_SYSTEMS =
  'The HL7 validator has no definition of BCP-13 mime types, BCP-47 languages, ISO 4217 currencies, ISO 3166 countries or ' +
  'UCUM units without a terminology server (they are external code systems: no FHIR package holds them), so offline it ' +
  'does not check their codes: a Coding in one of them gets only a warning (UNKNOWN_CODESYSTEM), a UCUM unit only ' +
  '"Unable to validate code ... without terminology services", and a `code` bound to mimetypes, all-languages or ' +
  'currencies either an information (Terminology_TX_NoValid_15, "could not be validated in the absence of a terminology ' +
  'server") or, depending on what the same JVM validated before, an error for every code, valid or not ' +
  '(UNABLE_TO_INFER_CODESYSTEM, or a NullPointerException in its terminology client). With a terminology server it checks ' +
  'them. We check them from pinned libraries (terminology/known-systems): Coding.code is "a symbol in syntax defined by the ' +
  'system" (https://hl7.org/fhir/R5/datatypes-definitions.html#Coding.code), and a required binding means "the concept in ' +
  'this element SHALL be from the specified value set" (https://hl7.org/fhir/R5/terminologies.html#required).';

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    file: /^tests\/fixtures\/validator\/(invalid\/terminology-(language-coding|country-coding|ucum-unit|mimetype|currency)-unknown|valid\/terminology-(mimetype-language|currency))\.(json|xml)$/,
    kind: 'oracle-limit',
    reason: SERVERLESS_CODE_SYSTEMS,
  },
  {
    file: /^fsh-generated\/resources\/StructureDefinition-ImagingReference\.json$/,
    kind: 'oracle-limit',
    reason:
      'The HL7 validator throws a NullPointerException (`this.additionalResourceNames` is null): to check a StructureDefinition ' +
      'that defines a new resource type it downloads https://fhir.github.io/ig-registry/additional-resources.json, and offline ' +
      'that fails. Instances of ImagingReference itself are validated by it without trouble. Past that it would also report the ' +
      'mapping URIs (http://hl7.org/fhir/STU3/imagingmanifest.html, http://hl7.org/fhir/R5/imagingselection.html) as unresolved ' +
      '(Type_Specific_Checks_DT_URL_Resolve, as it does for any StructureDefinition); a mapping\'s uri "identifies the specification ' +
      'that this mapping is expressed to" (https://hl7.org/fhir/R5/structuredefinition-definitions.html#StructureDefinition.mapping.uri), ' +
      'a web page, not a definition to load, so we do not.',
  },
  {
    file: /^fsh-generated\/resources\/SearchParameter-ImagingReference-[a-z-]+\.json$/,
    kind: 'explained',
    reason:
      'A search parameter of a resource that R5 does not have yet. `SearchParameter.base` is bound (required) to the R5 resource ' +
      'types (https://hl7.org/fhir/R5/searchparameter-definitions.html#SearchParameter.base), which do not include ImagingReference, ' +
      'so the IG gives `Resource`, as the core\'s own SearchParameter/Resource-id does, and names ImagingReference in its extension ' +
      'search-parameter-base-resource. The HL7 validator then fails twice on its own terms: on `base` its code check throws ' +
      '("Cannot invoke String.equals(Object) because system is null") and reports the valid code `Resource` as not in the value ' +
      'set; and it type-checks the expression against the base, where `ImagingReference.title` names no type. That check is the ' +
      'HL7 validator\'s, not a rule of https://hl7.org/fhir/R5/searchparameter.html (no invariant of SearchParameter constrains ' +
      'the expression), and it cannot know a proposed resource; the expressions are tested on the examples (tests/fsh/search-parameters.test.ts).',
  },
  {
    file: /^fsh-generated\/resources\/ImplementationGuide-/,
    kind: 'explained',
    reason:
      'HL7 publishing policy, not FHIR: the HL7 validator requires HL7 IGs (canonical under hl7.org) to carry the ' +
      'structuredefinition-standards-status and -wg extensions, and reports the `ig-parameters` code system of hl7.fhir.uv.tools ' +
      '(a package not installed here, the one SUSHI also fails to load) as unknown. None of these is a rule of ' +
      'https://hl7.org/fhir/R5/implementationguide.html; our validator has no such rules.',
  },
  {
    file: /^tests\/fixtures\/validator\/valid\/imaging-reference-(backbone-id-and-extension\.json|key-image-note\.xml)$/,
    kind: 'explained',
    reason:
      'SUSHI\'s snapshot of ImagingReference.instance omits `id` and `extension`, and the HL7 validator follows the snapshot ' +
      'as written. Every BackboneElement has `id`, `extension` and `modifierExtension` (https://hl7.org/fhir/R5/types.html#BackboneElement, ' +
      'https://hl7.org/fhir/R5/element.html), so we take them from BackboneElement. (Fixing the snapshot in the IG would make both agree.)',
  },
  {
    file: /^tests\/fixtures\/validator\/invalid\/(extension-unknown-modifier|cardinality-backbone-modifier-extension-unknown)\.json$/,
    kind: 'explained',
    reason:
      'The oracle runs with example URLs allowed, and the HL7 validator then accepts any extension under example.org. ' +
      'Run with example URLs disallowed, it reports these as we do, at the same expression ' +
      '(`ImagingReference.modifierExtension[0]`: "could not be found so is not allowed here"; likewise in `instance`, which the ' +
      'IG\'s snapshot now lists `modifierExtension` in, as the core snapshots do). An unknown modifier extension ' +
      'must stop processing (https://hl7.org/fhir/R5/extensibility.html#modifierExtension), so we report an error.',
  },
  {
    file: /^tests\/fixtures\/validator\/invalid\/invariant-ele-1-only-id\.json$/,
    kind: 'explained',
    reason:
      'An element with only an `id` breaks ele-1 ("All FHIR elements must have a @value or children", severity error, ' +
      'https://hl7.org/fhir/R5/element.html#invs); the HL7 validator does not report ele-1 for a complex element whose only child is `id`.',
  },
  {
    file: /^tests\/fixtures\/validator\/invalid\/reference-(logical-type|performer-location|unknown-type)\.json$/,
    kind: 'explained',
    reason: REFERENCE_TYPE,
  },
  {
    file: /^tests\/fixtures\/validator\/invalid\/reference-bundle-unresolved\.json$/,
    kind: 'explained',
    reason:
      'Severity only, by decision: both find the `urn:uuid` reference that no entry\'s fullUrl matches; the HL7 validator ' +
      'warns ("URN reference is not locally contained within the bundle"), we report an error (not-found). A urn:uuid ' +
      'names a resource only within its Bundle (https://hl7.org/fhir/R5/bundle.html#references): unlike a RESTful ' +
      'reference, no server can resolve it later, so an unmatched one is a broken link in what an implementer submits, ' +
      'and the conformance kit fails it.',
  },
  {
    file: /^tests\/fixtures\/validator\/invalid\/(xml-)?narrative-(cdata-hiding-markup|comment-hiding-markup|data-link|style-overlay)\.(json|xml)$/,
    kind: 'review',
    reason:
      'Stricter than the HL7 validator, by design (issue 17): these narratives are well-formed XHTML, so the HL7 validator passes them, ' +
      'but each runs script or covers the page in a browser that shows it as HTML, which is how most viewers and this IG\'s site ' +
      'render narrative. A CDATA section or a comment such as `<!--><img onerror=…>-->` is text to XML and markup to an HTML parser; ' +
      'a `data:text/html` link opens a document of the author\'s; a `position: fixed` style lays a fake page over the real one. FHIR ' +
      'allows only "basic html" in a narrative, without scripts or event attributes (https://hl7.org/fhir/R5/narrative.html), ' +
      'and we refuse what turns into them (txt-1, security).',
  },
  {
    file: /^tests\/fixtures\/validator\/invalid\/narrative-heading-in-paragraph\.json$/,
    kind: 'explained',
    reason:
      'A heading inside a paragraph: the HL7 validator refuses only div, blockquote, table, ol, ul and p inside a `p` ' +
      '(XhtmlValidator.checkInnerNames), and pre (checkXhtmlStructure); we refuse every block-level element. A narrative is ' +
      '"an XHTML fragment containing only the basic html formatting elements described in chapters 7-11 and 15 of the ' +
      'HTML 4.0 standard" (https://hl7.org/fhir/R5/narrative-definitions.html#Narrative.div), and HTML 4.0 says of P: ' +
      '"It cannot contain block-level elements (including P itself)" (https://www.w3.org/TR/html401/struct/text.html#h-9.3.1); ' +
      'headings, hr, dl and pre are block-level (%block, https://www.w3.org/TR/html401/sgml/dtd.html#block). A browser closes ' +
      'the paragraph before the heading, so the narrative does not render as written.',
  },
  {
    file: /^tests\/fixtures\/validator\/valid\/narrative-definition-list-with-blocks\.json$/,
    kind: 'explained',
    reason:
      'A `dd` holding a paragraph and a table: the HL7 validator treats `dd` like a paragraph and reports XHTML_XHTML_BLOCK_IN_PARA ' +
      '(its rule lists dd with dt). In HTML 4.0, which the narrative follows (https://hl7.org/fhir/R5/narrative-definitions.html#Narrative.div), ' +
      'DD holds %flow, blocks included, and only DT holds %inline: `<!ELEMENT DT - O (%inline;)*>`, `<!ELEMENT DD - O (%flow;)*>` ' +
      '(https://www.w3.org/TR/html401/struct/lists.html#h-10.3). We refuse blocks in dt and accept them in dd.',
  },
  {
    file: /^tests\/fixtures\/validator\/invalid\/(xml-)?canonical-empty-version\.(json|xml)$/,
    kind: 'explained',
    reason:
      'A canonical ending in `|` (meta.profile `…/key-image-reference|`): the HL7 validator only warns that the profile is ' +
      'not found. A canonical may name the version of its target after a vertical bar, `url|version` ' +
      '(https://hl7.org/fhir/R5/references.html#canonical); a bar with nothing after it names no version and matches no ' +
      'resource (CanonicalResource.version, a string, cannot be empty: https://hl7.org/fhir/R5/datatypes.html#string), so we ' +
      'report it as an error in the value.',
  },
  {
    file: /^tests\/fixtures\/validator\/invalid\/xml-text-in-contained\.xml$/,
    kind: 'explained',
    reason:
      'Text beside the resource inside `<contained>`: the HL7 validator reports text in every other FHIR element ' +
      '(Text_should_not_be_present) but takes the first element of a resource wrapper and ignores the rest. `contained` ' +
      'is an element of the resource like any other, whose content is the contained resource ' +
      '(https://hl7.org/fhir/R5/xml.html: values are in `value` attributes, and elements hold elements), so its text is ' +
      'reported as everywhere else.',
  },
  {
    file: /^tests\/fixtures\/validator\/(valid|invalid)\/slicing-patient-reslice(-closed)?\.json$/,
    kind: 'oracle-limit',
    reason:
      'Re-slicing: the slice `Patient.identifier:mrn` has its own slicing (by `use`) for its re-slices `mrn/current` and `mrn/old`. ' +
      'The HL7 validator throws "Slice encountered midway through set" on a slicing inside a slicing of the same path and gives no ' +
      'verdict of its own (the invalid fixture is "invalid" only through that exception). The specification allows re-slicing ' +
      '(https://hl7.org/fhir/R5/profiling.html#reslicing, re-slices named `slice/reslice`), and `ElementDefinition.slicing` is ' +
      '"the definition that applies to all the slices" that follow it with the same path ' +
      '(https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.slicing): the slicing carried by the slice ' +
      '`mrn` applies to its re-slices, which we evaluate among the items of `mrn`.',
  },
  {
    file: /^tests\/fixtures\/validator\/invalid\/slicing-patient-open-at-end\.json$/,
    kind: 'explained',
    reason:
      'openAtEnd: an identifier in no slice comes before an `mrn`. The HL7 validator treats openAtEnd as open (its slicing check ' +
      'carries a TODO for "this element is at end"). The specification: openAtEnd means "additional content is allowed, but only at ' +
      'the end of the list" (https://hl7.org/fhir/R5/codesystem-resource-slicing-rules.html), so an item of a slice after an ' +
      'unsliced one is an error.',
  },
];

export function knownDifference(file: string): KnownDifference | undefined {
  return KNOWN_DIFFERENCES.find((d) => d.file.test(file));
}
