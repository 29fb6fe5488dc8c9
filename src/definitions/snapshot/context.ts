// What the steps of one snapshot generation share.
import type { ElementNode } from './element-tree';
import type { StructureDefinition } from './types';

export interface SnapshotContext {
  /** The StructureDefinition being snapshotted. */
  readonly profile: StructureDefinition;
  /** New elements are allowed (a specialization or logical model defines them). */
  readonly specialization: boolean;
  readonly root: ElementNode;
  /** A definition as the resolver has it (undefined when unknown). */
  resolveRaw(url: string): StructureDefinition | undefined;
  /** A definition with its snapshot (generated when it has only a differential); throws when unknown. */
  snapshotOf(url: string, elementPath: string): StructureDefinition;
  /** Choice elements given type slices by this differential (their slicing is settled at the end). */
  readonly typeSliced: Set<ElementNode>;
  /** Sliced elements some of whose slices a differential element constrains. */
  readonly slicesConstrained: Set<ElementNode>;
  /** Extension elements given the default url slicing by this generation. */
  readonly slicingAdded: Set<ElementNode>;
  /** Elements a differential element constrains directly. */
  readonly constrained: Set<ElementNode>;
  /** Elements whose slicing the differential states (rather than inherits or defaults). */
  readonly slicingStated: Set<ElementNode>;
  /** Type slices whose differential requires them (min > 0). */
  readonly requiredTypeSlices: Set<ElementNode>;
}

export const CORE_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';

/** The canonical URL of a type code (`Quantity`, or a logical model's own URL). */
export function typeUrl(code: string): string {
  return code.includes(':') ? code : `${CORE_PREFIX}${code}`;
}

/** `http://x/StructureDefinition/a|1.0` → `http://x/StructureDefinition/a`. */
export function withoutVersion(url: string): string {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
}
