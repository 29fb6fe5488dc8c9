import { expect } from 'chai';
import { numberText } from '../../../src/validator/parse/number-text';
import { parseJson } from '../../../src/validator/parse/json-parser';
import { errorsOf, minimalImagingReference, summary, validator } from '../helpers';

const observation = (value: string) => `{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":${value}}}`;
const frames = (list: string) => {
  const r = minimalImagingReference();
  return JSON.stringify(r).replace('"frameNumber":[1,2]', `"frameNumber":[${list}]`);
};
const rulesOf = (text: string) => validator().issues(text, { fileName: 'x.json' }).filter((i) => i.rule?.startsWith('Type_Specific')).map((i) => `${i.severity} ${i.rule} ${i.expression}`);

describe('numbers as they were written', () => {
  it('keeps the text of a number only when the number does not give it back', () => {
    const { value } = parseJson('{"a": 1.50, "b": 100, "c": [1e2, 2, -0], "d": 98.6}') as { value: any };
    expect(numberText(value, 'a', value.a)).to.equal('1.50');
    expect(numberText(value, 'b', value.b)).to.equal('100');
    expect(numberText(value.c, 0, value.c[0])).to.equal('1e2');
    expect(numberText(value.c, 2, value.c[2])).to.equal('-0');
    expect(numberText(value, 'd', value.d)).to.equal('98.6');
    expect(value).to.deep.equal({ a: 1.5, b: 100, c: [100, 2, -0], d: 98.6 });
  });

  it('applies the decimal regex to the text: 18 digits before the point, 17 after; and warns beyond 18 in all', () => {
    for (const ok of ['1.50', '1e2', '1E-3', '-0', '-0.0', '0.00000000000000001', '123456789012345678', '1.5e+300']) expect(rulesOf(observation(ok)), ok).to.deep.equal([]);
    expect(rulesOf(observation('0.1000000000000000000001'))).to.deep.equal([
      'error Type_Specific_Checks_DT_Primitive_Regex_Type Observation.valueQuantity.value',
      'warning Type_Specific_Checks_DT_Decimal_Range Observation.valueQuantity.value',
    ]);
    expect(rulesOf(observation('1234567890123456789'))[0]).to.match(/^error Type_Specific_Checks_DT_Primitive_Regex_Type/);
    expect(rulesOf(observation('12345678.12345678901'))).to.deep.equal(['warning Type_Specific_Checks_DT_Decimal_Range Observation.valueQuantity.value']);
    expect(rulesOf(observation('1e12345'))).to.deep.equal(['warning Type_Specific_Checks_DT_Decimal_Range Observation.valueQuantity.value']);
  });

  it('refuses an integer written with a fraction or an exponent, or as -0', () => {
    expect(rulesOf(frames('1,2.0'))).to.deep.equal(['error Type_Specific_Checks_DT_Integer_Valid ImagingReference.instance[1].frameNumber[1]']);
    expect(rulesOf(frames('1e2'))).to.deep.equal(['error Type_Specific_Checks_DT_Integer_Valid ImagingReference.instance[1].frameNumber[0]']);
    const negativeZero = '{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueInteger":-0}';
    expect(rulesOf(negativeZero)).to.deep.equal(['error Type_Specific_Checks_DT_Primitive_Regex_Type Observation.valueInteger']);
    expect(rulesOf(frames('1,2'))).to.deep.equal([]);
  });

  it('reads the numbers of FHIR XML the same way', () => {
    const xml = (v: string) => `<Observation xmlns="http://hl7.org/fhir"><status value="final"/><code><text value="x"/></code><valueQuantity><value value="${v}"/></valueQuantity></Observation>`;
    expect(errorsOf(validator().issues(xml('9.50'), { format: 'xml' }))).to.deep.equal([]);
    const issues = validator().issues(xml('9.000000000000000000001'), { format: 'xml' });
    expect(errorsOf(issues).map((i) => i.rule), summary(issues)).to.deep.equal(['Type_Specific_Checks_DT_Primitive_Regex_Type']);
  });

  it('judges a resource given as an object by its numbers (their text is not known)', () => {
    const r = minimalImagingReference();
    r.instance[1].frameNumber = [1, 2.0];
    expect(errorsOf(validator().issues(r))).to.deep.equal([]);
  });
});
