import { expect } from 'chai';
import { SnapshotView } from '../../../src/ig/structure-definition';
import { runCheck, type CheckSpec } from '../../../src/review/checks';
import { definitionCopy, dropConstraint, el, remove } from '../fixtures';

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
    const found = findings(check, (sd) => (el(sd, 'studyUid').constraint!.find((c) => c.key === 'irf-1')!.severity = 'warning'));
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^irf-1 on studyUid has severity warning, expected error \(expression: /);
    expect(findings(check, (sd) => dropConstraint(sd, 'studyUid', 'irf-1'))).to.deep.equal(['studyUid does not obey irf-1']);
  });

  it('proves an invariant on the values it must accept and reject, so that a weakened expression fails', () => {
    const check: CheckSpec = { kind: 'invariant', path: 'studyUid', key: 'irf-1', severity: 'error', accept: ['1.2.3'], reject: ['01.2', 'urn:oid:1.2'] };
    const setExpression = (expression: string) => (sd: ReturnType<typeof definitionCopy>) => (el(sd, 'studyUid').constraint!.find((c) => c.key === 'irf-1')!.expression = expression);
    expect(findings(check)).to.deep.equal([]);
    expect(findings(check, setExpression('true'))[0]).to.match(/accepts "01\.2"; accepts "urn:oid:1\.2", which it must reject/);
    expect(findings(check, setExpression("matches('^[0-9.]+$')"))[0]).to.match(/accepts "01\.2", which it must reject/);
    expect(findings(check, setExpression('false'))[0]).to.match(/rejects "1\.2\.3", which it must accept/);
    expect(findings(check, setExpression(''))).to.deep.equal(['irf-1 on studyUid has no expression']);
    expect(findings(check, setExpression('matches('))[0]).to.match(/cannot be evaluated/);
  });

  it('parses an expression once for all its samples, and a syntax error once too (a mutated definition took 460 ms)', () => {
    const fhirpath = require('fhirpath');
    const compile = fhirpath.compile;
    const compiled: string[] = [];
    fhirpath.compile = (expression: string, ...rest: unknown[]) => (compiled.push(expression), compile(expression, ...rest));
    const check: CheckSpec = { kind: 'invariant', path: 'studyUid', key: 'irf-1', severity: 'error', accept: ['1.2.3', '1.2.4', '1.2.5'], reject: ['01.2', 'urn:oid:1.2', 'x'] };
    const setExpression = (expression: string) => (sd: ReturnType<typeof definitionCopy>) => (el(sd, 'studyUid').constraint!.find((c) => c.key === 'irf-1')!.expression = expression);
    try {
      expect(findings(check, setExpression("matches('^[1-9][0-9.]*$') and $this != 'parsed-once'"))).to.deep.equal([]);
      expect(findings(check, setExpression('matches(( parsed once'))[0]).to.match(/cannot be evaluated/);
    } finally {
      fhirpath.compile = compile;
    }
    expect(compiled.filter((e) => e.includes('parsed-once'))).to.have.length(1);
    expect(compiled.filter((e) => e.includes('parsed once'))).to.have.length(1);
  });

  it('places a sample of a repeating element in a list, and a root sample as the resource content', () => {
    const irf3: CheckSpec = { kind: 'invariant', key: 'irf-3', severity: 'error', accept: [{ instance: [{ uid: '1' }, { uid: '2' }] }], reject: [{ instance: [{ uid: '1' }, { uid: '1' }] }] };
    expect(findings(irf3)).to.deep.equal([]);
    const irf2: CheckSpec = { kind: 'invariant', path: 'instance', key: 'irf-2', severity: 'error', reject: [{ uid: '1', frameNumber: [1], observationUid: ['1.2'] }] };
    expect(findings(irf2)).to.deep.equal([]);
  });

  it('finds a forbidden text in the short description whatever its case', () => {
    expect(findings({ kind: 'short-not', text: 'Key Object Selection' }, (sd) => (el(sd, '').short = 'DICOM key object selection'))).to.have.length(1);
  });
});
