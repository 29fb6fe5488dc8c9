import { html, type Html } from '../html';
import type { Artifact, SiteModel } from '../site-model';
import { renderNarrative } from '../render/narrative';
import { renderSources, renderTabs } from '../render/source-views';
import type { PageContent, PageContext } from './page-context';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * `<Type>-<id>.html`: an example, rendered for reading (element by element, references linked
 * to the other examples, codes with their display), then as JSON and XML.
 */
export function renderInstancePage(artifact: Artifact, ctx: PageContext): PageContent {
  const r = artifact.resource as unknown as JsonObject;
  const definition = ctx.model.localTypeDefinition(artifact.resource.resourceType);
  const typeLink = ctx.linker.link(artifact.resource.resourceType, definition?.page ?? ctx.linker.typeUrl(artifact.resource.resourceType));
  const div = (r.text as JsonObject | undefined)?.div;
  const narrative = typeof div === 'string' ? renderNarrative(div) : undefined;
  if (narrative?.refused) ctx.warn(`${artifact.page}: the narrative is not shown (${narrative.refused})`);
  const body = html`<h1>Example ${artifact.resource.resourceType}: ${artifact.title}</h1>
${artifact.description ? html`<p class="lead">${artifact.description}</p>` : ''}
${renderTabs([['content', 'Content'], ['json', 'JSON'], ['xml', 'XML'], ['ttl', 'TTL']])}
<h2 id="content">${artifact.resource.resourceType} <code>${String(r.id)}</code></h2>
<p>An instance of ${typeLink}.</p>
${narrative?.html ?? ''}
${renderObject(r, ctx.model, ctx, true)}
${renderSources(artifact.resource, ctx.sources(artifact))}`;
  return { name: artifact.page, title: artifact.title, body };
}

const SKIP = new Set(['resourceType', 'id', 'text', 'meta']);

function renderObject(obj: JsonObject, model: SiteModel, ctx: PageContext, top = false): Html {
  const rows = Object.entries(obj)
    .filter(([k]) => !k.startsWith('_') && !(top && SKIP.has(k)))
    .map(([k, v]) => html`<tr data-element="${k}"><th>${k}</th><td>${renderValue(k, v, model, ctx)}</td></tr>`);
  return html`<table class="grid instance">${rows}</table>`;
}

function renderValue(key: string, value: Json, model: SiteModel, ctx: PageContext): Html {
  if (Array.isArray(value)) {
    if (value.length > 1 && value.every(isPlainBackbone)) return renderRepeatingTable(value as JsonObject[], model, ctx);
    return html`${value.map((v, i) => html`${i ? html`<br>` : ''}${renderValue(key, v, model, ctx)}`)}`;
  }
  if (value === null || typeof value !== 'object') return html`${String(value)}`;
  if (key === 'extension' || key === 'modifierExtension') return renderExtension(value, model, ctx);
  if (typeof value.reference === 'string' || (typeof value.display === 'string' && Object.keys(value).length === 1)) {
    const target = model.artifactByReference(value.reference as string | undefined);
    const label = (value.display as string | undefined) ?? target?.title ?? (value.reference as string);
    return target ? html`<a href="${target.page}">${label}</a>` : html`${label}`;
  }
  if (typeof value.code === 'string' && (typeof value.system === 'string' || typeof value.display === 'string') && !('value' in value)) {
    return html`${String(value.display ?? '')} <span class="code">(${value.system ? html`<code>${String(value.system)}</code>#` : ''}${String(value.code)})</span>`;
  }
  if (Array.isArray(value.coding)) {
    return html`${value.text ? html`${String(value.text)}<br>` : ''}${(value.coding as Json[]).map((c, i) => html`${i ? html`<br>` : ''}${renderValue('coding', c, model, ctx)}`)}`;
  }
  if ('value' in value && typeof value.unit === 'string') return html`${String(value.value)} ${value.unit}`;
  if (typeof value.value === 'string' && typeof value.system === 'string') return html`${value.value} <span class="code">(<code>${value.system}</code>)</span>`;
  return renderObject(value, model, ctx);
}

function renderExtension(ext: JsonObject, model: SiteModel, ctx: PageContext): Html {
  const url = String(ext.url ?? '');
  const valueKey = Object.keys(ext).find((k) => k.startsWith('value'));
  return html`<span class="label">${ctx.linker.link(ctx.linker.canonicalName(url), ctx.linker.canonicalUrl(url))}:</span> ${valueKey ? renderValue(valueKey, ext[valueKey], model, ctx) : ''}`;
}

/** A backbone element whose values are primitives or arrays of primitives: one table row each. */
function isPlainBackbone(v: Json): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x !== 'object' || (Array.isArray(x) && x.every((y) => typeof y !== 'object')));
}

function renderRepeatingTable(items: JsonObject[], model: SiteModel, ctx: PageContext): Html {
  const columns = [...new Set(items.flatMap((i) => Object.keys(i).filter((k) => !k.startsWith('_'))))];
  return html`<table class="grid repeating"><thead><tr><th>-</th>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${items.map(
    (item, n) => html`<tr><td>${n + 1}</td>${columns.map((c) => html`<td>${item[c] === undefined ? '' : renderValue(c, item[c], model, ctx)}</td>`)}</tr>`,
  )}</tbody></table>`;
}
