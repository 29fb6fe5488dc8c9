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

/**
 * Where each property and array item of a parsed document starts. Kept beside the value (not
 * inside it) so that the resource handed to rules and to fhirpath is plain FHIR JSON.
 */
export class SourceMap {
  private readonly keys = new WeakMap<object, Record<string, Position>>();
  private readonly items = new WeakMap<unknown[], Position[]>();

  setKey(container: object, key: string, pos: Position): void {
    let record = this.keys.get(container);
    if (!record) {
      record = Object.create(null) as Record<string, Position>;
      this.keys.set(container, record);
    }
    record[key] = pos;
  }

  setItem(array: unknown[], index: number, pos: Position): void {
    let list = this.items.get(array);
    if (!list) this.items.set(array, (list = []));
    list[index] = pos;
  }

  /** The position of `container[key]`, or of `container[key][index]` when an index is given. */
  find(container: object, key?: string | number, index?: number): Position | undefined {
    if (typeof key === 'number') return Array.isArray(container) ? this.items.get(container)?.[key] : undefined;
    if (key === undefined) return undefined;
    if (index !== undefined) {
      const value = (container as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        const found = this.items.get(value)?.[index];
        if (found) return found;
      }
    }
    return this.keys.get(container)?.[key];
  }
}
