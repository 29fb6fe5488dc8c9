import type { DesignReview, ReviewItem } from '../review';

const MARK: Record<ReviewItem['result'], string> = { pass: 'PASS', fail: 'FAIL', 'n/a': 'OPEN' };

/** The report for a terminal: one line per item, its messages below it, then the Event pattern table. */
export function formatText({ report, eventPattern }: DesignReview): string {
  const lines: string[] = [];
  const width = Math.max(...report.items.map((i) => i.id.length));
  for (const item of report.items) {
    lines.push(`${MARK[item.result]}  ${item.status.padEnd(7)}  ${item.id.padEnd(width)}  ${item.seed}: ${item.outcome}`);
    for (const message of item.messages) lines.push(`${' '.repeat(width + 17)}- ${message}`);
  }
  lines.push('', 'Comparison with the Event pattern:');
  const patternWidth = Math.max(...eventPattern.map((r) => r.pattern.length), 1);
  const elementWidth = Math.max(...eventPattern.map((r) => r.element.length), 1);
  for (const row of eventPattern) {
    const note = row.note ? `  (${row.note})` : '';
    lines.push(`  ${(row.pattern || '-').padEnd(patternWidth)}  ${(row.element || '-').padEnd(elementWidth)}  ${row.relation}${note}`);
  }
  const { summary } = report;
  lines.push(
    '',
    `${summary.total} items: ${summary.status.decided} decided, ${summary.status.open} open, ${summary.status.check} check; ` +
      `${summary.result.pass} pass, ${summary.result.fail} fail, ${summary.result['n/a']} n/a.` +
      (summary.failed.length ? ` The review fails: ${summary.failed.join(', ')}.` : ' The review passes.'),
  );
  return lines.join('\n');
}
