// What the preview's rebuild worker reports after each rebuild, and how the console and the
// page's banner say it.

export interface PreviewRequest {
  id: number;
  /** Whether FSH or sushi-config.yaml changed (SUSHI first), or only pages. */
  sushi: boolean;
}

export interface PreviewStatus {
  id: number;
  /** SUSHI, the review and the examples all passed, and the site was rendered. */
  ok: boolean;
  /** SUSHI's errors, `file:line: error message`. */
  sushi: string[];
  review: { failed: string[]; messages: string[] };
  examples: { errors: number; warnings: number; report: string };
  /** Site files (relative, with /) whose content changed. */
  changed: string[];
  /** The pages rendered again (the others' inputs had not changed). */
  rendered?: string[];
  timings: Record<string, number>;
  ms: number;
}

/** The one-line summary, like the IG Publisher's QA count. */
export function summaryLine(s: PreviewStatus): string {
  if (s.sushi.length) return `SUSHI: ${s.sushi.length} error(s); the site was not rebuilt`;
  const review = s.review.failed.length ? `review fails: ${s.review.failed.join(', ')}` : 'review passes';
  return `${review}; examples: ${s.examples.errors} error(s), ${s.examples.warnings} warning(s)`;
}

/** The lines the console prints after a rebuild. */
export function consoleReport(s: PreviewStatus): string[] {
  return [
    `imgref site: rebuilt in ${s.ms} ms (${Object.entries(s.timings).map(([k, v]) => `${k} ${v}`).join(', ')}; ${s.rendered?.length ?? 0} page(s) rendered, ${s.changed.length} file(s) changed): ${summaryLine(s)}`,
    ...s.sushi.map((m) => `  ${m}`),
    ...s.review.messages.map((m) => `  review: ${m}`),
    ...(s.examples.report ? s.examples.report.split('\n').map((l) => `  ${l}`) : []),
  ];
}
