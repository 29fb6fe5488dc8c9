import { choiceJsonName, type ChildSet } from '../model/element-node';
import { describeJson } from './primitives';
import { fromProfile, Shape, type PropertyEvent, type ResourceEvent, type ValidatorRule, type ValueEvent, type Walk } from './rule';

// The shape of the JSON (https://hl7.org/fhir/R5/json.html): what a property may be called, whether it
// is an array, and which JSON type its value has. The walker goes on only where these rules let it.

/** A resource is an object with the resourceType of a concrete resource. */
function resource(e: ResourceEvent, w: Walk): boolean {
  const { value, expression, site } = e;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    w.out.add('error', 'structure', `a resource must be a JSON object, not ${describeJson(value)}`, expression, site, 'structure-type');
    return false;
  }
  const type = (value as Record<string, unknown>).resourceType;
  if (typeof type !== 'string') {
    w.out.add('error', 'structure', 'the resource has no resourceType', expression, site, 'structure-resource-type');
    return false;
  }
  const model = w.models.typeModel(type);
  const at = { container: value, key: 'resourceType' };
  if (!model || model.kind !== 'resource') {
    w.out.add('error', 'structure', `unknown resourceType "${type}"`, expression || type, at, 'structure-resource-type');
    return false;
  }
  if (model.definition.abstract === true) {
    w.out.add('error', 'structure', `resourceType "${type}" is abstract: a resource has a concrete type`, expression || type, at, 'structure-resource-type');
    return false;
  }
  return true;
}

/** A property no definition of its object has; in a profile's view, one the profile leaves out (a choice type it removes). */
function unknownProperty(e: PropertyEvent, w: Walk): void {
  const view = e.owner.views[e.view];
  const source = e.view === 0 ? '' : fromProfile(view.node, w);
  w.out.add('error', 'structure', `unknown element "${e.key}"${unknownHint(e.name, view.children)}${source}`, `${e.owner.expression}.${e.key}`, { container: e.owner.object, key: e.key }, 'structure-unknown');
}

/** One value for a single element, an array of them for a repeating one, one choice type at a time. */
function property(e: PropertyEvent, w: Walk): Shape {
  const { key, value, kind } = e;
  const slot = e.slot!;
  const obj = e.owner.object;
  if (e.isPrimitiveExtension) return primitiveExtension(e, w);
  if (slot.node.isChoice) {
    const choices = (e.owner.choices ??= new Map());
    const other = choices.get(slot.node);
    if (other) {
      w.out.add('error', 'structure', `only one of ${slot.node.name}[x] may be present, found ${other} and ${key}`, at(e), { container: obj, key }, 'structure-choice');
      return Shape.Skip; // said once: not again as a max cardinality
    }
    choices.set(slot.node, key);
  }
  if (!slot.node.isArray) {
    if (!Array.isArray(value)) return Shape.Walk;
    w.out.add('error', 'structure', `${key} must be a single value, not an array (max 1)`, at(e), { container: obj, key }, 'structure-array');
    return Shape.Count;
  }
  if (!Array.isArray(value)) {
    w.out.add('error', 'structure', `${key} must be a JSON array (it repeats), not ${describeJson(value)}`, at(e), { container: obj, key }, 'structure-array');
    return Shape.Walk; // walked as the one item it is
  }
  if (value.length === 0) {
    w.out.add('error', 'structure', `empty array "${key}": leave the property out instead`, at(e), { container: obj, key }, 'structure-empty');
    return Shape.Skip;
  }
  // null keeps a primitive array aligned with its _name array; it needs an entry there.
  const ext = kind === 'primitive' ? obj[`_${key}`] : undefined;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === null && !(Array.isArray(ext) && ext[i] != null)) {
      w.out.add('error', 'structure', `null in "${key}" without a matching "_${key}" entry`, `${at(e)}[${i}]`, { container: value, key: i }, 'structure-null');
    }
  }
  return Shape.Walk;
}

/** The expression of a property (built only to report on it). */
function at(e: PropertyEvent): string {
  return `${e.owner.expression}.${e.key}`;
}

