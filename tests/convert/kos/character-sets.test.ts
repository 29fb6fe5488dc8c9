import { expect } from 'chai';
import { kosToImagingReferences } from '../../../src/convert/kos/kos-to-imaging-reference';
import { ConversionReport } from '../../../src/convert/outcome';
import type { ImagingReference } from '../../../src/convert/resources';
import { kosFromTemplate } from '../helpers/kos-fixtures';
import { validationErrors } from '../helpers/validation';

// KOS documents in the character sets of PS3.3 C.12.1.1.2, written by dump2dcm with the bytes as
// given: the examples of PS3.5 annexes H (Japanese) and I (Korean), UTF-8, ISO 8859.
const bytes = (text: string) => Buffer.from(text, 'latin1');
/** ISO 8859-5: Cyrillic capital A (U+0410) to small ya (U+044F) are 0xB0 to 0xEF. */
const iso88595 = (text: string) => Buffer.from([...text].map((c) => (c >= '\u0410' && c <= '\u044f' ? c.charCodeAt(0) - 0x360 : c.charCodeAt(0))));

function convertTemplate(tag: string, charset: string, name: Uint8Array | string, description: Uint8Array | string): { reference: ImagingReference; report: ConversionReport } {
  const report = new ConversionReport();
  const [reference] = kosToImagingReferences(kosFromTemplate('text-template', { CHARSET: charset, NAME: name, DESCRIPTION: description }, tag), report);
  return { reference, report };
}

describe('convert: KOS character sets (Specific Character Set 0008,0005)', () => {
  it('reads UTF-8 (ISO_IR 192), in the top-level data set and in content items', () => {
    const { reference, report } = convertTemplate('utf8', 'ISO_IR 192', Buffer.from('Müller^Jürgen'), Buffer.from('Zwei Schlüsselbilder'));
    expect(reference.description).to.equal('Zwei Schlüsselbilder');
    expect(reference.subject.display).to.equal('Jürgen Müller');
    expect(report.issues.filter((i) => /character set/i.test(i.message))).to.deep.equal([]);
    expect(validationErrors(reference)).to.deep.equal([]);
  });

  it('reads Latin-1 (ISO_IR 100)', () => {
    const { reference } = convertTemplate('latin1', 'ISO_IR 100', bytes('Müller^Jürgen'), bytes('Zwei Schlüsselbilder'));
    expect(reference.description).to.equal('Zwei Schlüsselbilder');
    expect(reference.subject.display).to.equal('Jürgen Müller');
  });

  it('reads Cyrillic (ISO_IR 144)', () => {
    const { reference } = convertTemplate('cyrillic', 'ISO_IR 144', iso88595('Иванов^Иван'), iso88595('Два ключевых снимка'));
    expect(reference.description).to.equal('Два ключевых снимка');
    expect(reference.subject.display).to.equal('Иван Иванов');
  });

  it('reads ISO 2022 with two values, ASCII text', () => {
    const { reference } = convertTemplate('iso2022-ascii', 'ISO 2022 IR 6\\ISO 2022 IR 100', 'Doe^Jane', 'Two key images');
    expect(reference.description).to.equal('Two key images');
    expect(reference.subject.display).to.equal('Jane Doe');
  });

  // The value 1 sets are active again after each PN delimiter (PS3.5 6.1.2.5.3): G1 is invoked again.
  it('reads ISO 2022 with an escape sequence to ISO 8859-1 in G1', () => {
    const { reference } = convertTemplate('iso2022-latin1', 'ISO 2022 IR 6\\ISO 2022 IR 100', bytes('M\x1b-A\xfcller^\x1b-AJ\xfcrgen'), bytes('Zwei Schl\x1b-A\xfcsselbilder'));
    expect(reference.description).to.equal('Zwei Schlüsselbilder');
    expect(reference.subject.display).to.equal('Jürgen Müller');
  });

  describe('Japanese (\\ISO 2022 IR 87, PS3.5 H.3.1)', () => {
    const name = bytes('Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B');
    // "Key image" in kanji with an ASCII digit between: ESC $ B switches G0 to JIS X 0208, ESC ( B back.
    const description = bytes('\x1b$B80%$2hA|\x1b(B 2');
    let reference: ImagingReference;
    let report: ConversionReport;
    before(() => ({ reference, report } = convertTemplate('japanese', '\\ISO 2022 IR 87', name, description)));

    it('decodes the escape sequences of the description as an independent ISO-2022-JP decoder does', () =>
      expect(reference.description).to.equal(new TextDecoder('iso-2022-jp').decode(description)));

    it('writes the name family name first, from the alphabetic group', () => expect(reference.subject.display).to.equal('Yamada Tarou'));

    it('reports the ideographic and phonetic groups it cannot carry, decoded', () => {
      const issue = report.issues.find((i) => i.expression === 'ImagingReference.subject.display');
      expect(issue?.message).to.include('ideographic 山田^太郎').and.include('phonetic やまだ^たろう');
    });
  });

  it('reads Japanese half-width katakana with kanji (ISO 2022 IR 13\\ISO 2022 IR 87, PS3.5 H.3.2)', () => {
    const name = Buffer.from('d4cfc0de5ec0dbb33d1b24423b3345441b284a5e1b244242404f3a1b284a3d1b24422464245e24401b284a5e1b2442243f246d24261b284a', 'hex');
    const { reference, report } = convertTemplate('japanese-katakana', 'ISO 2022 IR 13\\ISO 2022 IR 87', name, 'Key images');
    expect(reference.subject.display).to.equal('ﾔﾏﾀﾞ ﾀﾛｳ');
    expect(report.issues.map((i) => i.message).join('\n')).to.include('ideographic 山田^太郎').and.include('phonetic やまだ^たろう');
  });

  it('reads Korean (\\ISO 2022 IR 149, PS3.5 I.2), the ideographic group reported', () => {
    const name = bytes('Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf');
    const { reference, report } = convertTemplate('korean', '\\ISO 2022 IR 149', name, 'Key images');
    expect(reference.subject.display).to.equal('Hong Gildong');
    expect(report.issues.map((i) => i.message).join('\n')).to.include('ideographic 洪^吉洞').and.include('phonetic 홍^길동');
  });

  it('reads a content item in its own Specific Character Set (a sequence item may declare one)', () => {
    // The description line of the template is ended, and the item gets (0008,0005) after it; dump2dcm sorts the tags.
    const description = Buffer.concat([Buffer.from('Zwei Schlüsselbilder'), bytes(']\n    (0008,0005) CS [ISO_IR 192')]);
    const { reference } = convertTemplate('item-charset', 'ISO_IR 100', bytes('Müller^Jürgen'), description);
    expect(reference.description).to.equal('Zwei Schlüsselbilder');
    expect(reference.subject.display).to.equal('Jürgen Müller');
  });

  it('writes an ideographic-only name family name first', () => {
    const { reference } = convertTemplate('ideographic-only', 'ISO_IR 192', Buffer.from('=山田^太郎'), 'x');
    expect(reference.subject.display).to.equal('山田 太郎');
  });

  it('reports an unknown character set and reads its text as ISO 8859-1', () => {
    const { reference, report } = convertTemplate('unknown', 'ISO_IR 999', 'Doe^Jane', 'Key images');
    expect(reference.description).to.equal('Key images');
    expect(report.issues.map((i) => i.message)).to.include('Specific Character Set ISO_IR 999 is not known: its text was read as ISO 8859-1 and may be wrong');
  });
});
