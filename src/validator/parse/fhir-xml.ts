import type { ChildSet } from '../model/element-node';
import type { ModelRegistry } from '../model/model-registry';
import type { IssueCollector } from '../outcome/issue-collector';
import { recordNumberText } from './number-text';
import { SourceMap } from './source-map';
import type { XmlElement, XmlNode, XmlText } from './xml-reader';

export const FHIR_NS = 'http://hl7.org/fhir';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const INVALID = Symbol('invalid primitive');

/**
 * Turns FHIR XML into FHIR JSON, guided by the StructureDefinitions: which elements repeat,
 * which are primitives (their `value` attribute, their `id` and `extension` becoming `_name`),
 * which hold a resource, and the element order the definitions prescribe. XML-only mistakes
 * (namespace, order, text content, missing value attributes) are reported here; the JSON
 * result then goes through the same rules as JSON input.
 */
export class FhirXmlConverter {
  readonly sourceMap = new SourceMap();

  constructor(private readonly models: ModelRegistry, private readonly out: IssueCollector) {}

  convertResource(el: XmlElement, expr: string): Record<string, any> | undefined {
    if (el.ns !== FHIR_NS) {
      this.out.add('error', 'structure', `<${el.name}> is not in the FHIR namespace (${FHIR_NS})`, expr || el.name, { position: el.position }, 'xml-namespace');
      return undefined;
    }
    const model = this.models.typeModel(el.name);
    if (!model || model.kind !== 'resource') {
      this.out.add('error', 'structure', `unknown resourceType "${el.name}"`, expr || el.name, { position: el.position }, 'structure-resource-type');
      return undefined;
    }
    this.checkAttributes(el, [], expr || el.name);
    const obj: Record<string, any> = { resourceType: el.name };
    this.sourceMap.setKey(obj, 'resourceType', SourceMap.pack(el.position));
    this.convertChildren(el, this.models.childSet(model.root)!, obj, expr || el.name);
    return obj;
  }

