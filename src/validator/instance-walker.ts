import type { ConstraintEvaluator } from './invariants/constraint-evaluator';
import { EvaluationMemo } from './invariants/fast-fhirpath';
import type { ChildSet, ChildSlot, ElementNode, StructureModel } from './model/element-node';
import type { ModelRegistry, TypeKind } from './model/model-registry';
import { isFailure } from './outcome/issue';
import { IssueCollector, type Site } from './outcome/issue-collector';
import { DISPATCH as on } from './rules';
import type { PrimitiveRules } from './rules/primitives';
import { profilesOfInnerResource } from './rules/profiles';
import { enterResource, type ResourceFrame } from './rules/resource-frame';
import { Shape, type ElementView, type ObjectEvent, type ObjectView, type ProfilesEvent, type PropertyEvent, type ValueEvent, type Walk } from './rules/rule';
import type { SlicingHost, TypedValue } from './rules/slicing';
import type { ValueSetExpander } from './rules/value-set-expander';

type Handler = (e: ValueEvent, w: Walk) => void;

/** The definitions of a complex value's children: one view per distinct set, and the type roots whose constraints apply. */
interface Objects {
  views: readonly ObjectView[];
  typeRoots?: readonly ElementNode[];
}

/**
 * What the walker raises for the values of one list of definitions (ElementView[]). Plans are found once
 * per (element, definitions): kept on the slot where only the base defines an element, else in the
 * property plan of the object's definitions; so the lists the rules see keep their identity, and a rule
 * can keep what it derives from them (the constraints of a base and a profile, merged once).
 */
interface ValuePlan {
  views: readonly ElementView[];
  typeCode?: string;
  kind: TypeKind;
  primitive: boolean;
  /** Whether a definition has a fixed or pattern value (`fixed`), a binding (`binding`); the handlers of `type:<code>`. */
  fixed: boolean;
  binding: boolean;
  byType?: readonly Handler[];
  /** What a complex value's definitions allow, when it depends on them alone (not on an extension's url). */
  objects?: Objects;
}

/** One property name in objects with one list of definitions: its slot in each, and the plan of its values. */
interface PropertyPlan {
  slot: ChildSlot;
  /** The distinct slots of the definitions that have it (the base's first). */
  slots: readonly ChildSlot[];
  /** The definitions (indexes in the object's views) that do not have it. */
  missing: readonly number[];
  kind: TypeKind;
  /** The nodes whose count a definition bounds (min or max): the ones the cardinality rule reads. */
  counted: readonly ElementNode[];
  sliced: boolean;
  value: ValuePlan;
  /** The plans of items in slices, by the slice each definition put them in (SlicePlans). */
  inSlices?: SlicePlans;
}

/** Maps from a chosen slice to the next level, and at the last level from PLAN to the plan. */
type SlicePlans = Map<object, any>;
const PLAN = {};

/** Property plans of objects with several definitions, by the list of definitions. */
const propertyPlans = new WeakMap<readonly ObjectView[], Map<string, PropertyPlan>>();
/** The object views of an extension whose definition alone applies, by its definition's root. */
const byExtension = new WeakMap<ElementNode, Objects>();
/** The definitions of a resource: its type's root and each profile's, by type and then by the profiles' urls. */
const resourceViews = new WeakMap<StructureModel, Map<string, { views: readonly ElementView[]; objects: Objects }>>();

/** The plan of the objects of `_name` (Elements), by the Element definition. */
const elementPlans = new WeakMap<ElementNode, ValuePlan>();

/** What the walker needs, built once per validator. */
export interface WalkerContext {
  models: ModelRegistry;
  primitives: PrimitiveRules;
  expander: ValueSetExpander;
  constraints: ConstraintEvaluator;
}

/**
 * Walks one resource once, element by element, carrying at each element every definition that applies
 * to it (its base type's and each profile's: ElementView), and raises the events of the rule table
 * (rules/index.ts) where they happen; the rules decide and report, the walker only walks. Where a profile
 * does not constrain an element, its definition is the base's and the element is walked once for both.
 */