/** `_name`: an object (or array of objects and nulls, aligned with `name`) holding a primitive's id and extensions. */
function primitiveExtension(e: PropertyEvent, w: Walk): Shape {
  const { key, name, value } = e;
  const obj = e.owner.object;
  const at = `${e.owner.expression}.${name}`;
  if (e.kind !== 'primitive') {
    w.out.add('error', 'structure', `unknown element "${key}": "${name}" is not a primitive element`, `${e.owner.expression}.${key}`, { container: obj, key }, 'structure-unknown');
    return Shape.Skip;
  }
  if (!e.slot!.node.isArray) return Shape.Walk;
  if (!Array.isArray(value)) {
    w.out.add('error', 'structure', `${key} must be a JSON array, aligned with ${name}`, at, { container: obj, key }, 'structure-array');
    return Shape.Count;
  }
  const base = obj[name];
  if (Array.isArray(base) && base.length !== value.length) {
    w.out.add('error', 'structure', `${key} has ${value.length} items but ${name} has ${base.length}: they must be aligned`, at, { container: obj, key }, 'structure-array');
  }
  return Shape.Walk;
}

/** A value has the JSON type of its FHIR type; complex values are non-empty objects of a known type. */
function value(e: ValueEvent, w: Walk): boolean {
  const { value, typeCode, kind, expression, site } = e;
  if (e.holderOf) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      w.out.add('error', 'structure', `"${e.holderOf}" must hold JSON objects with id and extension, not ${describeJson(value)}`, expression, site, 'structure-json-type');
      return false;
    }
    if (isEmpty(value)) {
      w.out.add('error', 'structure', 'empty object: leave the property out instead', expression, site, 'structure-empty');
      return false;
    }
    return true;
  }
  if (value === null) {
    w.out.add('error', 'structure', 'null is not a value: leave the property out instead', expression, site, 'structure-null');
    return false;
  }
  // A primitive's JSON type is checked with its value (the primitives rule), a resource's by the resource event.
  if (kind === 'primitive' || kind === 'system' || kind === 'resource') return true;
  if (typeof value !== 'object' || Array.isArray(value)) {
    w.out.add('error', 'structure', `${typeCode ?? 'this element'} must be a JSON object, not ${describeJson(value)}`, expression, site, 'structure-json-type');
    return false;
  }
  if (isEmpty(value)) {
    w.out.add('error', 'structure', 'empty object: leave the property out instead', expression, site, 'structure-empty');
    return false;
  }
  const node = e.views[0].node;
  if (!typeCode) {
    w.out.add('error', 'structure', `cannot tell the type of ${node.path}`, expression, site, 'structure-type');
    return false;
  }
  if (!w.models.childSet(node, typeCode)) {
    if (w.out.firstTime(`structure-type ${typeCode}`)) w.out.add('information', 'not-supported', `type ${typeCode} is not known: its content was not checked`, expression, site, 'structure-type');
    return false;
  }
  return true;
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

/** Names the removed or renamed elements of a type when the unknown one is close to a known one. */
function unknownHint(name: string, children: ChildSet): string {
  const choice = children.nodes.find((n) => n.isChoice && name.startsWith(n.name) && /^[A-Z]/.test(name.slice(n.name.length)));
  if (choice) return ` (${choice.name}[x] allows ${choice.types.map((t) => choiceJsonName(choice.name, t.code)).join(', ') || 'no type here'})`;
  for (const candidate of children.byJsonName.keys()) {
    if (candidate.toLowerCase() === name.toLowerCase()) return ` (did you mean "${candidate}"?)`;
  }
  return '';
}

export const structureRule: ValidatorRule = {
  name: 'structure',
  ids: ['structure-type', 'structure-resource-type', 'structure-unknown', 'structure-choice', 'structure-array', 'structure-empty', 'structure-null', 'structure-json-type'],
  checks: 'resources are objects of a known concrete resourceType; no unknown properties; one choice type; arrays exactly where an element repeats; no empty arrays, objects or null; JSON types',
  spec: 'https://hl7.org/fhir/R5/json.html',
  hooks: { resource, unknownProperty, property, value },
};
