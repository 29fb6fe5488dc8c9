import type { IssueCollector } from '../../outcome/issue-collector';

/**
 * ElementDefinition.slicing: "The set of slices is any elements that come after this in the element sequence that
 * have the same path, until a shorter path occurs (the shorter path terminates the set)", and "The first element in
 * the sequence, the one that carries the slicing, is the definition that applies to all the slices"
 * (https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.slicing). So in a snapshot a slice
 * (an element with a sliceName) follows an element of the same path that carries the slicing; the HL7 validator's
 * snapshot check says the element "launches straight into slicing" otherwise (a message without an id).
 */
export function checkSnapshotSlicing(sd: Record<string, any>, expression: string, out: IssueCollector): void {
  const elements = sd.snapshot?.element;
  if (!Array.isArray(elements)) return;
  const sliced = new Set<string>();
  const depth = (p: string) => p.split('.').length;
  elements.forEach((element: any, i: number) => {
    const path = element?.path;
    if (typeof path !== 'string') return;
    if (element.slicing) {
      sliced.add(path);
      return;
    }
    // A path no deeper than a sliced one, and not it, ends that set of slices.
    for (const s of sliced) if (depth(s) >= depth(path) && s !== path) sliced.delete(s);
    if (typeof element.sliceName === 'string' && !sliced.has(path)) {
      out.add('error', 'invalid', `The element ${element.id ?? path} launches straight into slicing without the slicing being set up properly first`, `${expression}.snapshot.element[${i}]`, { container: element, key: 'sliceName' }, 'sd-slice-without-slicing');
    }
  });
}