  private convertChildren(el: XmlElement, children: ChildSet, obj: Record<string, any>, expr: string): void {
    let lastIndex = -1;
    const primitiveArrays = new Map<string, { values: unknown[]; exts: unknown[]; elements: XmlElement[] }>();
    this.checkText(el, expr);
    for (const child of el.children) {
      if ('text' in child) continue;
      const childExpr = `${expr}.${child.name}`;
      if (child.ns !== FHIR_NS && !(child.name === 'div' && child.ns === XHTML_NS)) {
        this.out.add('error', 'structure', `<${child.name}> is not in the FHIR namespace`, childExpr, { position: child.position }, 'xml-namespace');
        continue;
      }
      const slot = children.byJsonName.get(child.name);
      if (!slot) {
        this.unknown(obj, child, childExpr);
        continue;
      }
      const index = children.nodes.indexOf(slot.node);
      if (index < lastIndex) {
        this.out.add('error', 'structure', `element <${child.name}> is out of order: the definition puts it before the elements above it`, childExpr, { position: child.position }, 'xml-order');
      }
      lastIndex = Math.max(lastIndex, index);
      const code = slot.type?.code;
      const kind = code ? this.models.typeKind(code) : 'unknown';
      const isArray = slot.node.isArray;
      if (code === 'xhtml') {
        obj[child.name] = serializeXhtml(child);
        this.sourceMap.setKey(obj, child.name, SourceMap.pack(child.position));
        continue;
      }
      if (kind === 'primitive' || kind === 'system') {
        this.checkAttributes(child, ['value', 'id'], childExpr);
        const attr = child.attributes.get('value');
        let value = attr === undefined ? undefined : this.primitiveValue(attr.value, code!);
        if (value === INVALID) {
          this.out.add('error', 'value', `"${attr!.value}" is not a valid ${code}`, childExpr, { position: child.position }, code === 'decimal' ? 'Type_Specific_Checks_DT_Decimal_Valid' : code === 'boolean' ? 'Type_Specific_Checks_DT_Boolean_Value' : code === 'integer' || code === 'positiveInt' || code === 'unsignedInt' ? 'Type_Specific_Checks_DT_Integer_Valid' : 'primitive-format');
          value = undefined;
        }
        const ext: Record<string, any> = {};
        const idAttr = child.attributes.get('id');
        if (idAttr) ext.id = idAttr.value;
        const extensions = this.convertNested(child, childExpr);
        if (extensions) ext.extension = extensions;
        if (attr === undefined && !extensions) {
          this.out.add('error', 'structure', `<${child.name}> has no value attribute and no extensions`, childExpr, { position: child.position }, 'xml-value');
        }
        const hasExt = Object.keys(ext).length > 0;
        if (isArray) {
          let arrays = primitiveArrays.get(child.name);
          if (!arrays) primitiveArrays.set(child.name, (arrays = { values: [], exts: [], elements: [] }));
          arrays.values.push(value ?? null);
          arrays.exts.push(hasExt ? ext : null);
          arrays.elements.push(child);
          continue;
        }
        if (value !== undefined) this.set(obj, child.name, value, false, child, childExpr);
        if (typeof value === 'number') recordNumberText(obj, child.name, attr!.value, value);
        if (hasExt) this.set(obj, `_${child.name}`, ext, false, child, childExpr);
        continue;
      }
      let value: unknown;
      if (kind === 'resource') {
        this.checkText(child, childExpr);
        const inner = child.children.filter((c): c is XmlElement => !('text' in c));
        if (inner.length !== 1) {
          this.out.add('error', 'structure', `<${child.name}> must hold exactly one resource`, childExpr, { position: child.position }, 'xml-resource');
          continue;
        }
        value = this.convertResource(inner[0], childExpr);
        if (!value) continue;
      } else {
        this.checkAttributes(child, code === 'Extension' ? ['id', 'url'] : ['id'], childExpr);
        const nested: Record<string, any> = {};
        const idAttr = child.attributes.get('id');
        if (idAttr) nested.id = idAttr.value;
        const urlAttr = child.attributes.get('url');
        if (urlAttr && code === 'Extension') nested.url = urlAttr.value;
        let nestedChildren = code === 'Extension' ? this.models.childSet(this.models.typeModel('Extension')!.root) : this.models.childSet(slot.node, code);
        if (!nestedChildren) nestedChildren = { nodes: [], byJsonName: new Map(), sliced: [], bounded: [] };
        this.convertChildren(child, nestedChildren, nested, childExpr);
        value = nested;
      }
      this.set(obj, child.name, value, isArray, child, childExpr);
    }
    for (const [name, { values, exts, elements }] of primitiveArrays) {
      obj[name] = values;
      this.sourceMap.setKey(obj, name, SourceMap.pack(elements[0].position));
      elements.forEach((e, i) => {
        this.sourceMap.setItem(values, i, SourceMap.pack(e.position));
        const value = values[i];
        if (typeof value === 'number') recordNumberText(values, i, e.attributes.get('value')!.value, value);
      });
      if (exts.some((e) => e !== null)) obj[`_${name}`] = exts;
    }
  }

  /** FHIR XML carries only `value`, `id` and (on extensions) `url` as attributes; xsi:* (schemaLocation) is tolerated. */
  private checkAttributes(el: XmlElement, allowed: string[], expr: string): void {
    for (const [name, attr] of el.attributes) {
      if (attr.ns === XSI_NS || (attr.ns === '' && allowed.includes(name))) continue;
      this.out.add('error', 'structure', `attribute ${name} is not allowed on <${el.name}>`, expr, { position: el.position }, 'xml-attribute');
    }
  }

  /**
   * FHIR elements hold elements and attributes, never text: a primitive's value is its `value`
   * attribute (https://hl7.org/fhir/R5/xml.html). White space between elements is fine; a CDATA section never is.
   */
  private checkText(el: XmlElement, expr: string): void {
    for (const c of el.children) {
      if (!('text' in c)) continue;
      if (c.cdata) this.out.add('error', 'structure', 'CDATA is not allowed: FHIR XML carries values in value attributes', expr, { position: el.position }, 'CDATA_is_not_allowed');
      else if (c.text.trim()) this.out.add('error', 'structure', `Text should not be present ('${oneLine(c.text)}'): FHIR XML carries values in value attributes`, expr, { position: el.position }, 'Text_should_not_be_present');
    }
  }

