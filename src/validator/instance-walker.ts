import type { ConstraintEvaluator } from './invariants/constraint-evaluator';
import { EvaluationMemo } from './invariants/fast-fhirpath';
import { choiceJsonName, type ChildSet, type ChildSlot, type ConstraintDef, type ElementNode, type StructureModel } from './model/element-node';
import type { ModelRegistry } from './model/model-registry';
import { isFailure } from './outcome/issue';
import { IssueCollector, type Site } from './outcome/issue-collector';
import { checkAttachment } from './rules/attachment';
import { checkBundleEntries } from './rules/bundle-entries';
import { checkCardinality } from './rules/cardinality';
import { checkContained, noteUriValue, registerContained } from './rules/contained';
import { checkElementIds } from './rules/element-ids';
import { checkKnownCodes } from './rules/known-codes';
import { resolveExtension } from './rules/extensions';
import { checkNarrativeDiv } from './rules/narrative';
import { checkPrimitiveText } from './rules/primitive-text';
import { describeJson, type PrimitiveRules } from './rules/primitives';
import { matchesPattern } from './rules/pattern';
import { checkReference, resolveReference } from './rules/references';
import { indexBundle, type ResourceFrame } from './rules/resource-frame';
import { assignSlices, type SlicingHost, type TypedValue } from './rules/slicing';
import { checkStructureDefinition } from './rules/conformance/structure-definition';
import { checkBinding } from './rules/terminology';
import { checkUrlResolves } from './rules/url-resolution';
import type { ValueSetExpander } from './rules/value-set-expander';

/** What the walker needs, built once per validator. */
export interface WalkerContext {
  models: ModelRegistry;
  primitives: PrimitiveRules;
  expander: ValueSetExpander;
  constraints: ConstraintEvaluator;
}

/** ele-1, ext-1 and dom-3 are checked natively by the structure, extension and contained rules. */
const NATIVE_CONSTRAINTS = new Set(['ele-1', 'ext-1', 'dom-3']);

/**
 * Walks one resource along a StructureDefinition's element tree and applies every rule family
 * at the element it concerns. One pass, no backtracking: each JSON property is looked up once in
 * a prebuilt map of allowed names.
 */
export class InstanceWalker {
  /** A constraint fhirpath.js cannot evaluate is reported once per resource, not at every element. */
  private readonly unevaluable = new Set<string>();
  /** Profile discriminators: whether a value conforms to a profile, found once per value and profile. */
  private readonly conformance = new WeakMap<object, Map<string, boolean>>();
  private readonly slicingHost: SlicingHost;
  /** A walker validates one input: what its constraint evaluations can share lives as long as it. */
  private readonly memo = new EvaluationMemo();

  constructor(
    private readonly ctx: WalkerContext,
    private readonly out: IssueCollector,
    /** Objects whose FHIRPath expression the caller wants to learn (set as they are walked). */
    private readonly tracked?: Map<object, string>,
  ) {
    this.slicingHost = {
      models: ctx.models,
      expander: ctx.expander,
      conformsTo: (value, url, frame) => this.conformsTo(value, url, frame),
    };
  }

