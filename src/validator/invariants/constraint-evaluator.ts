import type { ConstraintDef } from '../model/element-node';
import { decidedBeforehand } from './constraint-fixes';
import { compileFast, Unsupported, type EvaluationMemo, type Evaluator } from './fast-fhirpath';
import { SyncResolve, type ReferenceResolver } from './fhirpath-resolve';

/** Which engine evaluates FHIRPath constraints (see ValidatorOptions.invariantEngine). */
export type InvariantEngine = 'compiled' | 'fhirpath.js';

export type ConstraintOutcome = 'pass' | 'fail' | { error: string };

type Slow = (data: unknown, env: Record<string, unknown>) => unknown[];

/** One constraint at one base path, compiled once: the fast form when the subset allows, else fhirpath.js. */
interface CompiledConstraint {
  fast?: Evaluator;
  slow?: Slow | { error: string };
}

/** A difference between the fast compiler and fhirpath.js (collected only in cross-check mode). */
export interface Disagreement {
  key: string;
  expression: string;
  fast: unknown[];
  fhirpath: unknown[];
}

/**
 * Evaluates FHIRPath constraints. Each (constraint, base path) is compiled once and the
 * compiled function reused for every element of every resource. Expressions in the subset of
 * fast-fhirpath run as plain closures; the rest, and anything the subset refuses at run time,
 * run on fhirpath.js (HL7's implementation) with the R5 model extended with the IG's types,
 * and a synchronous resolve() (invariants/fhirpath-resolve). dom-3 is not evaluated here: it is
 * checked natively (rules/contained).
 */
export class ConstraintEvaluator {
  private readonly compiled = new WeakMap<ConstraintDef, Map<string, CompiledConstraint>>();
  private readonly atOwnPath = new WeakMap<ConstraintDef, CompiledConstraint>();
  private fhirpath: any;
  private readonly resolve = new SyncResolve();
  /** When set, every fast result is compared with fhirpath.js (for tests). */
  disagreements?: Disagreement[];

  constructor(
    private readonly modelFactory: () => unknown,
    private readonly engine: InvariantEngine = 'compiled',
  ) {}

  /**
   * `memo`: one per validation, for what its evaluations share (see EvaluationMemo). `resolver`:
   * what resolve() finds, for the resource being validated (without one, resolve() finds nothing).
   */
  evaluate(constraint: ConstraintDef, basePath: string, focus: unknown, resource: unknown, rootResource: unknown, memo?: EvaluationMemo, resolver?: ReferenceResolver): ConstraintOutcome {
    const decided = decidedBeforehand(constraint.key, focus, rootResource);
    if (decided) return decided;
    const compiled = this.compile(constraint, basePath);
    if (compiled.fast) {
      try {
        const result = compiled.fast([focus], { resource, rootResource, context: focus, memo });
        if (this.disagreements) this.crossCheck(constraint, basePath, focus, resource, rootResource, result, resolver);
        return verdict(result);
      } catch (e) {
        if (!(e instanceof Unsupported)) return { error: (e as Error)?.message ?? String(e) };
      }
    }
    return this.evaluateSlow(constraint, basePath, compiled, focus, resource, rootResource, resolver);
  }

  private evaluateSlow(constraint: ConstraintDef, basePath: string, compiled: CompiledConstraint, focus: unknown, resource: unknown, rootResource: unknown, resolver?: ReferenceResolver): ConstraintOutcome {
    compiled.slow ??= this.compileSlow(constraint, basePath);
    if ('error' in compiled.slow) return compiled.slow;
    try {
      return verdict(this.withResolver(resolver, () => (compiled.slow as Slow)(focus, { resource, rootResource })));
    } catch (e) {
      return { error: (e as Error)?.message ?? String(e) };
    }
  }

  /** Runs fhirpath.js with `resolver` behind resolve(): evaluation is synchronous, so one slot suffices. */
  private withResolver<T>(resolver: ReferenceResolver | undefined, run: () => T): T {
    const previous = this.resolve.current;
    this.resolve.current = resolver;
    try {
      return run();
    } finally {
      this.resolve.current = previous;
    }
  }

  private compile(constraint: ConstraintDef, basePath: string): CompiledConstraint {
    // A constraint is nearly always evaluated at the path it is declared on: that one is kept beside the map.
    const own = this.atOwnPath.get(constraint);
    if (own && basePath === constraint.path) return own;
    let byPath = this.compiled.get(constraint);
    if (!byPath) this.compiled.set(constraint, (byPath = new Map()));
    let compiled = byPath.get(basePath);
    if (!compiled) {
      compiled = {};
      try {
        if (this.engine === 'compiled') compiled.fast = compileFast(constraint.expression);
      } catch (e) {
        // Too long or too deep for the compiler's recursion (a hostile --ig): fhirpath.js tries, or says it cannot.
        if (!(e instanceof Unsupported) && !(e instanceof RangeError)) throw e;
      }
      byPath.set(basePath, compiled);
      if (basePath === constraint.path) this.atOwnPath.set(constraint, compiled);
    }
    return compiled;
  }

  private compileSlow(constraint: ConstraintDef, basePath: string): Slow | { error: string } {
    try {
      return this.compileExpression(constraint.expression, basePath);
    } catch (e) {
      return { error: `cannot compile: ${String((e as Error)?.message ?? e).split('\n')[0]}` };
    }
  }

  /** An expression compiled by fhirpath.js; throws when it cannot compile it. */
  private compileExpression(expression: string, basePath: string): Slow {
    // fhirpath.js and its model load only when an expression needs them: most starts never do.
    this.fhirpath ??= { lib: require('fhirpath'), model: this.modelFactory() };
    return this.fhirpath.lib.compile({ base: basePath, expression }, this.fhirpath.model, { traceFn: () => undefined, userInvocationTable: this.resolve.invocationTable() }) as Slow;
  }

  private crossCheck(constraint: ConstraintDef, basePath: string, focus: unknown, resource: unknown, rootResource: unknown, fast: unknown[], resolver?: ReferenceResolver): void {
    const slow = this.compileSlow(constraint, basePath);
    if ('error' in slow) return;
    let reference: unknown[];
    try {
      reference = this.withResolver(resolver, () => slow(focus, { resource, rootResource }));
    } catch {
      return;
    }
    if (verdict(reference) !== verdict(fast)) this.disagreements!.push({ key: constraint.key, expression: constraint.expression, fast, fhirpath: reference });
  }
}

/** A constraint holds when it evaluates to true; an empty result means it did not apply. */
function verdict(result: unknown[]): 'pass' | 'fail' {
  if (result.length === 0) return 'pass';
  return result.length === 1 && result[0] === true ? 'pass' : 'fail';
}
