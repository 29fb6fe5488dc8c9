import { expect } from 'chai';
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJson } from '../../../src/validator/parse/json-parser';
import { LineIndex } from '../../../src/validator/parse/source-map';

describe('parseJson', () => {
  it('parses like JSON.parse and records where each property and item starts', () => {
    const text = '\ufeff{\n  "a": [1, {"b": "x\\"y"}],\n  "c": null\n}';
    const { value, sourceMap, issues } = parseJson(text);
    expect(value).to.deep.equal(JSON.parse(text.slice(1)));
    expect(issues).to.deep.equal([]);
    const v = value as any;
    expect(sourceMap.find(v, 'a')).to.deep.equal({ line: 2, col: 3 });
    expect(sourceMap.find(v, 'a', 1)).to.deep.equal({ line: 2, col: 12 });
    expect(sourceMap.find(v.a[1], 'b')).to.deep.equal({ line: 2, col: 13 });
    expect(sourceMap.find(v, 'c')).to.deep.equal({ line: 3, col: 3 });
  });

  it('places every property whatever order JavaScript lists the keys in (integer-like names first), with duplicates and __proto__', () => {
    const text = '{"b": 1,\n "10": 2,\n "__proto__": 3,\n "2": 4,\n "b": 5,\n "a": 6}';
    const { value, sourceMap } = parseJson(text) as { value: any; sourceMap: any };
    expect(Object.keys(value)).to.deep.equal(['2', '10', 'b', '__proto__', 'a']);
    const lines = Object.keys(value).map((k) => [k, sourceMap.find(value, k).line]);
    expect(lines).to.deep.equal([['2', 4], ['10', 2], ['b', 1], ['__proto__', 3], ['a', 6]]);
    const plain = parseJson('{"x": 1,\n "y": {"z": [0,\n 1]}}') as { value: any; sourceMap: any };
    expect(plain.sourceMap.find(plain.value, 'y')).to.deep.equal({ line: 2, col: 2 });
    expect(plain.sourceMap.find(plain.value.y, 'z', 1)).to.deep.equal({ line: 3, col: 2 });
    expect(plain.sourceMap.find(plain.value, 'nope')).to.equal(undefined);
  });

  it('reports duplicate property names and keeps the first value', () => {
    const { value, issues } = parseJson('{"a": 1, "a": 2}');
    expect(value).to.deep.equal({ a: 1 });
    expect(issues.map((i) => [i.code, i.position])).to.deep.equal([['structure', { line: 1, col: 10 }]]);
  });

  it('keeps __proto__ as an own property', () => {
    const { value } = parseJson('{"__proto__": {"x": 1}}') as { value: any };
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(Object.keys(value)).to.deep.equal(['__proto__']);
    expect(({} as any).x).to.equal(undefined);
  });

  it('stops at the first syntax error with its position', () => {
    for (const [text, message, line, col] of [
      ['{"a": 1,}', /property name/, 1, 9],
      ['{"a": tru}', /unexpected character/, 1, 7],
      ['{"a": "x\n"}', /control character/, 1, 9],
      ['{"a": 1} x', /after the end/, 1, 10],
      ['[1, 2', /truncated/, 1, 6],
    ] as const) {
      try {
        parseJson(text);
        expect.fail(`no error for ${text}`);
      } catch (e) {
        expect(e).to.be.instanceOf(JsonSyntaxError);
        expect((e as JsonSyntaxError).message).to.match(message);
        expect((e as JsonSyntaxError).position).to.deep.equal({ line, col });
      }
    }
  });

  it('refuses nesting deeper than the limit without exhausting the stack', () => {
    expect(() => parseJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).to.not.throw();
    expect(() => parseJson('['.repeat(100_000))).to.throw(JsonSyntaxError, /nesting deeper/);
  });
});

describe('parseJson on minified (one-line) text', () => {
  it('places items on a 10 MB line without rescanning the text for each position (20 s timeout before the line index)', () => {
    // About 700,000 positions on one line: scanning the rest of the line for a line break at each took minutes.
    const items = Array.from({ length: 110_000 }, (_, i) => ({ url: `urn:uuid:${i}`, resource: { resourceType: 'Patient', id: `p${i}`, active: true } }));
    const text = JSON.stringify({ resourceType: 'Bundle', entry: items });
    expect(text.length).to.be.greaterThan(10_000_000);
    const { value, sourceMap } = parseJson(text);
    const entry = (value as { entry: Record<string, any>[] }).entry;
    const last = entry[entry.length - 1];
    expect(sourceMap.find(last.resource, 'active')).to.deep.equal({ line: 1, col: text.lastIndexOf('"active"') + 1 });
    expect(sourceMap.find(value as object, 'entry', 109_999)).to.deep.equal({ line: 1, col: text.lastIndexOf('{"url"') + 1 });
  });
});

describe('LineIndex', () => {
  it('gives 1-based lines and columns, a column counting from the last line feed', () => {
    const lines = new LineIndex('ab\ncd\r\n\nx');
    expect([0, 1, 2, 3, 5, 6, 7, 8, 9].map((o) => lines.position(o))).to.deep.equal([
      { line: 1, col: 1 }, { line: 1, col: 2 }, { line: 1, col: 3 }, { line: 2, col: 1 }, { line: 2, col: 3 },
      { line: 2, col: 4 }, { line: 3, col: 1 }, { line: 4, col: 1 }, { line: 4, col: 2 },
    ]);
    expect(new LineIndex('').position(0)).to.deep.equal({ line: 1, col: 1 });
  });
});

describe('parseJson with ownStrings (a large text let go of once parsed)', () => {
  // A text with one character above U+00FF is held in two bytes a character; its slices keep all of it alive.
  const makeText = () => JSON.stringify({ note: '\u2026', items: Array.from({ length: 100_000 }, (_, i) => `item ${i} `.padEnd(100, 'x')) });

  it('gives the same value, and string values that do not keep the text alive', async () => {
    const text = makeText();
    expect(parseJson(text, { ownStrings: true }).value).to.deep.equal(parseJson(text).value);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('node:v8').setFlagsFromString('--expose-gc');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const gc = require('node:vm').runInNewContext('gc') as () => void;
    // Collected and swept: the heap's size is read once the sweeper has caught up.
    const settled = async () => {
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return process.memoryUsage().heapUsed;
    };
    const retained = async (ownStrings: boolean) => {
      const before = await settled();
      const parsed = parseJson(makeText(), { ownStrings });
      const after = await settled();
      expect((parsed.value as { items: string[] }).items).to.have.length(100_000);
      return (after - before) / 1e6;
    };
    const slices = await retained(false);
    const owned = await retained(true);
    // 20 MB of two-byte text behind the slices; about 12 MB of one-byte copies instead.
    expect(owned, `owned ${owned} MB, slices ${slices} MB`).to.be.below(slices - 8);
  });
});
