import { Marked } from 'marked';
import { highlightCode } from './highlight';

/** Markdown to HTML: pagecontent, and FHIR `markdown` elements (definitions, comments). GitHub-flavoured, as the IG Publisher's kramdown. */
const marked = new Marked({
  gfm: true,
  renderer: {
    code({ text, lang }) {
      return `<pre class="code"><code class="hljs">${highlightCode(text, lang)}</code></pre>\n`;
    },
    heading({ tokens, depth, text }) {
      const id = text.toLowerCase().replace(/<[^>]*>/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
  },
});

export function renderMarkdown(source: string): string {
  return marked.parse(source, { async: false }) as string;
}
