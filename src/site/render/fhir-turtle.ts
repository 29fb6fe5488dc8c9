import type { FhirResource } from '../../ig/generated-resources';

interface ElementJson {
  path: string;
  type?: { code: string }[];
  contentReference?: string;
}

/** XML Schema datatypes of FHIR's primitives (FHIR R5 RDF, "Primitive values"); the others are plain strings. */
const XSD: Record<string, string> = {
  boolean: 'xsd:boolean', integer: 'xsd:integer', integer64: 'xsd:integer', unsignedInt: 'xsd:nonNegativeInteger', positiveInt: 'xsd:positiveInteger',
  decimal: 'xsd:decimal', uri: 'xsd:anyURI', url: 'xsd:anyURI', canonical: 'xsd:anyURI', oid: 'xsd:anyURI', uuid: 'xsd:anyURI',
  base64Binary: 'xsd:base64Binary', instant: 'xsd:dateTime', time: 'xsd:time',
};
const PRIMITIVES = new Set([...Object.keys(XSD), 'string', 'code', 'id', 'markdown', 'date', 'dateTime', 'xhtml']);

/**
 * FHIR JSON to FHIR RDF in Turtle, the R5 form (https://hl7.org/fhir/R5/rdf.html): one node per
 * resource typed `fhir:<Type>` and marked `fhir:nodeRole fhir:treeRoot`, properties by their short
 * names, primitives as `[ fhir:v value ]` typed by their FHIR type, repeating elements as RDF
 * lists, a choice element as its short name with the chosen type as the node's `a`, a literal
 * reference with `fhir:link` to its target. The element types come from the definitions given
 * (the R5 core and the IG's own), so that ImagingReference converts like any core resource.
 */
export class FhirTurtleSerializer {
  private readonly elements = new Map<string, ElementJson>();

  constructor(definitions: readonly FhirResource[]) {
    for (const sd of definitions) {
      if (sd.resourceType !== 'StructureDefinition' || sd.derivation === 'constraint') continue;
      for (const e of ((sd.snapshot as { element?: ElementJson[] } | undefined)?.element ?? [])) this.elements.set(e.path, e);
    }
  }

  /** `base`: the URL the resource's node is named under (`<base>/<type>/<id>`), also the base of its references. */
  toTurtle(resource: FhirResource, base: string): string {
    const root = `${base}/${resource.resourceType}/${resource.id}`;
    const body = this.properties(resource as Record<string, unknown>, resource.resourceType, '  ', base);
    return `@prefix fhir: <http://hl7.org/fhir/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# - resource -------------------------------------------------------------------

<${iri(root)}> a fhir:${resource.resourceType} ;
  fhir:nodeRole fhir:treeRoot${body ? ` ;\n${body}` : ''} .
`;
  }

