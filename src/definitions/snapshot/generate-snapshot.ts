// Snapshot generation (FHIR R5 structuredefinition.html, snapshot and differential; profiling.html):
// the snapshot of a StructureDefinition that comes with only a differential, from its
// base (itself snapshotted first when it has only a differential), as the HL7 Java tooling's
// ProfileUtilities.generateSnapshot does. Definitions come as data, through a resolver; nothing
// here reads files, so the validator, the review, the site and the browser share it.
import { applyDifferential } from './apply-differential';
import type { SnapshotContext } from './context';
import { withoutVersion } from './context';
import { attachDescendants, flatten, newNode } from './element-tree';
import { CyclicDerivationError, MalformedDefinitionError, UnknownBaseError } from './errors';
import type { DefinitionResolver, StructureDefinition } from './types';

export class SnapshotGenerator {
  private readonly generated = new Map<string, StructureDefinition>();
  private readonly inProgress: string[] = [];

  constructor(private readonly resolve: DefinitionResolver) {}

  /** A new StructureDefinition: the input (never modified) with `snapshot.element` generated. */
  generate(definition: StructureDefinition): StructureDefinition {
    const url = definition.url;
    if (this.inProgress.includes(url)) throw new CyclicDerivationError([...this.inProgress.slice(this.inProgress.indexOf(url)), url]);
    const differential = definition.differential?.element;
    if (!Array.isArray(differential) || !differential.length) throw new MalformedDefinitionError(url, undefined, 'no differential to generate a snapshot from');
    const unnamed = differential.findIndex((e) => typeof e?.path !== 'string' || !e.path || (e.id !== undefined && typeof e.id !== 'string'));
    if (unnamed >= 0) throw new MalformedDefinitionError(url, `differential.element[${unnamed}]`, 'an element without a path (or with an id that is not a string)');
    if (!definition.baseDefinition) throw new MalformedDefinitionError(url, undefined, 'no baseDefinition to generate a snapshot from');
    this.inProgress.push(url);
    try {
      const base = this.snapshotOf(definition.baseDefinition, url, undefined);
      const baseElements = base.snapshot!.element;
      const rootName = differential[0].path.split('.')[0];
      const root = newNode(rootName, baseElements[0], base, true);
      root.element.path = rootName;
      attachDescendants(root, baseElements, baseElements[0].id ?? baseElements[0].path, base, true);
      const context: SnapshotContext = {
        profile: definition,
        specialization: definition.derivation === 'specialization' || (base.type !== definition.type && definition.derivation !== 'constraint'),
        root,
        snapshotOf: (typeUrl, elementPath) => this.snapshotOf(typeUrl, url, elementPath),
        resolveRaw: (typeUrl) => this.resolve(typeUrl) ?? this.resolve(withoutVersion(typeUrl)),
        typeSliced: new Set(),
        slicingStated: new Set(),
        constrained: new Set(),
        slicingAdded: new Set(),
        slicesConstrained: new Set(),
        requiredTypeSlices: new Set(),
      };
      if (context.specialization) {
        root.element.base = { path: rootName, min: 0, max: '*' };
        // As in the core snapshots, the inherited extensions of a resource or a primitive type
        // carry no slicing, and the root of a resource or a logical model is not subject to ele-1.
        if (definition.kind === 'resource' || definition.kind === 'primitive-type') {
          for (const child of root.children) if (/^(modifierE|e)xtension$/.test(child.name)) delete child.element.slicing;
        }
        if (definition.kind === 'resource' || definition.kind === 'logical') root.element.constraint = (root.element.constraint ?? []).filter((c) => c.key !== 'ele-1');
      }
      applyDifferential(context, differential);
      const result = structuredClone(definition);
      result.snapshot = { element: flatten(root, rootName) };
      return result;
    } finally {
      this.inProgress.pop();
    }
  }

  /** The definition at `url` with a snapshot: its own, or one generated once and kept. */
  snapshotOf(url: string, forProfile: string, elementPath: string | undefined): StructureDefinition {
    const key = withoutVersion(url);
    const found = this.generated.get(key) ?? this.resolve(url) ?? this.resolve(key);
    if (!found) throw new UnknownBaseError(forProfile, url, elementPath);
    if (found.snapshot?.element?.length) return found;
    const generated = this.generate(found);
    this.generated.set(key, generated);
    return generated;
  }
}

/** One-off generation; use a SnapshotGenerator to share generated bases between profiles. */
export function generateSnapshot(definition: StructureDefinition, resolve: DefinitionResolver): StructureDefinition {
  return new SnapshotGenerator(resolve).generate(definition);
}

