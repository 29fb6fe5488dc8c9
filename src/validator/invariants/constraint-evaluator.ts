import type { ConstraintDef } from '../model/element-node';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const fhirpath = require('fhirpath');

export type ConstraintOutcome = 'pass' | 'fail' | { error: string };

type Compiled = (data: unknown, env: Record<string, unknown>) => unknown[];

/**
 * Evaluates FHIRPath constraints with fhirpath.js. Each (path, expression) pair is parsed and
 * compiled once and the compiled function reused for every element and every resource.
 */
export class ConstraintEvaluator {
  private readonly compiled = new Map<string, Compiled | { error: string }>();
  private readonly options = { traceFn: () => undefined };

  constructor(private readonly model: unknown) {}

  evaluate(constraint: ConstraintDef, basePath: string, focus: unknown, resource: unknown, rootResource: unknown): ConstraintOutcome {
    const fn = this.compile(constraint, basePath);
    if ('error' in fn) return fn;
    try {
      const result = fn(focus, { resource, rootResource });
      // An empty result is not a failure: the constraint did not apply (FHIRPath §5.1 boolean evaluation).
      if (result.length === 0) return 'pass';
      return result.length === 1 && result[0] === true ? 'pass' : 'fail';
    } catch (e) {
      return { error: (e as Error)?.message ?? String(e) };
    }
  }

  private compile(constraint: ConstraintDef, basePath: string): Compiled | { error: string } {
    const cacheKey = `${basePath}\u0000${constraint.expression}`;
    let fn = this.compiled.get(cacheKey);
    if (!fn) {
      try {
        fn = fhirpath.compile({ base: basePath, expression: constraint.expression }, this.model, this.options) as Compiled;
      } catch (e) {
        fn = { error: `cannot compile: ${(e as Error)?.message ?? String(e)}` };
      }
      this.compiled.set(cacheKey, fn);
    }
    return fn;
  }
}