export class InstanceWalker implements Walk {
  readonly models: ModelRegistry;
  readonly primitives: PrimitiveRules;
  readonly expander: ValueSetExpander;
  readonly constraints: ConstraintEvaluator;
  /** A walker validates one input: what its constraint evaluations can share lives as long as it. */
  readonly memo = new EvaluationMemo();
  readonly slicing: SlicingHost;
  /** Profile discriminators: whether a value conforms to a profile, found once per value and profile. */
  private readonly conformance = new WeakMap<object, Map<string, boolean>>();
  private propertyEvent?: PropertyEvent;

  constructor(
    ctx: WalkerContext,
    /** Where issues go; a profile probe (conformsTo) swaps it for the time of its walk. */
    public out: IssueCollector,
    /** Objects whose FHIRPath expression the caller wants to learn (set as they are walked). */
    private tracked?: Map<object, string>,
  ) {
    this.models = ctx.models;
    this.primitives = ctx.primitives;
    this.expander = ctx.expander;
    this.constraints = ctx.constraints;
    this.slicing = { models: ctx.models, expander: ctx.expander, conformsTo: (value, url, frame) => this.conformsTo(value, url, frame) };
  }

  /** Validates a resource against its type and, in the same walk, the profiles asked for and those it declares. */
  validateResource(value: unknown, expression: string, site: Site, enclosing: ResourceFrame | undefined, requested: readonly StructureModel[] = [], isContained = false): void {
    const event = { value, expression, site };
    for (const gate of on.resource) if (!gate(event, this)) return;
    const resource = value as Record<string, any>;
    const model = this.models.typeModel(resource.resourceType)!;
    const expr = expression || model.type;
    // Issues about the whole resource point at its resourceType property when it has no place of its own.
    if (!site.container) site = { container: resource, key: 'resourceType' };
    const { frame, own } = enterResource(resource, expr, enclosing, isContained, requested);
    const pe: ProfilesEvent = { resource, model, requested: own, expression: expr, site };
    for (const h of on.profiles) pe.requested = h(pe, this);
    const { views, objects } = this.resourceViews(model, pe.requested);
    this.walkObject(resource, objects.views, expr, frame, true, site, false);
    const e: ValueEvent = { value: resource, views, typeCode: model.type, kind: 'resource', expression: expr, site, frame, typeRoots: undefined, holderOf: undefined };
    for (const h of on.constraints) h(e, this);
    for (const h of on.afterResource) h(e, this);
  }

  /** The definitions of a resource of this type under these profiles, found once. */
  private resourceViews(model: StructureModel, profiles: readonly StructureModel[]): { views: readonly ElementView[]; objects: Objects } {
    let byProfiles = resourceViews.get(model);
    if (!byProfiles) resourceViews.set(model, (byProfiles = new Map()));
    const key = profiles.map((p) => p.url).join(' ');
    let found = byProfiles.get(key);
    if (!found) {
      const views: ElementView[] = [];
      const objects: ObjectView[] = [];
      for (const m of [model, ...profiles]) {
        const children = this.models.childSet(m.root);
        if (!children || objects.some((o) => o.children === children)) continue;
        views.push({ node: m.root, type: undefined, plan: undefined });
        objects.push({ node: m.root, children });
      }
      byProfiles.set(key, (found = { views, objects: { views: objects } }));
    }
    return found;
  }

  /** Whether a value validates against a profile without error (profile discriminators), walked on the side with its own issues. */
  private conformsTo(value: TypedValue, url: string, frame: ResourceFrame): boolean {
    const target = value.value;
    if (target === null || typeof target !== 'object') return false;
    let byUrl = this.conformance.get(target);
    if (!byUrl) this.conformance.set(target, (byUrl = new Map()));
    let ok = byUrl.get(url);
    if (ok !== undefined) return ok;
    byUrl.set(url, false); // a profile that slices by itself does not recurse
    const model = this.models.model(url);
    if (!model) return false;
    const [out, tracked] = [this.out, this.tracked];
    const probe = new IssueCollector();
    this.out = probe;
    this.tracked = undefined;
    try {
      if (model.kind === 'resource') this.validateResource(target, '', {}, frame, [model]);
      else this.walkValue(target, this.valuePlan([{ node: model.root, type: { code: model.type, profiles: [], targetProfiles: [] }, plan: undefined }], this.models.typeKind(model.type)), model.type, {}, frame);
    } finally {
      this.out = out;
      this.tracked = tracked;
    }
    ok = !probe.issues.some(isFailure);
    byUrl.set(url, ok);
    return ok;
  }

