import type { ValidationIssue } from '../outcome/issue';
import { recordNumberText } from './number-text';
import { LineIndex, SourceMap, type Position } from './source-map';

/** Invalid JSON: reported as one fatal issue at the place the parser stopped. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(message: string, readonly position: Position) {
    super(message);
  }
}

export interface ParsedJson {
  value: unknown;
  sourceMap: SourceMap;
  /** Problems JSON.parse would hide: duplicate property names. */
  issues: ValidationIssue[];
  /** The object each issue is about, for the validator to give it the object's FHIRPath expression. */
  issueContainers: Map<ValidationIssue, object>;
}

/** Deeper than any real resource; keeps recursion far from the stack limit on hostile input. */
export const MAX_JSON_DEPTH = 200;

/**
 * A JSON parser that keeps what FHIR validation needs and JSON.parse throws away: the line and
 * column of every property and array item, and duplicate property names. Property names such as
 * `__proto__` become ordinary own properties, never prototypes.
 */
export function parseJson(text: string, options: JsonParseOptions = {}): ParsedJson {
  return new JsonParser(text, options.ownStrings ?? false).parseDocument();
}

export interface JsonParseOptions {
  /**
   * Give every long string value its own copy instead of a slice of the text. A slice keeps the whole text
   * alive, and a text with one character above U+00FF is held in two bytes a character: a 42 MB file costs
   * 84 MB for as long as any of its strings lives. With copies (one byte a character where the string allows)
   * a caller that lets go of the text (validator TextInput) frees it while the value is validated.
   */
  ownStrings?: boolean;
}

/** V8 copies shorter substrings anyway; from this length on it makes a slice that points into the text. */
const SLICED_FROM = 13;

