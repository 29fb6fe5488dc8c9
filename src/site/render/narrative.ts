import { html, raw, escapeHtml, type Html } from '../html';
import { htmlChecks, notXhtml, reviewXhtml } from '../../validator/rules/narrative';
import { readXml, type XmlNode } from '../../validator/parse/xml-reader';
import { sanitizeNarrativeHtml } from './sanitize';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Elements of FHIR's basic HTML that have no end tag in HTML. */
const VOID = new Set(['br', 'hr', 'img', 'col']);

/**
 * A resource's narrative for a page: shown only when it passes the narrative rules (txt-1, txt-2),
 * and then written anew from its parsed XHTML tree (so that what HTML parses is what XML parsed:
 * no CDATA, no comments, no self-closed `<span/>`), then sanitized. A narrative that fails is not
 * shown; a notice says why.
 */
export function renderNarrative(div: string): { html: Html; refused?: string } {
  if (!htmlChecks(div)) {
    const review = reviewXhtml(div);
    const refused = [review.syntax, ...notXhtml(review), ...review.unsafe, review.empty ? 'no content' : undefined].filter(Boolean).join('; ');
    return { html: html`<p class="narrative-refused">The narrative of this resource is not shown: it does not pass FHIR's narrative rules (${refused}).</p>`, refused };
  }
  return { html: raw(`<div class="narrative">${sanitizeNarrativeHtml(toHtml(readXml(div)))}</div>`) };
}

function toHtml(node: XmlNode): string {
  if ('text' in node) return escapeHtml(node.text);
  // xml:lang is HTML's lang; when an element has both, lang stands.
  const attributes = [...node.attributes]
    .filter(([name, a]) => !(a.ns === XML_NS && node.attributes.has('lang') && name !== 'lang'))
    .map(([name, a]) => ` ${a.ns === XML_NS ? 'lang' : name}="${escapeHtml(a.value)}"`)
    .join('');
  if (VOID.has(node.name)) return `<${node.name}${attributes}>`;
  return `<${node.name}${attributes}>${node.children.map(toHtml).join('')}</${node.name}>`;
}
