import { html } from '../html';
import type { SushiWarning } from '../../ig/sushi-warnings';
import type { ValidationIssue } from '../../validator/outcome/issue';
import type { PageContent, PageContext } from './page-context';

/** The issues the build found in one file (a resource of the IG, or the renderer's own notices). */
export interface FileIssues {
  file: string;
  /** The page that shows the file, when it has one. */
  page?: string;
  issues: Pick<ValidationIssue, 'severity' | 'message' | 'expression' | 'rule'>[];
}

const SEVERITIES = ['fatal', 'error', 'warning', 'information'] as const;

/**
 * The build's issues by severity and rule id. The generated narratives are in the build, so a
 * validator that knows the IG (`issuesOf`) is asked about every resource as published.
 */
export function collectBuildIssues(ctx: PageContext, issuesOf: (resource: object) => ValidationIssue[], siteWarnings: readonly string[], sushiWarnings: readonly SushiWarning[] = []): FileIssues[] {
  const files: FileIssues[] = ctx.model.artifacts.map((a) => ({
    file: `fsh-generated/resources/${a.resource.resourceType}-${a.resource.id}.json`,
    page: a.kind === 'guide' ? undefined : a.page, // the guide has no page of its own
    issues: issuesOf(a.resource),
  }));
  // SUSHI's warnings first, as the build meets them: each at its FSH file and line when SUSHI names one.
  files.unshift({ file: '(SUSHI)', issues: sushiWarnings.map((w) => ({ severity: 'warning', message: w.message, expression: w.file ? `${w.file}${w.line ? `:${w.line}` : ''}` : undefined })) });
  files.push({ file: '(imgref site)', issues: siteWarnings.map((message) => ({ severity: 'warning', message })) });
  return files;
}

/** `qa.html`: every issue the build found, by file, with counts, like the IG Publisher's QA page. */
export function renderQaPage(files: readonly FileIssues[]): PageContent {
  const count = (issues: FileIssues['issues'], s: string) => issues.filter((i) => i.severity === s).length;
  const all = files.flatMap((f) => f.issues);
  const withIssues = files.filter((f) => f.issues.length);
  const anchor = (f: FileIssues) => `file-${f.file.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  const body = html`<h1>QA Report</h1>
<p>What the build found in compiling the FSH (SUSHI), in the ${files.filter((f) => !f.file.startsWith('(')).length} resources of this guide and in rendering the site: ${SEVERITIES.map((s, i) => html`${i ? ', ' : ''}<span class="qa-${s}">${count(all, s)} ${s}</span>`)}.</p>
<table class="grid qa-summary"><thead><tr><th>File</th>${SEVERITIES.map((s) => html`<th>${s}</th>`)}</tr></thead><tbody>${files.map(
    (f) => html`<tr><td>${f.issues.length ? html`<a href="#${anchor(f)}">${f.file}</a>` : f.file}</td>${SEVERITIES.map((s) => html`<td>${count(f.issues, s) || ''}</td>`)}</tr>`,
  )}</tbody></table>
${withIssues.map(
    (f) => html`<h2 id="${anchor(f)}">${f.file}</h2>
${f.page ? html`<p>Shown on <a href="${f.page}">${f.page}</a>.</p>` : ''}
<table class="grid qa-issues"><thead><tr><th>Severity</th><th>Location</th><th>Message</th><th>Rule</th></tr></thead><tbody>${f.issues.map(
      (i) => html`<tr class="qa-${i.severity}"><td>${i.severity}</td><td><code>${i.expression ?? ''}</code></td><td>${i.message}</td><td><code>${i.rule ?? ''}</code></td></tr>`,
    )}</tbody></table>`,
  )}`;
  return { name: 'qa.html', title: 'QA Report', body };
}
