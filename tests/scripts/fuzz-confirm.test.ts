// The fuzz run's last step: slow or hung inputs count only when they reproduce, run again alone.
import { expect } from 'chai';
import { confirmTimingFindings } from '../../scripts/fuzz/confirm';
import type { Finding } from '../../scripts/fuzz/runner';

const tiny = Buffer.from(JSON.stringify({ resourceType: 'Patient', id: 'p' }));
/** A Bundle that takes some milliseconds, so that a 1 ms kill limit ends it. */
const bundle = Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: Array.from({ length: 3000 }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: 'Patient', id: `p${i}` } })) }));
const finding = (kind: Finding['kind'], bytes = tiny): Finding => ({ kind, detail: 'x', runSeed: 1, index: 0, inputSeed: 1, case: { target: 'validate', kind: 'json', fileName: 'p.json', bytes } });

describe('fuzz harness: confirming slow and hung inputs', function () {
  this.timeout(120_000);

  it('clears a slow or hung input that runs within its budget alone, and leaves other findings alone', async () => {
    const confirmed = await confirmTimingFindings([finding('slow'), finding('hang'), finding('internal')], () => 3000, 1024);
    expect(confirmed.map((c) => [c.finding.kind, c.reproduced])).to.deep.equal([
      ['slow', false],
      ['hang', false],
    ]);
    expect(confirmed.every((c) => typeof c.ms === 'number' && c.ms < 100)).to.equal(true);
  });

  it('keeps an input that is still running at the kill limit as reproduced', async () => {
    const [confirmed] = await confirmTimingFindings([finding('hang', bundle)], () => 0, 1024);
    expect(confirmed.reproduced).to.equal(true);
    expect(confirmed.ms).to.equal(undefined);
  });
});
