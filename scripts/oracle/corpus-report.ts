// The corpus section of docs/oracle.md and docs/corpus-disagreements.md: agreement over hl7.fhir.r5.examples,
// the disagreements by category (corpus-categories.ts), and every disagreeing file with its categories.
import type { Categorised, Category } from './corpus-categories';
import type { CorpusRow } from './corpus-compare';

export interface CorpusReportContext {
  date: string;
  packageVersion: string;
  hl7Version: string;
  /** The Java runs that filled the cache (the last first). */
  javaRuns: { date: string; files: number; seconds: number; offline: boolean; commandLine: string }[];
  cached: number;
  packages: string[];
  ourSeconds: number;
  /** The largest inputs with our time, ms. */
  largest: { file: string; bytes: number; ms: number }[];
}

/** Resource types whose instances define how FHIR is used (as the FHIR "conformance" and terminology modules list them). */
const CONFORMANCE_TYPES = new Set([
  'ActorDefinition', 'CapabilityStatement', 'CodeSystem', 'CompartmentDefinition', 'ConceptMap', 'ExampleScenario', 'GraphDefinition',
  'ImplementationGuide', 'MessageDefinition', 'NamingSystem', 'OperationDefinition', 'Requirements', 'SearchParameter',
  'StructureDefinition', 'StructureMap', 'TerminologyCapabilities', 'ValueSet',
]);

export function resourceTypeOf(file: string): string {
  return (file.split('/').pop() ?? '').split('-')[0];
}

function name(file: string): string {
  return file.split('/').pop() ?? file;
}

function pct(n: number, of: number): string {
  return of ? `${((100 * n) / of).toFixed(1)}%` : '—';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

interface Tally {
  category: Category;
  files: CorpusRow[];
  only: number;
  ids: Map<string, number>;
}

function tallies(categorised: Categorised[], categories: Category[]): Tally[] {
  return categories
    .map((category) => {
      const mine = categorised.filter((c) => c.categories.includes(category));
      const ids = new Map<string, number>();
      for (const c of mine) {
        const errors = category.side === 'ours' ? c.row.ourErrors : c.row.theirErrors;
        for (const id of new Set(errors.filter((e) => category.matches(e)).map((e) => e.id))) ids.set(id, (ids.get(id) ?? 0) + 1);
      }
      return { category, files: mine.map((c) => c.row), only: mine.filter((c) => c.categories.length === 1 && !c.unexplained.length).length, ids };
    })
    .filter((t) => t.files.length);
}

function summaryRows(rows: CorpusRow[], categorised: Categorised[]): string[] {
  const line = (label: string, subset: CorpusRow[]) => {
    const agree = subset.filter((r) => !r.missing && r.comparison.verdictAgrees).length;
    const theirs = new Set(subset.map((r) => r.file));
    const dis = categorised.filter((c) => theirs.has(c.row.file));
    const kind = (k: string) => dis.filter((c) => !c.unexplained.length && c.categories.length && c.categories.every((x) => x.kind === k)).length;
    const mixed = dis.filter((c) => !c.unexplained.length && new Set(c.categories.map((x) => x.kind)).size > 1).length;
    const unexplained = dis.filter((c) => c.unexplained.length || !c.categories.length).length;
    return `| ${label} | ${subset.length} | ${agree} | ${pct(agree, subset.length)} | ${dis.length} | ${kind('bug')} | ${kind('explained')} | ${kind('oracle-limit')} | ${mixed} | ${unexplained} |`;
  };
  const conformance = rows.filter((r) => CONFORMANCE_TYPES.has(resourceTypeOf(r.file)));
  const instances = rows.filter((r) => !CONFORMANCE_TYPES.has(resourceTypeOf(r.file)));
  // Files the HL7 validator gives no usable verdict on (offline or its own error) say nothing about ours.
  const limited = new Set(categorised.filter((c) => !c.unexplained.length && c.categories.length && c.categories.every((x) => x.kind === 'oracle-limit')).map((c) => c.row.file));
  return [
    '| files | count | verdict agrees | % | differ | ours to do (bug) | explained | HL7 limit | several kinds | unexplained |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    line('all', rows),
    line('instances', instances),
    line('conformance resources', conformance),
    line('all but the HL7 limits', rows.filter((r) => !limited.has(r.file))),
  ];
}

function categoryTable(t: Tally[]): string[] {
  const lines = [
    '| category | kind | who closes it | files | files with no other cause | message ids (files) | examples |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { category, files, only, ids } of t) {
    const idText = [...ids].sort((a, b) => b[1] - a[1]).map(([id, n]) => `\`${id}\` (${n})`).join(', ');
    const examples = files.slice(0, 3).map((r) => `\`${name(r.file)}\``).join(', ');
    const side = category.side === 'ours' ? 'we reject' : 'HL7 rejects';
    lines.push(`| ${cell(category.title)} (${side}) | ${category.kind} | ${cell(category.owner)} | ${files.length} | ${only} | ${cell(idText)} | ${examples} |`);
  }
  return lines;
}

/** The corpus section of docs/oracle.md. */
export function renderCorpusSection(rows: CorpusRow[], categorised: Categorised[], categories: Category[], ctx: CorpusReportContext): string {
  const t = tallies(categorised, categories);
  const last = ctx.javaRuns[0];
  const hl7Seconds = ctx.javaRuns.reduce((s, r) => s + r.seconds, 0);
  const lines = [
    `## Corpus: every resource of hl7.fhir.r5.examples@${ctx.packageVersion}`,
    '',
    `Generated by \`npm run oracle -- --corpus\` on ${ctx.date}; the disagreements by category, with examples, are also in`,
    '`docs/corpus-disagreements.md`. Explanations live in `scripts/oracle/corpus-categories.ts`.',
    '',
    '### How it is run',
    '',
    `- Inputs: all ${rows.length} resources of the npm package \`hl7.fhir.r5.examples@${ctx.packageVersion}\` (a pinned devDependency),`,
    '  instances and conformance resources alike, none skipped or cut, the largest included (see the timings below).',
    `- Both validators with the same packages (${ctx.packages.map((p) => `\`${p}\``).join(', ')}) and no IG; no terminology server;`,
    '  example URLs allowed; references `Type/id` resolve to the corpus\'s own resources (`--resolve-from` the package folder).',
    `- HL7 validator \`org.hl7.fhir.validation:${ctx.hl7Version}\`, one JVM, ${last?.offline === false ? 'NOT isolated from the network' : 'offline (`unshare -n`)'};`,
    `  its outcomes are cached in \`.oracle-cache/\` (gitignored) by file content, validator version and engine settings, so a re-run`,
    `  validates with Java only the files that changed. This run: ${ctx.cached} of ${rows.length} outcomes from the cache.`,
    last ? `- Java runs that filled the cache: ${ctx.javaRuns.map((r) => `${r.date}, ${r.files} files in ${r.seconds.toFixed(0)} s`).join('; ')} (${hl7Seconds.toFixed(0)} s in all). Command: \`${last.commandLine}\`.` : '- The cache was filled before this report kept its runs.',
    `- Our validator: ${ctx.ourSeconds.toFixed(0)} s for all ${rows.length} files, in this process.`,
    '- Verdict: *invalid* when the outcome has an `error` or `fatal` issue.',
    '',
    '### Summary',
    '',
    ...summaryRows(rows, categorised),
    '',
    'A differing file is counted under a kind when every error of the side that rejects it falls in categories of that kind.',
    '',
    '### Disagreements by category',
    '',
    'A file with errors of several categories is counted in each.',
    '',
    ...categoryTable(t),
    '',
  ];
  for (const { category } of t) lines.push(`- **${category.title}** (${category.kind}): ${category.reason}`);
  lines.push('', '### Largest inputs', '', '| file | size | ours |', '| --- | --- | --- |');
  for (const l of ctx.largest) lines.push(`| \`${name(l.file)}\` | ${(l.bytes / 1024 / 1024).toFixed(1)} MB | ${(l.ms / 1000).toFixed(1)} s |`);
  lines.push('', '### Every differing file', '', '<details><summary>' + `${categorised.length} files` + '</summary>', '');
  for (const c of categorised) {
    const what = `ours ${c.row.comparison.ours}, HL7 ${c.row.comparison.theirs}`;
    const why = [...c.categories.map((x) => x.id), ...(c.unexplained.length ? [`**unexplained**: ${[...new Set(c.unexplained.map((e) => `\`${e.id}\``))].join(', ')}`] : [])].join(', ');
    lines.push(`- \`${name(c.row.file)}\` (${what}): ${why || '**unexplained**'}`);
  }
  lines.push('', '</details>', '');
  return lines.join('\n');
}

