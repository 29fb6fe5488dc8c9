// The corpus mode's command: runs both validators (corpus.ts) and writes the reports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCorpus, type CorpusOptions } from './corpus';
import { compareCorpusFile } from './corpus-compare';
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
  fs.writeFileSync(path.join(projectDir, '.oracle-cache', 'corpus-rows.json'), JSON.stringify(rows.map((r, i) => ({ ...r, ms: run.items[i].ms })), null, 1));
  const agree = rows.filter((r) => !r.missing && r.comparison.verdictAgrees).length;
  console.log(`oracle --corpus: ${rows.length} files, ${agree} verdicts agree (${((100 * agree) / rows.length).toFixed(1)}%)`);
  return 0;
}
