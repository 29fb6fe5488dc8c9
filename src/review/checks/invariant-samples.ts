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
  const compiled = compiledCheck(`${nodes}.all(${expression})`);
  if (typeof compiled === 'string') return compiled;
  try {
    // Synchronous: no async functions in an invariant (fhirpath.js returns a list then).
    const result = compiled(resource) as unknown[];
    return result.length === 1 && result[0] === true;
  } catch (e) {
    return cannotEvaluate(e);
  }
}

type CompiledCheck = (resource: unknown) => unknown;

/**
 * Each expression parsed once for all its samples, its parse error too: fhirpath.js's parser builds an
 * exception for every character it cannot read, so a mutated 180 KB definition, parsed again for each
 * sample, took 460 ms (found by npm run fuzz); parsed once, 140 ms; without the stack traces, 64 ms.
 */
const compiledChecks = new Map<string, CompiledCheck | string>();
const MAX_COMPILED_CHECKS = 1000;

function compiledCheck(expression: string): CompiledCheck | string {
  let compiled = compiledChecks.get(expression);
  if (compiled === undefined) {
    // Without stack traces while it parses: its parser makes an Error for every character it cannot read.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      compiled = fhirpath.compile(expression, r5) as CompiledCheck;
    } catch (e) {
      compiled = cannotEvaluate(e);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    if (compiledChecks.size >= MAX_COMPILED_CHECKS) compiledChecks.clear();
    compiledChecks.set(expression, compiled);
  }
  return compiled;
}

function cannotEvaluate(e: unknown): string {
  return `cannot be evaluated: ${((e as Error)?.message ?? String(e)).split('\n')[0].slice(0, 200)}`;
}

export const showSample = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};
