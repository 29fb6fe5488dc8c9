import { expect } from 'chai';
import { htmlChecks, reviewXhtml } from '../../../src/validator/rules/narrative';
import { unsafeStyle } from '../../../src/validator/rules/narrative-style';
import { unsafeUrl, urlScheme } from '../../../src/validator/rules/narrative-url';
import { HOSTILE_NARRATIVES, narrativeDiv } from '../../fixtures/hostile/hostile-narratives';
import { errorsOf, minimalImagingReference, summary, validator } from '../helpers';

describe('narrative rules (txt-1, txt-2)', () => {
  describe('every hostile narrative fails txt-1 and htmlChecks()', () => {
    for (const h of HOSTILE_NARRATIVES) {
      it(h.name, () => {
        const review = reviewXhtml(h.div);
        expect([review.syntax ?? '', ...review.structure.map((p) => p.message), ...review.unsafe].join('; ')).to.match(h.says);
        expect(htmlChecks(h.div)).to.equal(false);
        const issues = validator().issues({ ...minimalImagingReference(), text: { status: 'generated', div: h.div } });
        expect(errorsOf(issues).some((i) => i.expression === 'ImagingReference.text.div' && ['security', 'invalid'].includes(i.code)), summary(issues)).to.equal(true);
      });
    }
  });

  it('passes the narrative FHIR allows: basic HTML, links, raster data: images, presentational style, plain comments, xml:lang', () => {
    const div = narrativeDiv(
      '<!-- generated --><p xml:lang="en" style="color: #333; font-weight: bold; margin: 0 4px; position: static">Key images <a href="https://pacs.example.org/x?a=1&amp;b=2">viewer</a>, <a href="Patient/p1">patient</a>, <a href="#s">section</a>, <a href="mailto:r@example.org">mail</a></p>' +
        '<table class="grid"><tr><td data-fhir="x"><img src="data:image/png;base64,iVBORw0KGgo=" alt="thumbnail"/></td></tr></table>',
    );
    expect(reviewXhtml(div)).to.deep.equal({ structure: [], unsafe: [], empty: false, links: [{ element: 'a', target: 's', at: 'div/p/a', text: 'section' }] });
    expect(htmlChecks(div)).to.equal(true);
  });

  it('reads URL schemes as a browser does: entities decoded, tabs, newlines, controls and invisible characters dropped, case folded', () => {
    expect(urlScheme('java\tscript:x')).to.equal('javascript');
    expect(urlScheme(' \u0001JaVa\nScRiPt:x')).to.equal('javascript');
    expect(urlScheme('java\u200bscript:x')).to.equal('javascript');
    expect(urlScheme('Patient/1')).to.equal(undefined);
    expect(urlScheme('https://x.org')).to.equal('https');
    expect(unsafeUrl('data:image/png;base64,AA', 'img', 'src')).to.equal(undefined);
    expect(unsafeUrl('data:image/png;base64,AA', 'a', 'href')).to.match(/data: URL/);
    expect(unsafeUrl('DATA:image/svg+xml,<svg/>', 'img', 'src')).to.match(/data: URL/);
    expect(unsafeUrl('urn:uuid:1', 'a', 'href')).to.equal(undefined);
  });

  it('refuses style that places content over the page or loads something, and keeps presentational style', () => {
    for (const s of ['position: absolute', 'POSITION:FIXED', 'position: sticky', 'top: 0', 'z-index: 10', 'transform: translate(0, -100px)', 'inset: 0', 'margin: 0 -10px', 'background: url("javascript:alert(1)")', 'background-image: url(data:image/svg+xml,x)', 'width: expression(alert(1))', 'behavior: url(x.htc)', 'posi\\74ion: fixed', 'color: red; /* */ position: fixed']) {
      expect(unsafeStyle(s), s).to.be.a('string');
    }
    for (const s of ['color: red', 'background-color: rgb(230, 230, 255)', 'border: 1px solid #661aff; padding: 10px', 'text-decoration: line-through', 'position: relative', 'margin: 0 auto', 'width: 50%', 'background-image: url(tbl_bck1.png)']) {
      expect(unsafeStyle(s), s).to.equal(undefined);
    }
  });

  it('passes lang with xml:lang on one element, as HL7\'s generated narratives have them', () => {
    expect(reviewXhtml('<div xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en"><p>x</p></div>').unsafe).to.deep.equal([]);
  });

  it('reads a long style in linear time (a 200 KB run of spaces once took quadratic time in the !important check)', () => {
    for (const v of [' '.repeat(200_000) + 'x', 'url('.repeat(50_000), 'url(' + ' '.repeat(200_000)]) expect(unsafeStyle(`color: ${v}`)).to.equal(undefined);
  });

  it('keeps both attributes when two share a local name, so a namespaced one cannot hide behind a plain one', () => {
    const review = reviewXhtml(narrativeDiv('<a xmlns:x="http://www.w3.org/1999/xlink" x:href="javascript:alert(1)" href="#ok">go</a>'));
    expect(review.unsafe.join(';')).to.match(/x:href/);
  });
});