  private properties(obj: Record<string, unknown>, path: string, indent: string, base: string): string {
    const lines: string[] = [];
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'resourceType' || key.startsWith('_') || key === 'fhir_comments') continue;
      // Extension.url is typed by a FHIRPath system type in R5's snapshot; RDF writes it as a uri.
      const found = key === 'url' && path === 'Extension' ? { name: 'url', type: 'uri', context: 'uri', choice: false } : this.element(path, key);
      const name = found?.name ?? key;
      const values = Array.isArray(value) ? value : [value];
      const extras = Array.isArray(obj[`_${key}`]) ? (obj[`_${key}`] as unknown[]) : [obj[`_${key}`]];
      const nodes = values.map((v, i) => this.node(v, found, extras[i], indent + '  ', base));
      // Repeating elements are ordered lists; a single value is the node itself.
      const shown = Array.isArray(value) ? `( ${nodes.join(' ')} )` : nodes[0];
      lines.push(`${indent}fhir:${name} ${shown}`);
    }
    return lines.join(' ;\n');
  }

  private node(value: unknown, found: Found | undefined, extra: unknown, indent: string, base: string): string {
    const type = found?.type;
    const typed = found?.choice ? `a fhir:${type} ; ` : '';
    if (value === null || typeof value !== 'object') {
      const ext = extra && typeof extra === 'object' ? ` ; ${this.properties(extra as Record<string, unknown>, 'Element', '', base).replace(/\n\s*/g, ' ')}` : '';
      if (type === 'xhtml') return `${literal(String(value))}`;
      return `[ ${typed}fhir:v ${this.primitive(value, type)}${ext} ]`;
    }
    const obj = value as Record<string, unknown>;
    if (typeof obj.resourceType === 'string') {
      // A contained or bundled resource: its own node, typed by its resource type.
      const inner = this.properties(obj, obj.resourceType, indent, base);
      return `[\n${indent}a fhir:${obj.resourceType}${inner ? ` ;\n${inner}` : ''}\n${indent.slice(2)}]`;
    }
    const context = found ? found.context : 'Element';
    const lines: string[] = [];
    if (found?.choice) lines.push(`${indent}a fhir:${type}`);
    if (type === 'Reference' && typeof obj.reference === 'string' && /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(obj.reference)) {
      lines.push(`${indent}fhir:link <${iri(`${base}/${obj.reference}`)}>`);
    }
    const inner = this.properties(obj, context, indent, base);
    if (inner) lines.push(inner);
    return `[\n${lines.join(' ;\n')}\n${indent.slice(2)}]`;
  }

  private primitive(value: unknown, type: string | undefined): string {
    if (typeof value === 'boolean') return `"${value}"^^xsd:boolean`;
    if (typeof value === 'number') return `"${value}"^^${type && XSD[type] ? XSD[type] : Number.isInteger(value) ? 'xsd:integer' : 'xsd:decimal'}`;
    const text = String(value);
    if (type === 'date' || type === 'dateTime') return `${literal(text)}^^${dateType(text)}`;
    return type && XSD[type] ? `${literal(text)}^^${XSD[type]}` : literal(text);
  }

  /** The element `key` of the element at `path`: its R5 name, its type, and the path its children are under. */
  private element(path: string, key: string): Found | undefined {
    const direct = this.resolve(`${path}.${key}`);
    if (direct) {
      const code = direct.type?.[0]?.code ?? 'BackboneElement';
      const backbone = code === 'BackboneElement' || code === 'Element' && direct.path.includes('.');
      const context = direct.contentReference ? direct.contentReference.replace(/^.*#/, '') : backbone ? direct.path : code;
      return { name: key, type: code, context, choice: false };
    }
    // A choice element: valueQuantity is value[x] of type Quantity.
    for (let i = key.length - 1; i > 0; i--) {
      if (key[i] !== key[i].toUpperCase() || key[i] === key[i].toLowerCase()) continue;
      const choice = this.resolve(`${path}.${key.slice(0, i)}[x]`);
      if (!choice) continue;
      const type = key.slice(i);
      const code = choice.type?.find((t) => t.code.toLowerCase() === type.toLowerCase())?.code ?? type;
      return { name: key.slice(0, i), type: code, context: code, choice: true };
    }
    return undefined;
  }

  /** An element by path, through base types: `ImagingReference.id` is `Resource.id` in a snapshot that lacks it. */
  private resolve(path: string): ElementJson | undefined {
    const e = this.elements.get(path);
    if (e) return e;
    const [, rest] = /^[^.]+\.(.+)$/.exec(path) ?? [];
    if (!rest || PRIMITIVES.has(path.split('.')[0])) return undefined;
    return this.elements.get(`DomainResource.${rest}`) ?? this.elements.get(`Resource.${rest}`) ?? this.elements.get(`Element.${rest}`);
  }
}

interface Found {
  name: string;
  type: string;
  /** The path (backbone element) or type whose elements the value's properties are. */
  context: string;
  choice: boolean;
}

function dateType(text: string): string {
  if (/^\d{4}$/.test(text)) return 'xsd:gYear';
  if (/^\d{4}-\d{2}$/.test(text)) return 'xsd:gYearMonth';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return 'xsd:date';
  return 'xsd:dateTime';
}

function literal(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** An IRI in `<...>`: the characters Turtle forbids there are percent-encoded. */
function iri(url: string): string {
  return url.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}