const WS = new Uint8Array(128);
WS[0x20] = WS[0x09] = WS[0x0a] = WS[0x0d] = 1;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class JsonParser {
  private pos = 0;
  private readonly lines: LineIndex;
  /** Marks are text offsets: the line index (not the text) stays alive with the map. */
  private readonly sourceMap: SourceMap;
  private readonly issues: ValidationIssue[] = [];
  private readonly issueContainers = new Map<ValidationIssue, object>();
  /** The text of the number parseValue just read, until its container records it. */
  private numberText: string | undefined;

  constructor(
    private readonly text: string,
    private readonly ownStrings: boolean,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1; // byte order mark
    const lines = (this.lines = new LineIndex(text));
    this.sourceMap = new SourceMap((offset) => lines.position(offset), true);
  }

  parseDocument(): ParsedJson {
    this.skipWs();
    if (this.pos >= this.text.length) this.fail('the document is empty');
    const value = this.parseValue(0);
    this.skipWs();
    if (this.pos < this.text.length) this.fail('unexpected content after the end of the JSON value');
    return { value, sourceMap: this.sourceMap, issues: this.issues, issueContainers: this.issueContainers };
  }

  private parseValue(depth: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: // {
        return this.parseObject(depth + 1);
      case 0x5b: // [
        return this.parseArray(depth + 1);
      case 0x22: // "
        return this.parseString();
      case 0x74: // t
        return this.literal('true', true);
      case 0x66: // f
        return this.literal('false', false);
      case 0x6e: // n
        return this.literal('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
        if (Number.isNaN(c)) this.fail('unexpected end of input (the document is truncated)');
        return this.fail(`unexpected character ${describeChar(c)}`);
    }
  }

  private parseObject(depth: number): Record<string, unknown> {
    if (depth > MAX_JSON_DEPTH) this.fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
    this.pos++;
    const object: Record<string, unknown> = {};
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return object;
    }
    for (;;) {
      this.skipWs();
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail('expected a property name in double quotes');
      const keyOffset = this.pos;
      const found = this.issues.length;
      const key = this.parseString();
      this.skipWs();
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail(`expected ':' after property name "${key}"`);
      this.pos++;
      this.skipWs();
      const value = this.parseValue(depth);
      if (this.numberText !== undefined) {
        recordNumberText(object, key, this.numberText, value as number);
        this.numberText = undefined;
      }
      // Issues of this property's strings (not placed by a nested object) are about this object.
      for (let i = found; i < this.issues.length; i++) if (!this.issueContainers.has(this.issues[i])) this.issueContainers.set(this.issues[i], object);
      if (Object.prototype.hasOwnProperty.call(object, key)) {
        const issue: ValidationIssue = { severity: 'error', code: 'structure', message: `duplicate property name "${key}"`, position: this.position(keyOffset), rule: 'json-duplicate' };
        this.issues.push(issue);
        this.issueContainers.set(issue, object);
      } else if (key === '__proto__') {
        Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        this.sourceMap.setKey(object, key, keyOffset);
      } else {
        object[key] = value;
        this.sourceMap.setKey(object, key, keyOffset);
      }
      this.skipWs();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x7d) return object;
      if (c !== 0x2c) {
        this.pos--;
        this.fail(Number.isNaN(c) ? 'unexpected end of input (the document is truncated)' : "expected ',' or '}' in an object");
      }
    }
  }

  private parseArray(depth: number): unknown[] {
    if (depth > MAX_JSON_DEPTH) this.fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
    this.pos++;
    const array: unknown[] = [];
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return array;
    }
    for (;;) {
      this.skipWs();
      this.sourceMap.setItem(array, array.length, this.pos);
      const value = this.parseValue(depth);
      if (this.numberText !== undefined) {
        recordNumberText(array, array.length, this.numberText, value as number);
        this.numberText = undefined;
      }
      array.push(value);
      this.skipWs();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x5d) return array;
      if (c !== 0x2c) {
        this.pos--;
        this.fail(Number.isNaN(c) ? 'unexpected end of input (the document is truncated)' : "expected ',' or ']' in an array");
      }
    }
  }

  private parseString(): string {
    const start = ++this.pos;
    const text = this.text;
    let escaped = false;
    let surrogate = false;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x22) break;
      if (Number.isNaN(c)) this.fail('unterminated string (the document is truncated)');
      if (c < 0x20) this.fail(`control character ${describeChar(c)} inside a string`);
      if (c === 0x5c) {
        escaped = true;
        this.pos++;
      } else if (c >= 0xd800 && c <= 0xdfff) surrogate = true; // only text given as a JS string has these
      this.pos++;
    }
    const raw = text.slice(start, this.pos);
    this.pos++;
    // JSON.parse of a quoted string builds a new flat string, one byte a character when it can be (raw has no quote or control character).
    if (!escaped && !surrogate) return this.ownStrings && raw.length >= SLICED_FROM ? (JSON.parse(`"${raw}"`) as string) : raw;
    let value = raw;
    if (escaped) {
      try {
        value = JSON.parse(`"${raw}"`) as string;
      } catch {
        this.pos = start;
        return this.fail('invalid escape sequence in a string');
      }
    }
    this.checkCharacters(value, start - 1);
    return value;
  }

  /**
   * What JSON escapes can carry but FHIR strings cannot: control characters other than tab, CR
   * and LF (which XML cannot carry either), and lone surrogates (which UTF-8 cannot encode).
   */
  private checkCharacters(value: string, offset: number): void {
    const bad = FORBIDDEN_CHARS.exec(value);
    if (!bad) return;
    const c = bad[0].charCodeAt(bad[0].length - 1);
    const message = c >= 0xd800 && c <= 0xdfff
      ? `the string contains a lone surrogate ${describeChar(c)}, which is not a Unicode character`
      : `the string contains the control character ${describeChar(c)}: FHIR strings allow no control characters other than tab, carriage return and line feed`;
    this.issues.push({ severity: 'error', code: 'invalid', message, position: this.position(offset), rule: 'json-string-chars' });
  }

  private parseNumber(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail('invalid number');
    this.pos += m[0].length;
    this.numberText = m[0];
    return Number(m[0]);
  }

  private literal<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`unexpected character ${describeChar(this.text.charCodeAt(this.pos))}`);
    this.pos += word.length;
    return value;
  }

  private skipWs(): void {
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    while (c < 128 && WS[c] === 1) c = text.charCodeAt(++this.pos);
  }

  position(offset: number): Position {
    return this.lines.position(offset);
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(`JSON syntax error: ${message}`, this.position(Math.min(this.pos, this.text.length)));
  }
}

function describeChar(c: number): string {
  if (Number.isNaN(c)) return 'end of input';
  if (c >= 0x20 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}
