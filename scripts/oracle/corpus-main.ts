// The corpus mode's command: runs both validators (corpus.ts), sorts the disagreements (corpus-categories.ts)
// and writes the corpus section of docs/oracle.md and docs/corpus-disagreements.md (corpus-report.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCorpus, type CorpusOptions } from './corpus';
import { categorise, CORPUS_CATEGORIES } from './corpus-categories';
import { compareCorpusFile } from './corpus-compare';
import { renderCorpusSection, renderDisagreements, type CorpusReportContext } from './corpus-report';
import { joinSections, readIfExists, withoutCorpusSection } from './doc-sections';
import { OracleUnavailableError } from './hl7-validator';

export async function corpusMain(projectDir: string, options: CorpusOptions): Promise<number> {
  let run;
  try {
    run = await runCorpus(projectDir, options);
  } catch (e) {
    if (!(e instanceof OracleUnavailableError)) throw e;
    console.error(`oracle --corpus: the HL7 validator could not be run: ${e.message}`);
    return 2;
  }
  if (!run) return 0;
  const rows = run.items.map((i) => compareCorpusFile(i.file, i.bytes, i.ours, i.theirs));
  const categorised = rows.filter((r) => r.missing || !r.comparison.verdictAgrees).map((r) => categorise(r));
  const ctx: CorpusReportContext = {
    date: new Date().toISOString().slice(0, 10),
    packageVersion: run.packageVersion,
    hl7Version: run.hl7Version,
    javaRuns: run.javaRuns,
    cached: run.cached,
    packages: run.packages,
    ourSeconds: run.items.reduce((s, i) => s + i.ms, 0) / 1000,
    largest: [...run.items].sort((a, b) => b.bytes - a.bytes).slice(0, 6).map((i) => ({ file: i.file, bytes: i.bytes, ms: i.ms })),
  };
  const docs = path.join(projectDir, 'docs');
  const oracleMd = path.join(docs, 'oracle.md');
  fs.writeFileSync(oracleMd, joinSections(withoutCorpusSection(readIfExists(oracleMd)), renderCorpusSection(rows, categorised, CORPUS_CATEGORIES, ctx)));
  fs.writeFileSync(path.join(docs, 'corpus-disagreements.md'), renderDisagreements(rows, categorised, CORPUS_CATEGORIES, ctx));
  // The rows as data, for looking into a category without re-running (gitignored with the cache).
  fs.writeFileSync(path.join(projectDir, '.oracle-cache', 'corpus-rows.json'), JSON.stringify(rows, null, 1));

  const agree = rows.length - categorised.length;
  const unexplained = categorised.filter((c) => c.unexplained.length || !c.categories.length);
  console.log(`oracle --corpus: ${rows.length} files, ${agree} verdicts agree (${((100 * agree) / rows.length).toFixed(1)}%), ${categorised.length} differ (${unexplained.length} unexplained); wrote docs/oracle.md (corpus section) and docs/corpus-disagreements.md`);
  for (const c of unexplained) console.log(`  unexplained: ${c.row.file}: ${[...new Set(c.unexplained.map((e) => e.id))].join(', ') || 'no error to sort by'}`);
  return unexplained.length ? 1 : 0;
}
