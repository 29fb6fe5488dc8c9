import { html, raw, type Html } from '../html';
import type { FhirResource } from '../../ig/generated-resources';
import { highlightCode } from './highlight';

/** The JSON and XML text of a resource, as the site shows and offers them for download. */
export interface ResourceSources {
  json: string;
  /** Undefined when the resource cannot be written as XML (a narrative that is not XML): `xmlProblem` says why. */
  xml?: string;
  xmlProblem?: string;
  /** FHIR RDF in Turtle (the R5 form), when the site writes it. */
  ttl?: string;
}

/** The resource as highlighted JSON and XML, each with a link to the raw file beside the page. */
export function renderSources(resource: FhirResource, sources: ResourceSources): Html {
  const base = `${resource.resourceType}-${resource.id}`;
  return html`<h2 id="json">JSON</h2>
<p>Raw JSON: <a href="${base}.json" download>${base}.json</a></p>
<pre class="code"><code class="hljs language-json">${raw(highlightCode(sources.json, 'json'))}</code></pre>
<h2 id="xml">XML</h2>
${sources.xml === undefined
  ? html`<p class="warning">This resource cannot be shown as XML: ${sources.xmlProblem ?? 'the conversion failed'}.</p>`
  : html`<p>Raw XML: <a href="${base}.xml" download>${base}.xml</a></p>
<pre class="code"><code class="hljs language-xml">${raw(highlightCode(sources.xml, 'xml'))}</code></pre>`}
${sources.ttl === undefined ? '' : html`<h2 id="ttl">TTL</h2>
${renderTurtle(base, sources.ttl)}`}`;
}

/** The Turtle view: plain text (highlight.js has no Turtle grammar), with the raw `.ttl` beside the page. */
function renderTurtle(base: string, ttl: string): Html {
  return html`<p>Raw Turtle: <a href="${base}.ttl" download>${base}.ttl</a></p>
<pre class="code"><code class="language-turtle">${ttl}</code></pre>`;
}

/** The in-page tab bar: plain anchors, so that it works without script. */
export function renderTabs(tabs: [string, string][]): Html {
  return html`<ul class="tabs">${tabs.map(([href, label]) => html`<li><a href="#${href}">${label}</a></li>`)}</ul>`;
}

/** One of the resource's representations alone (its own page, as the IG Publisher's `.json.html`). */
export function renderSourceView(resource: FhirResource, sources: ResourceSources, format: 'json' | 'xml' | 'ttl'): Html {
  const base = `${resource.resourceType}-${resource.id}`;
  if (format === 'ttl') return sources.ttl === undefined ? html`<p class="warning">This resource has no Turtle view.</p>` : renderTurtle(base, sources.ttl);
  if (format === 'json') return html`<p>Raw JSON: <a href="${base}.json" download>${base}.json</a></p>
<pre class="code"><code class="hljs language-json">${raw(highlightCode(sources.json, 'json'))}</code></pre>`;
  return sources.xml === undefined
    ? html`<p class="warning">This resource cannot be shown as XML: ${sources.xmlProblem ?? 'the conversion failed'}.</p>`
    : html`<p>Raw XML: <a href="${base}.xml" download>${base}.xml</a></p>
<pre class="code"><code class="hljs language-xml">${raw(highlightCode(sources.xml, 'xml'))}</code></pre>`;
}

/** A tab bar of pages (the IG Publisher's tabs are pages of their own): the current one is marked. */
export function renderPageTabs(tabs: [string, string][], current: string): Html {
  return html`<ul class="tabs">${tabs.map(([href, label]) => html`<li${href === current ? raw(' class="active"') : ''}><a href="${href}"${href === current ? raw(' aria-current="page"') : ''}>${label}</a></li>`)}</ul>`;
}