  /** Validates a resource against its type, and against `profile` models when given. */
  validateResource(value: unknown, expression: string, site: Site, enclosing: ResourceFrame | undefined, profiles: StructureModel[] = [], isContained = false): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.out.add('error', 'structure', `a resource must be a JSON object, not ${describeJson(value)}`, expression, site, 'structure-type');
      return;
    }
    const resource = value as Record<string, any>;
    const type = resource.resourceType;
    if (typeof type !== 'string') {
      this.out.add('error', 'structure', 'the resource has no resourceType', expression, site, 'structure-resource-type');
      return;
    }
    const model = this.ctx.models.typeModel(type);
    if (!model || model.kind !== 'resource') {
      this.out.add('error', 'structure', `unknown resourceType "${type}"`, expression || type, { container: resource, key: 'resourceType' }, 'structure-resource-type');
      return;
    }
    if (model.definition.abstract === true) {
      this.out.add('error', 'structure', `resourceType "${type}" is abstract: a resource has a concrete type`, expression || type, { container: resource, key: 'resourceType' }, 'structure-resource-type');
      return;
    }
    const expr = expression || type;
    // Issues about the whole resource point at its resourceType property when it has no place of its own.
    if (!site.container) site = { container: resource, key: 'resourceType' };
    const frame: ResourceFrame = { resource, root: isContained && enclosing ? enclosing.root : resource, bundle: enclosing?.bundle };
    if (isContained && enclosing) {
      // Inside a contained resource, `#id` names a sibling in the container and `#` the container itself.
      frame.contained = enclosing.contained;
      frame.container = enclosing.resource;
      registerContained(enclosing, frame);
    } else if (Array.isArray(resource.contained) && resource.contained.length) {
      frame.contained = new Map();
      for (const c of resource.contained) if (c && typeof c.id === 'string') frame.contained.set(c.id, c);
    }
    if (type === 'Bundle') {
      checkBundleEntries(resource, expr, (name) => this.ctx.models.typeKind(name) === 'resource', this.out);
      frame.bundle = indexBundle(resource);
      // A profile of another type given for a Bundle applies to the entries of that type.
      const forEntries = profiles.filter((p) => p.type !== 'Bundle');
      if (forEntries.length) frame.entryProfiles = forEntries;
      profiles = profiles.filter((p) => p.type === 'Bundle');
    }
    this.walkComplex(resource, model.root, this.ctx.models.childSet(model.root)!, expr, frame, true, site);
    checkElementIds(resource, expr, this.out);
    for (const profile of [...profiles, ...this.declaredProfiles(resource, model, expr)]) {
      if (profile.type !== type) {
        this.out.add('error', 'structure', `profile ${profile.url} is for ${profile.type}, not ${type}`, expr, site, 'profile-type');
        continue;
      }
      const children = this.ctx.models.childSet(profile.root);
      if (children) this.walkComplex(resource, profile.root, children, expr, frame, true, site);
    }
    if (!isContained) checkContained(frame, expr, this.out);
    if (type === 'StructureDefinition') checkStructureDefinition(resource, expr, this.ctx.models, this.out);
  }

  /** Puts the items of a sliced element in their slices (rules/slicing), reporting what the slicing forbids. */
  private sliceItems(slot: ChildSlot, items: unknown[], key: string, obj: Record<string, any>, expr: string, site: Site, frame: ResourceFrame, single: boolean): (ElementNode | undefined)[] {
    return assignSlices(
      {
        sliced: slot.node,
        items,
        itemType: slot.type?.code,
        itemExpression: (i) => (single ? `${expr}.${key}` : `${expr}.${key}[${i}]`),
        itemSite: (i) => (single ? { container: obj, key } : { container: items, key: i }),
        parentExpression: expr,
        parentSite: site,
        frame,
      },
      this.slicingHost,
      this.out,
    );
  }

  /** Validates a value against a profile on the side, with its own issues, for profile discriminators. */
  private conformsTo(value: TypedValue, url: string, frame: ResourceFrame): boolean {
    const target = value.value;
    if (target === null || typeof target !== 'object') return false;
    let byUrl = this.conformance.get(target);
    if (!byUrl) this.conformance.set(target, (byUrl = new Map()));
    let ok = byUrl.get(url);
    if (ok === undefined) {
      byUrl.set(url, false); // a profile that slices by itself does not recurse
      const model = this.ctx.models.model(url);
      const probe = new IssueCollector();
      const walker = new InstanceWalker(this.ctx, probe);
      if (!model) ok = false;
      else {
        if (model.kind === 'resource') walker.validateResource(target, '', {}, frame, [model]);
        else walker.walkValue(target, { node: model.root, type: { code: model.type, profiles: [], targetProfiles: [] } }, this.ctx.models.typeKind(model.type), model.type, {}, frame);
        ok = !probe.issues.some(isFailure);
      }
      byUrl.set(url, ok);
    }
    return ok;
  }

  /** The known profiles in meta.profile; an unknown one is reported, as it could not be checked. */
  private declaredProfiles(resource: Record<string, any>, model: StructureModel, expr: string): StructureModel[] {
    const declared = resource.meta?.profile;
    if (!Array.isArray(declared)) return [];
    const found: StructureModel[] = [];
    declared.forEach((url: unknown, i: number) => {
      if (typeof url !== 'string' || url.split('|')[0] === model.url) return;
      const profile = this.ctx.models.model(url);
      const failure = profile ? undefined : this.ctx.models.snapshotFailures.get(url);
      if (profile) found.push(profile);
      else if (failure) this.out.add('error', 'processing', `profile ${url} (meta.profile) cannot be checked: its snapshot cannot be generated (${failure.message})`, `${expr}.meta.profile[${i}]`, { container: declared, key: i }, 'profile-snapshot');
      else this.out.add('warning', 'not-found', `profile ${url} (meta.profile) is not in the loaded packages or IG: not checked`, `${expr}.meta.profile[${i}]`, { container: declared, key: i }, 'profile-unknown');
    });
    return found;
  }

  private walkComplex(obj: Record<string, any>, node: ElementNode, children: ChildSet, expr: string, frame: ResourceFrame, isResourceRoot: boolean, site: Site, hasValue = false): void {
    const out = this.out;
    if (this.tracked?.has(obj) && !this.tracked.get(obj)) this.tracked.set(obj, expr);
    let counts: Map<object, number> | undefined;
    let choiceSeen: Map<ElementNode, string> | undefined;
    let onlyId = true;
    let slicedSeen: Set<ElementNode> | undefined;
    for (const key of Object.keys(obj)) {
      if (isResourceRoot && key === 'resourceType') continue;
      if (key !== 'id') onlyId = false;
      const isPrimitiveExt = key.charCodeAt(0) === 0x5f; // _name: the id and extensions of a primitive
      const name = isPrimitiveExt ? key.slice(1) : key;
      const slot = children.byJsonName.get(name);
      const value = obj[key];
      if (!slot) {
        out.add('error', 'structure', `unknown element "${key}"${unknownHint(name, children)}`, `${expr}.${key}`, { container: obj, key }, 'structure-unknown');
        continue;
      }
      const typeCode = slot.type?.code;
      const kind = typeCode ? this.ctx.models.typeKind(typeCode) : 'unknown';
      if (isPrimitiveExt) {
        if (kind !== 'primitive') {
          out.add('error', 'structure', `unknown element "${key}": "${name}" is not a primitive element`, `${expr}.${key}`, { container: obj, key }, 'structure-unknown');
          continue;
        }
        this.walkPrimitiveExtensions(obj, key, name, slot, expr, frame);
        if (!(name in obj)) counts = count(counts, slot.node, Array.isArray(value) ? value.length : 1);
        continue;
      }
      if (slot.node.isChoice) {
        choiceSeen ??= new Map();
        const other = choiceSeen.get(slot.node);
        if (other) {
          out.add('error', 'structure', `only one of ${slot.node.name}[x] may be present, found ${other} and ${key}`, `${expr}.${key}`, { container: obj, key }, 'structure-choice');
          continue; // said once: not again as a max cardinality
        }
        choiceSeen.set(slot.node, key);
      }
      if (slot.node.isArray) {
        if (!Array.isArray(value)) {
          out.add('error', 'structure', `${key} must be a JSON array (it repeats), not ${describeJson(value)}`, `${expr}.${key}`, { container: obj, key }, 'structure-array');
          counts = count(counts, slot.node, 1);
          this.walkValue(value, slot, kind, `${expr}.${key}`, { container: obj, key }, frame);
          continue;
        }
        if (value.length === 0) {
          out.add('error', 'structure', `empty array "${key}": leave the property out instead`, `${expr}.${key}`, { container: obj, key }, 'structure-empty');
          continue;
        }
        counts = count(counts, slot.node, value.length);
        const ext = kind === 'primitive' ? obj[`_${key}`] : undefined;
        const inSlices = slot.node.slices ? this.sliceItems(slot, value, key, obj, expr, site, frame, false) : undefined;
        if (inSlices) (slicedSeen ??= new Set()).add(slot.node);
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          const itemExpr = `${expr}.${key}[${i}]`;
          if (item === null) {
            // null keeps a primitive array aligned with its _name array; it needs an entry there.
            if (!(Array.isArray(ext) && ext[i] != null)) out.add('error', 'structure', `null in "${key}" without a matching "_${key}" entry`, itemExpr, { container: value, key: i }, 'structure-null');
            continue;
          }
          const slice = inSlices?.[i];
          this.walkValue(item, slice ? sliceSlot(slot, slice) : slot, kind, itemExpr, { container: value, key: i }, frame);
        }
      } else {
        if (Array.isArray(value)) {
          out.add('error', 'structure', `${key} must be a single value, not an array (max 1)`, `${expr}.${key}`, { container: obj, key }, 'structure-array');
          counts = count(counts, slot.node, value.length);
          continue;
        }
        counts = count(counts, slot.node, 1);
        // A single-valued element can be sliced too: value[x] by type.
        const slice = slot.node.slices ? this.sliceItems(slot, [value], key, obj, expr, site, frame, true)[0] : undefined;
        if (slot.node.slices) (slicedSeen ??= new Set()).add(slot.node);
        this.walkValue(value, slice ? sliceSlot(slot, slice) : slot, kind, `${expr}.${key}`, { container: obj, key }, frame);
      }
    }
    if (onlyId && !isResourceRoot && !hasValue) {
      out.add('error', 'invariant', 'ele-1: all FHIR elements must have a @value or children', expr, site, 'ele-1');
    }
    checkCardinality(children, counts, obj, site, expr, out);
    // A sliced element that is absent still has its required slices missing.
    for (const n of children.nodes) if (n.slices && !slicedSeen?.has(n)) this.sliceItems({ node: n }, [], n.name, obj, expr, site, frame, false);
    if (node.constraints.length) this.runConstraints(node.constraints, node.path, obj, expr, frame, site);
  }

  private walkValue(value: unknown, slot: ChildSlot, kind: string, expr: string, site: Site, frame: ResourceFrame): void {
    const node = slot.node;
    const typeCode = slot.type?.code;
    if (value === null) {
      this.out.add('error', 'structure', 'null is not a value: leave the property out instead', expr, site, 'structure-null');
      return;
    }
    if (kind === 'primitive' || kind === 'system') {
      const problem = this.ctx.primitives.check(typeCode!, value);
      if (problem) {
        this.out.add('error', problem.code, problem.message, expr, site, problem.code === 'structure' ? 'structure-json-type' : 'primitive-format');
        return;
      }
      noteUriValue(frame, typeCode, value);
      if (!checkPrimitiveText(typeCode!, value, site, expr, this.ctx.primitives, this.out)) return;
      if (node.fixed !== undefined && value !== node.fixed) this.out.add('error', 'value', `value must be ${JSON.stringify(node.fixed)}`, expr, site, 'profile-fixed');
      if (node.pattern !== undefined && value !== node.pattern) this.out.add('error', 'value', `value must be ${JSON.stringify(node.pattern)}`, expr, site, 'profile-pattern');
      if (node.binding) checkBinding(value, typeCode!, node.binding, this.ctx.expander, expr, site, this.out);
      checkUrlResolves(value, typeCode!, node.path, this.ctx.models, expr, site, this.out);
      if (node.constraints.length) this.runConstraints(node.constraints, node.path, value, expr, frame, site);
      return;
    }
    if (kind === 'resource') {
      const type = (value as Record<string, unknown>).resourceType;
      const profiles = frame.entryProfiles?.filter((p) => p.type === type) ?? [];
      // A profile on the element's type (a Bundle slice's `resource`) applies to the resource.
      for (const url of slot.type?.profiles ?? []) {
        const profile = this.ctx.models.model(url);
        if (profile && !profiles.includes(profile)) profiles.push(profile);
      }
      this.validateResource(value, expr, site, frame, profiles, node.name === 'contained');
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.out.add('error', 'structure', `${typeCode ?? 'this element'} must be a JSON object, not ${describeJson(value)}`, expr, site, 'structure-json-type');
      return;
    }
    const obj = value as Record<string, any>;
    let first = true;
    for (const _ in obj) {
      first = false;
      break;
    }
    if (first) {
      this.out.add('error', 'structure', 'empty object: leave the property out instead', expr, site, 'structure-empty');
      return;
    }
    if (!typeCode) {
      this.out.add('error', 'structure', `cannot tell the type of ${node.path}`, expr, site, 'structure-type');
      return;
    }
    let children: ChildSet | undefined;
    let typeRootConstraints: ConstraintDef[] | undefined;
    let typeRootPath = typeCode;
    if (typeCode === 'Extension') {
      const known = resolveExtension(obj, node.name === 'modifierExtension', node.path === 'Extension.extension', this.contextPaths(node, expr), this.ctx.models, expr, this.out);
      if (known) {
        children = this.ctx.models.childSet(known.root);
        typeRootConstraints = known.root.constraints;
        typeRootPath = known.root.path;
      }
    }
    if (!children) {
      children = this.ctx.models.childSet(node, typeCode);
      if (!node.children.length && !node.contentReference) {
        const typeModel = this.ctx.models.typeModel(typeCode);
        typeRootConstraints ??= typeModel?.root.constraints;
      }
    }
    if (!children) {
      this.out.add('information', 'not-supported', `type ${typeCode} is not known: its content was not checked`, expr, site, 'structure-type');
      return;
    }
    this.walkComplex(obj, node, children, expr, frame, false, site);
    if (node.fixed !== undefined && !sameJson(obj, node.fixed)) this.out.add('error', 'value', `value must be exactly ${JSON.stringify(node.fixed)}`, expr, site, 'profile-fixed');
    if (node.pattern !== undefined && !matchesPattern(obj, node.pattern)) this.out.add('error', 'value', `value must match the pattern ${JSON.stringify(node.pattern)}`, expr, site, 'profile-pattern');
    if (typeRootConstraints?.length) this.runConstraints(typeRootConstraints, typeRootPath, obj, expr, frame, site);
    switch (typeCode) {
      case 'Reference':
        checkReference(obj, slot.type?.targetProfiles ?? [], this.ctx.models, frame, expr, this.out);
        break;
      case 'Attachment':
        checkAttachment(obj, expr, site, this.out);
        break;
      case 'Narrative':
        if (typeof obj.div === 'string') checkNarrativeDiv(obj.div, `${expr}.div`, { container: obj, key: 'div' }, this.out);
        break;
    }
    checkKnownCodes(obj, typeCode, expr, site, this.out);
    if (node.binding) checkBinding(obj, typeCode, node.binding, this.ctx.expander, expr, site, this.out);
  }

  /** `_name`: an object (or array of objects and nulls, aligned with `name`) holding id and extensions. */
  private walkPrimitiveExtensions(obj: Record<string, any>, key: string, name: string, slot: ChildSlot, expr: string, frame: ResourceFrame): void {
    const value = obj[key];
    // The object holds the primitive's id and extensions: it is an Element, the primitive's own constraints are not for it.
    const element = this.ctx.models.typeModel('Element')!.root;
    const elementChildren = this.ctx.models.childSet(element)!;
    const base = obj[name];
    const walkOne = (item: unknown, itemExpr: string, site: Site, hasValue: boolean) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        this.out.add('error', 'structure', `"${key}" must hold JSON objects with id and extension, not ${describeJson(item)}`, itemExpr, site, 'structure-json-type');
        return;
      }
      if (Object.keys(item).length === 0) {
        this.out.add('error', 'structure', 'empty object: leave the property out instead', itemExpr, site, 'structure-empty');
        return;
      }
      this.walkComplex(item as Record<string, any>, element, elementChildren, itemExpr, frame, false, site, hasValue);
    };
    if (slot.node.isArray) {
      if (!Array.isArray(value)) {
        this.out.add('error', 'structure', `${key} must be a JSON array, aligned with ${name}`, `${expr}.${name}`, { container: obj, key }, 'structure-array');
        return;
      }
      if (Array.isArray(base) && base.length !== value.length) {
        this.out.add('error', 'structure', `${key} has ${value.length} items but ${name} has ${base.length}: they must be aligned`, `${expr}.${name}`, { container: obj, key }, 'structure-array');
      }
      value.forEach((item, i) => {
        if (item !== null) walkOne(item, `${expr}.${name}[${i}]`, { container: value, key: i }, Array.isArray(base) && base[i] != null);
      });
    } else {
      walkOne(value, `${expr}.${name}`, { container: obj, key }, base !== undefined && base !== null);
    }
  }

  private runConstraints(constraints: ConstraintDef[], basePath: string, focus: unknown, expr: string, frame: ResourceFrame, site: Site): void {
    for (const c of constraints) {
      if (NATIVE_CONSTRAINTS.has(c.key)) continue;
      const result = this.ctx.constraints.evaluate(c, basePath, focus, frame.resource, frame.root, this.memo, (frame.resolver ??= (url) => resolveReference(url, frame)));
      if (result === 'pass') continue;
      if (result === 'fail') this.out.add(c.severity, 'invariant', `${c.key}: ${c.human}`, expr, site, c.key);
      else if (!this.unevaluable.has(c.key)) {
        this.unevaluable.add(c.key);
        this.out.add('information', 'not-supported', `${c.key} could not be evaluated: ${result.error.split('\n')[0]}`, expr, site, c.key);
      }
    }
  }

  /** The context names an extension's definition may list for the element it sits on. */
  private contextPaths(node: ElementNode, expr: string): string[] {
    const parent = node.path.slice(0, node.path.lastIndexOf('.'));
    const instancePath = expr.replace(/\[\d+\]/g, '');
    const instanceParent = instancePath.slice(0, instancePath.lastIndexOf('.'));
    const paths = [parent, instanceParent, 'Element', 'Resource', 'DomainResource'];
    for (const p of [parent, instanceParent]) {
      const owner = p.split('.')[0];
      // An extension for CanonicalResource (or DomainResource) may sit on a CodeSystem.
      if (p === owner) paths.push(...this.ctx.models.typeAncestry(owner));
      else paths.push(owner);
      // The type of the element the extension sits on (an extension for `string` may sit on any string).
      const element = this.ctx.models.typeModel(owner)?.byPath.get(p);
      for (const t of element?.types ?? []) paths.push(...this.ctx.models.typeAncestry(t.code));
    }
    if (parent.includes('.')) paths.push('BackboneElement');
    return paths;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The slot of an item in a slice: the slice's definition, with the slice's own type when it restates it (its profiles). */
function sliceSlot(slot: ChildSlot, slice: ElementNode): ChildSlot {
  const own = slot.type ? slice.types.find((t) => t.code === slot.type!.code) : undefined;
  return { node: slice, type: own ?? slot.type };
}

function count(counts: Map<object, number> | undefined, node: ElementNode, n: number): Map<object, number> {
  counts ??= new Map();
  counts.set(node, (counts.get(node) ?? 0) + n);
  return counts;
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
