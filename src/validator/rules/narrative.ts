import type { IssueCollector, Site } from '../outcome/issue-collector';
import { readXml, XmlSyntaxError, type XmlElement, type XmlNode } from '../parse/xml-reader';
import { resolvesFragment } from './internal-targets';
import { internalLinks, type InternalLink } from './narrative-links';
import { structureProblems, type XhtmlProblem } from './narrative-structure';
import { unsafeStyle } from './narrative-style';
import { unsafeUrl, URL_ATTRIBUTES } from './narrative-url';
import { invalidUrl } from './narrative-url-syntax';
import type { ValidatorRule, ValueEvent, Walk } from './rule';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** The elements FHIR narrative may use (FHIR R5 §2.4.0.1 Narrative, "basic html"). */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set(
  'a abbr acronym b big blockquote br caption cite code col colgroup dd dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img li ol p pre q samp small span strong sub sup table tbody td tfoot th thead tr tt ul var'.split(' '),
);
export const ALLOWED_ATTRIBUTES: ReadonlySet<string> = new Set(
  'abbr accesskey align alt axis bgcolor border cellhalign cellpadding cellspacing cellvalign char charoff charset cite class colspan compact coords dir frame headers height href hreflang hspace id lang longdesc name nowrap rel rev rowspan rules scope shape span src start style summary tabindex title type valign value vspace width xml:lang'.split(' '),
);

function narrative(e: ValueEvent, w: Walk): void {
  const obj = e.value as Record<string, unknown>;
  if (typeof obj.div !== 'string') return;
  const expression = `${e.expression}.div`;
  const site = { container: obj, key: 'div' };
  checkNarrativeDiv(obj.div, expression, site, w.out);
  for (const link of reviewXhtml(obj.div).links) {
    if (resolvesFragment(e.frame, link.target)) continue;
    if (link.element === 'a') w.out.add('error', 'invalid', `Hyperlink '#${link.target}' at '${link.at}' for '${link.text}' does not resolve`, expression, site, 'Type_Specific_Checks_DT_XHTML_Resolve');
    else w.out.add('error', 'invalid', `Image source '#${link.target}' at '${link.at}' does not resolve`, expression, site, 'Type_Specific_Checks_DT_XHTML_Resolve_Img');
  }
}

export const narrativeRule: ValidatorRule = {
  name: 'narrative',
  ids: ['txt-xhtml', 'XHTML_XHTML_NS_InValid', 'XHTML_XHTML_Name_Invalid', 'XHTML_XHTML_ELEMENT_ILLEGAL_IN_PARA', 'XHTML_XHTML_BLOCK_IN_PARA', 'XHTML_XHTML_OUT_OF_PLACE', 'XHTML_XHTML_ILLEGAL_CHILDREN', 'XHTML_XHTML_NO_CHILDREN', 'XHTML_XHTML_NO_RECURSION', 'XHTML_URL_INVALID', 'txt-1', 'txt-2', 'Type_Specific_Checks_DT_XHTML_Resolve', 'Type_Specific_Checks_DT_XHTML_Resolve_Img'],
  checks: 'Narrative.div is a well-formed XHTML div, every element in the XHTML namespace, blocks only where HTML allows, only the allowed elements and attributes, valid and safe URLs, internal links that resolve, no unsafe style, some content',
  spec: 'https://hl7.org/fhir/R5/narrative.html',
  hooks: { type: { Narrative: narrative } },
};

/**
 * Narrative.div is XHTML that viewers render: it must be a well-formed `div` with every element in
 * the XHTML namespace, blocks only where HTML allows them, valid link and image URLs, only the
 * allowed elements and attributes (so no script, no event handlers), no script URLs, no CDATA or
 * comments with markup, no style that places content over the page, and some text or an image (txt-1, txt-2).
 */
export function checkNarrativeDiv(div: string, expression: string, site: Site, out: IssueCollector): void {
  const review = reviewXhtml(div);
  if (review.syntax) out.add('error', 'invalid', `the narrative is not well-formed XHTML: ${review.syntax}`, expression, site, 'txt-xhtml');
  for (const p of review.structure) out.add('error', p.code, p.message, expression, site, p.rule);
  for (const p of review.unsafe) out.add('error', 'security', `unsafe narrative: ${p}`, expression, site, 'txt-1');
  if (review.empty) out.add('error', 'invariant', 'the narrative has no content (txt-2: some non-whitespace text or an image is required)', expression, site, 'txt-2');
}

