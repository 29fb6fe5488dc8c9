import { expect } from 'chai';
import { convert } from '../../src/convert';
import { ConversionInputError } from '../../src/convert/errors';
import { assertOutputSize } from '../../src/convert/output-size';

describe('convert: an output that would outgrow what the validator reads is refused', () => {
  // A manifest whose every series becomes an ImagingReference repeating its author: 2,000 series
  // and a 40 KB author make 80 MB of output from 40 KB of input (found by npm run fuzz, which
  // then validated 600 MB for 3 s and more).
  const manifest = (seriesCount: number, authorChars: number) => ({
    resourceType: 'ImagingManifest',
    id: 'split',
    patient: { reference: 'Patient/p' },
    authoringTime: '2026-11-02T10:02:31+01:00',
    author: { reference: 'Practitioner/a', display: 'x'.repeat(authorChars) },
    study: [
      {
        uid: 'urn:oid:1.2.3',
        series: Array.from({ length: seriesCount }, (_, i) => ({ uid: `urn:oid:1.2.3.${i + 1}`, instance: [{ sopClass: 'urn:oid:1.2.840.10008.5.1.4.1.1.2', uid: `urn:oid:1.2.3.${i + 1}.1` }] })),
      },
    ],
  });
  const run = (m: object) => convert([{ name: 'm.json', content: Buffer.from(JSON.stringify(m)) }], 'imagingmanifest');

  it('refuses, in one line and at once, a split whose parts together would be over 64 MB', () => {
    const started = Date.now();
    expect(() => run(manifest(2000, 40_000))).to.throw(ConversionInputError, /^the output would be over 64 MB of JSON \(2000 resource\(s\)\)/);
    expect(Date.now() - started).to.be.below(2000);
  });

  it('converts the same split with a short author, and counts sizes as JSON does', () => {
    expect(run(manifest(2000, 20)).resources).to.have.length(2000);
    const resources = [{ a: 'x'.repeat(90), b: [1, 2] }];
    expect(() => assertOutputSize(resources, JSON.stringify(resources).length + 10)).to.not.throw();
    expect(() => assertOutputSize(resources, 90)).to.throw(ConversionInputError);
  });

  it('refuses without copying a part: shared content is sized once, however many parts hold it (999 series and 400 KB of contained took 2.6 s)', () => {
    const source = { ...manifest(999, 20), patient: { reference: '#p' }, contained: [{ resourceType: 'Patient', id: 'p', name: [{ text: 'x'.repeat(400_000) }] }] };
    const clone = globalThis.structuredClone;
    let copies = 0;
    globalThis.structuredClone = ((value: unknown, options?: StructuredSerializeOptions) => (copies++, clone(value, options))) as typeof structuredClone;
    try {
      expect(() => run(source)).to.throw(ConversionInputError, /^the output would be over 64 MB/);
    } finally {
      globalThis.structuredClone = clone;
    }
    expect(copies).to.equal(0);
  });

  it('returns parts that share no object, with one another or with the source', () => {
    const source = { ...manifest(2, 20), patient: { reference: '#p' }, contained: [{ resourceType: 'Patient', id: 'p' }] };
    const [first, second] = run(source).resources as Record<string, unknown>[];
    expect(first.contained).to.deep.equal(second.contained);
    expect(first.contained).to.not.equal(second.contained);
    expect(first.subject).to.not.equal(second.subject);
  });

  it('counts a string as JSON writes it, escapes included', () => {
    const resources = [{ a: '\u0001'.repeat(10) }];
    expect(JSON.stringify(resources[0]).length).to.equal(68);
    expect(() => assertOutputSize(resources, 67)).to.throw(ConversionInputError);
    expect(() => assertOutputSize(resources, 68)).to.not.throw();
    const nested = [{ a: [1, [], {}, { b: 'c', d: null }], e: true }, []];
    expect(() => assertOutputSize(nested, JSON.stringify(nested[0]).length + JSON.stringify(nested[1]).length)).to.not.throw();
    expect(() => assertOutputSize(nested, JSON.stringify(nested[0]).length + JSON.stringify(nested[1]).length - 1)).to.throw(ConversionInputError);
  });
});
