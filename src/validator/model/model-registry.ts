import type { DefinitionStore } from '../../definitions/definition-store';
import { SnapshotError, SnapshotGenerator, type StructureDefinition } from '../../definitions/snapshot';
import { buildStructureModel, choiceJsonName, type ChildSet, type ChildSlot, type ElementNode, type StructureModel, type TypeRef } from './element-node';

export type TypeKind = 'primitive' | 'complex' | 'resource' | 'system' | 'unknown';

const SYSTEM_PREFIX = 'http://hl7.org/fhirpath/System.';
const IMPLEMENTS = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-implements';

/**
 * StructureModels built from the registry's snapshots on first use and kept: one snapshot is
 * turned into a tree once per process, whatever the number of resources validated.
 */
export class ModelRegistry {
  private readonly models = new Map<string, StructureModel | null>();
  private readonly kinds = new Map<string, TypeKind>();
  private readonly ancestry = new Map<string, string[]>();
  private readonly typeChildSets = new Map<string, ChildSet | null>();

  /** Why a definition that came with only a differential has no model: its snapshot could not be generated. */
  readonly snapshotFailures = new Map<string, SnapshotError>();
  private snapshots?: SnapshotGenerator;

  constructor(readonly definitions: DefinitionStore) {}

  /** The model of a StructureDefinition by URL, or undefined when it is unknown. */
  model(url: string): StructureModel | undefined {
    let m = this.models.get(url);
    if (m === undefined) {
      const sd = this.definitions.get(url);
      m = sd && sd.resourceType === 'StructureDefinition' ? this.buildModel(url, sd) : null;
      this.models.set(url, m);
    }
    return m ?? undefined;
  }

  /**
   * A definition with only a differential (most hand-written profiles) gets its snapshot generated
   * from its base, once: the model is kept, so no resource pays for it again.
   */
  private buildModel(url: string, sd: Record<string, any>): StructureModel | null {
    if (Array.isArray(sd.snapshot?.element) && sd.snapshot.element.length) return buildStructureModel(sd as any);
    if (!Array.isArray(sd.differential?.element)) return null;
    this.snapshots ??= new SnapshotGenerator((u) => this.definitions.get(u) as StructureDefinition | undefined);
    try {
      return buildStructureModel(this.snapshots.generate(sd as StructureDefinition) as any);
    } catch (e) {
      if (!(e instanceof SnapshotError)) throw e;
      this.snapshotFailures.set(url, e);
      return null;
    }
  }

  /** The model of the base definition of a type (Patient, Reference, ImagingReference). */
  typeModel(type: string): StructureModel | undefined {
    const url = this.definitions.typeDefinitionUrl(type);
    return url ? this.model(url) : undefined;
  }

  typeKind(type: string): TypeKind {
    let kind = this.kinds.get(type);
    if (kind) return kind;
    if (type.startsWith(SYSTEM_PREFIX)) kind = 'system';
    else {
      const url = this.definitions.typeDefinitionUrl(type);
      const k = url ? this.definitions.get(url)?.kind : undefined;
      kind = k === 'primitive-type' ? 'primitive' : k === 'complex-type' ? 'complex' : k === 'resource' ? 'resource' : 'unknown';
    }
    this.kinds.set(type, kind);
    return kind;
  }

  /**
   * A type and every type it is one of: its base types (CodeSystem, DomainResource, Resource) and the
   * interfaces it implements, transitively (MetadataResource, CanonicalResource), for extension contexts.
   */
  typeAncestry(type: string): string[] {
    let found = this.ancestry.get(type);
    if (found) return found;
    found = [type];
    this.ancestry.set(type, found); // guards against cycles
    const url = this.definitions.typeDefinitionUrl(type);
    const sd = url ? this.definitions.get(url) : undefined;
    const parents: string[] = [];
    if (typeof sd?.baseDefinition === 'string') parents.push(sd.baseDefinition);
    for (const x of sd?.extension ?? []) if (x.url === IMPLEMENTS && typeof x.valueUri === 'string') parents.push(x.valueUri);
    for (const parentUrl of parents) {
      const parent = this.typeOfProfile(parentUrl);
      if (parent) for (const t of this.typeAncestry(parent)) if (!found.includes(t)) found.push(t);
    }
    return found;
  }

  /** The type names a canonical URL of a profile or type stands for (targetProfile -> Patient). */
  typeOfProfile(url: string): string | undefined {
    const sd = this.definitions.get(url);
    if (sd?.type) return sd.type;
    const core = 'http://hl7.org/fhir/StructureDefinition/';
    return url.startsWith(core) ? url.slice(core.length) : undefined;
  }

  /**
   * The properties a complex element allows: its own children in the snapshot, the element its
   * contentReference points at, or else those of its type. BackboneElement and Element children
   * (`id`, `extension`, `modifierExtension`) are added when the snapshot leaves them out, as SUSHI does.
   */
  childSet(node: ElementNode, typeCode?: string): ChildSet | undefined {
    if (node.children.length) return (node.childSet ??= this.makeChildSet(node.children, node));
    if (node.contentReference) {
      const target = this.resolveContentReference(node);
      return target ? this.childSet(target) : undefined;
    }
    const code = typeCode ?? (node.types.length === 1 ? node.types[0].code : undefined);
    if (!code) return undefined;
    // Most elements take their children from their type: found once per type, not per element walked.
    let found = this.typeChildSets.get(code);
    if (found === undefined) {
      const model = this.typeModel(code);
      found = (model && this.childSet(model.root)) || null;
      this.typeChildSets.set(code, found);
    }
    return found ?? undefined;
  }

  resolveContentReference(node: ElementNode): ElementNode | undefined {
    const ref = node.contentReference!;
    const hash = ref.indexOf('#');
    const ownerUrl = hash > 0 ? ref.slice(0, hash) : node.owner;
    return this.model(ownerUrl)?.byPath.get(ref.slice(hash + 1));
  }

  private makeChildSet(children: ElementNode[], parent: ElementNode): ChildSet {
    const nodes = [...children];
    const parentType = parent.types.length === 1 ? parent.types[0].code : undefined;
    if (parentType === 'BackboneElement' || parentType === 'Element') {
      const base = this.typeModel(parentType);
      for (const inherited of base?.root.children ?? []) {
        if (!nodes.some((n) => n.name === inherited.name)) nodes.unshift(inherited);
      }
    }
    const byJsonName = new Map<string, ChildSlot>();
    // Each slot has all its properties from the start: one object shape for the walker's loads.
    const slot = (node: ElementNode, type: TypeRef | undefined): ChildSlot => ({ node, type, plan: undefined });
    for (const node of nodes) {
      if (node.isChoice) {
        for (const type of node.types) byJsonName.set(choiceJsonName(node.name, type.code), slot(node, type));
      } else if (node.contentReference && node.types.length === 0) {
        const target = this.resolveContentReference(node);
        byJsonName.set(node.name, slot(node, target?.types.length === 1 ? target.types[0] : undefined));
      } else {
        byJsonName.set(node.name, slot(node, node.types.length === 1 ? node.types[0] : undefined));
      }
    }
    return { nodes, byJsonName, sliced: nodes.filter((n) => n.slices), bounded: nodes.filter((n) => n.min > 0 || n.max !== Infinity) };
  }
}
