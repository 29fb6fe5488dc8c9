import { html } from '../html';
import { DOWNLOADS } from '../package/downloads';
import type { PageContent, PageContext } from './page-context';

/**
 * The home page's metadata box, as the IG Publisher puts it on index.html: official URL, version,
 * status, package, dependencies, publisher and the IP statements. Other pages come back as they are.
 */
export function withHomeMetadata(page: PageContent, ctx: PageContext): PageContent {
  if (page.name !== 'index.html') return page;
  const c = ctx.model.config;
  const guide = ctx.model.ofKind('guide')[0]?.resource;
  const box = html`<table class="grid summary ig-metadata" id="ig-metadata">
<tr><th>Official URL</th><td><code>${c.canonical}/ImplementationGuide/${c.id}</code></td></tr>
<tr><th>Version</th><td>${c.version} (${c.releaseLabel ?? c.status}) · <a href="history.html">version history</a></td></tr>
<tr><th>Status</th><td>${c.status}${typeof guide?.date === 'string' ? html` as of ${guide.date.slice(0, 10)}` : ''}</td></tr>
<tr><th>Computable name</th><td>${c.name}</td></tr>
<tr><th>Package</th><td><a href="package.tgz"><code>${c.id}#${c.version}</code></a> · FHIR ${c.fhirVersion}</td></tr>
<tr><th>Dependencies</th><td>${Object.entries(c.dependencies).map(([id, v], i) => html`${i ? ', ' : ''}<code>${id}#${v}</code>`)}</td></tr>
<tr><th>Publisher</th><td>${c.publisher?.url ? html`<a href="${c.publisher.url}">${c.publisher.name ?? c.publisher.url}</a>` : (c.publisher?.name ?? '')}</td></tr>
<tr><th>IP statements</th><td>${c.license ? html`Licensed ${c.license}. ` : ''}This guide uses DICOM® UIDs and the DICOM PS3.16 codes of the Key Object Selection document titles (DICOM is the registered trademark of NEMA); it includes no other third-party terminology.</td></tr>
<tr><th>Downloads</th><td><a href="${DOWNLOADS.full}">Full IG</a> · <a href="${DOWNLOADS.definitions}">Definitions (JSON)</a> · <a href="${DOWNLOADS.examples}">Examples (JSON)</a> · <a href="toc.html">Table of contents</a> · <a href="qa.html">QA report</a></td></tr>
</table>`;
  return { ...page, body: html`${box}\n${page.body}` };
}
