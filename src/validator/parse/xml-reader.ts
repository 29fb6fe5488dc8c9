import { SaxesParser } from 'saxes';
import type { Position } from './source-map';

/** An XML element: namespace, local name, attributes by local name, children in order. */
export interface XmlElement {
  ns: string;
  name: string;
  attributes: Map<string, { ns: string; value: string }>;
  children: XmlNode[];
  position: Position;
}

/**
 * Text, or markup kept so that a document can be written back as it came (a narrative must be
 * judged the same in XML as in JSON): a CDATA section is text marked `cdata`; a comment inside an
 * element is an empty text carrying the `comment`.
 */
export type XmlNode = XmlElement | XmlText;
export interface XmlText {
  text: string;
  cdata?: true;
  comment?: string;
}

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
  constructor(message: string, readonly position: Position) {
    super(message);
  }
}

export const MAX_XML_DEPTH = 200;

/** Markup that the tree leaves out or flattens to text, for callers that must refuse it (narrative). */
export interface XmlReadOptions {
  /** A CDATA section: its text is a text node in the tree. */
  onCdata?(text: string, position: Position): void;
  /** A comment: not in the tree. */
  onComment?(text: string, position: Position): void;
  /** The XML declaration (`<?xml version="1.0" encoding="…"?>`), when the document has one. */
  onXmlDeclaration?(declaration: { version?: string; encoding?: string }, position: Position): void;
}

/**
 * Reads an XML document safely: a DOCTYPE is refused outright, so no external entity is ever
 * fetched and no entity is ever expanded (billion-laughs inputs stop at the declaration); only
 * the five predefined entities and character references are understood. Nesting is bounded.
 */
export function readXml(text: string, options: XmlReadOptions = {}): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: XmlSyntaxError | undefined;
  const here = (): Position => ({ line: parser.line, col: parser.column });
  const fail = (message: string): never => {
    throw new XmlSyntaxError(message, here());
  };
  // The declaration can only open the document (after a byte order mark).
  parser.on('xmldecl', (decl) => options.onXmlDeclaration?.({ version: decl.version, encoding: decl.encoding }, { line: 1, col: 1 }));
  parser.on('doctype', () => fail('XML with a DOCTYPE is not allowed in FHIR (DTDs and entities are refused)'));
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() !== 'xml') fail(`processing instruction <?${pi.target}?> is not allowed`);
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_XML_DEPTH) fail(`nesting deeper than ${MAX_XML_DEPTH} levels`);
    const attributes = new Map<string, { ns: string; value: string }>();
    const qualified = new Map<string, string>();
    for (const a of Object.values(tag.attributes) as any[]) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      const value = { ns: a.uri ?? '', value: a.value };
      const other = attributes.get(a.local);
      if (!other) {
        attributes.set(a.local, value);
        qualified.set(a.local, a.name);
      } else if (a.prefix) {
        // Two attributes with one local name (`href` and `x:href`): both are kept, the prefixed one under its qualified name.
        attributes.set(a.name, value);
      } else {
        attributes.set(qualified.get(a.local)!, other);
        attributes.set(a.local, value);
      }
    }
    const element: XmlElement = { ns: tag.uri ?? '', name: tag.local ?? tag.name, attributes, children: [], position: here() };
    if (stack.length) stack[stack.length - 1].children.push(element);
    else if (root) fail('more than one root element');
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].children.push({ text: t });
    else if (t.trim()) fail('text outside the root element');
  });
  parser.on('cdata', (t) => {
    options.onCdata?.(t, here());
    if (stack.length) stack[stack.length - 1].children.push({ text: t, cdata: true });
  });
  parser.on('comment', (t) => {
    options.onComment?.(t, here());
    if (stack.length) stack[stack.length - 1].children.push({ text: '', comment: t });
  });
  // The first error ends the read: saxes would go on, and on broken input report an error per
  // character (a 70 KB file took 300 ms to fail).
  parser.on('error', (e) => {
    failure ??= new XmlSyntaxError(`XML syntax error: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`, here());
    throw failure;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw e;
    throw failure ?? new XmlSyntaxError(`XML syntax error: ${(e as Error).message}`, here());
  }
  if (failure) throw failure;
  if (!root) throw new XmlSyntaxError('the document has no root element', here());
  return root;
}

/** The text content of an element and its descendants. */
export function textOf(node: XmlNode): string {
  if ('text' in node) return node.text;
  return node.children.map(textOf).join('');
}
