import { expect } from 'chai';
import { PrimitiveRules } from '../../../src/validator/rules/primitives';
import { validator } from '../helpers';

describe('PrimitiveRules', () => {
  const rules = () => new PrimitiveRules(validator().models);
  const ok = (type: string, value: unknown) => rules().check(type, value) === undefined;

  it('checks JSON types', () => {
    expect(rules().check('boolean', 'true')?.code).to.equal('structure');
    expect(rules().check('decimal', '1.0')?.code).to.equal('structure');
    expect(rules().check('string', 1)?.code).to.equal('structure');
  });

  it('checks integer ranges the regexes cannot', () => {
    expect(ok('integer', -2147483648)).to.equal(true);
    expect(ok('integer', 2147483648)).to.equal(false);
    expect(ok('positiveInt', 1)).to.equal(true);
    expect(ok('positiveInt', 0)).to.equal(false);
    expect(ok('unsignedInt', 0)).to.equal(true);
    expect(ok('unsignedInt', -1)).to.equal(false);
    expect(ok('integer', 1.5)).to.equal(false);
  });

  it('checks calendar dates and the time-zone rule', () => {
    expect(ok('date', '2024-02-29')).to.equal(true);
    expect(ok('date', '2023-02-29')).to.equal(false);
    expect(ok('date', '1900-02-29')).to.equal(false);
    expect(ok('date', '2000-02-29')).to.equal(true);
    expect(ok('date', '2023-04')).to.equal(true);
    expect(ok('dateTime', '2023-04-31')).to.equal(false);
    expect(ok('dateTime', '2023-04-30T10:00:00')).to.equal(false);
    expect(ok('dateTime', '2023-04-30T10:00:00+02:00')).to.equal(true);
    expect(ok('instant', '2023-04-30T10:00:00Z')).to.equal(true);
    expect(ok('instant', '2023-04-30')).to.equal(false);
  });

  it('applies the R5 regexes (id, uri, code)', () => {
    expect(ok('id', 'a-B.1')).to.equal(true);
    expect(ok('id', 'a_b')).to.equal(false);
    expect(ok('id', 'x'.repeat(65))).to.equal(false);
    expect(ok('code', 'a b')).to.equal(true);
    expect(ok('code', ' a')).to.equal(false);
    expect(ok('uri', 'urn:uuid:1')).to.equal(true);
    expect(ok('string', '')).to.equal(false);
  });
});