/** docs/corpus-disagreements.md: what is left, for whoever closes it. */
export function renderDisagreements(rows: CorpusRow[], categorised: Categorised[], categories: Category[], ctx: CorpusReportContext): string {
  const t = tallies(categorised, categories);
  const agree = rows.filter((r) => !r.missing && r.comparison.verdictAgrees).length;
  const lines = [
    '# The R5 examples corpus: what the two validators still disagree on',
    '',
    `Generated by \`npm run oracle -- --corpus\` on ${ctx.date} (HL7 validator ${ctx.hl7Version}): ${agree} of ${rows.length} files agree (${pct(agree, rows.length)}).`,
    'Each category names the issue 11 item that closes it. A file can be in several categories; "alone" counts the files that',
    'agree once that category is closed and nothing else changes.',
    '',
  ];
  for (const { category, files, only, ids } of t) {
    lines.push(`## ${category.title}`, '');
    lines.push(`- Kind: ${category.kind}; who: ${category.owner}.`);
    lines.push(`- Files: ${files.length} (alone: ${only}); ${category.side === 'ours' ? 'we reject, HL7 accepts' : 'HL7 rejects, we accept'}.`);
    lines.push(`- ${category.side === 'ours' ? 'Our rule ids' : 'HL7 message ids'}: ${[...ids].sort((a, b) => b[1] - a[1]).map(([id, n]) => `\`${id}\` (${n} file${n === 1 ? '' : 's'})`).join(', ')}.`);
    lines.push(`- Examples: ${files.slice(0, 3).map((r) => `\`${name(r.file)}\``).join(', ')}.`);
    const sample = files[0];
    const error = sample && (category.side === 'ours' ? sample.ourErrors : sample.theirErrors).find((e) => category.matches(e));
    if (error) lines.push(`- For instance (\`${name(sample.file)}\`, \`${error.expression ?? ''}\`): "${cell(error.text.slice(0, 240))}"`);
    lines.push(`- Why: ${category.reason}`, '');
  }
  const unexplained = categorised.filter((c) => c.unexplained.length || !c.categories.length);
  lines.push('## Unexplained', '', unexplained.length ? unexplained.map((c) => `- \`${name(c.row.file)}\`: ${[...new Set(c.unexplained.map((e) => e.id))].join(', ')}`).join('\n') : 'None.', '');
  return lines.join('\n');
}
