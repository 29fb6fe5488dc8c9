// Internal links of a narrative: `a/@href` and `img/@src` of the form `#x` point at something in the resource
// (an element or contained resource with id x, or a narrative element with that id or anchor name). The
// narrative "may contain references to … other parts of the resource" by fragment (https://hl7.org/fhir/R5/narrative.html#id);
// one that points at nothing is a broken link, an error in the HL7 validator (Type_Specific_Checks_DT_XHTML_Resolve).
import type { XmlElement } from '../parse/xml-reader';

export interface InternalLink {
  element: 'a' | 'img';
  /** The fragment without its `#`. */
  target: string;
  /** Where in the div, as the HL7 validator writes it: `div/p/a`. */
  at: string;
  /** The link's text (for an `a`). */
  text: string;
}

/** The `#x` links and images of a parsed div (`#` alone, the top of the page, is none). */
export function internalLinks(root: XmlElement): InternalLink[] {
  const found: InternalLink[] = [];
  const walk = (e: XmlElement, at: string) => {
    const attr = e.name === 'a' ? 'href' : e.name === 'img' ? 'src' : undefined;
    const value = attr && e.attributes.get(attr)?.value;
    if (value && value.length > 1 && value.startsWith('#')) found.push({ element: e.name as 'a' | 'img', target: value.slice(1), at, text: textOf(e).replace(/\s+/g, ' ').trim() });
    for (const c of e.children) if (!('text' in c)) walk(c, `${at}/${c.name}`);
  };
  walk(root, root.name);
  return found;
}

function textOf(e: XmlElement): string {
  return e.children.map((c) => ('text' in c ? c.text : textOf(c))).join('');
}
