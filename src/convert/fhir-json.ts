import type { FhirResource } from '../ig/generated-resources';
import { JsonSyntaxError, parseJson } from '../validator/parse/json-parser';
import { ConversionInputError } from './errors';
import { checkShape, describeJson, typeName } from './json-shape';
import type { Bundle } from './resources';
import { locator, type Locator } from './source-position';

export interface SourceResource {
  /** Where in the file: undefined for a lone resource, `entry[i]` inside a Bundle. */
  where?: string;
  resource: FhirResource;
  /** Line and column of the resource's elements in the file. */
  locate: Locator;
}

/** Reads a FHIR JSON file holding one `expected` resource, or a Bundle of them (parsed with the validator's parser, which keeps positions). */
export function readFhirJson(content: Uint8Array, expected: string): SourceResource[] {
  let parsed;
  try {
    parsed = parseJson(Buffer.from(content).toString('utf8'));
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ConversionInputError(`not JSON: ${e.message} (line ${e.position.line}, column ${e.position.col})`);
    throw e;
  }
  const json = parsed.value;
  const located = (resource: FhirResource) => locator(resource, parsed.sourceMap);
  if (!isResource(json)) throw new ConversionInputError('not a FHIR resource (no resourceType)');
  if (json.resourceType === 'Bundle' && expected !== 'Bundle') {
    checkShape((json as Bundle).entry, { items: 'object' }, 'Bundle.entry');
    const entries = (json as Bundle).entry ?? [];
    if (!entries.length) throw new ConversionInputError(`an empty Bundle, expected ${expected} resources`);
    return entries.map((entry, i) => {
      if (!isResource(entry.resource) || entry.resource.resourceType !== expected) {
        throw new ConversionInputError(`Bundle.entry[${i}] is ${describe(entry.resource)}, expected ${expected}`);
      }
      return { where: `entry[${i}]`, resource: entry.resource, locate: located(entry.resource) };
    });
  }
  if (json.resourceType !== expected) throw new ConversionInputError(`resourceType is ${typeName(json.resourceType)}, expected ${expected}`);
  return [{ resource: json, locate: located(json) }];
}

function isResource(value: unknown): value is FhirResource {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as FhirResource).resourceType === 'string';
}

function describe(value: unknown): string {
  return isResource(value) ? `a ${typeName(value.resourceType)}` : `not a resource (${describeJson(value)})`;
}
