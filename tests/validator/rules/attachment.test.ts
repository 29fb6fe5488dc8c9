import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { decodeBase64, encodeBase64, sha1 } from '../../../src/validator/rules/sha1';
import { validator } from '../helpers';

const bytes = (s: string) => new TextEncoder().encode(s);
const nodeSha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('base64');

describe('Attachment size and hash', () => {
  it('computes SHA-1 as FIPS 180-4 defines it (FIPS test vectors, and block boundaries against node:crypto)', () => {
    expect(encodeBase64(sha1(bytes('abc')))).to.equal('qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
    expect(encodeBase64(sha1(bytes('')))).to.equal('2jmj7l5rSw0yVb/vlWAYkK/YBwk=');
    expect(encodeBase64(sha1(bytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).to.equal('hJg+RBw70m66rkqh+VEp5eVGcPE=');
    for (const n of [55, 56, 63, 64, 65, 119, 120, 1000, 100_000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      expect(encodeBase64(sha1(data)), String(n)).to.equal(nodeSha1(data));
    }
  });

  it('decodes padded base64 only', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'hello world']) expect(decodeBase64(Buffer.from(s).toString('base64')), s).to.deep.equal(new Uint8Array(Buffer.from(s)));
    for (const s of ['abc', 'ab=c', 'a!bc', 'ab==cd==']) expect(decodeBase64(s), s).to.equal(undefined);
  });

  const documentReference = (attachment: object) => ({ resourceType: 'DocumentReference', status: 'current', content: [{ attachment: { contentType: 'application/dicom', ...attachment } }] });
  const found = (attachment: object) =>
    validator().issues(documentReference(attachment)).filter((i) => i.rule?.startsWith('TYPE_SPECIFIC_CHECKS_DT_ATT')).map((i) => `${i.severity} ${i.rule} ${i.expression}: ${i.message}`);
  const data = Buffer.from('key image 41').toString('base64');
  const hash = nodeSha1(bytes('key image 41'));

  it('reports a stated size that is not the number of bytes of the data, and a hash that is not its SHA-1', () => {
    expect(found({ data, size: '12', hash })).to.deep.equal([]);
    expect(found({ data, size: '13' })).to.deep.equal(['error TYPE_SPECIFIC_CHECKS_DT_ATT_SIZE_CORRECT DocumentReference.content[0].attachment: Stated Attachment Size 13 does not match actual attachment size 12']);
    expect(found({ data, hash: nodeSha1(bytes('key image 42')) })).to.deep.equal([
      `error TYPE_SPECIFIC_CHECKS_DT_ATT_HASH_MISMATCH DocumentReference.content[0].attachment: The hash of the data did not match the data (stated: '${nodeSha1(bytes('key image 42'))}', actual: '${hash}')`,
    ]);
  });

  it('leaves size and hash alone when there is no inline data, or the data or hash is not base64 (the base64Binary rule says so)', () => {
    expect(found({ url: 'https://example.org/x', size: '13', hash })).to.deep.equal([]);
    expect(found({ data: 'a!bc', size: '13' })).to.deep.equal([]);
    expect(found({ data, hash: 'abc' })).to.deep.equal([]);
  });
});
