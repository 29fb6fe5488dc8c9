import { anchorId, html, type Html } from '../html';
import { describeCheck, QA_ITEM_PREFIX, type DesignReview, type ReviewItem } from '../../review';
import type { PageContent, PageContext } from './page-context';
import { structureDefinitionPages } from './page-names';

const RESULT_LABEL: Record<ReviewItem['result'], string> = { pass: 'pass', fail: 'fail', 'n/a': 'open' };

/**
 * `design-review.html`: the working group's review list, item by item, with each decision's
 * status, outcome and result, from the same data and checks as `imgref review`: the open
 * questions with their options, the decisions with their rationale and checks, and the
 * comparison with the Event pattern.
 */
export function renderDesignReviewPage(review: DesignReview, definitionUrl: string, ctx: PageContext): PageContent {
  const { report, records, extraRules, eventPattern } = review;
  const { summary } = report;
  const definition = ctx.model.artifactByUrl(definitionUrl);
  const root = String(definition?.resource.type ?? 'ImagingReference');
  const ids = new Set(((definition?.resource.snapshot as { element?: { id?: string }[] } | undefined)?.element ?? []).map((e) => e.id));
  // An element of a record (`subject`, `instance.uid`, or the root) linked to its detailed
  // description; a removed element (`series.endpoint`) has none.
  const elementLink = (element: string): Html => {
    const id = element === root ? root : `${root}.${element}`;
    return definition && ids.has(id) ? html`<a href="${structureDefinitionPages(definition.page).definitions}#def-${anchorId(id)}"><code>${element}</code></a>` : html`<code>${element}</code>`;
  };
  const itemRows = report.items.map(
    (i) => html`<tr id="item-${anchorId(i.id)}" data-result="${i.result}">
<td><a href="#${i.id.startsWith(QA_ITEM_PREFIX) ? 'qa' : `record-${anchorId(i.id)}`}">${i.id}</a></td><td>${i.seed}</td><td><span class="status status-${i.status}">${i.status}</span></td><td>${i.outcome}</td>
<td><span class="result result-${i.result === 'n/a' ? 'open' : i.result}">${RESULT_LABEL[i.result]}</span>${i.messages.length ? html`<ul class="messages">${i.messages.map((m) => html`<li>${m}</li>`)}</ul>` : ''}</td></tr>`,
  );
  const open = records.filter((r) => r.status === 'open');
  const decided = records.filter((r) => r.status !== 'open');
  const body = html`<h1>Design review of ${root}</h1>
<p>The working group's review list, decision by decision. Each decided item is checked against the built definition on every build (<code>imgref review</code>); the build fails when one no longer holds. Open items are reported with their options.</p>
<p class="review-summary">${summary.total} items: ${summary.status.decided} decided, ${summary.status.open} open, ${summary.status.check} check. ${
    summary.failed.length ? html`<strong class="result result-fail">Failing: ${summary.failed.join(', ')}.</strong>` : html`<strong class="result result-pass">Every decided and check item passes.</strong>`
  }</p>
<table class="grid review-items"><thead><tr><th>Item</th><th>Review bullet</th><th>Status</th><th>Outcome</th><th>Result</th></tr></thead><tbody>${itemRows}</tbody></table>
<h2 id="open-questions">Open questions</h2>
${open.map(
    (r) => html`<h3 id="record-${anchorId(r.id)}">${r.seed}</h3>
<p>${r.outcome} ${r.rationale}</p>
<p>Elements: ${r.elements.map((e, i) => html`${i ? ', ' : ''}${elementLink(e)}`)}</p>
${r.options?.length ? html`<ul>${r.options.map((o) => html`<li><strong>${o.name}</strong>: ${o.description}</li>`)}</ul>` : ''}`,
  )}
<h2 id="decisions">Decisions and checks</h2>
${decided.map(
    (r) => html`<h3 id="record-${anchorId(r.id)}">${r.seed} <span class="status status-${r.status}">${r.status}</span></h3>
<p><strong>${r.outcome}</strong> ${r.rationale}</p>
<p>Elements: ${r.elements.map((e, i) => html`${i ? ', ' : ''}${elementLink(e)}`)}</p>
${r.checks.length || r.rule ? html`<ul class="checks">${r.checks.map((c) => html`<li>${describeCheck(c)}</li>`)}${r.rule ? html`<li>QA rule ${r.rule}</li>` : ''}</ul>` : ''}`,
  )}
<h2 id="qa">Resource-design QA</h2>
${extraRules.length ? html`<ul>${extraRules.map((r) => html`<li><strong>${r.title}</strong>: ${r.outcome}</li>`)}</ul>` : html`<p>Every QA rule is run by a decision record above.</p>`}
<h2 id="event-pattern">Comparison with the Event pattern</h2>
<table class="grid event-pattern"><thead><tr><th>Event pattern</th><th>${root}</th><th>Relation</th><th>Note</th></tr></thead><tbody>${eventPattern.map(
    (r) => html`<tr><td>${r.pattern || '–'}</td><td>${r.element ? elementLink(r.element) : '–'}</td><td>${r.relation}</td><td>${r.note ?? ''}</td></tr>`,
  )}</tbody></table>`;
  return { name: 'design-review.html', title: 'Design review', body };
}