export interface XhtmlReview {
  syntax?: string;
  /** Namespaces, nesting and URL syntax, each with the HL7 validator's message id. */
  structure: XhtmlProblem[];
  unsafe: string[];
  empty: boolean;
  /** Its `#x` links and images (rules/narrative-links). */
  links: InternalLink[];
}

const reviews = new Map<string, XhtmlReview>();

/** What is wrong with a narrative div; the last results are kept, as the same div is asked about by txt-1 and txt-2. */
export function reviewXhtml(div: string): XhtmlReview {
  let review = reviews.get(div);
  if (review) return review;
  let root: XmlElement;
  // An HTML parser, which is what most viewers use, reads CDATA and some comments differently from
  // XML: `<![CDATA[ > <img onerror=…> ]]>` and `<!--><img onerror=…>-->` are text or a comment to
  // XML but an image with a handler to HTML. So CDATA is refused, and so is a comment with < or > in it.
  const hidden: string[] = [];
  try {
    root = readXml(div, {
      onCdata: () => hidden.push('CDATA section (not allowed in a narrative; an HTML viewer reads its content as markup)'),
      onComment: (text) => {
        if (/[<>]/.test(text)) hidden.push('comment with markup in it (an HTML viewer may read it as markup)');
      },
    });
    review = { structure: structureProblems(root), unsafe: hidden, empty: false, links: div.includes('"#') || div.includes("'#") ? internalLinks(root) : [] };
    visit(root, review.unsafe, review.structure);
    review.empty = !hasContent(root);
  } catch (e) {
    review = { syntax: e instanceof XmlSyntaxError ? e.message : String(e), structure: [], unsafe: [], empty: false, links: [] };
  }
  if (reviews.size > 64) reviews.clear();
  reviews.set(div, review);
  return review;
}

/**
 * The structure problems that htmlChecks() fails on: markup that is not XHTML at all (an SVG `<a>`
 * is SVG to a browser). Misplaced blocks and malformed URLs have rules of their own, as in the HL7 validator.
 */
const NOT_XHTML = new Set(['XHTML_XHTML_NS_InValid', 'XHTML_XHTML_Name_Invalid']);

/** Why a narrative is not an XHTML div: its problems that htmlChecks() fails on. */
export function notXhtml(review: XhtmlReview): string[] {
  return review.structure.filter((p) => NOT_XHTML.has(p.rule)).map((p) => p.message);
}

/** FHIRPath htmlChecks() (txt-1, txt-2): well-formed XHTML, a div, only safe elements and attributes, some content. */
export function htmlChecks(div: string): boolean {
  const r = reviewXhtml(div);
  return !r.syntax && notXhtml(r).length === 0 && r.unsafe.length === 0 && !r.empty;
}

function visit(e: XmlElement, problems: string[], structure: XhtmlProblem[]): void {
  // (An element in another namespace, such as `<svg:a xmlns:svg="…">`, which a browser reads as SVG, is a structure problem.)
  if (!ALLOWED_ELEMENTS.has(e.name)) problems.push(`element <${e.name}> is not allowed`);
  for (const [name, attr] of e.attributes) {
    const lower = name.toLowerCase();
    if (lower.startsWith('on')) problems.push(`event-handler attribute ${name} on <${e.name}>`);
    else if (attr.ns && !(attr.ns === XML_NS && (name === 'lang' || name === 'xml:lang'))) problems.push(`attribute ${name} in namespace ${attr.ns} on <${e.name}> is not allowed`);
    // data-* attributes carry no behaviour; HL7's own generated narratives use data-fhir.
    else if (!ALLOWED_ATTRIBUTES.has(lower) && !lower.startsWith('data-')) problems.push(`attribute ${name} on <${e.name}> is not allowed`);
    const url = URL_ATTRIBUTES.has(lower) ? unsafeUrl(attr.value, e.name, lower) : undefined;
    if (url) problems.push(url);
    // Links and images must be URLs; the HL7 validator checks these two attributes only.
    const invalid = !attr.ns && ((e.name === 'a' && name === 'href') || (e.name === 'img' && name === 'src')) ? invalidUrl(attr.value) : undefined;
    if (invalid) structure.push({ rule: 'XHTML_URL_INVALID', code: 'invalid', message: `The URL is not valid (${invalid}): ${attr.value}` });
    const style = lower === 'style' ? unsafeStyle(attr.value) : undefined;
    if (style) problems.push(`${style} on <${e.name}>`);
  }
  for (const c of e.children) if (!('text' in c)) visit(c, problems, structure);
}

function hasContent(node: XmlNode): boolean {
  if ('text' in node) return node.text.trim().length > 0;
  if (node.name === 'img') return true;
  return node.children.some(hasContent);
}
