import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KNOWN_DIFFERENCES, knownDifference } from '../../scripts/oracle/known-differences';
import { renderReport, type Row } from '../../scripts/oracle/report';
import { compareOutcomes, issueLocations, normalizeExpression, verdictOf, type OutcomeLike } from '../../scripts/oracle/verdicts';
import { PROJECT_DIR } from '../helpers/project';

const error = (expression?: string, text = 'x'): OutcomeLike['issue'] => [{ severity: 'error', code: 'structure', expression: expression ? [expression] : undefined, details: { text } }];

describe('oracle: comparing verdicts', () => {
  it('calls an outcome invalid only when it has an error or fatal issue', () => {
    expect(verdictOf({ issue: [{ severity: 'warning', code: 'invariant' }] })).to.equal('valid');
    expect(verdictOf({ issue: [{ severity: 'fatal', code: 'invalid' }] })).to.equal('invalid');
    expect(verdictOf({})).to.equal('valid');
  });

  it('spells choice types and XML paths the way we do', () => {
    expect(normalizeExpression('Observation.extension[0].value.ofType(Reference)')).to.equal('Observation.extension[0].valueReference');
    expect(normalizeExpression('/f:ImagingReference/f:studyUid')).to.equal('ImagingReference.studyUid');
    expect(normalizeExpression(undefined)).to.equal('');
    expect(normalizeExpression('(xml)')).to.equal('');
    expect(normalizeExpression('Bundle.entry[0].resource/*Composition/c2*/.section[0].entry[1]')).to.equal('Bundle.entry[0].resource.section[0].entry[1]');
    expect(normalizeExpression('ImagingReference')).to.equal('');
  });

  it("counts the HL7 validator's unknown-property errors on the property, not its parent", () => {
    expect(issueLocations({ severity: 'error', code: 'structure', expression: ['ImagingReference'], details: { text: "Unrecognized property 'patient'" } })).to.deep.equal(['ImagingReference.patient']);
  });

  it('reports shared and one-sided error locations', () => {
    const c = compareOutcomes({ issue: [...error('A.b')!, ...error('A.c')!] }, { issue: [...error('A.b')!, ...error('A.d')!] });
    expect(c.verdictAgrees).to.equal(true);
    expect(c.shared).to.deep.equal(['A.b']);
    expect(c.onlyOurs).to.deep.equal(['A.c']);
    expect(c.onlyTheirs).to.deep.equal(['A.d']);
  });

  it('flags a verdict difference', () => {
    const c = compareOutcomes({ issue: error('A.b') }, { issue: [{ severity: 'warning', code: 'x' }] });
    expect([c.ours, c.theirs, c.verdictAgrees]).to.deep.equal(['invalid', 'valid', false]);
  });
});

describe('oracle: known differences and the report', () => {
  it('every explained difference names inputs that exist', () => {
    const inputs = ['fsh-generated/resources', 'tests/fixtures/validator', 'submissions']
      .flatMap((dir) => fs.readdirSync(path.join(PROJECT_DIR, dir), { recursive: true }).map((f) => `${dir}/${String(f)}`));
    for (const d of KNOWN_DIFFERENCES) {
      expect(inputs.some((f) => d.file.test(f)), `${d.file} matches no input`).to.equal(true);
      expect(d.reason.length, `${d.file} has no reason`).to.be.greaterThan(40);
    }
  });

  it('lists a disagreement with its reason, and an unexplained one as such', () => {
    const explained = 'tests/fixtures/validator/invalid/reference-performer-location.json';
    const rows: Row[] = [
      { file: explained, comparison: compareOutcomes({ issue: error('A.b') }, {}), difference: knownDifference(explained) },
      { file: 'new.json', comparison: compareOutcomes({}, { issue: error('A') }) },
      { file: 'same.json', comparison: compareOutcomes({ issue: error('A') }, { issue: error('A') }) },
    ];
    const md = renderReport(rows, { date: 'd', hl7Version: '1', commandLine: 'java', offline: true, seconds: 1, packages: [], settings: [] });
    expect(md).to.contain('| 3 | 1 | 1 | 2 | 1 | 0 | 0 | 1 |');
    expect(md).to.contain(`\`${explained}\` (ours invalid, HL7 valid): **explained**`);
    expect(md).to.contain('`new.json` (ours valid, HL7 invalid): **unexplained**');
  });
});
