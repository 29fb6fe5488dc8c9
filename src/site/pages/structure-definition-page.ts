import { html, raw } from '../html';
import type { Artifact } from '../site-model';
import { renderMarkdown } from '../render/markdown';
import { renderSources, renderTabs } from '../render/source-views';
import { renderDiagram } from '../structure/diagram';
import { renderElementDetails, renderInvariants } from '../structure/element-details';
import { renderElementTree } from '../structure/element-tree';
import { renderMappings } from '../structure/mappings';
import type { StructureDefinitionJson } from '../structure/element-definition';
import type { PageContent, PageContext } from './page-context';
import { renderSearchParameterTable } from './search-parameter-page';

/**
 * `StructureDefinition-<id>.html`: a resource definition or an extension, with the formal views
 * (differential, snapshot), the diagram, the detailed descriptions, the mappings and the sources.
 */
export function renderStructureDefinitionPage(artifact: Artifact, ctx: PageContext): PageContent {
  const sd = artifact.resource as unknown as StructureDefinitionJson;
  const isExtension = artifact.kind === 'extension';
  const examples = ctx.model.ofKind('example').filter((a) => a.resource.resourceType === sd.type || (isExtension && JSON.stringify(a.resource).includes(sd.url)));
  const summary = html`<table class="grid summary">
<tr><th>Official URL</th><td><code>${sd.url}</code></td><th>Version</th><td>${String(sd.version ?? ctx.model.config.version)}</td></tr>
<tr><th>Status</th><td>${String(sd.status ?? '')}</td><th>Computable name</th><td>${sd.name}</td></tr>
${hl7Metadata(artifact.resource)}
<tr><th>${isExtension ? 'Context of use' : 'Base'}</th><td colspan="3">${isExtension ? (sd.context ?? []).map((c, i) => html`${i ? ', ' : ''}${ctx.linker.link(c.expression, ctx.linker.typeUrl(c.expression))} (${c.type})`) : html`${ctx.linker.link(String(sd.baseDefinition?.split('/').pop() ?? ''), sd.baseDefinition ? ctx.linker.canonicalUrl(sd.baseDefinition) : undefined)} (${sd.derivation ?? ''})`}</td></tr>
</table>`;
  const diagram = renderDiagram(sd, ctx.linker);
  const tabs: [string, string][] = [
    ['formal-views', 'Content'],
    ...(diagram ? ([['diagram', 'Diagram']] as [string, string][]) : []),
    ['definitions', 'Detailed Descriptions'],
    ['mappings', 'Mappings'],
    ...(isExtension ? [] : ([['search', 'Search Parameters']] as [string, string][])),
    ['examples', 'Examples'],
    ['json', 'JSON'],
    ['xml', 'XML'],
  ];
  const body = html`<h1>${isExtension ? 'Extension' : 'Resource'}: ${artifact.title}</h1>
${summary}
${sd.description ? raw(renderMarkdown(sd.description)) : ''}
${renderTabs(tabs)}
<h2 id="formal-views">Formal Views of ${isExtension ? 'Extension' : 'Resource'} Content</h2>
<h3 id="differential">Differential View</h3>
<p>The elements this ${isExtension ? 'extension defines or constrains' : 'resource defines'}.</p>
${renderElementTree(sd, sd.differential?.element ?? [], 'diff', ctx.linker)}
<h3 id="snapshot">Snapshot View</h3>
<p>Every element, including those inherited from ${sd.baseDefinition?.split('/').pop() ?? 'the base'}.</p>
${renderElementTree(sd, sd.snapshot?.element ?? [], 'snap', ctx.linker)}
<p class="legend"><span class="flag">?!</span> modifier · <span class="flag">Σ</span> in summary · <span class="flag">I</span> has invariants. Types link to the <a href="http://hl7.org/fhir/R5/datatypes.html">FHIR R5 specification</a>.</p>
${diagram ? html`<h2 id="diagram">Diagram</h2><div class="diagram">${raw(diagram)}</div>` : ''}
<h2 id="definitions">Detailed Descriptions</h2>
${renderElementDetails(sd, ctx.linker)}
<h3 id="invariants">Invariants</h3>
${renderInvariants(sd)}
<h2 id="mappings">Mappings</h2>
${renderMappings(sd)}
${isExtension ? '' : html`<h2 id="search">Search Parameters</h2>
${renderSearchParameterTable(sd.type, ctx)}`}
<h2 id="examples">Examples</h2>
${examples.length ? html`<ul>${examples.map((e) => html`<li><a href="${e.page}">${e.title}</a>: ${e.description}</li>`)}</ul>` : html`<p>No examples.</p>`}
${renderSources(artifact.resource, ctx.sources(artifact))}`;
  return { name: artifact.page, title: artifact.title, body };
}

const EXT = 'http://hl7.org/fhir/StructureDefinition/';
type Ext = { url?: string; valueCode?: string; valueInteger?: number; valueString?: string; valueCanonical?: string; extension?: Ext[] };

/** The HL7 metadata extensions of a definition (work group, maturity, standards status, compartments), as rows of its summary. */
function hl7Metadata(sd: Record<string, unknown>) {
  const exts = (sd.extension as Ext[] | undefined) ?? [];
  const value = (name: string) => exts.find((e) => e.url === EXT + name);
  const wg = value('structuredefinition-wg')?.valueCode;
  const fmm = value('structuredefinition-fmm')?.valueInteger;
  const status = value('structuredefinition-standards-status')?.valueCode;
  const compartments = exts.filter((e) => e.url === EXT + 'additional-resource-compartment').map((e) => ({
    compartment: e.extension?.find((x) => x.url === 'compartment')?.valueCanonical ?? '',
    param: e.extension?.find((x) => x.url === 'param')?.valueString ?? '',
  }));
  if (wg === undefined && fmm === undefined && status === undefined && !compartments.length) return '';
  return html`<tr><th>Work group</th><td>${wg ? html`<a href="http://www.hl7.org/Special/committees/imagemgt">${wg === 'ii' ? 'Imaging Integration' : wg}</a>` : ''}</td><th>Maturity level</th><td>${fmm === undefined ? '' : String(fmm)}</td></tr>
<tr><th>Standards status</th><td><a href="http://hl7.org/fhir/R5/versions.html#std-process">${status ?? ''}</a></td><th>Compartments</th><td id="compartments">${compartments.map((c, i) => html`${i ? ', ' : ''}<a href="http://hl7.org/fhir/R5/compartmentdefinition-${c.compartment.split('/').pop() ?? ''}.html">${c.compartment.split('/').pop() ?? ''}</a> (<code>${c.param}</code>)`)}</td></tr>`;
}
