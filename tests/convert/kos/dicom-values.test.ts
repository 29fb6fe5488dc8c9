import { expect } from 'chai';
import { dicomCoding, dicomDateTime, personNameDisplay } from '../../../src/convert/kos/dicom-values';

describe('convert: DICOM values as FHIR values', () => {
  describe('dicomDateTime (Content Date, Content Time, Timezone Offset From UTC)', () => {
    const cases: [string | undefined, string | undefined, string | undefined, string | undefined][] = [
      ['20261102', '100231', '+0100', '2026-11-02T10:02:31+01:00'],
      ['20261102', '100231.25', '-0500', '2026-11-02T10:02:31.25-05:00'],
      ['20261102', '1002', '+0000', '2026-11-02T10:02:00+00:00'],
      ['20261102', '10', '+0530', '2026-11-02T10:00:00+05:30'],
      ['20261102', '10:02:31', '+0100', '2026-11-02T10:02:31+01:00'],
      ['20261102', undefined, undefined, '2026-11-02'],
      ['20261102', '100231', undefined, '2026-11-02'],
      ['20261102', '100231', 'CET', '2026-11-02'],
      ['2026-11-02', '100231', '+0100', undefined],
      [undefined, undefined, undefined, undefined],
    ];
    for (const [date, time, offset, expected] of cases) {
      it(`${date} ${time} ${offset} -> ${expected}`, () => expect(dicomDateTime(date, time, offset).value).to.equal(expected));
    }

    it('never gives a time without a zone, and says why the time is lost', () => {
      const result = dicomDateTime('20261102', '100231', undefined);
      expect(result.value).to.not.include('T');
      expect(result.lost).to.match(/Timezone Offset From UTC/);
    });

    it('reports nothing lost when everything is carried', () => expect(dicomDateTime('20261102', '100231', '+0100').lost).to.equal(undefined));
  });

  describe('personNameDisplay', () => {
    it('orders prefix, given, middle, family, suffix', () => expect(personNameDisplay([{ Alphabetic: 'Doe^Jane^Q^Ms^PhD' }])).to.equal('Ms Jane Q Doe PhD'));
    it('reads the alphabetic group only', () => expect(personNameDisplay([{ Alphabetic: 'Yamada^Tarou=山田^太郎' }])).to.equal('Tarou Yamada'));
    it('gives nothing for an empty name', () => expect(personNameDisplay(undefined)).to.equal(undefined));
  });

  describe('dicomCoding', () => {
    it('maps DCM to its FHIR system', () =>
      expect(dicomCoding({ CodeValue: '113000', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Of Interest' })).to.deep.equal({
        coding: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113000', display: 'Of Interest' },
        unknownScheme: undefined,
      }));
    it('flags a private coding scheme', () => expect(dicomCoding({ CodeValue: 'X1', CodingSchemeDesignator: '99ACME' }).unknownScheme).to.equal('99ACME'));
  });
});
