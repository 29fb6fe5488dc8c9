// Which of a split source's contained resources each part carries. dom-3 wants every contained
// resource referred to from its container (https://hl7.org/fhir/R5/resource.html#invs: "SHALL be
// referred to from elsewhere in the resource or SHALL refer to the containing resource"), so a part
// carries those its own content reaches through `#id`, directly or through another contained one.
// Copying all of them into every part broke dom-3 for a manifest of two studies, and multiplied
// contained resources nobody refers to by the number of series (found by npm run fuzz).
import { narrativeFragmentIds } from '../validator/rules/contained';
import type { ConversionReport } from './outcome';

type Json = Record<string, unknown>;

export class ContainedForParts {
  private readonly byId = new Map<string, Json>();
  /** `#id` references of each contained resource (by id), and those that refer to their container (`#`). */
  private readonly refsOf = new Map<string, Set<string>>();
  private readonly toContainer: Json[] = [];
  private readonly used = new Set<Json>();

  constructor(private readonly contained: readonly unknown[]) {
    for (const c of contained) {
      if (typeof c !== 'object' || c === null || Array.isArray(c)) continue;
      const resource = c as Json;
      const refs = fragmentReferences(resource);
      if (refs.has('')) this.toContainer.push(resource);
      if (typeof resource.id === 'string' && !this.byId.has(resource.id)) {
        this.byId.set(resource.id, resource);
        this.refsOf.set(resource.id, refs);
      }
    }
  }

  /**
   * The contained resources a part needs, in the source's order: those reached from `content` (the part's
   * own elements, contained left out), and those that refer to the container.
   */
  select(content: readonly unknown[]): Json[] {
    const reached = new Set<Json>(this.toContainer);
    const queue = [...fragmentReferences(content)];
    for (let i = 0; i < queue.length; i++) {
      const resource = this.byId.get(queue[i]);
      if (!resource || reached.has(resource)) continue;
      reached.add(resource);
      queue.push(...this.refsOf.get(queue[i])!);
    }
    for (const r of reached) this.used.add(r);
    return this.contained.filter((c): c is Json => reached.has(c as Json));
  }

  /** Says which contained resources no part carries: nothing referred to them. */
  reportUnused(path: string, report: ConversionReport): void {
    this.contained.forEach((c, i) => {
      if (!this.used.has(c as Json)) report.loss(`${path}[${i}]`, 'no part of the output refers to this contained resource (dom-3): dropped');
    });
  }
}

/**
 * Every `#id` a value refers to (as `id`; `#` as ''): Reference.reference, canonical and uri values, and
 * narrative links, read as the validator's dom-3 reads them.
 */
export function fragmentReferences(value: unknown): Set<string> {
  const refs = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (node.charCodeAt(0) === 0x23) refs.add(node.slice(1));
      else if (node.startsWith('<div')) for (const id of narrativeFragmentIds(node)) refs.add(id);
    } else if (typeof node === 'object' && node !== null) for (const v of Object.values(node)) stack.push(v);
  }
  return refs;
}
