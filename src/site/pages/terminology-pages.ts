import { html, raw, type Html } from '../html';
import type { Artifact } from '../site-model';
import { renderMarkdown } from '../render/markdown';
import { renderSources, renderTabs } from '../render/source-views';
import { flattenConcepts } from '../terminology/expand-value-set';
import type { PageContent, PageContext } from './page-context';

interface CodeSystemConcept {
  code: string;
  display?: string;
  definition?: string;
  concept?: CodeSystemConcept[];
}

/** `ValueSet-<id>.html`: its logical definition (compose), its expansion, and where it is used. */
export function renderValueSetPage(artifact: Artifact, ctx: PageContext): PageContent {
  const vs = artifact.resource;
  const compose = (vs.compose ?? {}) as { include?: { system?: string; concept?: unknown[]; filter?: unknown[]; valueSet?: string[] }[] };
  const expansion = ctx.terminology.expand(String(vs.url));
  const definitions = new Set(ctx.model.ofKind('resource', 'profile', 'extension', 'logical', 'datatype'));
  const usedBy = ctx.model.artifactsNaming(String(vs.url), 'differential').filter((a) => definitions.has(a));
  const body = html`<h1>ValueSet: ${artifact.title}</h1>
${header(artifact, ctx)}
${artifact.description ? raw(renderMarkdown(artifact.description)) : ''}
${renderTabs([['logical-definition', 'Logical Definition'], ['expansion', 'Expansion'], ['json', 'JSON'], ['xml', 'XML'], ['ttl', 'TTL']])}
<p>References: ${usedBy.length ? usedBy.map((a, i) => html`${i ? ', ' : ''}<a href="${a.page}">${a.title}</a>`) : 'this value set is not used by a definition of this guide.'}</p>
<h2 id="logical-definition">Logical Definition (CLD)</h2>
<ul>${(compose.include ?? []).map(
    (inc) => html`<li>Include ${inc.concept?.length ? html`these ${inc.concept.length} codes as defined in` : inc.filter?.length ? 'codes filtered from' : 'all codes defined in'} ${inc.system ? codeSystemLink(inc.system, ctx) : ''}${inc.valueSet?.length ? html` codes from ${inc.valueSet.map((u) => ctx.linker.link(ctx.linker.canonicalName(u), ctx.linker.canonicalUrl(u)))}` : ''}</li>`,
  )}</ul>
<h2 id="expansion">Expansion</h2>
${expansion.complete
    ? html`<p>This value set contains ${expansion.contains.length} concepts.</p>
<table class="grid expansion"><thead><tr><th>System</th><th>Code</th><th>Display</th></tr></thead><tbody>${expansion.contains.map(
        (c) => html`<tr id="code-${c.code}"><td><code>${c.system}</code></td><td>${c.code}</td><td>${c.display ?? ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="warning">No expansion: ${expansion.reason}.</p>`}
${renderSources(vs, ctx.sources(artifact))}`;
  return { name: artifact.page, title: artifact.title, body };
}

/** `CodeSystem-<id>.html`: its concepts, with hierarchy, and its sources. */
export function renderCodeSystemPage(artifact: Artifact, ctx: PageContext): PageContent {
  const cs = artifact.resource;
  const rows = (concepts: CodeSystemConcept[], level: number): Html[] =>
    concepts.flatMap((c) => [
      html`<tr id="code-${c.code}"><td style="padding-left:${4 + level * 18}px">${c.code}</td><td>${c.display ?? ''}</td><td>${c.definition ?? ''}</td></tr>`,
      ...rows(c.concept ?? [], level + 1),
    ]);
  const concepts = (cs.concept ?? []) as CodeSystemConcept[];
  const body = html`<h1>CodeSystem: ${artifact.title}</h1>
${header(artifact, ctx)}
${artifact.description ? raw(renderMarkdown(artifact.description)) : ''}
${renderTabs([['concepts', 'Concepts'], ['json', 'JSON'], ['xml', 'XML'], ['ttl', 'TTL']])}
<h2 id="concepts">Concepts</h2>
<p>This code system (content: ${String(cs.content ?? '')}) defines ${flattenConcepts(concepts).length} concepts.</p>
<table class="grid concepts"><thead><tr><th>Code</th><th>Display</th><th>Definition</th></tr></thead><tbody>${rows(concepts, 0)}</tbody></table>
${renderSources(cs, ctx.sources(artifact))}`;
  return { name: artifact.page, title: artifact.title, body };
}

function header(artifact: Artifact, ctx: PageContext): Html {
  const r = artifact.resource;
  return html`<table class="grid summary">
<tr><th>Official URL</th><td><code>${String(r.url ?? '')}</code></td><th>Version</th><td>${String(r.version ?? ctx.model.config.version)}</td></tr>
<tr><th>Status</th><td>${String(r.status ?? '')}</td><th>Computable name</th><td>${String(r.name ?? '')}</td></tr>
</table>`;
}

function codeSystemLink(system: string, ctx: PageContext): Html {
  const local = ctx.model.artifactByUrl(system);
  return local ? html`<a href="${local.page}">${local.title}</a>` : html`<code>${system}</code>`;
}
