import { html, type Html } from '../html';
import type { FhirResource } from '../../ig/generated-resources';
import type { PageContent, PageContext } from './page-context';

interface GuidePage {
  name?: string;
  title?: string;
  page?: GuidePage[];
}

/** The page names the IG Publisher writes for a guide besides its narrative pages (the guide declares them). */
export const GUIDE_PAGE_NAMES = ['toc.html', 'history.html', 'qa.html'] as const;

/**
 * `toc.html`: the guide's page tree as the ImplementationGuide resource declares it (SUSHI roots
 * it at toc.html), then every artifact page, as the IG Publisher's table of contents lists them.
 */
export function renderTocPage(ctx: PageContext): PageContent {
  const guide = ctx.model.ofKind('guide')[0]?.resource;
  const root = (guide?.definition as { page?: GuidePage } | undefined)?.page;
  const pages = root?.page ?? ctx.model.config.pages.map((p) => ({ name: p.name, title: p.title }));
  const item = (p: GuidePage): Html => html`<li><a href="${p.name ?? ''}">${p.title ?? p.name ?? ''}</a>${p.page?.length ? html`<ol>${p.page.map(item)}</ol>` : ''}</li>`;
  const artifacts = ctx.model.artifacts.filter((a) => a.kind !== 'guide');
  const body = html`<h1>Table of Contents</h1>
<ol class="toc">${pages.map(item)}
<li><a href="artifacts.html">Artifacts Summary</a><ol>${artifacts.map((a) => html`<li><a href="${a.page}">${a.title}</a></li>`)}</ol></li>
<li><a href="history.html">Version History</a></li>
<li><a href="qa.html">QA Report</a></li>
</ol>`;
  return { name: 'toc.html', title: 'Table of Contents', body };
}

/**
 * `history.html`: the guide's publication history, the page its `path-history` parameter names.
 * This guide has only continuous-integration builds, so it lists the current one.
 */
export function renderHistoryPage(ctx: PageContext): PageContent {
  const c = ctx.model.config;
  const guide = ctx.model.ofKind('guide')[0]?.resource as FhirResource | undefined;
  const date = typeof guide?.date === 'string' ? guide.date.slice(0, 10) : '';
  const body = html`<h1>Version History</h1>
<p>The published versions of <code>${c.id}</code>, newest first. Canonical: <code>${c.canonical}</code>.</p>
<table class="grid"><thead><tr><th>Version</th><th>Date</th><th>Status</th><th>Description</th></tr></thead>
<tbody><tr id="v${c.version}"><td><a href="index.html">${c.version}</a></td><td>${date}</td><td>${c.releaseLabel ?? c.status}</td><td>Continuous integration build of the working group's draft: not an HL7 ballot or publication. Package <a href="package.tgz"><code>${c.id}#${c.version}</code></a>.</td></tr></tbody></table>`;
  return { name: 'history.html', title: 'Version History', body };
}
