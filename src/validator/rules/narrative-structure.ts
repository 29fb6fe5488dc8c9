import type { XmlElement } from '../parse/xml-reader';

// The shape of narrative XHTML: the namespace of every element, and which elements may hold which.
// The wording and ids are the HL7 validator's (XhtmlValidator), so that both tools say the same.

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

export interface XhtmlProblem {
  /** The HL7 validator's message id. */
  rule: string;
  code: 'invalid' | 'structure';
  message: string;
}

/**
 * Block-level elements of HTML 4.0 (§7.5.3, the %block entity) among those FHIR allows. A narrative
 * is HTML 4.0 "basic html" (FHIR R5 Narrative.div), and in HTML 4.0 "the P element ... cannot contain
 * block-level elements (including P itself)" (§9.3.1): a browser closes the paragraph before each of them.
 */
const BLOCK = new Set(['div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'pre', 'hr', 'blockquote', 'table']);

/**
 * Elements whose content is text-level only (%inline in HTML 4.0, #PCDATA | %inline in XHTML 1.0
 * Strict): besides `p`, the headings, `pre`, `dt`, `caption` and the phrase and font-style elements.
 * (`li`, `dd`, `td`, `th` and `div` may hold blocks.)
 */
const TEXT_LEVEL = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'dt', 'caption',
  'span', 'a', 'b', 'i', 'em', 'strong', 'small', 'big', 'sub', 'sup', 'tt', 'code', 'dfn', 'q', 'var', 'abbr', 'acronym', 'cite', 'samp',
]);

/** HTML 4.0 content models (§10 lists, §11 tables): the children an element may have, and the parents. */
const ONLY_CHILDREN: Record<string, ReadonlySet<string>> = {
  ul: new Set(['li']),
  ol: new Set(['li']),
  dl: new Set(['dt', 'dd']),
  table: new Set(['caption', 'col', 'colgroup', 'thead', 'tfoot', 'tbody', 'tr']),
  thead: new Set(['tr']),
  tfoot: new Set(['tr']),
  tbody: new Set(['tr']),
  tr: new Set(['td', 'th']),
  colgroup: new Set(['col']),
};
const PARENTS: Record<string, string[]> = {
  li: ['ul', 'ol'],
  dt: ['dl'],
  dd: ['dl'],
  tr: ['table', 'thead', 'tfoot', 'tbody'],
  td: ['tr'],
  th: ['tr'],
  thead: ['table'],
  tfoot: ['table'],
  tbody: ['table'],
  caption: ['table'],
  colgroup: ['table'],
  col: ['table', 'colgroup'],
};
/** Elements declared EMPTY in HTML 4.0. */
const EMPTY = new Set(['br', 'hr', 'img', 'col']);

/** What is wrong with the shape of a narrative `div` (already parsed as XML). */
export function structureProblems(root: XmlElement): XhtmlProblem[] {
  const problems: XhtmlProblem[] = [];
  if (root.ns !== XHTML_NS) problems.push(wrongNamespace(root));
  if (root.name !== 'div') problems.push({ rule: 'XHTML_XHTML_Name_Invalid', code: 'invalid', message: `Wrong name on the XHTML ('${root.name}') - must start with div` });
  visit(root, root.name, undefined, false, problems);
  return problems;
}

/**
 * `textLevel` is the path of the nearest ancestor that holds text only, `inParagraph` whether one of
 * the ancestors is a `p`, `link` the path of the enclosing `a`. Elements in another namespace are
 * reported where that namespace starts (not at each descendant), and the HTML rules skip them.
 */
function visit(parent: XmlElement, path: string, textLevel: string | undefined, inParagraph: boolean, problems: XhtmlProblem[], link?: string): void {
  checkChildren(parent, path, problems);
  for (const child of parent.children) {
    if ('text' in child) continue;
    const childPath = `${path}/${child.name}`;
    if (child.ns !== XHTML_NS) {
      if (child.ns !== parent.ns) problems.push(wrongNamespace(child));
      visit(child, childPath, textLevel, inParagraph, problems, link);
      continue;
    }
    const parents = PARENTS[child.name];
    if (parents && !parents.includes(parent.name)) {
      problems.push({ rule: 'XHTML_XHTML_OUT_OF_PLACE', code: 'structure', message: `Elements of type ${child.name} must be in a ${parents.join('|')}, not a ${parent.name} at ${childPath}` });
    }
    // "Nested links are illegal" (HTML 4.0 §12.2.2).
    if (child.name === 'a' && link) problems.push({ rule: 'XHTML_XHTML_NO_RECURSION', code: 'structure', message: `Elements of type a at ${link} cannot contain nested a at a${childPath.slice(link.length)}` });
    if (BLOCK.has(child.name)) {
      if (inParagraph) problems.push({ rule: 'XHTML_XHTML_ELEMENT_ILLEGAL_IN_PARA', code: 'invalid', message: `Invalid element name inside a paragraph in the XHTML ('${child.name}')` });
      else if (textLevel) {
        const name = textLevel.slice(textLevel.lastIndexOf('/') + 1);
        problems.push({ rule: 'XHTML_XHTML_BLOCK_IN_PARA', code: 'structure', message: `Found block structures inside a paragraph/text element ${name} at ${textLevel}: ${name}${childPath.slice(textLevel.length)}` });
      }
    }
    const isTextLevel = TEXT_LEVEL.has(child.name) || child.name === 'p';
    visit(child, childPath, isTextLevel ? childPath : textLevel, inParagraph || child.name === 'p', problems, link ?? (child.name === 'a' ? childPath : undefined));
  }
}

/** An EMPTY element has no content; a list, table or table part holds only its own parts (and white space). */
function checkChildren(e: XmlElement, path: string, problems: XhtmlProblem[]): void {
  if (e.ns !== XHTML_NS) return;
  const content = e.children.filter((c) => !('text' in c) || c.text.trim() !== '');
  if (EMPTY.has(e.name)) {
    if (content.length) problems.push({ rule: 'XHTML_XHTML_NO_CHILDREN', code: 'structure', message: `Elements of type ${e.name} cannot have children` });
    return;
  }
  const allowed = ONLY_CHILDREN[e.name];
  if (!allowed) return;
  const wrong = [...new Set(content.map((c) => ('text' in c ? '@text' : c.name)).filter((n) => !allowed.has(n)))];
  if (wrong.length) problems.push({ rule: 'XHTML_XHTML_ILLEGAL_CHILDREN', code: 'structure', message: `Elements of type ${e.name} at ${path} cannot have the following children: ${wrong.join(',')}` });
}

function wrongNamespace(e: XmlElement): XhtmlProblem {
  return { rule: 'XHTML_XHTML_NS_InValid', code: 'invalid', message: `Wrong namespace on the XHTML ('${e.ns || 'null'}', should be '${XHTML_NS}'): element <${e.name}>` };
}
