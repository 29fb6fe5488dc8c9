import { Marked } from 'marked';
import { highlightCode } from './highlight';

/** Rewrites a relative link, e.g. to point the core definitions' links at the FHIR specification. */
export type LinkResolver = (href: string) => string;

function createMarked(resolveLink?: LinkResolver): Marked {
  return new Marked({
    gfm: true,
    walkTokens(token) {
      if (resolveLink && (token.type === 'link' || token.type === 'image') && !/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(token.href)) {
        token.href = resolveLink(token.href);
      }
    },
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
}

const plain = createMarked();

/**
 * Markdown to HTML: pagecontent, and FHIR `markdown` elements (definitions, comments).
 * GitHub-flavoured, as the IG Publisher's kramdown.
 */
export function renderMarkdown(source: string, resolveLink?: LinkResolver): string {
  return ((resolveLink ? createMarked(resolveLink) : plain).parse(source, { async: false }) as string);
}
