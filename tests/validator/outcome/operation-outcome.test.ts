import { expect } from 'chai';
import { issuesOf, MESSAGE_ID_URL, toOperationOutcome } from '../../../src/validator/outcome/operation-outcome';
import { validator } from '../helpers';

describe('OperationOutcome, as the HL7 validator writes it', () => {
  it('carries each issue\'s rule id in the operationoutcome-message-id extension, and reads it back', () => {
    const issues = validator().issues({ resourceType: 'Patient', id: 'p', active: 'yes' });
    const outcome = toOperationOutcome(issues);
    const withIds = outcome.issue.filter((i) => i.extension?.some((x) => x.url === MESSAGE_ID_URL));
    expect(withIds.length).to.equal(issues.filter((i) => i.rule).length).and.to.be.greaterThan(0);
    for (const i of withIds) expect(i.extension!.find((x) => x.url === MESSAGE_ID_URL)!.valueString).to.be.a('string').and.not.equal('');
    expect(issuesOf(outcome).map((i) => i.rule)).to.deep.equal(issues.map((i) => i.rule));
  });

  it('validates as an OperationOutcome with the extension known to the validator (no unknown-extension warning)', () => {
    const outcome = toOperationOutcome([{ severity: 'error', code: 'value', message: 'x', expression: 'Patient.active', rule: 'json-type', position: { line: 1, col: 2 } }]);
    const found = validator().issues(outcome as unknown as Record<string, unknown>);
    expect(found.filter((i) => i.code === 'extension' || i.severity === 'error'), JSON.stringify(found)).to.deep.equal([]);
  });
});
