import { expect } from 'chai';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { validator } from '../helpers';

const keyed = (issues: ValidationIssue[]) => issues.filter((i) => /^Display_Name/.test(i.rule ?? '')).map((i) => `${i.rule} ${i.severity} ${i.expression}`);
const narrative = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const observation = (...coding: Record<string, unknown>[]) => ({ resourceType: 'Observation', id: 'o', text: narrative, status: 'final', code: { text: 'x' }, category: [{ coding }] });

describe('Coding.display against the code system (Display_Name_for__should_be_one_of__instead_of)', () => {
  it("accepts the code system's display, in any case, and no display at all", () => {
    expect(keyed(validator().issues(observation({ system: CATEGORY, code: 'vital-signs', display: 'VITAL SIGNS' }, { system: CATEGORY, code: 'laboratory' })))).to.deep.equal([]);
  });

  it("rejects another display, as the HL7 validator does, naming the valid one", () => {
    const issues = validator().issues(observation({ system: CATEGORY, code: 'vital-signs', display: 'Vitals' }));
    expect(keyed(issues)).to.deep.equal(['Display_Name_for__should_be_one_of__instead_of error Observation.category[0].coding[0].display']);
    expect(issues.find((i) => i.rule?.startsWith('Display_Name'))!.message).to.equal(`Wrong Display Name 'Vitals' for ${CATEGORY}#vital-signs. Valid display is 'Vital Signs' (for the language(s) 'en')`);
  });

  it('has its own message for a display that differs only in its blanks', () => {
    expect(keyed(validator().issues(observation({ system: CATEGORY, code: 'vital-signs', display: 'Vital  Signs' })))).to.deep.equal(['Display_Name_WS_for__should_be_one_of__instead_of error Observation.category[0].coding[0].display']);
  });

  it('leaves codes of code systems that are not loaded, and unknown codes, to other rules', () => {
    expect(keyed(validator().issues(observation({ system: 'http://example.org/cs', code: 'a', display: 'A' }, { system: CATEGORY, code: 'nothing', display: 'N' })))).to.deep.equal([]);
  });
});
