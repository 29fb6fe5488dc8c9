import { anchorId, escapeHtml } from '../html';
import type { TypeLinker } from './type-links';
import { cardinality, elementId, elementName, ownConstraints, type ElementDefinition, type StructureDefinitionJson } from './element-definition';
import { ownElements } from './element-details';

/** A UML class of the diagram: the resource itself or one of its backbone elements. */
interface ClassBox {
  element: ElementDefinition;
  name: string;
  stereotype: string;
  attributes: { element: ElementDefinition; text: string }[];
  children: ClassBox[];
  x: number;
  y: number;
  width: number;
  height: number;
}

const FONT = 12;
const CHAR = FONT * 0.6; // monospace advance, so that box widths are exact
const LINE = 17;
const PAD = 8;
const GAP_X = 150;
const GAP_Y = 24;
/** The FHIR UML suffixes of a binding's strength. */
const BINDING_MARK: Record<string, string> = { required: '!', extensible: '+', preferred: '', example: '?' };

/**
 * The FHIR specification's UML view of a definition, as SVG: one box per class (the resource
 * and each backbone element) listing its attributes `name : Type [min..max]` with invariant keys,
 * and a composition line with role and cardinality to each backbone class. Names link to the
 * detailed descriptions; the SVG is inline, so it needs no script and no server.
 */
export function renderDiagram(sd: StructureDefinitionJson, linker: TypeLinker): string {
  const elements = ownElements(sd);
  if (!elements.length) return '';
  const root = buildClass(elements[0], elements, sd, linker, sd.kind === 'resource' ? sd.baseDefinition?.split('/').pop() ?? 'Resource' : sd.type);
  layout(root, 10, 10);
  const boxes = flatten(root);
  const width = Math.max(...boxes.map((b) => b.x + b.width)) + 10;
  const height = Math.max(...boxes.map((b) => b.y + b.height)) + 10;
  const parts: string[] = [];
  for (const box of boxes) parts.push(drawBox(box));
  for (const box of boxes) for (const child of box.children) parts.push(drawLink(box, child));
  return `<svg xmlns="http://www.w3.org/2000/svg" class="uml" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="UML diagram of ${escapeHtml(sd.name)}" font-family="monospace" font-size="${FONT}">\n${parts.join('\n')}\n</svg>`;
}

function buildClass(element: ElementDefinition, all: ElementDefinition[], sd: StructureDefinitionJson, linker: TypeLinker, stereotype: string): ClassBox {
  const depth = element.path.split('.').length;
  const direct = all.filter((e) => e.path.startsWith(`${element.path}.`) && e.path.split('.').length === depth + 1);
  const isClass = (e: ElementDefinition) => (e.type ?? []).some((t) => t.code === 'BackboneElement' || t.code === 'Element') && all.some((c) => c.path.startsWith(`${e.path}.`));
  const attributes = direct.filter((e) => !isClass(e)).map((e) => {
    const keys = ownConstraints(e, sd.url).map((c) => c.key);
    const flags = `${e.isModifier ? ' ?!' : ''}${e.isSummary ? ' Σ' : ''}`;
    const binding = e.binding?.valueSet ? ` « ${linker.canonicalName(e.binding.valueSet)}${BINDING_MARK[e.binding.strength ?? ''] ?? ''} »` : '';
    return { element: e, text: `${elementName(e)}${flags} : ${linker.typesText(e.type)} [${cardinality(e) || '?'}]${binding}${keys.length ? ` « ${keys.join(', ')} »` : ''}` };
  });
  const children = direct.filter(isClass).map((e) => buildClass(e, all, sd, linker, 'BackboneElement'));
  const name = element.path.split('.').length === 1 ? element.path : capitalize(elementName(element));
  const longest = Math.max(name.length, stereotype.length + 4, ...attributes.map((a) => a.text.length));
  const width = Math.ceil(longest * CHAR + 2 * PAD);
  const height = 2 * LINE + PAD + Math.max(1, attributes.length) * LINE + PAD;
  return { element, name, stereotype, attributes, children, x: 0, y: 0, width, height };
}

/** Children to the right of their parent, stacked downwards. Returns the bottom edge used. */
function layout(box: ClassBox, x: number, y: number): number {
  box.x = x;
  box.y = y;
  let bottom = y + box.height;
  let childY = y;
  for (const child of box.children) {
    const used = layout(child, x + box.width + GAP_X, childY);
    childY = used + GAP_Y;
    bottom = Math.max(bottom, used);
  }
  return bottom;
}

function flatten(box: ClassBox): ClassBox[] {
  return [box, ...box.children.flatMap(flatten)];
}

function drawBox(box: ClassBox): string {
  const { x, y, width } = box;
  const header = 2 * LINE + PAD / 2;
  const lines = [
    `<g class="class" id="uml-${anchorId(elementId(box.element))}">`,
    `<rect x="${x}" y="${y}" width="${width}" height="${box.height}" fill="#fefce7" stroke="#8a8a8a"/>`,
    `<text x="${x + width / 2}" y="${y + LINE}" text-anchor="middle" font-style="italic" fill="#444">«${escapeHtml(box.stereotype)}»</text>`,
    `<a href="#def-${anchorId(elementId(box.element))}"><text x="${x + width / 2}" y="${y + 2 * LINE - 2}" text-anchor="middle" font-weight="bold" fill="#1a5b8c">${escapeHtml(box.name)}</text></a>`,
    `<line x1="${x}" y1="${y + header}" x2="${x + width}" y2="${y + header}" stroke="#8a8a8a"/>`,
  ];
  box.attributes.forEach((a, i) => {
    const ty = y + header + (i + 1) * LINE;
    const title = escapeHtml(a.element.short ?? '');
    lines.push(`<a href="#def-${anchorId(elementId(a.element))}"><text x="${x + PAD}" y="${ty}" fill="#222"><title>${title}</title>${escapeHtml(a.text)}</text></a>`);
  });
  lines.push('</g>');
  return lines.join('\n');
}

/** A composition: a filled diamond at the parent, the role name and cardinality at the child. */
function drawLink(parent: ClassBox, child: ClassBox): string {
  const x1 = parent.x + parent.width;
  const y1 = parent.y + 2 * LINE + PAD;
  const x2 = child.x;
  const y2 = child.y + LINE;
  const mid = x1 + (x2 - x1) / 2;
  const role = `${elementName(child.element)} [${cardinality(child.element)}]`;
  return [
    `<path d="M${x1 + 12} ${y1} H${mid} V${y2} H${x2}" fill="none" stroke="#555"/>`,
    `<polygon points="${x1},${y1} ${x1 + 6},${y1 - 4} ${x1 + 12},${y1} ${x1 + 6},${y1 + 4}" fill="#555"/>`,
    `<text x="${x2 - 4}" y="${y2 - 4}" text-anchor="end" fill="#333">${escapeHtml(role)}</text>`,
  ].join('\n');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
