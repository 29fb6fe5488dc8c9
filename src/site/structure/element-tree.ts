import { anchorId, html, type Html } from '../html';
import type { TypeLinker } from './type-links';
import { cardinality, elementId, elementName, fixedValues, ownConstraints, type ElementDefinition, type StructureDefinitionJson } from './element-definition';

/**
 * The IG Publisher's element table (differential or snapshot view): one row per element,
 * indented by depth, with the flags (Σ summary, ?! modifier, I invariant), cardinality,
 * type linked to its definition, and the short description with binding and constraints.
 * Each name links to the element's detailed description.
 */
const INDENT = 16;

export function renderElementTree(sd: StructureDefinitionJson, elements: ElementDefinition[], view: 'diff' | 'snap', linker: TypeLinker): Html {
  const rootDepth = elements.length ? elements[0].path.split('.').length : 1;
  const depths = elements.map((e) => e.path.split('.').length - rootDepth);
  const rows = elements.map((e, i) => {
    const depth = depths[i];
    const isRoot = i === 0;
    const own = ownConstraints(e, sd.url);
    const icon = isRoot ? (sd.kind === 'resource' ? 'resource' : 'datatype') : iconFor(e);
    const flags = [
      e.isModifier ? html`<span class="flag" title="This element is a modifier element">?!</span>` : '',
      e.isSummary ? html`<span class="flag" title="This element is included in summaries">Σ</span>` : '',
      own.length ? html`<span class="flag" title="This element has or is affected by constraints (${own.map((c) => c.key).join(', ')})">I</span>` : '',
    ];
    const id = elementId(e);
    return html`<tr id="${view}-${anchorId(id)}" class="depth-${depth}">
<td class="name" style="padding-left:${4 + depth * INDENT}px">${treeLines(depths, i)}<span class="icon icon-${icon}"></span><a href="#def-${anchorId(id)}" title="${id}">${elementName(e)}</a></td>
<td class="flags">${flags}</td>
<td class="card">${cardinality(e)}</td>
<td class="type">${isRoot ? (sd.baseDefinition ? linker.typesHtml([{ code: sd.baseDefinition.split('/').pop() as string }]) : '') : linker.typesHtml(e.type)}</td>
<td class="desc">${describe(e, own, linker)}</td>
</tr>`;
  });
  return html`<table class="grid element-tree" data-view="${view}">
<thead><tr><th>Name</th><th>Flags</th><th>Card.</th><th>Type</th><th>Description &amp; Constraints</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/**
 * The tree's guide lines before a row, as the IG Publisher draws them: for each ancestor level
 * a vertical line while that ancestor has later siblings, and the row's own branch (a corner
 * for the last child). Drawn with CSS borders so that they join across rows of any height.
 */
function treeLines(depths: number[], i: number): Html {
  const depth = depths[i];
  if (depth === 0) return html``;
  // Whether a later row sits at `level` before the tree climbs above it.
  const continues = (level: number) => {
    for (let j = i + 1; j < depths.length; j++) {
      if (depths[j] < level) return false;
      if (depths[j] === level) return true;
    }
    return false;
  };
  const x = (level: number) => (level - 1) * INDENT + 10;
  const lines: Html[] = [];
  for (let level = 1; level < depth; level++) if (continues(level)) lines.push(html`<span class="tl tl-v" style="left:${x(level)}px"></span>`);
  lines.push(html`<span class="tl ${continues(depth) ? 'tl-v' : 'tl-end'}" style="left:${x(depth)}px"></span><span class="tl tl-h" style="left:${x(depth)}px"></span>`);
  return html`${lines}`;
}

function iconFor(e: ElementDefinition): string {
  const codes = (e.type ?? []).map((t) => t.code);
  if (codes.length > 1) return 'choice';
  const code = codes[0] ?? '';
  if (code === 'BackboneElement' || code === 'Element') return 'element';
  if (code === 'Reference' || code === 'canonical') return 'reference';
  if (code === 'Extension') return 'extension';
  if (/^[a-z]/.test(code) || code.startsWith('http://hl7.org/fhirpath/')) return 'primitive';
  return 'datatype';
}

function describe(e: ElementDefinition, own: { key: string; human?: string }[], linker: TypeLinker): Html {
  const binding = e.binding?.valueSet
    ? html`<br><span class="label">Binding:</span> ${linker.link(linker.canonicalName(e.binding.valueSet), linker.canonicalUrl(e.binding.valueSet))} (<a href="http://hl7.org/fhir/R5/terminologies.html#${e.binding.strength ?? ''}">${e.binding.strength ?? ''}</a>)`
    : '';
  const fixed = fixedValues(e).map((f) => html`<br><span class="label">${f.label}:</span> <code>${typeof f.value === 'string' ? f.value : JSON.stringify(f.value)}</code>`);
  const constraints = own.map((c) => html`<br><span class="label">+ Rule:</span> <a href="#inv-${anchorId(c.key)}">${c.key}</a>: ${c.human ?? ''}`);
  return html`${e.short ?? ''}${binding}${fixed}${constraints}`;
}
