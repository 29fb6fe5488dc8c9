import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorsOf, FIXTURES, validator } from './helpers';

describe('validator on bad input', () => {
  const fatal = (input: string, pattern: RegExp) => {
    const issues = validator().issues(input);
    const first = errorsOf(issues)[0];
    expect(first, JSON.stringify(issues)).to.not.equal(undefined);
    expect(first.message).to.match(pattern);
  };

  it('truncated JSON: a fatal issue with line and column', () => {
    const issues = validator().issues('{\n  "resourceType": "Patient",\n  "name": [{"family": "Do');
    expect(issues).to.have.length(1);
    expect(issues[0].severity).to.equal('fatal');
    expect(issues[0].message).to.match(/truncated/);
    expect(issues[0].position).to.deep.equal({ line: 3, col: 26 });
  });

  it('empty input', () => fatal('   ', /empty/));
  it('binary-looking input', () => fatal('\u0000\u0001\u0002PK', /unexpected character/));
  it('JSON nested 10,000 levels deep', () => fatal('['.repeat(10_000) + ']'.repeat(10_000), /nesting deeper/));
  it('an object nested 10,000 levels deep', () => fatal('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), /nesting deeper/));

  it('an in-memory object nested 10,000 levels deep', () => {
    let deep: any = { url: 'http://example.org/x', valueString: 'x' };
    for (let i = 0; i < 10_000; i++) deep = { url: 'http://example.org/x', extension: [deep] };
    const issues = validator().issues({ resourceType: 'Patient', extension: [deep] });
    expect(errorsOf(issues).some((i) => i.code === 'too-costly')).to.equal(true);
  });

  it('a JSON array instead of a resource', () => fatal('[1, 2]', /must be a JSON object/));
  it('a resource without resourceType', () => fatal('{"id": "x"}', /no resourceType/));

  it('an XML entity bomb is refused at its DOCTYPE', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><Patient xmlns="http://hl7.org/fhir"><id value="&lol2;"/></Patient>';
    fatal(bomb, /DOCTYPE/);
  });

  it('XML with an undefined entity', () => fatal('<Patient xmlns="http://hl7.org/fhir"><id value="&xxe;"/></Patient>', /XML syntax error/));
  it('XML nested 10,000 levels deep', () => fatal('<a>'.repeat(10_000) + '</a>'.repeat(10_000), /nesting deeper/));
});

describe('validator on mutated resources (fuzz, fixed seed)', () => {
  // A small deterministic generator: the same mutations on every run.
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const junk = (): unknown => pick<unknown>([null, [], {}, '', 0, -1, 1.5, true, 'x', [null], [{}], { id: 'a' }, { extension: [] }, '\u0000', { resourceType: 'Patient' }, [[1]], { __proto__: 1 }]);

  function mutate(value: any, depth = 0): any {
    if (value === null || typeof value !== 'object') return random() < 0.3 ? junk() : value;
    const copy: any = Array.isArray(value) ? [...value] : { ...value };
    const keys = Object.keys(copy);
    if (!keys.length || depth > 6) return copy;
    const key = pick(keys);
    copy[key] = random() < 0.5 ? junk() : mutate(copy[key], depth + 1);
    if (random() < 0.2 && !Array.isArray(copy)) copy[pick(['patient', 'study', '_uid', 'valueString', 'extension', 'contained', 'text'])] = junk();
    return copy;
  }

  it('gives an outcome for 500 mutations of an ImagingReference and a Bundle, never an exception', () => {
    const base = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'valid', 'bundle-resolved-urn-uuid.json'), 'utf8'));
    for (let i = 0; i < 500; i++) {
      const input = mutate(i % 2 ? base : base.entry[0].resource);
      const issues = validator().issues(input);
      expect(issues.filter((x) => x.code === 'exception'), JSON.stringify(input)).to.deep.equal([]);
      const text = JSON.stringify(input);
      validator().issues(text.slice(0, Math.floor(random() * text.length)));
    }
  });
});