  /** The `extension` children of a primitive element, as JSON. */
  private convertNested(el: XmlElement, expr: string): unknown[] | undefined {
    this.checkText(el, expr);
    const list: unknown[] = [];
    for (const c of el.children) {
      if ('text' in c) continue;
      if (c.name !== 'extension') {
        this.out.add('error', 'structure', `unknown element <${c.name}> inside a primitive element`, `${expr}.${c.name}`, { position: c.position }, 'structure-unknown');
        continue;
      }
      const ext: Record<string, any> = {};
      const url = c.attributes.get('url');
      if (url) ext.url = url.value;
      this.convertChildren(c, this.models.childSet(this.models.typeModel('Extension')!.root)!, ext, `${expr}.extension`);
      list.push(ext);
    }
    return list.length ? list : undefined;
  }

  /** The JSON value of a `value` attribute; INVALID when it cannot be the type's JSON value at all. */
  private primitiveValue(text: string, code: string): unknown {
    if (code === 'boolean' || code.endsWith('System.Boolean')) return text === 'true' ? true : text === 'false' ? false : INVALID;
    if (code === 'integer' || code === 'positiveInt' || code === 'unsignedInt' || code === 'decimal' || code.endsWith('System.Integer') || code.endsWith('System.Decimal')) {
      return /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text) ? Number(text) : INVALID;
    }
    return text;
  }

  private set(obj: Record<string, any>, key: string, value: unknown, isArray: boolean, el: XmlElement, expr: string): void {
    if (isArray) {
      const list = (obj[key] ??= []) as unknown[];
      this.sourceMap.setItem(list, list.length, SourceMap.pack(el.position));
      if (list.length === 0) this.sourceMap.setKey(obj, key, SourceMap.pack(el.position));
      list.push(value);
      return;
    }
    if (key in obj) {
      this.out.add('error', 'structure', `<${key}> appears more than once but allows one at most`, expr, { position: el.position }, 'cardinality-max');
      return;
    }
    obj[key] = value;
    this.sourceMap.setKey(obj, key, SourceMap.pack(el.position));
  }

  /** An unknown element is kept (so the JSON rules report it at its position) unless it repeats. */
  private unknown(obj: Record<string, any>, child: XmlElement, expr: string): void {
    if (Object.prototype.hasOwnProperty.call(obj, child.name)) {
      this.out.add('error', 'structure', `unknown element "${child.name}"`, expr, { position: child.position }, 'structure-unknown');
      return;
    }
    Object.defineProperty(obj, child.name, { value: {}, enumerable: true, writable: true, configurable: true });
    this.sourceMap.setKey(obj, child.name, SourceMap.pack(child.position));
  }
}

/**
 * Narrative.div back to text, each element in the namespace it had (declared where it changes), so
 * that the narrative rules judge the namespaces the author wrote: a `div` in the FHIR namespace, an
 * SVG element inside, a namespaced attribute.
 */
export function serializeXhtml(el: XmlElement, parentNs?: string): string {
  let s = `<${el.name}`;
  if (el.ns !== parentNs) s += ` xmlns="${escape(el.ns, true)}"`;
  let prefixes = 0;
  for (const [name, a] of el.attributes) {
    // The reader keys an attribute by its local name, or by its qualified name when another has that local name.
    const local = name.slice(name.indexOf(':') + 1);
    if (a.ns === 'http://www.w3.org/XML/1998/namespace') s += ` xml:${local}`;
    else if (a.ns) {
      const prefix = `ns${prefixes++}`;
      s += ` xmlns:${prefix}="${escape(a.ns, true)}" ${prefix}:${local}`;
    } else s += ` ${name}`;
    s += `="${escape(a.value, true)}"`;
  }
  if (!el.children.length) return `${s}/>`;
  s += '>';
  for (const c of el.children as XmlNode[]) s += 'text' in c ? serializeText(c) : serializeXhtml(c, el.ns);
  return `${s}</${el.name}>`;
}

/** The HL7 validator's message id for a value attribute that cannot be its type's JSON value. */
function oneLine(text: string): string {
  const s = text.trim().replace(/\s+/g, ' ');
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** CDATA and comments are written back as they came, so that the narrative rules see what the author wrote. */
function serializeText(t: XmlText): string {
  if (t.comment !== undefined) return `<!--${t.comment}-->`;
  return t.cdata ? `<![CDATA[${t.text}]]>` : escape(t.text, false);
}

function escape(s: string, attr: boolean): string {
  s = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attr ? s.replace(/"/g, '&quot;') : s;
}
