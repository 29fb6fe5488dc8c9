import { expect } from 'chai';
import { readXml, XmlSyntaxError } from '../../../src/validator/parse/xml-reader';

describe('readXml', () => {
  it('reads namespaces, attributes, children and positions', () => {
    const root = readXml('<?xml version="1.0"?>\n<Patient xmlns="http://hl7.org/fhir">\n  <id value="a&amp;b"/>\n</Patient>');
    expect(root.ns).to.equal('http://hl7.org/fhir');
    expect(root.name).to.equal('Patient');
    const id = root.children.find((c) => !('text' in c)) as any;
    expect(id.attributes.get('value').value).to.equal('a&b');
    expect(id.position.line).to.equal(3);
  });

  it('refuses a DOCTYPE, so no entity is declared, fetched or expanded', () => {
    expect(() => readXml('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')).to.throw(XmlSyntaxError, /DOCTYPE/);
  });

  it('refuses undefined entities, processing instructions and deep nesting', () => {
    expect(() => readXml('<a>&x;</a>')).to.throw(XmlSyntaxError);
    expect(() => readXml('<a><?php echo 1 ?></a>')).to.throw(XmlSyntaxError, /processing instruction/);
    expect(() => readXml('<a>'.repeat(1000) + '</a>'.repeat(1000))).to.throw(XmlSyntaxError, /nesting deeper/);
  });

  it('stops at the first syntax error instead of reading on (broken input cost an error per character)', () => {
    const seen: string[] = [];
    expect(() => readXml('<a><<b/>' + '<!--late-->'.repeat(3) + '</a>', { onComment: (t) => seen.push(t) })).to.throw(XmlSyntaxError, /disallowed character/);
    expect(seen).to.deep.equal([]);
  });

  it('keeps CDATA and comments inside elements, so that a narrative can be written back as it came', () => {
    const root = readXml('<div><![CDATA[ <b> ]]><!-- c --></div>');
    expect(root.children).to.deep.equal([{ text: ' <b> ', cdata: true }, { text: '', comment: ' c ' }]);
  });
});
