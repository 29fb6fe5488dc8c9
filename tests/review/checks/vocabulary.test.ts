import { expect } from 'chai';
import { SnapshotView } from '../../../src/ig/structure-definition';
import { runCheck, type CheckSpec } from '../../../src/review/checks';
import { definitionCopy, el, remove } from '../fixtures';

const view = (mutate: (sd: ReturnType<typeof definitionCopy>) => void = () => undefined) => {
  const sd = definitionCopy();
  mutate(sd);
  return new SnapshotView(sd);
};
const findings = (check: CheckSpec, mutate?: Parameters<typeof view>[0]) => runCheck(check, view(mutate));

describe('check vocabulary', () => {
  it('reads reference targets in any order, as type names or canonical URLs', () => {
    expect(findings({ kind: 'targets', path: 'endpoint', targets: ['http://hl7.org/fhir/StructureDefinition/Endpoint'] })).to.deep.equal([]);
    expect(findings({ kind: 'targets', path: 'performer', targets: ['RelatedPerson', 'Patient', 'Organization', 'Device', 'PractitionerRole', 'Practitioner'] })).to.deep.equal([]);
    expect(findings({ kind: 'targets', path: 'studyUid', targets: ['Patient'] })).to.deep.equal(['studyUid is not a Reference']);
  });

  it('fails a check on an element that is gone, instead of passing it vacuously', () => {
    const check: CheckSpec = { kind: 'cardinality', path: 'seriesUid', min: 1, max: '1' };
    expect(findings(check, (sd) => remove(sd, 'seriesUid'))).to.deep.equal(['no element seriesUid in the definition']);
  });

  it('checks the Σ flag of every own element with path *, and not of inherited ones', () => {
    const check: CheckSpec = { kind: 'summary', path: '*' };
    expect(findings(check, (sd) => (el(sd, 'text').isSummary = false))).to.deep.equal([]);
    expect(findings(check, (sd) => (el(sd, 'instance.frameNumber').isSummary = false))).to.deep.equal(['instance.frameNumber is not a summary element (Σ)']);
    expect(findings({ kind: 'summary', path: 'language', summary: false })).to.deep.equal([]);
  });

  it('ignores the version of a bound value set, not its strength', () => {
    const check: CheckSpec = { kind: 'binding', path: 'title', strength: 'extensible', valueSet: 'http://hl7.org/fhir/uv/imaging-reference/ValueSet/imaging-reference-title' };
    expect(findings(check, (sd) => (el(sd, 'title').binding!.valueSet += '|0.1.0'))).to.deep.equal([]);
    expect(findings(check, (sd) => delete el(sd, 'title').binding)).to.deep.equal(['title has no binding']);
  });

  it('tells a missing invariant from one with the wrong severity', () => {
    const check: CheckSpec = { kind: 'invariant', path: 'studyUid', key: 'irf-1', severity: 'error' };
    expect(findings(check, (sd) => (el(sd, 'studyUid').constraint!.find((c) => c.key === 'irf-1')!.severity = 'warning'))).to.deep.equal([
      'irf-1 on studyUid has severity warning, expected error',
    ]);
  });

  it('finds a forbidden text in the short description whatever its case', () => {
    expect(findings({ kind: 'short-not', text: 'Key Object Selection' }, (sd) => (el(sd, '').short = 'DICOM key object selection'))).to.have.length(1);
  });
});
