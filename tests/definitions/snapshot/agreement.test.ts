// The generator against the published snapshots of the pinned packages, all of them (a few
// seconds): `npm run snapshot-agreement` prints the same measurement with every difference.
import { expect } from 'chai';
import { explain, loadPinnedPackages, measureAgreement, measureChainedAgreement, type AgreementReport } from '../../../scripts/snapshot-agreement';

// The measured agreement (README, "Snapshot generation"); a regression fails here.
const FLOOR = { definitions: 983, agreeingDefinitions: 937, elements: 20364, agreeingElements: 20218 };

describe('definitions/snapshot: agreement with the published R5 snapshots', function () {
  this.timeout(60_000);
  let packages: ReturnType<typeof loadPinnedPackages>;
  let report: AgreementReport;
  before(() => {
    packages = loadPinnedPackages();
    report = measureAgreement(packages);
  });

  it('regenerates every StructureDefinition with a differential and a snapshot, at least as well as measured', () => {
    expect(report.definitions).to.equal(FLOOR.definitions);
    expect(report.elements).to.equal(FLOOR.elements);
    expect(report.agreeingDefinitions).to.be.at.least(FLOOR.agreeingDefinitions);
    expect(report.agreeingElements).to.be.at.least(FLOOR.agreeingElements);
    expect(report.agreeingDefinitions / report.definitions).to.be.at.least(0.95);
  });

  it('agrees on every extension of hl7.fhir.uv.extensions.r5 and hl7.terminology.r5', () => {
    const extensions = report.results.filter((r) => r.packageName !== 'hl7.fhir.r5.core');
    expect(extensions.length).to.equal(689);
    expect(extensions.filter((r) => r.error || r.differences.length).map((r) => r.url)).to.deep.equal([]);
  });

  it('has no difference that is not one of the explained classes of the published snapshots', () => {
    const unexplained = report.results.flatMap((r) => [
      ...(r.error && !explain(r) ? [`${r.url}: ${r.error}`] : []),
      ...r.differences.filter((d) => !explain(r, d)).map((d) => `${r.url} ${d.kind} ${d.id}`),
    ]);
    expect(unexplained).to.deep.equal([]);
  });

  it('snapshots profiles on differential-only profiles (their bases generated first) as published, but for the explained differences', () => {
    const chained = measureChainedAgreement(packages);
    expect(chained.definitions).to.equal(26);
    expect(chained.agreeing).to.be.at.least(25);
    expect(chained.failing).to.deep.equal([]);
  });
});
