import type { ValidatorRule } from './rule';

// The rule families that run before or around the walk: reading the input (its bytes, JSON, XML) and
// bounding the outcome. Their logic lives where the input is read; they are listed here for their ids.

export const inputRule: ValidatorRule = {
  name: 'input',
  ids: ['input-too-large', 'input-too-deep', 'input-not-regular-file', 'input-binary', 'input-encoding', 'ndjson-empty'],
  checks: 'an input is a regular file of UTF-8 text within 64 MB (each NDJSON line too), an object given in memory can be walked (no cycle), an NDJSON file has a resource',
  spec: 'https://hl7.org/fhir/R5/nd-json.html',
  hooks: {},
  runsIn: 'src/validator/input/ (files, standard input, NDJSON lines) and validator.ts',
};

export const jsonSyntaxRule: ValidatorRule = {
  name: 'json-syntax',
  ids: ['json-syntax', 'json-duplicate', 'json-string-chars'],
  checks: 'the input is JSON, with no duplicate property names and no control characters or lone surrogates in strings',
  spec: 'https://hl7.org/fhir/R5/json.html',
  hooks: {},
  runsIn: 'the JSON reader (src/validator/parse/json-parser.ts)',
};

export const xmlRule: ValidatorRule = {
  name: 'xml',
  ids: ['xml-syntax', 'xml-namespace', 'Text_should_not_be_present', 'CDATA_is_not_allowed', 'xml_encoding_invalid', 'xml-order', 'xml-value', 'Type_Specific_Checks_DT_Decimal_Valid', 'Type_Specific_Checks_DT_Boolean_Value', 'xml-resource', 'xml-attribute'],
  checks: 'FHIR XML: well-formed UTF-8 without DTDs, in the FHIR namespace, no text or CDATA in FHIR elements, elements in the order of the definition, valid values in value attributes, one resource per resource element',
  spec: 'https://hl7.org/fhir/R5/xml.html',
  hooks: {},
  runsIn: 'the XML reader (src/validator/parse/xml-reader.ts, fhir-xml.ts)',
};

export const issueLimitRule: ValidatorRule = {
  name: 'issue-limit',
  ids: ['issue-limit'],
  checks: 'an issue repeated with only its place changing is listed 20 times, then summarised; past 10,000 issues the rest are counted',
  spec: 'https://hl7.org/fhir/R5/operationoutcome.html',
  hooks: {},
  runsIn: 'the outcome (src/validator/outcome/issue-limit.ts)',
};

export const internalRule: ValidatorRule = {
  name: 'internal',
  ids: ['internal-error'],
  checks: 'a rule that fails on an input it did not foresee gives a fatal issue (exception), not a crash',
  spec: 'https://hl7.org/fhir/R5/codesystem-issue-type.html#issue-type-exception',
  hooks: {},
  runsIn: 'validator.ts, around the walk',
};
