import { describeCheck } from '../checks';
import type { DesignReview } from '../review';

/** Markdown text: no emphasis from `0..*` or `_summary`. */
const md = (text: string) => text.replace(/([\\*_])/g, '\\$1');
/** A table cell: Markdown text without pipes or line breaks. */
const cell = (text: string) => md(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const RESULT = { pass: 'pass', fail: '**fail**', 'n/a': 'open' } as const;

/** The report as Markdown: the item table, the open questions, each decision with its checks, the Event table. */
export function formatMarkdown({ report, records, extraRules, eventPattern }: DesignReview): string {
  const out: string[] = ['# Design review of ImagingReference', ''];
  const { summary } = report;
  out.push(
    `${summary.total} items: ${summary.status.decided} decided, ${summary.status.open} open, ${summary.status.check} check. ` +
      (summary.failed.length ? `**Failing: ${summary.failed.join(', ')}.**` : 'Every decided and check item passes.'),
    '',
    '| item | review bullet | status | outcome | result |',
    '|---|---|---|---|---|',
    ...report.items.map((i) => `| ${i.id} | ${cell(i.seed)} | ${i.status} | ${cell(i.outcome)} | ${RESULT[i.result]} |`),
    '',
  );

  const failing = report.items.filter((i) => i.result === 'fail');
  if (failing.length) {
    out.push('## Findings', '');
    for (const item of failing) out.push(`### ${item.id}`, '', ...item.messages.map((m) => `- ${md(m)}`), '');
  }

  out.push('## Open questions', '');
  for (const record of records.filter((r) => r.status === 'open')) {
    out.push(`### ${md(record.seed)}`, '', `${md(record.outcome)} ${md(record.rationale)}`, '', ...(record.options ?? []).map((o) => `- **${md(o.name)}**: ${md(o.description)}`), '');
  }

  out.push('## Decisions and checks', '');
  for (const record of records.filter((r) => r.status !== 'open')) {
    out.push(`### ${md(record.seed)}`, '', `**${md(record.outcome)}** ${md(record.rationale)}`, '');
    const checks = record.checks.map((c) => `- ${md(describeCheck(c))}`);
    if (record.rule) checks.push(`- QA rule ${record.rule}`);
    out.push(...checks, '');
  }
  if (extraRules.length) {
    out.push('## Resource-design QA', '', ...extraRules.map((r) => `- **${md(r.title)}**: ${md(r.outcome)}`), '');
  }

  out.push(
    '## Comparison with the Event pattern',
    '',
    '| Event pattern | ImagingReference | relation | note |',
    '|---|---|---|---|',
    ...eventPattern.map((r) => `| ${r.pattern || '–'} | ${r.element || '–'} | ${r.relation} | ${cell(r.note ?? '')} |`),
    '',
  );
  return out.join('\n');
}
