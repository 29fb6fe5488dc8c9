import type { ValidationIssue } from '../validator/outcome/issue';
import { toOperationOutcome, type OperationOutcome } from '../validator/outcome/operation-outcome';
import { FhirXmlSerializer } from '../site/render/fhir-xml';
import { CoreTypes } from '../site/core-types';
import type { FhirResource } from '../ig/generated-resources';

export type WireFormat = 'json' | 'xml';

export const FHIR_JSON = 'application/fhir+json';
export const FHIR_XML = 'application/fhir+xml';

/**
 * The format a reply is written in: `_format` first (FHIR's override for clients that cannot set
 * headers), then Accept; JSON unless XML is asked for (http://hl7.org/fhir/R5/http.html#mime-type).
 */
export function replyFormat(accept: string | undefined, formatParam: string | undefined, bodyFormat: WireFormat = 'json'): WireFormat {
  const asked = formatParam ?? accept ?? '';
  if (/xml/i.test(asked)) return 'xml';
  if (/json/i.test(asked)) return 'json';
  // `*/*` or nothing: answer in the format the client wrote in.
  return bodyFormat;
}

/** The request body's format from its Content-Type; undefined when it is neither FHIR JSON nor XML. */
export function bodyFormat(contentType: string | undefined): WireFormat | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === FHIR_JSON || type === 'application/json' || type === 'application/json+fhir') return 'json';
  if (type === FHIR_XML || type === 'application/xml' || type === 'text/xml' || type === 'application/xml+fhir') return 'xml';
  return undefined;
}

let serializer: FhirXmlSerializer | undefined;

/** The HL7 XML of a resource, by the site's serializer (the R5 core definitions, read on first use). */
export function toXml(resource: FhirResource): string {
  serializer ??= new FhirXmlSerializer(CoreTypes.forProject());
  return serializer.toXml(resource);
}

/** A resource as the body of a reply: its text and Content-Type. */
export function resourceBody(resource: object, format: WireFormat): { body: string; type: string } {
  if (format === 'xml') return { body: toXml(resource as FhirResource), type: `${FHIR_XML}; charset=utf-8` };
  return { body: JSON.stringify(resource), type: `${FHIR_JSON}; charset=utf-8` };
}

/** An OperationOutcome of one issue, for errors of the HTTP layer itself. */
export function problem(severity: ValidationIssue['severity'], code: ValidationIssue['code'], message: string, rule: string): OperationOutcome {
  return toOperationOutcome([{ severity, code, message, rule }]);
}
