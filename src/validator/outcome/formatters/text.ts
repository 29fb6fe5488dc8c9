import type { InputResult } from '../../input/input-files';
import type { IssueSeverity } from '../issue';

const COLOURS: Record<IssueSeverity, string> = { fatal: '\x1b[1;31m', error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m' };
const RESET = '\x1b[0m';

/** `file:line:col severity expression message`, one line per issue, then a summary line. */
export function formatText(results: InputResult[], colour: boolean): string {
  const lines: string[] = [];
  const totals: Record<IssueSeverity, number> = { fatal: 0, error: 0, warning: 0, information: 0 };
  let failed = 0;
  for (const r of results) {
    let fileFailed = false;
    for (const i of r.issues) {
      totals[i.severity]++;
      if (i.severity === 'error' || i.severity === 'fatal') fileFailed = true;
      const where = i.position ? `${r.file}:${i.position.line}:${i.position.col}` : r.file;
      const severity = colour ? `${COLOURS[i.severity]}${i.severity}${RESET}` : i.severity;
      lines.push(`${where} ${severity} ${i.expression ?? '-'} ${i.message}`);
    }
    if (fileFailed) failed++;
  }
  const errors = totals.fatal + totals.error;
  const verdict = failed ? `${failed} of ${results.length} file(s) invalid` : `${results.length} file(s) valid`;
  lines.push(`${verdict}: ${errors} error(s), ${totals.warning} warning(s), ${totals.information} information`);
  return `${lines.join('\n')}\n`;
}
