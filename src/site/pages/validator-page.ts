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
  // This IG's profiles of resources, to validate against besides meta.profile (`--profile`).
  const profiles = ctx.model.artifacts.filter((a) => a.resource.resourceType === 'StructureDefinition' && a.resource.derivation === 'constraint' && a.resource.kind === 'resource');
  const body = html`<h1>Validator playground</h1>
<p>Paste a resource (JSON or XML), drop a file on the editor, or pick an example, then <em>Validate</em>. The project's own validator (<code>imgref validate</code>) runs in this page, in the background, with every definition it has: FHIR R5 core, the terminology and extensions packages, and this guide; they are loaded in parts, as a resource needs them. Nothing is sent anywhere.</p>
<p class="examples-bar">Examples: ${examples.map((a) => html`<button type="button" data-example="${a.resource.id}">${a.title}</button> `)}${broken ? html`<button type="button" data-example="broken" class="broken">Invalid: studyUid with urn:oid:</button>` : ''}</p>
<div class="pg-controls">
<span><button type="button" id="validate" class="primary">Validate</button> <kbd>Ctrl+Enter</kbd> / <kbd>&#8984;+Enter</kbd></span>
<label><input type="checkbox" id="as-you-type"> validate as you type</label>
<label>Also against profile: <select id="profile"><option value="">none (meta.profile only)</option>${profiles.map((a) => html`<option value="${String(a.resource.url)}">${a.title}</option>`)}</select></label>
<label>Open a file: <input type="file" id="file" accept=".json,.xml,.tgz"></label>
</div>
<div class="pg-editor"><pre id="gutter" aria-hidden="true"></pre><div id="line-mark" hidden></div><textarea id="resource" spellcheck="false" wrap="off" aria-label="The resource to validate" placeholder="Paste a FHIR resource here, or drop a .json or .xml file"></textarea></div>
<div class="pg-status" role="status"><progress id="progress" hidden></progress><span id="status-text"></span></div>
<div class="pg-drop" id="definitions-drop"><label>Validate against your own IG or profile (as <code>--ig</code>): drop a <code>package.tgz</code>, or a StructureDefinition JSON/XML, here or pick it: <input type="file" id="definitions" accept=".tgz,.gz,.json,.xml" multiple></label> <span id="definitions-status"></span></div>
<h2 id="outcome">Outcome</h2>
<p id="summary">Not validated yet.</p>
<table class="grid issues"><thead><tr><th>Severity</th><th>Location (FHIRPath)</th><th>Line:col</th><th>Message</th><th>Value there</th></tr></thead><tbody id="issues"></tbody></table>
${examples.map((a) => raw(`<script type="application/json" id="example-${a.resource.id}">${scriptJson(a.resource)}</script>\n`))}
${broken ? raw(`<script type="application/json" id="example-broken">${scriptJson(broken)}</script>\n`) : ''}`;
  const head = html`<link rel="stylesheet" href="assets/playground.css">
<script src="assets/playground/worker-source.js" defer></script>
<script src="assets/playground/index.js" defer></script>
<script src="assets/validator.js" defer></script>`;
  return { name: 'validator.html', title: 'Validator playground', body, head, workers: true };
}
