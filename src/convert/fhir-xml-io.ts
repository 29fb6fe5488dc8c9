// FHIR XML input and output for the FHIR directions: XML is read into FHIR JSON with the
// validator's converter and written with the site's serializer, both driven by the R5 core and
// this IG's definitions (so ImagingReference, a type of this IG, reads and writes too). STU3
// ImagingManifest is not an R5 type: it stays JSON.
import type { DefinitionStore } from '../definitions/definition-store';
import { loadProjectDefinitions } from '../definitions/sources/project-definitions';
import type { FhirResource } from '../ig/generated-resources';
import { CoreTypes } from '../site/core-types';
import { FhirXmlError, FhirXmlSerializer } from '../site/render/fhir-xml';
import { FhirXmlConverter } from '../validator/parse/fhir-xml';
import { readXml, XmlSyntaxError } from '../validator/parse/xml-reader';
import { ModelRegistry } from '../validator/model/model-registry';
import { IssueCollector } from '../validator/outcome/issue-collector';
import { isFailure } from '../validator/outcome/issue';
import { ConversionInputError } from './errors';

let store: DefinitionStore | undefined;
const definitions = () => (store ??= loadProjectDefinitions());

/** True when a file's content starts like XML (after a byte order mark and white space). */
export function looksLikeXml(content: Uint8Array): boolean {
  return /^(\uFEFF)?\s*</.test(Buffer.from(content.subarray(0, 256)).toString('utf8'));
}

/** FHIR XML as FHIR JSON text, for the JSON readers; XML that is not FHIR is refused with its first problem. */
export function fhirXmlToJson(content: Uint8Array): Uint8Array {
  let root;
  try {
    root = readXml(Buffer.from(content).toString('utf8'));
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new ConversionInputError(`not XML: ${e.message}${e.position ? ` (line ${e.position.line}, column ${e.position.col})` : ''}`);
    throw e;
  }
  const out = new IssueCollector();
  const resource = new FhirXmlConverter(new ModelRegistry(definitions()), out).convertResource(root, '');
  const problem = out.issues.find(isFailure);
  if (problem || !resource) throw new ConversionInputError(`not FHIR XML: ${problem?.message ?? 'no resource'}${problem?.position ? ` (line ${problem.position.line}, column ${problem.position.col})` : ''}`);
  return Buffer.from(JSON.stringify(resource));
}

let serializer: FhirXmlSerializer | undefined;

/** A converted resource (or collection Bundle) as FHIR XML. */
export function toFhirXml(resource: FhirResource): string {
  serializer ??= new FhirXmlSerializer(
    new CoreTypes(definitions()),
    [...definitions().ofResourceType('StructureDefinition', (s) => !s.core)] as FhirResource[],
  );
  try {
    return serializer.toXml(resource);
  } catch (e) {
    if (e instanceof FhirXmlError) throw new ConversionInputError(e.message);
    throw e;
  }
}
