import { anchorId, html, raw, type Html } from '../html';
import type { Artifact } from '../site-model';
import { renderMarkdown } from '../render/markdown';
import { renderPageTabs, renderSourceView } from '../render/source-views';
import { renderDiagram } from '../structure/diagram';
import { renderElementDetails, renderInvariants } from '../structure/element-details';
import { renderElementTree } from '../structure/element-tree';
import { renderMappings } from '../structure/mappings';
import type { StructureDefinitionJson } from '../structure/element-definition';
import type { PageContent, PageContext } from './page-context';
import { structureDefinitionPages } from './page-names';

export { structureDefinitionPages };
import { renderSearchParameterTable } from './search-parameter-page';

/**
 * A resource definition or an extension, as the IG Publisher's pages: `StructureDefinition-<id>.html`
 * (the formal views: differential and snapshot, the diagram, the search parameters), then one page
 * per tab: `-definitions.html` (detailed descriptions, invariants), `-mappings.html`,
 * `-examples.html`, `.profile.json.html` and `.profile.xml.html`. Links to an element's or an
 * invariant's description go to the definitions page.
 */
export function renderStructureDefinitionPages(artifact: Artifact, ctx: PageContext): PageContent[] {
  const sd = artifact.resource as unknown as StructureDefinitionJson;
  const isExtension = artifact.kind === 'extension';
  const names = structureDefinitionPages(artifact.page);
  const naming = new Set(isExtension ? ctx.model.artifactsNaming(sd.url) : []);
  const examples = ctx.model.ofKind('example').filter((a) => a.resource.resourceType === sd.type || naming.has(a));
  const summary = html`<table class="grid summary">
<tr><th>Official URL</th><td><code>${sd.url}</code></td><th>Version</th><td>${String(sd.version ?? ctx.model.config.version)}</td></tr>
<tr><th>Status</th><td>${String(sd.status ?? '')}</td><th>Computable name</th><td>${sd.name}</td></tr>
${hl7Metadata(artifact.resource)}
<tr><th>${isExtension ? 'Context of use' : 'Base'}</th><td colspan="3">${isExtension ? (sd.context ?? []).map((c, i) => html`${i ? ', ' : ''}${ctx.linker.link(c.expression, ctx.linker.typeUrl(c.expression))} (${c.type})`) : html`${ctx.linker.link(String(sd.baseDefinition?.split('/').pop() ?? ''), sd.baseDefinition ? ctx.linker.canonicalUrl(sd.baseDefinition) : undefined)} (${sd.derivation ?? ''})`}</td></tr>
</table>`;
  const kind = isExtension ? 'Extension' : 'Resource';
  const tabs: [string, string][] = [
    [names.content, 'Content'],
    [names.definitions, 'Detailed Descriptions'],
    [names.mappings, 'Mappings'],
    [names.examples, 'Examples'],
    [names.json, 'JSON'],
    [names.xml, 'XML'],
    [names.ttl, 'TTL'],
  ];
  const tabPage = (name: string, title: string, content: Html): PageContent => ({
    name,
    title: `${artifact.title}: ${title}`,
    body: html`<h1>${kind}: ${artifact.title}${name === names.content ? '' : html` - ${title}`}</h1>
${name === names.content ? summary : ''}
${renderPageTabs(tabs, name)}
${content}`,
  });
  // On every page but the definitions page, an element's or invariant's link goes there.
  const toDefinitions = (content: Html) => raw(content.value.replace(/href="#(def|inv)-/g, `href="${names.definitions}#$1-`));
  const diagram = renderDiagram(sd, ctx.linker);
  const content = html`${sd.description ? raw(renderMarkdown(sd.description)) : ''}
<h2 id="formal-views">Formal Views of ${kind} Content</h2>
<h3 id="differential">Differential View</h3>
<p>The elements this ${isExtension ? 'extension defines or constrains' : 'resource defines'}.</p>
${renderElementTree(sd, sd.differential?.element ?? [], 'diff', ctx.linker)}
<h3 id="snapshot">Snapshot View</h3>
<p>Every element, including those inherited from ${sd.baseDefinition?.split('/').pop() ?? 'the base'}.</p>
${renderElementTree(sd, sd.snapshot?.element ?? [], 'snap', ctx.linker)}
<p class="legend"><span class="flag">?!</span> modifier · <span class="flag">Σ</span> in summary · <span class="flag">I</span> has invariants. Types link to the <a href="http://hl7.org/fhir/R5/datatypes.html">FHIR R5 specification</a>.</p>
${diagram ? html`<h2 id="diagram">Diagram</h2><div class="diagram">${raw(diagram)}</div>` : ''}
<h2 id="bindings">Terminology Bindings</h2>
${renderBindings(sd, ctx)}
<h2 id="usages">Usages</h2>
${renderUsages(artifact, ctx)}
${isExtension ? '' : html`<h2 id="search">Search Parameters</h2>
${renderSearchParameterTable(sd.type, ctx)}`}`;
  return [
    tabPage(names.content, 'Content', toDefinitions(content)),
    tabPage(names.definitions, 'Detailed Descriptions', html`<h2 id="definitions">Detailed Descriptions</h2>
${renderElementDetails(sd, ctx.linker)}
<h3 id="invariants">Invariants</h3>
${renderInvariants(sd)}`),
    tabPage(names.mappings, 'Mappings', toDefinitions(html`<h2 id="mappings">Mappings</h2>
${renderMappings(sd)}`)),
    tabPage(names.examples, 'Examples', html`<h2 id="examples">Examples</h2>
${examples.length ? html`<ul>${examples.map((e) => html`<li><a href="${e.page}">${e.title}</a>: ${e.description}</li>`)}</ul>` : html`<p>No examples.</p>`}`),
    tabPage(names.json, 'JSON', html`<h2 id="json">JSON</h2>${renderSourceView(artifact.resource, ctx.sources(artifact), 'json')}`),
    tabPage(names.xml, 'XML', html`<h2 id="xml">XML</h2>${renderSourceView(artifact.resource, ctx.sources(artifact), 'xml')}`),
    tabPage(names.ttl, 'TTL', html`<h2 id="ttl">TTL</h2>${renderSourceView(artifact.resource, ctx.sources(artifact), 'ttl')}`),
  ];
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

/** The IG Publisher's "Terminology Bindings" table: each bound element of the snapshot, its strength and value set. */
function renderBindings(sd: StructureDefinitionJson, ctx: PageContext): Html {
  const bound = (sd.snapshot?.element ?? []).filter((e) => e.binding?.valueSet);
  if (!bound.length) return html`<p>No element is bound to a value set.</p>`;
  return html`<table class="grid bindings"><thead><tr><th>Path</th><th>Conformance</th><th>Value set</th><th>URI</th></tr></thead><tbody>${bound.map((e) => {
    const url = e.binding?.valueSet ?? '';
    return html`<tr><td><a href="#snap-${anchorId(e.id ?? e.path ?? "")}">${e.id ?? e.path ?? ''}</a></td><td><a href="http://hl7.org/fhir/R5/terminologies.html#${e.binding?.strength ?? ''}">${e.binding?.strength ?? ''}</a></td><td>${ctx.linker.link(ctx.linker.canonicalName(url), ctx.linker.canonicalUrl(url))}</td><td><code>${url}</code></td></tr>`;
  })}</tbody></table>`;
}

/** "Usages": the IG's artifacts that name this definition (by canonical URL, or as instances of its type). */
function renderUsages(artifact: Artifact, ctx: PageContext): Html {
  const url = String(artifact.resource.url ?? '');
  const type = artifact.kind === 'resource' || artifact.kind === 'logical' ? String(artifact.resource.type ?? '') : '';
  const naming = new Set(url ? ctx.model.artifactsNaming(url) : []);
  const users = ctx.model.artifacts.filter((a) => a !== artifact && a.kind !== 'guide' && (naming.has(a) || (type && a.resource.resourceType === type)));
  if (!users.length) return html`<p>Nothing in this guide uses it.</p>`;
  return html`<ul class="usages">${users.map((a) => html`<li><a href="${a.page}">${a.title}</a> <span class="badge">${a.resource.resourceType}</span></li>`)}</ul>`;
}
