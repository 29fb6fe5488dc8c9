import { html } from '../html';
import { DOWNLOADS } from '../package/downloads';
import type { Artifact, ArtifactKind } from '../site-model';
import type { PageContent, PageContext } from './page-context';

const SECTIONS: { id: string; title: string; kinds: ArtifactKind[]; intro: string }[] = [
  { id: 'resources', title: 'Resource Definitions', kinds: ['resource', 'logical'], intro: 'The resources this guide defines.' },
  { id: 'profiles', title: 'Structures: Profiles and Data Types', kinds: ['profile', 'datatype'], intro: 'Constraints on other resources and data types.' },
  { id: 'extensions', title: 'Structures: Extension Definitions', kinds: ['extension'], intro: 'Extensions this guide defines.' },
  { id: 'search-parameters', title: 'Behavior: Search Parameters', kinds: ['search-parameter'], intro: 'What a server searches the resources of this guide by.' },
  { id: 'value-sets', title: 'Terminology: Value Sets', kinds: ['value-set'], intro: 'Value sets this guide defines.' },
  { id: 'code-systems', title: 'Terminology: Code Systems', kinds: ['code-system'], intro: 'Code systems this guide defines.' },
  { id: 'examples', title: 'Example Instances', kinds: ['example'], intro: 'Examples of the resources, and of the core resources that point at them.' },
];

/** `artifacts.html`: every artifact of the guide by kind, and the downloads. */
export function renderArtifactsPage(ctx: PageContext): PageContent {
  const sections = SECTIONS.map((s) => ({ ...s, artifacts: ctx.model.ofKind(...s.kinds) })).filter((s) => s.artifacts.length);
  const body = html`<h1>Artifacts Summary</h1>
<p>This page lists the artifacts of this implementation guide.</p>
<ul>${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}<li><a href="#downloads">Downloads</a></li></ul>
${sections.map(
    (s) => html`<h2 id="${s.id}">${s.title}</h2>
<p>${s.intro}</p>
<table class="grid artifacts"><tbody>${s.artifacts.map((a) => row(a))}</tbody></table>`,
  )}
<h2 id="downloads">Downloads</h2>
<p><a href="package.tgz" download>package.tgz</a>: the FHIR NPM package <code>${ctx.model.config.id}#${ctx.model.config.version}</code>, with every definition and example (loadable by SUSHI and the HL7 validator).</p>
<ul>
<li><a href="${DOWNLOADS.definitions}" download>${DOWNLOADS.definitions}</a>: the definitions (structure definitions, terminology, search parameters, the guide) as JSON</li>
<li><a href="${DOWNLOADS.examples}" download>${DOWNLOADS.examples}</a>: the examples as JSON</li>
<li><a href="${DOWNLOADS.full}" download>${DOWNLOADS.full}</a>: this whole site, to read offline</li>
</ul>`;
  return { name: 'artifacts.html', title: 'Artifacts Summary', body };
}

function row(a: Artifact) {
  const type = a.kind === 'example' ? html` <span class="badge">${a.resource.resourceType}</span>` : '';
  return html`<tr><td class="artifact-name"><a href="${a.page}">${a.title}</a>${type}</td><td>${a.description}</td></tr>`;
}
