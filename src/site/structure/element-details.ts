import { anchorId, html, raw, type Html } from '../html';
import { renderMarkdown } from '../render/markdown';
import type { TypeLinker } from './type-links';
import { cardinality, elementId, fixedValues, ownConstraints, type Constraint, type ElementDefinition, type StructureDefinitionJson } from './element-definition';

/**
 * The elements this definition defines or changes (its differential), each with the full
 * detail of its snapshot: the IG Publisher's "Detailed Descriptions".
 */
export function ownElements(sd: StructureDefinitionJson): ElementDefinition[] {
  const snapshot = new Map((sd.snapshot?.element ?? []).map((e) => [elementId(e), e]));
  return (sd.differential?.element ?? []).map((d) => ({ ...(snapshot.get(elementId(d)) ?? {}), ...d }));
}

/** Every element of the snapshot (what the element trees link to), with the differential's changes. */
function detailedElements(sd: StructureDefinitionJson): ElementDefinition[] {
  const differential = new Map((sd.differential?.element ?? []).map((d) => [elementId(d), d]));
  const snapshot = sd.snapshot?.element ?? sd.differential?.element ?? [];
  return snapshot.map((e) => ({ ...e, ...(differential.get(elementId(e)) ?? {}) }));
}

export function renderElementDetails(sd: StructureDefinitionJson, linker: TypeLinker): Html {
  const markdown = (text: string | undefined): Html | string => (text ? raw(renderMarkdown(text, (href) => linker.relativeLink(href))) : '');
  const sections = detailedElements(sd).map((e) => {
    const id = elementId(e);
    const own = ownConstraints(e, sd.url);
    const rows: [string, Html | string][] = [
      ['Element Id', id],
      ['Definition', markdown(e.definition)],
      ['Short Display', e.short ?? ''],
      ['Cardinality', cardinality(e)],
      ['Type', linker.typesHtml(e.type)],
      ['Summary', e.isSummary === undefined ? '' : e.isSummary ? 'true' : 'false'],
      ['Is Modifier', e.isModifier ? `true (Reason: ${e.isModifierReason ?? ''})` : ''],
      ['Requirements', markdown(e.requirements)],
      ['Comments', markdown(e.comment)],
      ['Meaning if Missing', e.meaningWhenMissing ?? ''],
    ];
    if (e.binding?.valueSet) {
      rows.push([
        'Binding',
        html`${linker.link(linker.canonicalName(e.binding.valueSet), linker.canonicalUrl(e.binding.valueSet))} (<a href="http://hl7.org/fhir/R5/terminologies.html#${e.binding.strength ?? ''}">${e.binding.strength ?? ''}</a>)${e.binding.description ? html`: ${e.binding.description}` : ''}`,
      ]);
    }
    for (const f of fixedValues(e)) rows.push([f.label, html`<code>${typeof f.value === 'string' ? f.value : JSON.stringify(f.value)}</code>`]);
    if (own.length) rows.push(['Invariants', constraintList(own)]);
    const body = rows.filter(([, v]) => (typeof v === 'string' ? v !== '' : v.value !== ''));
    return html`<table class="details" id="def-${anchorId(id)}">
<caption>${id}</caption>
${body.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}
</table>`;
  });
  return html`${sections}`;
}

/** Every invariant the definition declares, with its FHIRPath, each at `#inv-<key>`. */
export function renderInvariants(sd: StructureDefinitionJson): Html {
  const byKey = new Map<string, { c: Constraint; on: string[] }>();
  for (const e of sd.snapshot?.element ?? sd.differential?.element ?? []) {
    for (const c of ownConstraints(e, sd.url)) {
      const entry = byKey.get(c.key) ?? { c, on: [] };
      entry.on.push(elementId(e));
      byKey.set(c.key, entry);
    }
  }
  if (!byKey.size) return html`<p>This definition declares no invariants of its own.</p>`;
  const rows = [...byKey.values()].map(
    ({ c, on }) => html`<tr id="inv-${anchorId(c.key)}"><td><b>${c.key}</b></td><td>${c.severity ?? ''}</td><td>${on.map((id, i) => html`${i ? ', ' : ''}<a href="#def-${anchorId(id)}">${id}</a>`)}</td><td>${c.human ?? ''}</td><td><code class="fhirpath">${c.expression ?? ''}</code></td></tr>`,
  );
  return html`<table class="grid invariants"><thead><tr><th>Id</th><th>Grade</th><th>Path(s)</th><th>Details</th><th>Expression</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function constraintList(constraints: Constraint[]): Html {
  return html`${constraints.map((c, i) => html`${i ? html`<br>` : ''}<a href="#inv-${anchorId(c.key)}"><b>${c.key}</b></a> (${c.severity ?? ''}): ${c.human ?? ''}<br><code class="fhirpath">${c.expression ?? ''}</code>`)}`;
}
