import { expect } from 'chai';
import { renderMarkdown } from '../../../src/site/render/markdown';
import { HOSTILE_MARKDOWN } from '../../fixtures/hostile/hostile-markdown';

describe('renderMarkdown (pages, descriptions, definitions)', () => {
  const out = renderMarkdown(HOSTILE_MARKDOWN);

  it('drops raw script, handlers, frames, forms, SVG and style elements', () => {
    for (const bad of ['<script', 'onerror', 'onload', '<iframe', '<form', '<svg', '<style', 'password', 'position:fixed']) expect(out, bad).to.not.contain(bad);
  });

  it('shows a link to a script URL as its text, however the scheme is written (tab, newline, entity, angle brackets, reference)', () => {
    expect(out).to.not.match(/href="\s*(java|data|JAVA)/i);
    for (const text of ['plain link', 'tab link', 'data link', 'angle link', 'reference link']) expect(out).to.contain(`<span class="link-refused">${text}</span>`);
    expect(out).to.contain('<a>HTML link</a>'); // raw HTML: the sanitizer removed the href
    expect(out).to.contain('alt');
    expect(out).to.not.contain('<img src="javascript');
  });

  it('keeps what Markdown is for: headings with their ids, links to the web, code, tables, task lists', () => {
    expect(out).to.contain('<h1 id="hostile-page">Hostile page</h1>');
    expect(out).to.contain('<a href="https://hl7.org/fhir/R5/">good link</a>');
    expect(out).to.contain('<code>code</code>');
    const table = renderMarkdown('| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n\n```json\n{"a": 1}\n```\n');
    expect(table).to.contain('<th align="left">a</th>');
    expect(table).to.match(/<input (checked="" disabled=""|disabled="" checked="") type="checkbox" \/>|<input[^>]*type="checkbox"/);
    expect(table).to.contain('<pre class="code"><code class="hljs"><span class="hljs-punctuation">{</span>');
  });

  it('resolves relative links and leaves the result sanitized', () => {
    expect(renderMarkdown('[x](datatypes.html#id) [y](javascript:alert(1))', (href) => `http://hl7.org/fhir/R5/${href}`)).to.equal('<p><a href="http://hl7.org/fhir/R5/datatypes.html#id">x</a> <span class="link-refused">y</span></p>\n');
  });
});
