/** A 1-based line and column, as the HL7 validator reports them. */
export interface Position {
  line: number;
  col: number;
}

/**
 * The line starts of a text, found in one pass; a position is then a binary search. A one-line
 * (minified) document costs the same as a pretty-printed one: no lookup scans the text again.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
  }

  /** The 1-based line and column of a 0-based offset. */
  position(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo] + 1 };
  }
}

/** 2^27: a column or a line of a document within the input size limit (64 Mi characters) fits below it. */
const LINE_FACTOR = 134_217_728;

/**
 * Where each property and array item of a parsed document starts. Kept beside the value (not
 * inside it) so that the resource handed to rules and to fhirpath is plain FHIR JSON. Each place is
 * kept as one small number (a mark: a text offset, or a packed line and column), made a Position only
 * when an issue asks for it: a Position object per property would cost more than the parsed value.
 */
export class SourceMap {
  /** The marks of an object's properties, in the order its keys were set (the parser's order). */
  private readonly ordered = new WeakMap<object, number[]>();
  /** By name, for objects whose key order is not the order they were set in (integer-like names, XML). */
  private readonly named = new WeakMap<object, Record<string, number>>();
  private readonly items = new WeakMap<unknown[], number[]>();

  /**
   * `toPosition` turns a mark into a line and column (for JSON text: offset to position).
   * `inKeyOrder`: the caller sets each new property's mark right after the property, so a mark is
   * found by the key's index in `Object.keys` and an object costs one small array, not a dictionary.
   */
  constructor(
    private readonly toPosition: (mark: number) => Position = unpackPosition,
    private readonly inKeyOrder = false,
  ) {}

  /** A mark for a line and column, for a map built with the default `toPosition`. */
  static pack(p: Position): number {
    return p.line * LINE_FACTOR + p.col;
  }

  setKey(container: object, key: string, mark: number): void {
    let record = this.named.get(container);
    if (!record && this.inKeyOrder) {
      const list = this.ordered.get(container);
      if (!INTEGER_LIKE.test(key)) {
        if (list) list.push(mark);
        else this.ordered.set(container, [mark]);
        return;
      }
      // JavaScript lists integer-like keys first: from here on this object is mapped by name.
      record = Object.create(null) as Record<string, number>;
      if (list) {
        const keys = Object.keys(container).filter((k) => !INTEGER_LIKE.test(k));
        list.forEach((m, i) => (record![keys[i]] = m));
        this.ordered.delete(container);
      }
      this.named.set(container, record);
    }
    if (!record) this.named.set(container, (record = Object.create(null) as Record<string, number>));
    record[key] = mark;
  }

  setItem(array: unknown[], index: number, mark: number): void {
    let list = this.items.get(array);
    if (!list) this.items.set(array, (list = []));
    list[index] = mark;
  }

  /** The position of `container[key]`, or of `container[key][index]` when an index is given. */
  find(container: object, key?: string | number, index?: number): Position | undefined {
    const mark = this.mark(container, key, index);
    return mark === undefined ? undefined : this.toPosition(mark);
  }

  private mark(container: object, key?: string | number, index?: number): number | undefined {
    if (typeof key === 'number') return Array.isArray(container) ? this.items.get(container)?.[key] : undefined;
    if (key === undefined) return undefined;
    if (index !== undefined) {
      const value = (container as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        const found = this.items.get(value)?.[index];
        if (found !== undefined) return found;
      }
    }
    const record = this.named.get(container);
    if (record) return record[key];
    const list = this.ordered.get(container);
    if (!list || !Object.prototype.hasOwnProperty.call(container, key)) return undefined;
    return list[this.keyIndex(container).get(key)!];
  }

  /** Key to index, built at the first lookup in an object: many issues on one object stay linear. */
  private readonly keyIndexes = new WeakMap<object, Map<string, number>>();
  private keyIndex(container: object): Map<string, number> {
    let index = this.keyIndexes.get(container);
    if (!index) this.keyIndexes.set(container, (index = new Map(Object.keys(container).map((k, i) => [k, i]))));
    return index;
  }
}

/** Property names JavaScript enumerates before all others, in numeric order (array indices). */
const INTEGER_LIKE = /^(?:0|[1-9]\d{0,9})$/;

function unpackPosition(mark: number): Position {
  const line = Math.floor(mark / LINE_FACTOR);
  return { line, col: mark - line * LINE_FACTOR };
}
