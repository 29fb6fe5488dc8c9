import { Marked } from 'marked';
import { unsafeUrl } from '../../validator/rules/narrative-url';
import { escapeHtml } from '../html';
import { highlightCode } from './highlight';
import { sanitizeMarkdownHtml } from './sanitize';

/** Rewrites a relative link, e.g. to point the core definitions' links at the FHIR specification. */
export type LinkResolver = (href: string) => string;

/**
 * Why a Markdown link target may not become a link: a script scheme (`javascript:`, `data:`…),
 * read as a browser reads it. marked leaves character references in the target (the browser
 * decodes them), so one before the path (`java&#9;script:`) is refused as it is: no scheme has one.
 */
function refusedLink(href: string, element: 'a' | 'img'): boolean {
  if (!href.startsWith('#') && /&[#a-z0-9]+;?/i.test(href.split(/[/?]/)[0])) return true;
  return unsafeUrl(href, element, element === 'a' ? 'href' : 'src') !== undefined;
}

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
        const id = text.toLowerCase().replace(/<[^<>]*>/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      // A link with a script target is shown as its text; an image as its alt text.
      link({ href, tokens }) {
        return refusedLink(href, 'a') ? `<span class="link-refused">${this.parser.parseInline(tokens)}</span>` : false;
      },
      image({ href, text }) {
        return refusedLink(href, 'img') ? escapeHtml(text) : false;
      },
    },
  });
}

const plain = createMarked();

/**
 * Markdown to HTML: pagecontent, and FHIR `markdown` elements (definitions, comments).
 * GitHub-flavoured, as the IG Publisher's kramdown. Raw HTML in the Markdown is kept only as far
 * as the sanitizer allows (text formatting, tables, links to the web): no script, no handlers.
 */
export function renderMarkdown(source: string, resolveLink?: LinkResolver): string {
  return sanitizeMarkdownHtml((resolveLink ? createMarked(resolveLink) : plain).parse(source, { async: false }) as string);
}
