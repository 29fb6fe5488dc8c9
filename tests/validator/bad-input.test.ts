import { expect } from 'chai';
import { errorsOf, validator } from './helpers';

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
