import { UcumLhcUtils } from '@lhncbc/ucum-lhc';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { isKnownSystem, knownSystem, KNOWN_SYSTEM_URLS } from '../../../src/validator/terminology/known-systems';
import { PROJECT_DIR } from '../../helpers/project';

function verdicts(system: string, codes: string[]): Record<string, boolean> {
  const s = knownSystem(system)!;
  return Object.fromEntries(codes.map((c) => [c, s.check(c).valid]));
}

function allValid(codes: string[]): Record<string, boolean> {
  return Object.fromEntries(codes.map((c) => [c, true]));
}

function allInvalid(codes: string[]): Record<string, boolean> {
  return Object.fromEntries(codes.map((c) => [c, false]));
}

describe('code systems known without a terminology server (terminology/known-systems)', () => {
  it('knows the six systems by URL, and nothing else', () => {
    expect(KNOWN_SYSTEM_URLS.sort()).to.deep.equal(['http://unitsofmeasure.org', 'urn:ietf:bcp:13', 'urn:ietf:bcp:47', 'urn:iso:std:iso:3166', 'urn:iso:std:iso:3166:-2', 'urn:iso:std:iso:4217']);
    expect(isKnownSystem('http://snomed.info/sct')).to.equal(false);
    expect(knownSystem('http://loinc.org')).to.equal(undefined);
    expect(knownSystem('toString')).to.equal(undefined);
  });

  it('loads no library until a system is first used', () => {
    // A fresh process: the validator is built and validates a resource with no such code.
    const script = `
      const { createValidatorSync } = require('./src/validator/validator');
      const v = createValidatorSync();
      v.issues({ resourceType: 'Patient', gender: 'male' });
      const loaded = Object.keys(require.cache).filter((f) => /node_modules\\/(mime-db|language-subtag-registry|currency-codes|i18n-iso-countries|iso-3166-2|@lhncbc)\\//.test(f));
      v.issues({ resourceType: 'Binary', contentType: 'text/plain' });
      const afterMime = Object.keys(require.cache).filter((f) => /node_modules\\/(mime-db|@lhncbc)\\//.test(f)).map((f) => f.split('node_modules/')[1].split('/')[0]);
      process.stdout.write(JSON.stringify({ loaded, afterMime: [...new Set(afterMime)] }));`;
    const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: PROJECT_DIR, encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout)).to.deep.equal({ loaded: [], afterMime: ['mime-db'] });
  });

  describe('BCP-13 mime types (urn:ietf:bcp:13)', () => {
    it('accepts type/subtype with parameters, registered or not (with a note when mime-db does not list it)', () => {
      const codes = ['application/pdf', 'application/fhir+json', 'text/plain; charset=UTF-8', 'application/dicom; variant=DICOM WADO-RS', 'image/JPEG', 'text/plain;;', 'application/vnd.example.unlisted'];
      expect(verdicts('urn:ietf:bcp:13', codes)).to.deep.equal(allValid(codes));
      expect(knownSystem('urn:ietf:bcp:13')!.check('application/pdf')).to.deep.equal({ valid: true });
      expect(knownSystem('urn:ietf:bcp:13')!.check('image/jpg')).to.deep.equal({ valid: true, note: 'image/jpg is not a registered media type (mime-db)' });
    });
    it('rejects what is not a media type: no subtype, an unregistered top-level type, a parameter without a value', () => {
      const codes = ['not a mime type', 'application', 'pdf', 'application/', '/pdf', 'x-application/hl7-v2+er7', 'application/pdf; charset', 'text/plain; =x', 'xml'];
      expect(verdicts('urn:ietf:bcp:13', codes)).to.deep.equal(allInvalid(codes));
      expect(knownSystem('urn:ietf:bcp:13')!.check('foo/bar')).to.deep.equal({ valid: false, reason: '"foo" is not a registered top-level media type (RFC 6838)' });
    });
  });

  describe('BCP-47 languages (urn:ietf:bcp:47)', () => {
    it('accepts registered tags in any case, private use, grandfathered and deprecated tags, extensions', () => {
      const codes = ['en', 'en-US', 'EN-us', 'en-AU', 'es-419', 'zh-Hant-TW', 'zh-yue-HK', 'de-CH-1996', 'en-US-u-ca-gregory', 'fr-FR-x-private', 'x-foo', 'qaa', 'qtz-Qaaa-QM', 'i-klingon', 'art-lojban', 'iw', 'und'];
      expect(verdicts('urn:ietf:bcp:47', codes)).to.deep.equal(allValid(codes));
    });
    it('rejects malformed tags and subtags the IANA registry does not have', () => {
      const codes = ['zz-!!bogus', 'xx', 'en-', 'en--US', 'en-ZZZ', 'en-999', 'en-US-US', 'de-1996-1996', 'en-a-bbb-a-ccc', 'en-a', 'en-x', 'abcdefghi', '123', 'text/cql'];
      expect(verdicts('urn:ietf:bcp:47', codes)).to.deep.equal(allInvalid(codes));
      expect(knownSystem('urn:ietf:bcp:47')!.check('en-999')).to.deep.equal({ valid: false, reason: '"en-999" is not a valid BCP-47 language tag: the region "999" is not in the IANA registry' });
    });
  });

  describe('ISO 4217 currencies (urn:iso:std:iso:4217)', () => {
    it('accepts the ISO list, upper case only', () => {
      expect(verdicts('urn:iso:std:iso:4217', ['USD', 'EUR', 'CAD', 'SAR', 'XXQ', 'usd', 'US'])).to.deep.equal({ USD: true, EUR: true, CAD: true, SAR: true, XXQ: false, usd: false, US: false });
      expect(knownSystem('urn:iso:std:iso:4217')!.check('usd')).to.deep.equal({ valid: false, reason: '"usd" is not an ISO 4217 currency code (ISO 4217 codes are upper case: "USD")' });
    });
  });

  describe('ISO 3166 countries (urn:iso:std:iso:3166) and subdivisions (urn:iso:std:iso:3166:-2)', () => {
    it('accepts alpha-2, alpha-3 and numeric country codes as the standard writes them', () => {
      expect(verdicts('urn:iso:std:iso:3166', ['US', 'USA', '840', 'NL', 'NLD', '528', 'ZZZ', 'us', 'XX', '999'])).to.deep.equal({ US: true, USA: true, '840': true, NL: true, NLD: true, '528': true, ZZZ: false, us: false, XX: false, '999': false });
    });
    it('accepts subdivision codes of their country', () => {
      expect(verdicts('urn:iso:std:iso:3166:-2', ['US-CA', 'NL-NH', 'US-ZZ', 'ZZ-CA', 'CA', 'us-ca'])).to.deep.equal({ 'US-CA': true, 'NL-NH': true, 'US-ZZ': false, 'ZZ-CA': false, CA: false, 'us-ca': false });
    });
  });

  describe('UCUM (http://unitsofmeasure.org)', () => {
    it('accepts UCUM expressions, annotations with any printable text (as the HL7 validator\'s UCUM library does)', () => {
      const codes = ['mg', 'mg/kg', 'mmol/L', '10*3/uL', 'kg.m-2', '%', '1', '{score}', 'mL/min/{1.73_m2}', '{delivered dose}', '[in_i]', 'mm[Hg]', 'Cel', '/min'];
      expect(verdicts('http://unitsofmeasure.org', codes)).to.deep.equal(allValid(codes));
    });
    it('rejects what UCUM cannot parse or does not define', () => {
      const codes = ['notaunit', 'mg/(kg', 'mL/min/1.73m2', 'kg/m^2', 'degC', 'mg//kg'];
      expect(verdicts('http://unitsofmeasure.org', codes)).to.deep.equal(allInvalid(codes));
      expect((knownSystem('http://unitsofmeasure.org')!.check('notaunit') as { reason: string }).reason).to.match(/^"notaunit" is not a valid UCUM unit/);
    });
    it('reads a long expression component by component: ucum-lhc never gets over 1,000 characters at once (a 290 KB unit took 21 s)', () => {
      const lhc = UcumLhcUtils.prototype;
      const original = lhc.validateUnitString;
      let longest = 0;
      lhc.validateUnitString = function (unit: string, ...rest: unknown[]) {
        longest = Math.max(longest, unit.length);
        return original.call(this, unit, ...rest);
      };
      try {
        const uid = Array.from({ length: 50_000 }, (_, i) => `${i % 997}`).join('.');
        expect(knownSystem('http://unitsofmeasure.org')!.check(`${uid}.[ppb].mosm/(kat.Ohm)`).valid).to.equal(true);
      } finally {
        lhc.validateUnitString = original;
      }
      expect(longest).to.be.within(1, 1000);
    });
    it('gives a long expression the verdict UCUM\'s grammar and ucum-lhc give its parts', () => {
      const m = 'm.'.repeat(100);
      const valid = [`${m}s`, `/${m}s`, ` ${m}s`, `${'(m/s).'.repeat(100)}10*3`, `${m}(kg/(${m}h))`, `${m}{any text.with/dots}`, `${m}[in_i]`, `${m}s2`];
      const invalid = [`${m}`, `m..${m}s`, `(/${m}s)`, `${m}notaunit`, `${m}Cel`, `${m}(Cel)`, `${m}(s`, `${m}s)`, `${m}${'1'.repeat(65)}`, `${m}(s)2`];
      expect(verdicts('http://unitsofmeasure.org', valid)).to.deep.equal(allValid(valid));
      expect(verdicts('http://unitsofmeasure.org', invalid)).to.deep.equal(allInvalid(invalid));
    });
    it('prints nothing on a unit its parser throws on (ucum-lhc logs those; found by npm run fuzz)', () => {
      const printed: unknown[] = [];
      const log = console.log;
      console.log = (...args: unknown[]) => void printed.push(args);
      try {
        expect(verdicts('http://unitsofmeasure.org', ['Body weight', 'kgline', 'mline'])).to.deep.equal(allInvalid(['Body weight', 'kgline', 'mline']));
      } finally {
        console.log = log;
      }
      expect(printed).to.deep.equal([]);
    });
  });
});
