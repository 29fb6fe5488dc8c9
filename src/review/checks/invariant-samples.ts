import fhirpath from 'fhirpath';
import r5 from 'fhirpath/fhir-context/r5';
import type { SnapshotView } from '../../ig/structure-definition';

/**
 * A value of the element at `path` (`''`: the resource's own content) inside a resource of the
 * reviewed type; repeating elements on the way are lists, as in FHIR JSON.
 */
export function placeSample(view: SnapshotView, path: string, value: unknown): Record<string, unknown> {
  const resourceType = view.root.path;
  if (path === '') return { ...(value as object), resourceType };
  const segments = path.split('.');
  let node: unknown = value;
  for (let i = segments.length; i > 0; i--) {
    const at = segments.slice(0, i).join('.');
    const repeats = view.element(at)?.max !== '1';
    node = { [segments[i - 1]]: repeats ? [node] : node };
  }
  return { resourceType, ...(node as object) };
}

/**
 * Whether the invariant holds on every node of `path` in the sample resource, as a validator
 * evaluates it (fhirpath.js with the R5 model); a string when the expression cannot be evaluated.
 */
export function invariantHolds(view: SnapshotView, path: string, expression: string, value: unknown): boolean | string {
  const resource = placeSample(view, path, value);
  const nodes = path === '' ? view.root.path : `${view.root.path}.${path}`;
  try {
    // Synchronous: no async functions in an invariant (fhirpath.js returns a list then).
    const result = fhirpath.evaluate(resource, `${nodes}.all(${expression})`, undefined, r5) as unknown[];
    return result.length === 1 && result[0] === true;
  } catch (e) {
    return `cannot be evaluated: ${((e as Error).message ?? String(e)).split('\n')[0].slice(0, 200)}`;
  }
}

export const showSample = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};
