import { expect } from 'chai';
import { invalidUrl } from '../../../src/validator/rules/narrative-url-syntax';

describe('narrative URL syntax (a/@href, img/@src)', () => {
  it('accepts RFC 3986 URLs, relative references, fragments, canonical|version and IRIs', () => {
    for (const url of ['https://pacs.example.org/studies?a=1&b=2#x', 'Patient/p1', '#section', 'mailto:r@example.org', 'urn:uuid:8d6a2e0b-1b4e-4c8e-9a8e-7d7f6c5b4a3e',
      'http://hl7.org/fhir/StructureDefinition/Patient|5.0.0', 'https://example.org/%20x', "https://example.org/!$'()*+,;=:@[]~", 'https://example.org/café', 'https://例え.jp/']) {
      expect(invalidUrl(url), url).to.equal(undefined);
    }
  });

  it('names the characters outside RFC 3986', () => {
    expect(invalidUrl('http://a.org/a b')).to.equal("URL contains Invalid Character: ' '");
    expect(invalidUrl('http://a.org/{x}"<')).to.equal("URL contains 4 Invalid Characters: '\"','<','{','}'");
    expect(invalidUrl('')).to.equal('URL is empty');
  });

  it('checks data: URLs as RFC 2397 has them: one comma, some data, a media type, and base64 that is base64', () => {
    for (const url of ['data:image/png;base64,iVBORw0KGgo=', 'data:,hello%20world', 'data:text/plain;charset=utf-8;base64,aGVsbG8=', 'DATA:image/gif;base64,R0lG ODlh', 'data:text/plain;base64,aGVsbG8%2B']) {
      expect(invalidUrl(url), url).to.equal(undefined);
    }
    expect(invalidUrl('data:image/png;base64')).to.equal('No data found in data: URL');
    expect(invalidUrl('data:image/png;base64,')).to.equal('No data found in data: URL');
    expect(invalidUrl('data:image/png;base64,iVBO,Rw0KGgo=')).to.equal('Comma found in data portion of data URL');
    expect(invalidUrl('data:image;base64,iVBORw0KGgo=')).to.match(/mimetype portion .* \(image\)/);
    for (const data of ['iVBORw0KGg', 'iVBO!w0KGgo=', 'iV=ORw0KGgo=', 'iVBORw0KGgo===', '%zz']) {
      expect(invalidUrl(`data:image/png;base64,${data}`), data).to.match(/valid base64/);
    }
  });
});
