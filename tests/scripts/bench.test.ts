import { expect } from 'chai';
import { percentile, summarize } from '../../scripts/bench/timing';
import { growthSection } from '../../scripts/bench/report';
import { imagingReference, imagingStudyR4, imagingStudyR5, INSTANCES, withUnknownElement } from '../../scripts/bench/samples';
import { PROJECT_DIR } from '../helpers/project';

describe('bench: statistics', () => {
  it('takes the nearest-rank percentile', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).to.equal(50);
    expect(percentile(sorted, 95)).to.equal(95);
    expect(percentile([7], 95)).to.equal(7);
    expect(() => percentile([], 50)).to.throw('no samples');
  });

  it('summarizes unsorted samples', () => {
    expect(summarize([3, 1, 2, 10])).to.deep.equal({ iterations: 4, medianMs: 2, p95Ms: 10, meanMs: 4, minMs: 1 });
  });
});

describe('bench: inputs of the same size', () => {
  it('gives every resource 20 instances', () => {
    const study = (r: Record<string, unknown>) => ((r.series as Record<string, unknown>[])[0].instance as unknown[]).length;
    expect((imagingReference(PROJECT_DIR).instance as unknown[]).length).to.equal(INSTANCES);
    expect(study(imagingStudyR5(PROJECT_DIR))).to.equal(INSTANCES);
    expect(study(imagingStudyR4(PROJECT_DIR))).to.equal(INSTANCES);
  });

  it('writes the R4 modality as a Coding and leaves the original untouched by the invalid copy', () => {
    const r4 = imagingStudyR4(PROJECT_DIR);
    expect((r4.series as Record<string, unknown>[])[0].modality).to.have.property('code');
    const bad = withUnknownElement(r4);
    expect(JSON.stringify(bad)).to.contain('unknownElement');
    expect(JSON.stringify(r4)).not.to.contain('unknownElement');
  });
});

describe('bench: cost on large inputs', () => {
  it('shows each case at n and 4n with the ratio of the times', () => {
    const row = (n: number, ms: number) => ({ name: 'irf-3', unit: 'instances', n, megabytes: n / 1000, ms, detail: 'valid, 0 issues' });
    const table = growthSection([row(10, 5), row(40, 21)]).filter((l) => l.startsWith('| irf-3'));
    expect(table).to.deep.equal(['| irf-3 | 10 instances | 0.01 | 5 | 40 | 0.04 | 21 | 4.2 | valid, 0 issues |']);
  });
});
