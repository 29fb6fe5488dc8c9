import { expect } from 'chai';
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJson } from '../../../src/validator/parse/json-parser';

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
