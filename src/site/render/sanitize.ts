import sanitizeHtml from 'sanitize-html';
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS } from '../../validator/rules/narrative';
import { unsafeUrl } from '../../validator/rules/narrative-url';

// The site's second line of defence: markup from a resource or a Markdown text goes through
// sanitize-html with an allowlist, after the first line (the narrative rules, the Markdown
// renderer's own link check) has passed it. Either line alone keeps script out of the page.

/** Links and images go to the web, to mail and phone, or stay relative. */
const SCHEMES = ['http', 'https', 'ftp', 'mailto', 'tel', 'urn'];

/**
 * A CSS value made of words, numbers with units, colours and quoted font names: no negative numbers, no functions but
 * colours. Written so that every token can be read in one way only (no nested repetition over the same characters):
 * a long value costs linear time, not exponential backtracking.
 */
const TOKEN = String.raw`(?:#[0-9a-f]{3,8}|(?:rgba?|hsla?)\([0-9., %]*\)|[a-z][a-z0-9-]*|(?:\d+(?:\.\d+)?|\.\d+)(?:[a-z]{1,4}|%)?|"[\w -]*"|'[\w -]*')`;
const PLAIN_VALUE = new RegExp(String.raw`^ *${TOKEN}(?: *[,/] *${TOKEN}| +${TOKEN})* *$`, 'i');

/** Presentational properties a narrative may set; the ones that place or move content are not among them. */
const STYLE_PROPERTIES = [
  'color', 'background-color', 'font', 'font-family', 'font-size', 'font-style', 'font-variant', 'font-weight',
  'text-align', 'text-decoration', 'text-transform', 'text-indent', 'vertical-align', 'white-space', 'line-height',
  'letter-spacing', 'word-spacing', 'list-style', 'list-style-type', 'border', 'border-collapse', 'border-spacing',
  'border-radius', 'border-color', 'border-style', 'border-width', 'padding', 'margin', 'width', 'height',
  'min-width', 'max-width', 'min-height', 'max-height', 'float', 'clear', 'display',
  ...['top', 'right', 'bottom', 'left'].flatMap((side) => [`border-${side}`, `border-${side}-color`, `border-${side}-style`, `border-${side}-width`, `padding-${side}`, `margin-${side}`]),
];

const NARRATIVE: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_ELEMENTS],
  allowedAttributes: { '*': [...[...ALLOWED_ATTRIBUTES].filter((a) => !a.includes(':')), 'data-*'] },
  allowedSchemes: SCHEMES,
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'longdesc'],
  allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [PLAIN_VALUE]])) },
  // sanitize-html allows a scheme for all of `data:`; an image may only be a raster one (no SVG).
  transformTags: {
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return { tagName, attribs: src === undefined || unsafeUrl(src, 'img', 'src') ? rest : attribs };
    },
  },
  disallowedTagsMode: 'discard',
};

const MARKDOWN: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'span', 'del', 'input', 'h1', 'h2'],
  allowedAttributes: {
    a: ['href', 'title', 'id'],
    img: ['src', 'alt', 'title'],
    input: ['type', 'checked', 'disabled'],
    th: ['align'],
    td: ['align'],
    '*': ['id', 'class'],
  },
  allowedSchemes: SCHEMES,
  allowedSchemesByTag: { img: ['http', 'https'] },
  // GitHub task lists are the only inputs Markdown makes.
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
  disallowedTagsMode: 'discard',
};

/** A narrative's HTML (already past the narrative rules), with anything outside FHIR's basic HTML removed. */
export function sanitizeNarrativeHtml(markup: string): string {
  return sanitizeHtml(markup, NARRATIVE);
}

/** Markdown rendered to HTML, with raw HTML and links reduced to what a page of text needs. */
export function sanitizeMarkdownHtml(markup: string): string {
  return sanitizeHtml(markup, MARKDOWN);
}
