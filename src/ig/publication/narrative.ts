import type { FhirResource } from '../generated-resources';
import { CONFORMANCE_TYPES } from './metadata';

/** Resources that are not DomainResources carry no narrative (dom-6 does not apply to them). */
const NOT_DOMAIN_RESOURCES = new Set(['Bundle', 'Binary', 'Parameters']);
/** Elements that say nothing to a reader, or are shown otherwise (the header names type and id). */
const SKIPPED = new Set(['resourceType', 'id', 'meta', 'text', 'contained', 'implicitRules', 'language']);

export interface NarrativeOptions {
  /** The page of a resource that the IG has, for a reference `Type/id`; no link when undefined. */
  pageOf?: (reference: string) => string | undefined;
}

/**
 * A generated narrative for a resource that has none, as the IG Publisher writes one for each
 * example: a header naming the resource and a table of its elements in their order, with
 * references linked to the IG's pages. Only FHIR's basic HTML is used (tables hold the nested
 * elements, as `p` may hold no block), so it passes the narrative rules (txt-1, txt-2). A resource
 * with a narrative, one that takes none, or a definition (its page is the renderer's) comes back unchanged.
 */
export function withGeneratedNarrative(resource: FhirResource, options: NarrativeOptions = {}): FhirResource {
  if (resource.text !== undefined || NOT_DOMAIN_RESOURCES.has(resource.resourceType) || CONFORMANCE_TYPES.has(resource.resourceType)) return resource;
  const div = `<div xmlns="http://www.w3.org/1999/xhtml"><p class="res-header-id"><b>Generated Narrative: ${esc(resource.resourceType)} ${esc(String(resource.id ?? ''))}</b></p>${table(resource, options)}</div>`;
  // `text` goes after `meta`/`implicitRules`/`language`, where FHIR orders it.
  const out: Record<string, unknown> = {};
  const keys = Object.keys(resource);
  const after = Math.max(...['resourceType', 'id', 'meta', 'implicitRules', 'language'].map((k) => keys.indexOf(k)));
  keys.forEach((k, i) => {
    out[k] = resource[k];
    if (i === after) out.text = { status: 'generated', div };
  });
  return out as FhirResource;
}

function table(obj: Record<string, unknown>, options: NarrativeOptions): string {
  const rows = Object.entries(obj)
    .filter(([k]) => !SKIPPED.has(k) && !k.startsWith('_'))
    .map(([k, v]) => `<tr><th>${esc(label(k, v))}</th><td>${values(v, options)}</td></tr>`);
  return rows.length ? `<table class="grid">${rows.join('')}</table>` : '';
}

/** An extension is named by the last segment of its URL, as a reader knows it. */
function label(key: string, value: unknown): string {
  if ((key === 'extension' || key === 'modifierExtension') && Array.isArray(value) && value.length) {
    const urls = [...new Set(value.map((e) => String((e as { url?: unknown }).url ?? '').split('/').pop()))];
    return `${key} (${urls.join(', ')})`;
  }
  return key;
}

function values(value: unknown, options: NarrativeOptions): string {
  const items = Array.isArray(value) ? value : [value];
  const shown = items.map((v) => one(v, options));
  return items.every((v) => typeof v !== 'object' || v === null || isCompact(v)) ? shown.join(', ') : shown.join('');
}

/** Data types shown on one line; anything else (backbone elements) as a nested table. */
function isCompact(v: object): boolean {
  const o = v as Record<string, unknown>;
  return 'reference' in o || 'coding' in o || 'system' in o || 'value' in o || 'display' in o || 'family' in o || 'given' in o || 'start' in o || 'end' in o || 'text' in o;
}

function one(value: unknown, options: NarrativeOptions): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return esc(String(value));
  const o = value as Record<string, unknown>;
  if (typeof o.url === 'string' && Object.keys(o).some((k) => k.startsWith('value'))) {
    const key = Object.keys(o).find((k) => k.startsWith('value')) as string;
    return one(o[key], options);
  }
  if ('reference' in o || ('display' in o && !('code' in o))) return reference(o, options);
  if (Array.isArray(o.coding) || typeof o.text === 'string' && Object.keys(o).every((k) => k === 'text' || k === 'coding')) return codeableConcept(o);
  // A Quantity has a number value (and may have a code and system): before Coding and Identifier.
  if (typeof o.value === 'number') return esc(`${o.comparator ?? ''}${o.value} ${o.unit ?? o.code ?? ''}`.trim());
  if ('code' in o && 'system' in o) return coding(o);
  if ('value' in o && ('system' in o || 'type' in o || 'use' in o)) return identifierOrContact(o);
  if ('family' in o || 'given' in o) return esc(typeof o.text === 'string' ? o.text : [...((o.given as string[]) ?? []), o.family ?? ''].join(' ').trim());
  if (('start' in o || 'end' in o) && Object.keys(o).every((k) => k === 'start' || k === 'end')) return esc(`${o.start ?? '?'} → ${o.end ?? 'ongoing'}`);
  return table(o, options);
}

function reference(o: Record<string, unknown>, options: NarrativeOptions): string {
  const ref = typeof o.reference === 'string' ? o.reference : undefined;
  const identifier = o.identifier as Record<string, unknown> | undefined;
  const text = esc(String(o.display ?? ref ?? (identifier ? identifier.value : '') ?? ''));
  const page = ref ? options.pageOf?.(ref) : undefined;
  return page ? `<a href="${esc(page)}">${text}</a>` : text;
}

function codeableConcept(o: Record<string, unknown>): string {
  const codings = (o.coding as Record<string, unknown>[] | undefined) ?? [];
  if (typeof o.text === 'string') return esc(o.text) + (codings.length ? ` <span>(${codings.map(coding).join(', ')})</span>` : '');
  return codings.map(coding).join(', ');
}

function coding(o: Record<string, unknown>): string {
  const code = `${o.system ?? ''}#${o.code ?? ''}`;
  return typeof o.display === 'string' ? `${esc(o.display)} <code>${esc(code)}</code>` : `<code>${esc(code)}</code>`;
}

function identifierOrContact(o: Record<string, unknown>): string {
  const qualifier = o.system ?? o.use;
  return esc(String(o.value)) + (qualifier ? ` <span>(${esc(String(qualifier))})</span>` : '');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
