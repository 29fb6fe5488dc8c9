import { html, type Html } from '../html';
import type { Artifact } from '../site-model';
import { renderSources, renderTabs } from '../render/source-views';
import type { PageContent, PageContext } from './page-context';

interface SearchParameterJson {
  extension?: unknown;
  url?: string;
  version?: string;
  code?: string;
  type?: string;
  base?: string[];
  expression?: string;
  target?: string[];
  description?: string;
  status?: string;
}

/** `SearchParameter-<id>.html`: what a server searches by, the FHIRPath it evaluates, and the sources. */
export function renderSearchParameterPage(artifact: Artifact, ctx: PageContext): PageContent {
  const sp = artifact.resource as SearchParameterJson;
  const typeLink = (t: string) => ctx.linker.link(t, ctx.model.localTypeDefinition(t)?.page ?? ctx.linker.typeUrl(t));
  const body = html`<h1>SearchParameter: ${artifact.title}</h1>
${renderTabs([['content', 'Content'], ['json', 'JSON'], ['xml', 'XML'], ['ttl', 'TTL']])}
<table class="grid summary" id="content">
<tr><th>Official URL</th><td><code>${sp.url ?? ''}</code></td></tr>
<tr><th>Version</th><td>${sp.version ?? ''}</td></tr>
<tr><th>Status</th><td>${sp.status ?? ''}</td></tr>
<tr><th>Code</th><td><code>${sp.code ?? ''}</code></td></tr>
<tr><th>Type</th><td><a href="http://hl7.org/fhir/R5/search.html#${sp.type ?? ''}">${sp.type ?? ''}</a></td></tr>
<tr><th>Resource</th><td>${list(searchBases(sp).map(typeLink))}${searchBases(sp).join() !== (sp.base ?? []).join() ? html` (<code>base</code> ${(sp.base ?? []).join(', ')}: a proposed resource type is not in R5)` : ''}</td></tr>
<tr><th>Expression</th><td><code>${sp.expression ?? ''}</code></td></tr>
${sp.target?.length ? html`<tr><th>Target resources</th><td>${list(sp.target.map(typeLink))}</td></tr>` : ''}
<tr><th>Description</th><td>${sp.description ?? ''}</td></tr>
</table>
${renderSources(artifact.resource, ctx.sources(artifact))}`;
  return { name: artifact.page, title: artifact.title, body };
}

/** The search parameters on a resource type, as the resource page lists them (the IG Publisher's "Search Parameters"). */
export function renderSearchParameterTable(type: string, ctx: PageContext): Html {
  const params = ctx.model.ofKind('search-parameter').filter((a) => searchBases(a.resource).includes(type));
  if (!params.length) return html`<p>No search parameters.</p>`;
  return html`<table class="grid"><thead><tr><th>Name</th><th>Type</th><th>Expression</th><th>Description</th></tr></thead><tbody>${params.map(
    (a) => html`<tr><td><a href="${a.page}">${String(a.resource.code)}</a></td><td>${String(a.resource.type)}</td><td><code>${String(a.resource.expression ?? '')}</code></td><td>${a.description}</td></tr>`,
  )}</tbody></table>`;
}

const BASE_EXTENSION = 'http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/search-parameter-base-resource';

/** The resource types a search parameter is for: those its base extension names (a proposed type), else its `base`. */
export function searchBases(sp: { base?: unknown; extension?: unknown } | Record<string, unknown>): string[] {
  const named = ((sp.extension as { url?: string; valueCode?: string }[] | undefined) ?? []).filter((e) => e.url === BASE_EXTENSION && e.valueCode).map((e) => e.valueCode as string);
  return named.length ? named : ((sp.base as string[] | undefined) ?? []);
}

function list(items: Html[]): Html {
  return html`${items.map((item, i) => html`${i ? ', ' : ''}${item}`)}`;
}
