import { expect } from 'chai';
import { readXml } from '../../../src/validator/parse/xml-reader';
import { structureProblems } from '../../../src/validator/rules/narrative-structure';
import { htmlChecks, reviewXhtml } from '../../../src/validator/rules/narrative';
import { narrativeDiv } from '../../fixtures/hostile/hostile-narratives';
import { errorsOf, minimalImagingReference, summary, validator } from '../helpers';

const rules = (inner: string) => structureProblems(readXml(narrativeDiv(inner))).map((p) => p.rule);

describe('narrative structure (namespaces, where blocks may be, HTML 4.0 content models)', () => {
  it('passes the shapes HTML 4.0 allows: blocks in div, li, dd, td, blockquote; text-level content in p, headings, dt', () => {
    expect(rules(
      '<h2>Key <b>images</b></h2><p>Slices <a href="#s">41</a> <span><i>to</i> 43</span><br/></p><ul><li><p>x</p><table><tr><td>y</td></tr></table></li></ul>' +
        '<dl><dt><b>Size</b></dt><dd><div>9 mm</div><ul><li>x</li></ul></dd></dl><table><caption>c</caption><colgroup><col/></colgroup><thead><tr><th>h</th></tr></thead>' +
        '<tbody><tr><td><div><p>z</p></div></td></tr></tbody></table><blockquote><p>q</p></blockquote><div><div><hr/></div></div>',
    )).to.deep.equal([]);
  });

  it('reports every block-level element inside a p (HTML 4.0 §9.3.1), at any depth', () => {
    for (const block of ['div', 'p', 'h1', 'h6', 'ul', 'ol', 'dl', 'pre', 'hr', 'blockquote', 'table']) {
      const inner = block === 'hr' ? '<hr/>' : block === 'ul' || block === 'ol' ? `<${block}><li>x</li></${block}>` : block === 'dl' ? '<dl><dt>x</dt></dl>' : block === 'table' ? '<table><tr><td>x</td></tr></table>' : `<${block}>x</${block}>`;
      expect(rules(`<p>a<span>${inner}</span></p>`), block).to.deep.equal(['XHTML_XHTML_ELEMENT_ILLEGAL_IN_PARA']);
    }
  });

  it('reports a block inside a text-level element other than p (XHTML_XHTML_BLOCK_IN_PARA), with both paths', () => {
    const problems = structureProblems(readXml(narrativeDiv('<span>a<table><tr><td>x</td></tr></table></span><h1><div>b</div></h1><dl><dt><p>c</p></dt></dl>')));
    expect(problems.map((p) => p.message)).to.deep.equal([
      'Found block structures inside a paragraph/text element span at div/span: span/table',
      'Found block structures inside a paragraph/text element h1 at div/h1: h1/div',
      'Found block structures inside a paragraph/text element dt at div/dl/dt: dt/p',
    ]);
  });

  it('reports an element in another namespace where that namespace starts, and a root that is not an XHTML div', () => {
    const svg = structureProblems(readXml(narrativeDiv('<p>x<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:g><s:a>y</s:a></s:g></s:svg></p>')));
    expect(svg.map((p) => p.message)).to.deep.equal(["Wrong namespace on the XHTML ('http://www.w3.org/2000/svg', should be 'http://www.w3.org/1999/xhtml'): element <svg>"]);
    expect(structureProblems(readXml('<div><p>x</p></div>')).map((p) => p.rule)).to.deep.equal(['XHTML_XHTML_NS_InValid']);
    expect(structureProblems(readXml('<p xmlns="http://www.w3.org/1999/xhtml">x</p>')).map((p) => p.rule)).to.deep.equal(['XHTML_XHTML_Name_Invalid']);
    // A prefix bound to the XHTML namespace is the XHTML namespace.
    expect(structureProblems(readXml('<h:div xmlns:h="http://www.w3.org/1999/xhtml"><h:p>x</h:p></h:div>'))).to.deep.equal([]);
  });

  it('checks list and table parts and their places, empty elements, and nested links', () => {
    expect(rules('<li>x</li>')).to.deep.equal(['XHTML_XHTML_OUT_OF_PLACE']);
    expect(rules('<table><td>x</td></table>')).to.deep.equal(['XHTML_XHTML_ILLEGAL_CHILDREN', 'XHTML_XHTML_OUT_OF_PLACE']);
    expect(rules('<ul>text<li>x</li></ul>')).to.deep.equal(['XHTML_XHTML_ILLEGAL_CHILDREN']);
    expect(rules('<ul>\n  <li>x</li>\n</ul>')).to.deep.equal([]);
    expect(rules('<p>a<br>b</br></p>')).to.deep.equal(['XHTML_XHTML_NO_CHILDREN']);
    expect(rules('<p><a href="#a">x<b><a href="#b">y</a></b></a></p>')).to.deep.equal(['XHTML_XHTML_NO_RECURSION']);
    // Other text-level elements may nest (b in b is HTML 4.0 %inline).
    expect(rules('<p><b>x<b>y</b></b></p>')).to.deep.equal([]);
  });

  it('reports these problems with their HL7 ids, without failing txt-1 (htmlChecks) for them; a wrong namespace fails it', () => {
    const blockInP = narrativeDiv('<p>a<div>b</div></p>');
    expect(htmlChecks(blockInP)).to.equal(true);
    const issues = validator().issues({ ...minimalImagingReference(), text: { status: 'generated', div: blockInP } });
    expect(errorsOf(issues).map((i) => `${i.rule} ${i.expression}`), summary(issues)).to.deep.equal(['XHTML_XHTML_ELEMENT_ILLEGAL_IN_PARA ImagingReference.text.div']);
    expect(htmlChecks(narrativeDiv('<p>a<s:b xmlns:s="http://www.w3.org/2000/svg">b</s:b></p>'))).to.equal(false);
    expect(reviewXhtml(narrativeDiv('<a href="a b">x</a>')).structure.map((p) => p.rule)).to.deep.equal(['XHTML_URL_INVALID']);
  });

  it('judges the namespaces an XML narrative had: a div left in the FHIR namespace, an SVG element inside', () => {
    const xml = (div: string) => `<Patient xmlns="http://hl7.org/fhir"><text><status value="generated"/>${div}</text></Patient>`;
    const rulesOf = (div: string) => errorsOf(validator().issues(xml(div), { format: 'xml' })).map((i) => i.rule);
    expect(rulesOf('<div><p>x</p></div>')).to.include('XHTML_XHTML_NS_InValid');
    expect(rulesOf('<div xmlns="http://www.w3.org/1999/xhtml"><p>x<s:b xmlns:s="http://www.w3.org/2000/svg">y</s:b></p></div>')).to.include('XHTML_XHTML_NS_InValid');
    expect(rulesOf('<h:div xmlns:h="http://www.w3.org/1999/xhtml"><h:p xml:lang="en" lang="en">x</h:p></h:div>')).to.deep.equal([]);
  });
});
