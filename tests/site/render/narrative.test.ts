import { expect } from 'chai';
import { renderNarrative } from '../../../src/site/render/narrative';
import { sanitizeNarrativeHtml } from '../../../src/site/render/sanitize';
import { HOSTILE_NARRATIVES, narrativeDiv } from '../../fixtures/hostile/hostile-narratives';

describe('renderNarrative (the narrative on an example page)', () => {
  it('shows a narrative that passes the rules, written anew as HTML: no self-closed elements, no comments, xml:lang as lang', () => {
    const { html, refused } = renderNarrative(narrativeDiv('<!-- generated --><p xml:lang="en" style="color: red">Key <span/>images<br/><img src="data:image/png;base64,AA" alt="t"/></p>'));
    expect(refused).to.equal(undefined);
    expect(html.value).to.equal('<div class="narrative"><div><p lang="en" style="color:red">Key <span></span>images<br /><img src="data:image/png;base64,AA" alt="t" /></p></div></div>');
  });

  it('writes lang once when the narrative has both lang and xml:lang', () => {
    expect(renderNarrative('<div xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en-GB"><p>x</p></div>').html.value).to.equal('<div class="narrative"><div lang="en"><p>x</p></div></div>');
  });

  it('sanitizes long style values in linear time (a word of 40 letters and a stray character once backtracked exponentially)', () => {
    for (const v of ['a'.repeat(200_000) + '!', '1'.repeat(200_000) + '!', 'a '.repeat(100_000) + '!', '#'.repeat(200_000)]) {
      expect(sanitizeNarrativeHtml(`<div><p style="color: ${v}">x</p></div>`)).to.equal('<div><p>x</p></div>');
    }
    expect(sanitizeNarrativeHtml('<div><p style="color: rgb(1, 2, 3); font-family: \'Open Sans\', sans-serif; margin: 0 4px">x</p></div>')).to.equal('<div><p style="color:rgb(1, 2, 3);font-family:\'Open Sans\', sans-serif;margin:0 4px">x</p></div>');
  });

  it('shows a notice instead of a narrative that fails the rules, and says why', () => {
    for (const h of HOSTILE_NARRATIVES) {
      const { html, refused } = renderNarrative(h.div);
      expect(refused, h.name).to.match(h.says);
      expect(html.value, h.name).to.match(/^<p class="narrative-refused">The narrative of this resource is not shown: it does not pass FHIR's narrative rules \([^<>]*\)\.<\/p>$/);
    }
  });

  it('the sanitizer, the second line, removes from the hostile narratives what could run or escape', () => {
    for (const h of HOSTILE_NARRATIVES) {
      const out = sanitizeNarrativeHtml(h.div);
      expect(out, h.name).to.not.match(/<script|<iframe|<svg|onerror|onload|onmouseover|href="\s*(java|data|vbscript)|position|margin-top:-|<img src="x" onerror/i);
    }
  });
});
