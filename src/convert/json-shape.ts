// The JSON types of the elements a converter reads, checked before it reads them: a source with
// a string where an object belongs, or an object where a list belongs, is refused with the path
// of that element instead of failing somewhere inside the mapping.
import { ConversionInputError } from './errors';

/** A JSON type, an object with the shapes of the properties that are read, or a list of a shape. */
export type Shape = 'string' | 'number' | 'boolean' | 'object' | 'any' | { properties: Record<string, Shape> } | { items: Shape };

/** Throws a ConversionInputError naming the first element of `value` that does not have its shape. */
export function checkShape(value: unknown, shape: Shape, path: string): void {
  if (value === undefined || shape === 'any') return;
  const wrong = (expected: string) => new ConversionInputError(`${path} is ${describeJson(value)}, expected ${expected}`);
  if (typeof shape === 'string') {
    if (shape === 'object' ? !isObject(value) : typeof value !== shape) throw wrong(article(shape));
    return;
  }
  if ('items' in shape) {
    if (!Array.isArray(value)) throw wrong('an array');
    value.forEach((item, i) => {
      if (item === undefined) throw new ConversionInputError(`${path}[${i}] is missing`);
      checkShape(item, shape.items, `${path}[${i}]`);
    });
    return;
  }
  if (!isObject(value)) throw wrong('an object');
  for (const [key, inner] of Object.entries(shape.properties)) {
    if (Object.hasOwn(value, key)) checkShape((value as Record<string, unknown>)[key], inner, `${path}.${key}`);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a refusal names a JSON value: its type, and a short quote of a string. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}

/** A string from the input as it appears in a message: JSON-quoted (so escaped), cut at 60 characters. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/** A resource type from the input: as it is when it is a plain name (`Patient`), else quoted. */
export function typeName(value: string): string {
  return /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(value) ? value : quote(value);
}

function article(type: string): string {
  return type === 'object' ? 'an object' : `a ${type}`;
}

// The FHIR datatypes the converters read into, as shapes.
export const CODING: Shape = { properties: { system: 'string', version: 'string', code: 'string', display: 'string', userSelected: 'boolean' } };
export const EXTENSIONS: Shape = { items: { properties: { url: 'string' } } };
export const CODEABLE_CONCEPT: Shape = { properties: { coding: { items: CODING }, text: 'string', extension: EXTENSIONS } };
export const IDENTIFIER: Shape = { properties: { use: 'string', system: 'string', value: 'string', assigner: 'object' } };
export const REFERENCE: Shape = { properties: { reference: 'string', type: 'string', identifier: IDENTIFIER, display: 'string', extension: EXTENSIONS } };
/** The DomainResource elements the converters copy as they are. */
export const DOMAIN_RESOURCE: Record<string, Shape> = {
  resourceType: 'string',
  id: 'string',
  language: 'string',
  meta: { properties: { versionId: 'string', lastUpdated: 'string', profile: { items: 'string' } } },
  text: 'object',
  contained: { items: 'object' },
  extension: EXTENSIONS,
  modifierExtension: EXTENSIONS,
};
