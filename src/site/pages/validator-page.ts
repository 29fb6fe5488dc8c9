import { html, raw } from '../html';
import type { PageContent, PageContext } from './page-context';

/** JSON inside a <script> element: `<` escaped so that no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/</g, '\\u003c');
}

/**
 * `validator.html`: the playground. A reader pastes, drops or picks a resource, and the project's
 * own validator, bundled for the browser with the IG's definitions, lists the issues (severity,
 * FHIRPath location, line:col, message). Nothing leaves the page.
 */
export function renderValidatorPage(ctx: PageContext): PageContent {
  const examples = ctx.model.ofKind('example').filter((a) => ctx.model.localTypeDefinition(a.resource.resourceType));
  const first = examples[0];
  // One broken sample, so that a reader sees what an error looks like: a UID with the urn:oid: prefix.
  const broken = first ? { ...first.resource, studyUid: `urn:oid:${String(first.resource.studyUid ?? '1.2.3')}` } : undefined;
  const body = html`<h1>Validator playground</h1>
<p>Paste a resource (JSON or XML), drop a file on the text area, or pick an example, then <em>Validate</em>. The project's own validator (<code>imgref validate</code>) runs in this page, with the definitions of this guide; nothing is sent anywhere. It knows ImagingReference and the resource types of this guide's examples.</p>
<p class="examples-bar">Examples: ${examples.map((a) => html`<button type="button" data-example="${a.resource.id}">${a.title}</button> `)}${broken ? html`<button type="button" data-example="broken" class="broken">Invalid: studyUid with urn:oid:</button>` : ''}</p>
<p><textarea id="resource" spellcheck="false" rows="18" placeholder="Paste a FHIR resource here, or drop a .json or .xml file"></textarea></p>
<p><button type="button" id="validate" class="primary">Validate</button> <label>or open a file: <input type="file" id="file" accept=".json,.xml"></label></p>
<h2 id="outcome">Outcome</h2>
<p id="summary">Not validated yet.</p>
<table class="grid issues"><thead><tr><th>Severity</th><th>Location (FHIRPath)</th><th>Line:col</th><th>Message</th></tr></thead><tbody id="issues"></tbody></table>
${examples.map((a) => raw(`<script type="application/json" id="example-${a.resource.id}">${scriptJson(a.resource)}</script>\n`))}
${broken ? raw(`<script type="application/json" id="example-broken">${scriptJson(broken)}</script>\n`) : ''}`;
  const head = html`<script src="assets/validator-definitions.js" defer></script>
<script src="assets/validator.js" defer></script>`;
  return { name: 'validator.html', title: 'Validator playground', body, head };
}
