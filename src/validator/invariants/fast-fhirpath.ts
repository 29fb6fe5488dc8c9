/**
 * A compiler for the part of FHIRPath that FHIR constraints mostly use, straight to JavaScript
 * closures over plain FHIR JSON (as Ajv compiles JSON Schema). It exists for speed: fhirpath.js
 * builds a typed node tree on every evaluation, which costs far more than the check itself.
 *
 * What it cannot do exactly (type functions, dates, descendants(), resolve(), …) it refuses:
 * at compile time with {@link Unsupported}, or at run time by throwing it, and the caller then
 * uses fhirpath.js for that expression. A test runs both on every fixture and compares.
 */
import { htmlChecks } from '../rules/narrative';

export class Unsupported extends Error {
  override name = 'Unsupported';

  constructor(message: string) {
    // Thrown at run time too, for every value the subset does not cover: without a stack trace it costs an object, not a stack walk.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** `memo`: what one validation may reuse between evaluations (its resources do not change while it runs). */
export type Env = { resource: unknown; rootResource: unknown; context: unknown; memo?: EvaluationMemo };
export type Evaluator = (focus: unknown[], env: Env) => unknown[];

// ---------------------------------------------------------------- tokens
type Token = { t: 'id' | 'str' | 'num' | 'op' | 'var' | 'eof'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new Unsupported('unterminated comment');
      i = end + 2;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j])) j++;
      out.push({ t: 'id', v: src.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new Unsupported('unterminated identifier');
      out.push({ t: 'id', v: src.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      // Double quotes are not FHIRPath, but R5's eld-11 uses them; the HL7 (Java) engine reads them as strings.
      const quote = c;
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== quote) {
        if (src[j] === '\\') {
          const e = src[j + 1];
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', "'": "'", '"': '"', '`': '`', '\\': '\\', '/': '/' };
          if (e === 'u') {
            s += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          if (!(e in map)) throw new Unsupported(`escape \\${e}`);
          s += map[e];
          j += 2;
          continue;
        }
        s += src[j++];
      }
      if (j >= src.length) throw new Unsupported('unterminated string');
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      if (/^[ \t]*'/.test(src.slice(i + m[0].length))) throw new Unsupported('quantity literal');
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
      continue;
    }
    if (c === '%' || c === '$') {
      const m = /^[%$](`[^`]*`|'[^']*'|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
      if (!m) throw new Unsupported('variable');
      out.push({ t: 'var', v: m[0] });
      i += m[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['!=', '<=', '>=', '!~'].includes(two)) {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('.()[],=<>|+-*/&~'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    throw new Unsupported(`character ${c}`);
  }
  out.push({ t: 'eof', v: '' });
  return out;
}

// ---------------------------------------------------------------- syntax tree
type Node =
  | { k: 'lit'; v: unknown[]; integer?: true }
  | { k: 'path'; name: string; first: boolean }
  | { k: 'var'; name: string }
  | { k: 'fn'; name: string; args: Node[]; first: boolean }
  | { k: 'dot'; left: Node; right: Node }
  | { k: 'index'; left: Node; index: Node }
  | { k: 'bin'; op: string; left: Node; right: Node }
  | { k: 'neg'; arg: Node };

const BINARY: Record<string, number> = {
  implies: 1, or: 2, xor: 2, and: 3, in: 4, contains: 4,
  '=': 5, '~': 5, '!=': 5, '!~': 5, '<': 6, '>': 6, '<=': 6, '>=': 6, '|': 7,
  is: 8, as: 8, '+': 9, '-': 9, '&': 9, '*': 10, '/': 10, div: 10, mod: 10,
};

class Parser {
  private p = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const n = this.expr(0);
    if (this.peek().t !== 'eof') throw new Unsupported(`unexpected ${this.peek().v}`);
    return n;
  }

  private peek(): Token {
    return this.tokens[this.p];
  }

  private next(): Token {
    return this.tokens[this.p++];
  }

  private expect(v: string): void {
    const t = this.next();
    if (t.v !== v || (t.t !== 'op' && t.t !== 'id')) throw new Unsupported(`expected ${v}`);
  }

  private binaryOp(): string | undefined {
    const t = this.peek();
    if ((t.t === 'op' || t.t === 'id') && t.v in BINARY) return t.v;
    return undefined;
  }

  private expr(minPrec: number): Node {
    let left = this.unary();
    for (;;) {
      const op = this.binaryOp();
      if (!op || BINARY[op] <= minPrec) return left;
      this.next();
      if (op === 'is' || op === 'as') {
        // The type name is not an expression: skip it; the operator is left to fhirpath.js.
        this.next();
        while (this.peek().t === 'op' && this.peek().v === '.' && this.tokens[this.p + 1]?.t === 'id') this.p += 2;
        left = { k: 'fn', name: op, args: [left], first: false };
        continue;
      }
      const right = this.expr(BINARY[op]);
      left = { k: 'bin', op, left, right };
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t.t === 'op' && (t.v === '-' || t.v === '+')) {
      this.next();
      const arg = this.unary();
      return t.v === '-' ? { k: 'neg', arg } : arg;
    }
    return this.postfix(this.term());
  }

  private postfix(node: Node): Node {
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && t.v === '.') {
        this.next();
        node = { k: 'dot', left: node, right: this.invocation(false) };
      } else if (t.t === 'op' && t.v === '[') {
        this.next();
        const index = this.expr(0);
        this.expect(']');
        node = { k: 'index', left: node, index };
      } else return node;
    }
  }

  private term(): Node {
    const t = this.peek();
    if (t.t === 'str') {
      this.next();
      return { k: 'lit', v: [t.v] };
    }
    if (t.t === 'num') {
      this.next();
      return t.v.includes('.') ? { k: 'lit', v: [Number(t.v)] } : { k: 'lit', v: [Number(t.v)], integer: true };
    }
    if (t.t === 'var') {
      this.next();
      return { k: 'var', name: t.v };
    }
    if (t.t === 'op' && t.v === '(') {
      this.next();
      const n = this.expr(0);
      this.expect(')');
      return n;
    }
    if (t.t === 'op' && t.v === '{') throw new Unsupported('collection literal');
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') {
        this.next();
        return { k: 'lit', v: [t.v === 'true'] };
      }
      return this.invocation(true);
    }
    throw new Unsupported(`unexpected ${t.v || t.t}`);
  }

  private invocation(first: boolean): Node {
    const t = this.next();
    if (t.t !== 'id') throw new Unsupported(`expected a name, got ${t.v}`);
    if (this.peek().t === 'op' && this.peek().v === '(') {
      this.next();
      const args: Node[] = [];
      if (!(this.peek().t === 'op' && this.peek().v === ')')) {
        args.push(this.expr(0));
        while (this.peek().t === 'op' && this.peek().v === ',') {
          this.next();
          args.push(this.expr(0));
        }
      }
      this.expect(')');
      return { k: 'fn', name: t.v, args, first };
    }
    return { k: 'path', name: t.v, first };
  }
}

// ---------------------------------------------------------------- evaluation
/** The FHIR type names that can end a choice element's JSON name (valueQuantity). */
const CHOICE_SUFFIXES = new Set(
  ('Base64Binary Boolean Canonical Code Date DateTime Decimal Id Instant Integer Integer64 Markdown Oid PositiveInt String Time UnsignedInt Uri Url Uuid ' +
    'Address Age Annotation Attachment CodeableConcept CodeableReference Coding ContactPoint Count Distance Duration HumanName Identifier Money Period ' +
    'Quantity Range Ratio RatioRange Reference SampledData Signature Timing ContactDetail DataRequirement Expression ParameterDefinition ' +
    'RelatedArtifact TriggerDefinition UsageContext Availability ExtendedContactDetail Dosage Meta').split(' '),
);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `name` of an item, into `out`; `primitiveExtensions` is `_name` (made once per compiled path, not per item). */
function child(item: unknown, name: string, out: unknown[], primitiveExtensions = `_${name}`): void {
  if (!isObject(item)) {
    // The id and extensions of a primitive live in its `_name` sibling, out of reach here.
    if (name === 'extension' || name === 'id') throw new Unsupported('extension of a primitive');
    return;
  }
  let v = item[name];
  // A primitive with only `_name` (extensions, no value) is still an element to FHIRPath.
  if ((v === undefined || (Array.isArray(v) && v.includes(null))) && primitiveExtensions in item) throw new Unsupported('primitive with extensions only');
  if (v === undefined) {
    // A choice element: `value` finds valueQuantity.
    for (const key in item) {
      if (key.length > name.length && key.startsWith(name) && CHOICE_SUFFIXES.has(key.slice(name.length))) {
        v = item[key];
        break;
      }
    }
    if (v === undefined) return;
  }
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && x !== undefined) out.push(x);
  } else if (v !== null) out.push(v);
}

/**
 * A string function (matches, startsWith, length, …) on a number, boolean or object: an evaluation
 * error in fhirpath.js, with its words, so that the constraint "could not be evaluated" either way.
 * Raised here rather than handing the input to fhirpath.js, whose sdf-24 compares every element with
 * every other (a fuzzed 213 KB StructureDefinition with one numeric path took 0.8 s there).
 */
function notAString(value: unknown): Error {
  return new Error(`Expected string, but got: ${JSON.stringify([value])}`);
}

/** The text toInteger() converts (FHIRPath §5.5.3, as fhirpath.js reads it). */
const INTEGER_TEXT = /^[+-]?\d+$/;

/** Singleton evaluation of collections as booleans (FHIRPath §4.5): undefined is "empty". */
function truth(c: unknown[]): boolean | undefined {
  if (c.length === 0) return undefined;
  if (c.length > 1) throw new Unsupported('boolean of a collection of several items');
  return typeof c[0] === 'boolean' ? c[0] : true;
}

const bool = (b: boolean | undefined): unknown[] => (b === undefined ? [] : [b]);

/** A string that may be a date: two different ones may still be equal dates (precision, time zones), so fhirpath.js decides. */
const DATE_LIKE = /^\d{4}-/;

function equalItems(a: unknown, b: unknown, memo?: EvaluationMemo): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') {
    if (DATE_LIKE.test(a) && DATE_LIKE.test(b)) throw new Unsupported('date equality');
    return false;
  }
  if (isObject(a) || isObject(b) || Array.isArray(a) || Array.isArray(b)) return itemKey(a, memo) === itemKey(b, memo);
  return false;
}

/**
 * Equal for two items exactly when {@link equalItems} says they are equal (and does not refuse).
 * Objects are keyed by the memo's structural ids when there is one: the JSON text of every nested
 * object, kept for each level, would cost the input's size times its depth.
 */
function itemKey(x: unknown, memo?: EvaluationMemo): string {
  if (typeof x === 'string') return `s${x}`;
  if (typeof x === 'object' && x !== null) return memo ? `o${memo.structuralId(x)}` : `j${JSON.stringify(x)}`;
  return `${typeof x}:${String(x)}`;
}

/** A collection indexed for membership (`in`, `contains`) by {@link equalItems}, built in one pass. */
class ItemIndex {
  private readonly keys = new Set<string>();
  private dateLike = false;

  constructor(
    items: unknown[],
    private readonly memo?: EvaluationMemo,
  ) {
    for (const x of items) {
      this.keys.add(itemKey(x, memo));
      if (typeof x === 'string' && DATE_LIKE.test(x)) this.dateLike = true;
    }
  }

  has(x: unknown): boolean {
    if (this.keys.has(itemKey(x, this.memo))) return true;
    // As equalItems: a date-like string against different date-like strings is left to fhirpath.js.
    if (this.dateLike && typeof x === 'string' && DATE_LIKE.test(x)) throw new Unsupported('date equality');
    return false;
  }
}

/**
 * What one validation reuses between the evaluations of its constraints: the collections that
 * depend only on %resource or %rootResource (ref-1's `%rootResource.contained.id`, looked up at
 * every reference), indexed once, and structural ids of the objects compared (`=`, `distinct`). Scoped to one
 * validation because a caller may change a resource object between two validations.
 */
export class EvaluationMemo {
  private readonly indexes = new Map<Compiled, WeakMap<object, ItemIndex>>();
  private readonly ids = new WeakMap<object, number>();
  /** The shape of each object seen: its keys in order, with primitives as JSON and nested objects by id. */
  private readonly shapes = new Map<string, number>();

  index(collection: Compiled, root: object, build: () => unknown[]): ItemIndex {
    let byRoot = this.indexes.get(collection);
    if (!byRoot) this.indexes.set(collection, (byRoot = new WeakMap()));
    let index = byRoot.get(root);
    if (!index) byRoot.set(root, (index = new ItemIndex(build(), this)));
    return index;
  }

  /**
   * An id equal for two objects exactly when their JSON texts are equal (hash-consing): each object is
   * described once, by its own keys and its children's ids, so the cost is linear in the input.
   */
  structuralId(x: object): number {
    let id = this.ids.get(x);
    if (id !== undefined) return id;
    let shape: string;
    if (Array.isArray(x)) {
      shape = '[';
      for (const v of x) shape += `${this.part(v) ?? 'null'},`;
    } else {
      shape = '{';
      for (const [k, v] of Object.entries(x)) {
        const part = this.part(v);
        if (part !== undefined) shape += `${JSON.stringify(k)}:${part},`;
      }
    }
    id = this.shapes.get(shape);
    if (id === undefined) this.shapes.set(shape, (id = this.shapes.size));
    this.ids.set(x, id);
    return id;
  }

  /** A value inside a shape; undefined for what JSON.stringify leaves out. */
  private part(v: unknown): string | undefined {
    if (typeof v === 'object' && v !== null) return `#${this.structuralId(v)}`;
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
    return JSON.stringify(v);
  }
}

/**
 * The distinct items of a collection, by {@link equalItems}, in one pass: each item is hashed once
 * instead of being compared with every other (isDistinct, distinct and `|` stay linear).
 */
class ItemSet {
  private readonly keys = new Set<string>();
  private dateLike = false;

  constructor(private readonly memo?: EvaluationMemo) {}

  /** Adds an item; false when an equal one is there already. */
  add(x: unknown): boolean {
    const key = itemKey(x, this.memo);
    if (this.keys.has(key)) return false;
    if (typeof x === 'string' && DATE_LIKE.test(x)) {
      // As equalItems: a second, different date-like string is left to fhirpath.js.
      if (this.dateLike) throw new Unsupported('date equality');
      this.dateLike = true;
    }
    this.keys.add(key);
    return true;
  }
}

function equalCollections(a: unknown[], b: unknown[], memo?: EvaluationMemo): boolean | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  if (a.length !== b.length) return false;
  return a.every((x, i) => equalItems(x, b[i], memo));
}

function single(c: unknown[], what: string): unknown {
  if (c.length > 1) throw new Unsupported(`${what} on a collection of several items`);
  return c[0];
}

/** A pattern compiled with the first of `flags` it compiles with, kept; one that compiles with none is left to fhirpath.js. */
function cachedRegex(cache: Map<string, RegExp>, source: string, flags: readonly string[]): RegExp {
  let r = cache.get(source);
  if (!r) {
    for (const f of flags) {
      try {
        r = new RegExp(source, f);
        break;
      } catch {
        // the next flags, if any
      }
    }
    if (!r) throw new Unsupported(`regular expression ${source}`);
    cache.set(source, r);
  }
  return r;
}

/**
 * matches(): the flags of fhirpath.js ('su'), but a few core patterns (eld-19, eld-20) use escapes only
 * non-Unicode mode accepts, as Java's regexes do (FHIRPath matches() follows the regex dialect of the
 * host): fhirpath.js fails on them.
 */
const regexCache = new Map<string, RegExp>();
const regex = (source: string) => cachedRegex(regexCache, source, ['su', 's']);

/** replaceMatches() as fhirpath.js runs it: a global Unicode pattern. */
const replaceRegexCache = new Map<string, RegExp>();
const replaceRegex = (source: string) => cachedRegex(replaceRegexCache, source, ['gu']);

type Compiled = (focus: unknown[], env: Env, $this: unknown[]) => unknown[];

function compileNode(n: Node): Compiled {
  switch (n.k) {
    case 'lit': {
      const v = n.v;
      return () => v;
    }
    case 'var': {
      const name = n.name;
      if (name === '$this') return (_f, _e, t) => t;
      if (name === '%resource') return (_f, e) => [e.resource];
      if (name === '%rootResource') return (_f, e) => [e.rootResource];
      if (name === '%context') return (_f, e) => [e.context];
      return () => {
        throw new Unsupported(`variable ${name}`);
      };
    }
    case 'path': {
      const name = n.name;
      if (n.first && /^[A-Z]/.test(name)) {
        // `Observation.value`: a type name first means the focus when it is of that type.
        return (focus) => {
          const out: unknown[] = [];
          for (const item of focus) {
            if (isObject(item) && item.resourceType === name) out.push(item);
            else if (isObject(item) && 'resourceType' in item) continue;
            else throw new Unsupported(`type name ${name}`);
          }
          return out;
        };
      }
      const primitiveExtensions = `_${name}`;
      return (focus) => {
        const out: unknown[] = [];
        for (const item of focus) child(item, name, out, primitiveExtensions);
        return out;
      };
    }
    case 'dot': {
      const left = compileNode(n.left);
      const right = compileNode(n.right);
      return (focus, env, t) => right(left(focus, env, t), env, t);
    }
    case 'index': {
      const left = compileNode(n.left);
      const index = compileNode(n.index);
      return (focus, env, t) => {
        const c = left(focus, env, t);
        const i = single(index(focus, env, t), 'index');
        return typeof i === 'number' && i < c.length ? [c[i]] : [];
      };
    }
    case 'neg': {
      const arg = compileNode(n.arg);
      return (focus, env, t) => {
        const v = single(arg(focus, env, t), 'negation');
        if (v === undefined) return [];
        if (typeof v !== 'number') throw new Unsupported('negation of a non-number');
        return [-v];
      };
    }
    case 'bin':
      if (n.op === 'in' || n.op === 'contains') return compileMembership(n.op, n.left, n.right);
      if ((n.op === '+' || n.op === '-') && integerValued(n.left) && integerValued(n.right)) return compileIntegerArithmetic(n.op, compileNode(n.left), compileNode(n.right));
      return compileBinary(n.op, compileNode(n.left), compileNode(n.right));
    case 'fn':
      return compileFunction(n.name, n.args);
  }
}

/** The functions whose result is a FHIRPath Integer here (a JSON number is left to fhirpath.js: it may be a decimal). */
const INTEGER_FUNCTIONS = new Set(['count', 'length', 'toInteger']);

/** Whether an expression is an Integer whatever the input: an integer literal, count(), length(), toInteger(), sums of them. */
function integerValued(n: Node): boolean {
  switch (n.k) {
    case 'lit':
      return n.integer === true;
    case 'fn':
      return INTEGER_FUNCTIONS.has(n.name);
    case 'dot':
      return n.right.k === 'fn' && INTEGER_FUNCTIONS.has(n.right.name);
    case 'neg':
      return integerValued(n.arg);
    case 'bin':
      return (n.op === '+' || n.op === '-') && integerValued(n.left) && integerValued(n.right);
    default:
      return false;
  }
}

/**
 * Integer + and - (`$this.path.length() - 10` in sdf-24 and sdf-25, which otherwise ran on fhirpath.js and
 * looked up `%context.element.where(…)` again for every element: quadratic on a large StructureDefinition).
 */
function compileIntegerArithmetic(op: '+' | '-', left: Compiled, right: Compiled): Compiled {
  return (f, e, t) => {
    const a = single(left(f, e, t), op);
    const b = single(right(f, e, t), op);
    if (a === undefined || b === undefined) return [];
    return [op === '+' ? (a as number) + (b as number) : (a as number) - (b as number)];
  };
}

function compileBinary(op: string, left: Compiled, right: Compiled): Compiled {
  switch (op) {
    case 'and':
      return (f, e, t) => {
        const a = truth(left(f, e, t));
        if (a === false) return [false];
        const b = truth(right(f, e, t));
        if (b === false) return [false];
        return a === true && b === true ? [true] : [];
      };
    case 'or':
      return (f, e, t) => {
        const a = truth(left(f, e, t));
        if (a === true) return [true];
        const b = truth(right(f, e, t));
        if (b === true) return [true];
        return a === false && b === false ? [false] : [];
      };
    case 'xor':
      return (f, e, t) => {
        const a = truth(left(f, e, t));
        const b = truth(right(f, e, t));
        return a === undefined || b === undefined ? [] : [a !== b];
      };
    case 'implies':
      return (f, e, t) => {
        const a = truth(left(f, e, t));
        if (a === false) return [true];
        const b = truth(right(f, e, t));
        if (a === true) return bool(b);
        return b === true ? [true] : [];
      };
    case '=':
      return (f, e, t) => bool(equalCollections(left(f, e, t), right(f, e, t), e.memo));
    case '!=':
      return (f, e, t) => {
        const r = equalCollections(left(f, e, t), right(f, e, t), e.memo);
        return r === undefined ? [] : [!r];
      };
    case '|':
      return (f, e, t) => {
        const seen = new ItemSet(e.memo);
        const out: unknown[] = [];
        for (const side of [left(f, e, t), right(f, e, t)]) for (const x of side) if (seen.add(x)) out.push(x);
        return out;
      };
    case '<':
    case '>':
    case '<=':
    case '>=':
      return (f, e, t) => {
        const a = single(left(f, e, t), op);
        const b = single(right(f, e, t), op);
        if (a === undefined || b === undefined) return [];
        if (typeof a !== 'number' || typeof b !== 'number') throw new Unsupported('comparison of non-numbers');
        return [op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b];
      };
    case '+':
    case '&':
      return (f, e, t) => {
        const a = single(left(f, e, t), op);
        const b = single(right(f, e, t), op);
        if (op === '&') return [`${a ?? ''}${b ?? ''}`];
        if (a === undefined || b === undefined) return [];
        if (typeof a === 'string' && typeof b === 'string') return [a + b];
        if (typeof a === 'number' && typeof b === 'number') throw new Unsupported('decimal arithmetic');
        throw new Unsupported('+ on mixed types');
      };
    default:
      return () => {
        throw new Unsupported(`operator ${op}`);
      };
  }
}

/**
 * `item in collection` and `collection contains item`. A collection that depends only on %resource
 * or %rootResource is the same at every element of a resource: within a validation it is built and
 * indexed once, so that ref-1 at each of n references costs a lookup, not a scan of n contained ids.
 */
function compileMembership(op: 'in' | 'contains', leftNode: Node, rightNode: Node): Compiled {
  const [itemNode, collectionNode] = op === 'in' ? [leftNode, rightNode] : [rightNode, leftNode];
  const itemOf = compileNode(itemNode);
  const collectionOf = compileNode(collectionNode);
  const root = rootVariable(collectionNode);
  return (f, e, t) => {
    const a = itemOf(f, e, t);
    if (a.length === 0) return [];
    const item = single(a, op);
    const rootValue = root === '%resource' ? e.resource : root === '%rootResource' ? e.rootResource : undefined;
    if (e.memo && typeof rootValue === 'object' && rootValue !== null) return [e.memo.index(collectionOf, rootValue, () => collectionOf(f, e, t)).has(item)];
    return [collectionOf(f, e, t).some((y) => equalItems(item, y, e.memo))];
  };
}

/** The variable a path starts from when nothing else in it depends on the focus: `%rootResource.contained.id.trace('ids')`. */
function rootVariable(n: Node): '%resource' | '%rootResource' | undefined {
  if (n.k === 'var') return n.name === '%resource' || n.name === '%rootResource' ? n.name : undefined;
  if (n.k !== 'dot') return undefined;
  const right = n.right;
  if (right.k === 'path' || (right.k === 'fn' && right.args.every((a) => a.k === 'lit'))) return rootVariable(n.left);
  return undefined;
}

function arity(name: string, args: Node[], min: number, max: number): void {
  if (args.length < min || args.length > max) throw new Unsupported(`${name} with ${args.length} arguments`); // a syntax matter: refused at compile time
}

function compileFunction(name: string, args: Node[]): Compiled {
  const a = args.map(compileNode);
  switch (name) {
    case 'empty':
      arity(name, args, 0, 0);
      return (f) => [f.length === 0];
    case 'exists':
      arity(name, args, 0, 1);
      if (a[0]) {
        const crit = a[0];
        return (f, e) => [f.some((x) => truth(crit([x], e, [x])) === true)];
      }
      return (f) => [f.length > 0];
    case 'not':
      arity(name, args, 0, 0);
      return (f) => {
        const v = truth(f);
        return v === undefined ? [] : [!v];
      };
    case 'count':
      arity(name, args, 0, 0);
      return (f) => [f.length];
    case 'all': {
      arity(name, args, 1, 1);
      const crit = a[0];
      return (f, e) => [f.every((x) => truth(crit([x], e, [x])) === true)];
    }
    case 'where': {
      arity(name, args, 1, 1);
      const crit = a[0];
      return (f, e) => f.filter((x) => truth(crit([x], e, [x])) === true);
    }
    case 'select': {
      arity(name, args, 1, 1);
      const proj = a[0];
      return (f, e) => f.flatMap((x) => proj([x], e, [x]));
    }
    case 'combine': {
      arity(name, args, 1, 1);
      const other = a[0];
      return (f, e, t) => f.concat(other(t, e, t));
    }
    case 'descendants':
      arity(name, args, 0, 0);
      return (f) => descendants(f);
    case 'first':
      arity(name, args, 0, 0);
      return (f) => f.slice(0, 1);
    case 'last':
      arity(name, args, 0, 0);
      return (f) => f.slice(-1);
    case 'tail':
      arity(name, args, 0, 0);
      return (f) => f.slice(1);
    case 'children':
      arity(name, args, 0, 0);
      return (f) => childrenOf(f);
    case 'toInteger':
      arity(name, args, 0, 0);
      return (f) => {
        const v = single(f, name);
        if (v === undefined) return [];
        if (typeof v === 'boolean') return [v ? 1 : 0];
        // Only text: a JSON number may be a typed decimal to fhirpath.js, which converts it differently.
        if (typeof v !== 'string') throw new Unsupported('toInteger of a non-string');
        return INTEGER_TEXT.test(v) ? [parseInt(v, 10)] : [];
      };
    case 'hasValue':
      arity(name, args, 0, 0);
      return (f) => [f.length === 1 && !isObject(f[0])];
    case 'isDistinct':
      arity(name, args, 0, 0);
      return (f, e) => {
        // An empty or one-item collection is distinct (the common case: an optional list left out).
        if (f.length < 2) return [true];
        const seen = new ItemSet(e.memo);
        return [f.every((x) => seen.add(x))];
      };
    case 'distinct':
      arity(name, args, 0, 0);
      return (f, e) => {
        if (f.length < 2) return f.slice();
        const seen = new ItemSet(e.memo);
        return f.filter((x) => seen.add(x));
      };
    case 'length':
      arity(name, args, 0, 0);
      return (f) => {
        const s = single(f, name);
        if (s === undefined) return [];
        if (typeof s !== 'string') throw notAString(s);
        return [s.length];
      };
    case 'replaceMatches': {
      // sdf-8a: on fhirpath.js it read %resource.differential.element again for every element.
      arity(name, args, 2, 2);
      return (f, e, t) => {
        const s = single(f, name);
        const pattern = single(a[0](t, e, t), name);
        const substitution = single(a[1](t, e, t), name);
        if (s !== undefined && typeof s !== 'string') throw notAString(s);
        if (s === undefined || pattern === undefined || substitution === undefined) return [];
        if (typeof pattern !== 'string' || typeof substitution !== 'string') throw new Unsupported(`${name} with a non-string argument`);
        return [s.replace(replaceRegex(pattern), substitution)];
      };
    }
    case 'matches':
    case 'startsWith':
    case 'endsWith':
    case 'contains': {
      arity(name, args, 1, 1);
      const arg = a[0];
      return (f, e, t) => {
        const s = single(f, name);
        const p = single(arg(t, e, t), name);
        // In fhirpath.js's order: the argument, then the input, each a string or nothing.
        if (p !== undefined && typeof p !== 'string') throw new Unsupported(`${name} with a non-string argument`);
        if (s !== undefined && typeof s !== 'string') throw notAString(s);
        if (s === undefined || p === undefined) return [];
        if (name === 'matches') return [regex(p).test(s)];
        return [name === 'startsWith' ? s.startsWith(p) : name === 'endsWith' ? s.endsWith(p) : s.includes(p)];
      };
    }
    case 'substring': {
      arity(name, args, 1, 2);
      return (f, e, t) => {
        const s = single(f, name);
        const start = single(a[0](t, e, t), name);
        const length = a[1] ? single(a[1](t, e, t), name) : undefined;
        if (s === undefined || start === undefined) return [];
        if (typeof s !== 'string' || typeof start !== 'number' || (length !== undefined && typeof length !== 'number')) throw new Unsupported('substring of a non-string');
        // As fhirpath.js, a negative length included.
        if (start < 0 || start >= s.length) return [];
        return [length === undefined ? s.substring(start) : s.substring(start, start + length)];
      };
    }
    case 'extension': {
      arity(name, args, 1, 1);
      const arg = a[0];
      return (f, e, t) => {
        const url = single(arg(t, e, t), name);
        const out: unknown[] = [];
        for (const item of f) {
          const exts: unknown[] = [];
          child(item, 'extension', exts);
          for (const x of exts) if (isObject(x) && x.url === url) out.push(x);
        }
        return out;
      };
    }
    case 'iif': {
      arity(name, args, 2, 3);
      return (f, e, t) => {
        const c = truth(a[0](f, e, t));
        if (c === true) return a[1](f, e, t);
        return a[2] ? a[2](f, e, t) : [];
      };
    }
    case 'trace':
      return (f) => f;
    case 'htmlChecks':
      arity(name, args, 0, 0);
      return (f) => {
        const div = single(f, name);
        if (div === undefined) return [];
        if (typeof div !== 'string') throw new Unsupported('htmlChecks on a non-string');
        return [htmlChecks(div)];
      };
    default:
      // Outside the subset: refused only if reached, so `contained.where(… descendants() …)`
      // stays fast on a resource without contained resources.
      return () => {
        throw new Unsupported(`function ${name}()`);
      };
  }
}

/**
 * descendants() as fhirpath.js gives them: breadth first, every property but resourceType. Where
 * fhirpath.js merges a primitive with its `_name` sibling (its id and extensions become children),
 * or meets a null, the compiled form does not follow: refused, so fhirpath.js decides. Compiled,
 * que-2 (`descendants().linkId.isDistinct()`) and csd-1 are linear, as isDistinct() is here.
 */
function descendants(focus: unknown[]): unknown[] {
  const out: unknown[] = [];
  let level = focus;
  while (level.length) {
    const next = childrenOf(level);
    for (const x of next) out.push(x);
    level = next;
  }
  return out;
}

/** children() as fhirpath.js gives them: every property of each item but resourceType, in key order. */
function childrenOf(items: unknown[]): unknown[] {
  const next: unknown[] = [];
  for (const item of items) {
    if (!isObject(item)) continue;
    for (const key in item) {
      if (key === 'resourceType') continue;
      if (key.charCodeAt(0) === 0x5f) throw new Unsupported('children of a primitive with extensions');
      const v = item[key];
      for (const x of Array.isArray(v) ? v : [v]) {
        if (x === null || x === undefined || Array.isArray(x)) throw new Unsupported('children over null or nested arrays');
        next.push(x);
      }
    }
  }
  return next;
}

/** Compiles an expression, or throws {@link Unsupported} when it is outside the subset. */
export function compileFast(expression: string): Evaluator {
  const fn = compileNode(new Parser(tokenize(expression)).parse());
  return (focus, env) => fn(focus, env, focus);
}