  /** The properties of one object, against the children of each of its definitions; then the object's own events. */
  private walkObject(obj: Record<string, any>, views: readonly ObjectView[], expr: string, frame: ResourceFrame, isResourceRoot: boolean, site: Site, hasValue: boolean): void {
    if (this.tracked?.has(obj) && !this.tracked.get(obj)) this.tracked.set(obj, expr);
    const keys = Object.keys(obj);
    const o: ObjectEvent = { object: obj, views, expression: expr, site, frame, isResourceRoot, hasValue, keys, counts: new Map(), choices: undefined };
    // One property event per walker, every field set for each property (rules do not keep it).
    const p = (this.propertyEvent ??= { owner: o, key: '', name: '', isPrimitiveExtension: false, value: undefined, slot: undefined, kind: 'unknown', view: 0 });
    const base = views[0].children;
    const plans = views.length > 1 ? this.propertyPlans(views) : undefined;
    let sliced: Set<ElementNode> | undefined;
    for (const key of keys) {
      if (isResourceRoot && key === 'resourceType') continue;
      const isPrimitiveExtension = key.charCodeAt(0) === 0x5f; // _name: the id and extensions of a primitive
      const name = isPrimitiveExtension ? key.slice(1) : key;
      const value = obj[key];
      p.owner = o;
      p.key = key;
      p.name = name;
      p.isPrimitiveExtension = isPrimitiveExtension;
      p.value = value;
      p.view = 0;
      const plan = plans ? this.propertyPlan(plans, views, name) : this.slotPlan(base.byJsonName.get(name));
      if (!plan) {
        p.slot = undefined;
        for (const h of on.unknownProperty) h(p, this);
        continue;
      }
      const { slot, slots } = plan;
      p.slot = slot;
      p.kind = plan.kind;
      if (plan.missing.length) {
        for (const k of plan.missing) {
          p.view = k;
          for (const h of on.unknownProperty) h(p, this);
        }
        p.view = 0;
      }
      let shape: Shape = Shape.Walk;
      for (const h of on.property) {
        const s = h(p, this);
        if (s < shape) shape = s;
      }
      if (shape === Shape.Skip) continue;
      const n = isPrimitiveExtension && name in obj ? 0 : Array.isArray(value) ? value.length : 1;
      const counted = plan.counted;
      for (let k = 0; k < counted.length; k++) o.counts.set(counted[k], (o.counts.get(counted[k]) ?? 0) + n);
      if (shape === Shape.Count) continue;
      const items = Array.isArray(value) && slot.node.isArray;
      if (isPrimitiveExtension) {
        this.walkPrimitiveExtensions(obj, key, name, items, expr, frame);
        continue;
      }
      // Each definition that slices the element puts the items in its slices; a repeating element given
      // as a single value is walked as it is, in no slice (the structure rules said so).
      let inSlices: ((ElementNode | undefined)[] | undefined)[] | undefined;
      if (plan.sliced && (items || !slot.node.isArray)) {
        inSlices = [];
        for (let k = 0; k < slots.length; k++) {
          if (!slots[k].node.slices) continue;
          inSlices[k] = this.sliceItems(slots[k], items ? value : [value], key, obj, expr, site, frame, !items);
          (sliced ??= new Set()).add(slots[k].node);
        }
      }
      if (!items) {
        this.walkValue(value, inSlices ? this.slicedPlan(plan, inSlices, 0) : plan.value, `${expr}.${key}`, { container: obj, key }, frame);
        continue;
      }
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (item === null) continue; // the structure rules said so, unless `_name` has its extensions
        this.walkValue(item, inSlices ? this.slicedPlan(plan, inSlices, i) : plan.value, `${expr}.${key}[${i}]`, { container: value, key: i }, frame);
      }
    }
    for (const h of on.object) h(o, this);
    for (const h of on.cardinality) h(o, this);
    // A sliced element that is absent still has its required slices missing.
    for (const view of views) {
      for (const n of view.children.sliced) {
        if (sliced?.has(n)) continue;
        (sliced ??= new Set()).add(n);
        this.sliceItems({ node: n, type: undefined, plan: undefined }, [], n.name, obj, expr, site, frame, false);
      }
    }
  }

  /** The plan of a property only the base defines, kept on its slot. */
  private slotPlan(slot: ChildSlot | undefined): PropertyPlan | undefined {
    if (!slot) return undefined;
    let plan = slot.plan as PropertyPlan | undefined;
    if (!plan) {
      const kind = slot.type ? this.models.typeKind(slot.type.code) : 'unknown';
      const slots = [slot];
      slot.plan = plan = { slot, slots, missing: [], kind, counted: bounded(slots), sliced: !!slot.node.slices, value: this.valuePlan(slots, kind) };
    }
    return plan;
  }

  private propertyPlans(views: readonly ObjectView[]): Map<string, PropertyPlan> {
    let plans = propertyPlans.get(views);
    if (!plans) propertyPlans.set(views, (plans = new Map()));
    return plans;
  }

  /** The plan of a property in objects with several definitions: its slot in each, found once per name. */
  private propertyPlan(plans: Map<string, PropertyPlan>, views: readonly ObjectView[], name: string): PropertyPlan | undefined {
    let plan = plans.get(name);
    if (plan) return plan;
    const slot = views[0].children.byJsonName.get(name);
    if (slot) {
      const slots = [slot];
      const missing: number[] = [];
      for (let k = 1; k < views.length; k++) {
        const s = views[k].children.byJsonName.get(name);
        if (!s) missing.push(k);
        else if (!slots.includes(s)) slots.push(s);
      }
      const kind = slot.type ? this.models.typeKind(slot.type.code) : 'unknown';
      plan = { slot, slots, missing, kind, counted: bounded(slots), sliced: slots.some((s) => s.node.slices), value: this.valuePlan(slots, kind) };
      plans.set(name, plan); // unknown names are not kept: the input chooses them
    }
    return plan;
  }

  /** The plan of an item that the slicing put in slices: each definition's slice in place of its sliced element, found once per choice of slices. */
  private slicedPlan(plan: PropertyPlan, inSlices: readonly ((ElementNode | undefined)[] | undefined)[], i: number): ValuePlan {
    // One level of maps per definition that slices, keyed by the slice it chose (the sliced element for none).
    let level = (plan.inSlices ??= new Map());
    for (let k = 0; k < plan.slots.length; k++) {
      if (!inSlices[k]) continue;
      const chosen = inSlices[k]![i] ?? plan.slots[k].node;
      let next = level.get(chosen);
      if (!next) level.set(chosen, (next = new Map()));
      level = next;
    }
    let found = level.get(PLAN);
    if (!found) {
      const views = plan.slots.map((slot, k) => {
        const slice = inSlices[k]?.[i];
        return slice ? sliceSlot(slot, slice) : slot;
      });
      level.set(PLAN, (found = this.valuePlan(views, plan.kind)));
    }
    return found as ValuePlan;
  }

  /** The sliced element's items in their slices, as the slicing rule puts them. */
  private sliceItems(slot: ChildSlot, items: unknown[], key: string, obj: Record<string, any>, expr: string, site: Site, frame: ResourceFrame, single: boolean): (ElementNode | undefined)[] {
    return on.sliced!(
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
      this,
    );
  }

  private valuePlan(views: readonly ElementView[], kind: TypeKind): ValuePlan {
    const code = views[0].type?.code;
    return {
      views,
      typeCode: code,
      kind,
      primitive: kind === 'primitive' || kind === 'system',
      fixed: views.some((v) => v.node.fixed !== undefined || v.node.pattern !== undefined),
      binding: views.some((v) => v.node.binding),
      byType: code ? on.type.get(code) : undefined,
    };
  }

  private walkValue(value: unknown, plan: ValuePlan, expr: string, site: Site, frame: ResourceFrame, holder?: { key: string; hasValue: boolean }): void {
    const { views, kind } = plan;
    // Every event has the same properties from the start (one object shape for the rules' property loads).
    const e: ValueEvent = { value, views, typeCode: plan.typeCode, kind, expression: expr, site, frame, typeRoots: undefined, holderOf: holder?.key };
    // Each event at its own call site, in the order of RuleHooks.
    for (const gate of on.value) if (!gate(e, this)) return;
    if (plan.primitive) {
      for (const gate of on.primitive) if (!gate(e, this)) return;
    } else if (kind === 'resource') {
      this.validateResource(value, expr, site, frame, profilesOfInnerResource(views, value, frame, this.models), views[0].node.name === 'contained');
      return;
    } else {
      const objects = this.objectViews(e, plan);
      e.typeRoots = objects.typeRoots;
      this.walkObject(value as Record<string, any>, objects.views, expr, frame, false, site, holder?.hasValue ?? false);
    }
    for (const h of on.element) h(e, this);
    if (plan.fixed) for (const h of on.fixed) h(e, this);
    for (const h of on.constraints) h(e, this);
    if (plan.byType) for (const h of plan.byType) h(e, this);
    if (plan.binding) for (const h of on.binding) h(e, this);
  }

  /**
   * The children each definition of a complex value allows: its own, those of the element its contentReference
   * names, or its type's (an extension's definition, for an Extension whose url is known); each set once.
   * Found once per plan, or per extension definition.
   */
  private objectViews(e: ValueEvent, plan: ValuePlan): Objects {
    if (plan.objects) return plan.objects;
    const code = e.typeCode!;
    const extension = code === 'Extension' ? on.extension?.(e, this) : undefined;
    const alone = extension && e.views.length === 1 ? byExtension.get(extension.root) : undefined;
    if (alone) return alone;
    const views: ObjectView[] = [];
    let typeRoots: ElementNode[] | undefined;
    for (const view of e.views) {
      const node = view.node;
      let children: ChildSet | undefined;
      let typeRoot: ElementNode | undefined;
      if (extension) {
        children = this.models.childSet(extension.root);
        typeRoot = extension.root;
      } else {
        children = this.models.childSet(node, code);
        if (!node.children.length && !node.contentReference) typeRoot = this.models.typeModel(code)?.root;
      }
      if (!children || views.some((o) => o.children === children)) continue;
      views.push({ node: extension ? extension.root : node, children, typeRoot });
      if (typeRoot && !typeRoots?.includes(typeRoot)) (typeRoots ??= []).push(typeRoot);
    }
    // A profile on the element's type (Quantity(SimpleQuantity)) is one more definition of the value.
    if (!extension) {
      for (const view of e.views) {
        for (const url of view.type?.profiles ?? []) {
          const profile = this.models.model(url);
          const children = profile?.type === code ? this.models.childSet(profile.root) : undefined;
          if (!profile || !children || views.some((o) => o.children === children)) continue;
          views.push({ node: profile.root, children, typeRoot: profile.root });
          (typeRoots ??= []).push(profile.root);
        }
      }
    }
    const found = { views, typeRoots };
    if (extension) {
      if (e.views.length === 1) byExtension.set(extension.root, found);
    } else if (code !== 'Extension') plan.objects = found;
    return found;
  }

  /** `_name`: the objects holding a primitive's id and extensions are Elements, aligned with the primitive's values. */
  private walkPrimitiveExtensions(obj: Record<string, any>, key: string, name: string, items: boolean, expr: string, frame: ResourceFrame): void {
    const element = this.models.typeModel('Element')!.root;
    let plan = elementPlans.get(element);
    if (!plan) elementPlans.set(element, (plan = this.valuePlan([{ node: element, type: { code: 'Element', profiles: [], targetProfiles: [] }, plan: undefined }], 'complex')));
    const value = obj[key];
    const base = obj[name];
    if (!items) {
      this.walkValue(value, plan, `${expr}.${name}`, { container: obj, key }, frame, { key, hasValue: base !== undefined && base !== null });
      return;
    }
    for (let i = 0; i < value.length; i++) {
      if (value[i] === null) continue;
      this.walkValue(value[i], plan, `${expr}.${name}[${i}]`, { container: value, key: i }, frame, { key, hasValue: Array.isArray(base) && base[i] != null });
    }
  }
}

function bounded(slots: readonly ChildSlot[]): ElementNode[] {
  return slots.map((s) => s.node).filter((n) => n.min > 0 || n.max !== Infinity);
}

/** The slot of an item in a slice: the slice's definition, with the slice's own type when it restates it (its profiles). */
function sliceSlot(slot: ChildSlot, slice: ElementNode): ChildSlot {
  const own = slot.type ? slice.types.find((t) => t.code === slot.type!.code) : undefined;
  return { node: slice, type: own ?? slot.type, plan: undefined };
}
