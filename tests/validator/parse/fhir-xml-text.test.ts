import { expect } from 'chai';
import { encodingProblem } from '../../../src/validator/parse/xml-declaration';
import { summary, validator } from '../helpers';

const imagingReference = (inner: string, declaration = '') =>
  `${declaration}<ImagingReference xmlns="http://hl7.org/fhir">${inner}<subject><reference value="Patient/p1"/></subject><studyUid value="1.2.3"/><seriesUid value="1.2.3.4"/></ImagingReference>`;
const found = (xml: string) => validator().issues(xml, { format: 'xml' }).filter((i) => i.severity === 'error').map((i) => `${i.rule} ${i.expression ?? ''}`);

describe('FHIR XML text content and encoding', () => {
  it('reports text in any FHIR element: the resource, a complex element, a primitive, a resource wrapper; and CDATA', () => {
    expect(found(imagingReference('text'))).to.deep.equal(['Text_should_not_be_present ImagingReference']);
    expect(found(imagingReference('<identifier>x<value value="1"/></identifier>'))).to.deep.equal(['Text_should_not_be_present ImagingReference.identifier']);
    expect(found(imagingReference('<language value="en">en</language>'))).to.deep.equal(['Text_should_not_be_present ImagingReference.language']);
    expect(found(imagingReference('<language value="en"><![CDATA[en]]></language>'))).to.deep.equal(['CDATA_is_not_allowed ImagingReference.language']);
    const contained = imagingReference('<contained>p<Patient><id value="p"/></Patient></contained>').replace('Patient/p1', '#p');
    expect(found(contained)).to.deep.equal(['Text_should_not_be_present ImagingReference.contained']);
  });

  it('accepts white space and comments between elements', () => {
    const xml = imagingReference('\n  <!-- a comment -->\n  <language value="en">\n  </language>\n');
    expect(found(xml), summary(validator().issues(xml, { format: 'xml' }))).to.deep.equal([]);
  });

  it('refuses an XML declaration naming an encoding other than UTF-8 (in any case), at the start of the document', () => {
    expect(encodingProblem(undefined)).to.equal(undefined);
    expect(encodingProblem('utf-8')).to.equal(undefined);
    expect(encodingProblem('UTF-8')).to.equal(undefined);
    for (const e of ['ISO-8859-1', 'UTF-16', 'UTF8', 'US-ASCII']) expect(encodingProblem(e), e).to.equal(`The XML encoding is invalid (must be UTF-8, not '${e}')`);
    const issues = validator().issues(imagingReference('', '<?xml version="1.0" encoding="ISO-8859-1"?>\n'), { format: 'xml' });
    const issue = issues.find((i) => i.rule === 'xml_encoding_invalid');
    expect(issue?.severity).to.equal('error');
    expect(issue?.position).to.deep.equal({ line: 1, col: 1 });
    expect(found(imagingReference('', "<?xml version='1.0' encoding='utf-8'?>"))).to.deep.equal([]);
  });

  it('places an issue on a repeated primitive at its own element (they are gathered into one array)', () => {
    const xml = imagingReference('<meta>\n<profile value="http://example.org/a"/>\n<profile value="http://example.org/b|"/>\n</meta>');
    const issue = validator().issues(xml, { format: 'xml' }).find((i) => i.rule === 'canonical-empty-version');
    expect(issue?.expression).to.equal('ImagingReference.meta.profile[1]');
    expect(issue?.position?.line).to.equal(3);
  });
});
