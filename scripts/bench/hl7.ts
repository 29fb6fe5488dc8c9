// The HL7 validator's own warm per-resource time on the inputs of our rows: each input written to a file, all
// of them timed in one JVM (the oracle's engine and setup, offline), one row per case next to ours.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pinnedPackageDirs } from '../../src/definitions/sources/project-definitions';
import { Hl7Validator, OracleUnavailableError } from '../oracle/hl7-validator';
import type { ResourceRow } from './report';
import type { Timing } from './timing';

/** Untimed runs (the JVM's JIT and the engine's caches), then timed runs, per input. */
export const HL7_WARMUP = 50;
export const HL7_RUNS = 200;

export interface Hl7Case {
  /** The input column of the HL7 row. */
  input: string;
  /** The input of our row it is compared with. */
  comparedWith: string;
  /** File name in the work folder (its extension tells the runner JSON or XML). */
  fileName: string;
  resource: object;
  /** Must be rejected: the row's "invalid copy". */
  invalid: object;
}

export interface Hl7FileTiming {
  file: string;
  errors: number;
  timing: Timing;
}

export interface Hl7TimingOutput {
  timings: Hl7FileTiming[];
  /** Error count of each file validated once. */
  checks: Map<string, number>;
}

/** The runner's output could not be read: the message says what was wrong. */
export class Hl7TimingOutputError extends Error {
  override name = 'Hl7TimingOutputError';
}

interface RawTiming {
  file: string;
  errors: number;
  runs: number;
  medianMs: number;
  p90Ms: number;
  p95Ms: number;
  meanMs: number;
  minMs: number;
}

/** Reads the JSON line of OracleRunner's timing mode out of its stdout (the engine logs its loading there too). */
export function parseHl7Timing(stdout: string): Hl7TimingOutput {
  const line = stdout.split('\n').reverse().find((l) => l.startsWith('{"timings":'));
  if (!line) throw new Hl7TimingOutputError('the HL7 validator printed no timing line');
  let parsed: { timings?: RawTiming[]; checks?: { file: string; errors: number }[] };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch (e) {
    throw new Hl7TimingOutputError(`the HL7 validator's timing line is not JSON: ${(e as Error).message}`);
  }
  const numbers: (keyof RawTiming)[] = ['errors', 'runs', 'medianMs', 'p90Ms', 'p95Ms', 'meanMs', 'minMs'];
  const timings = (parsed.timings ?? []).map((t) => {
    const bad = numbers.find((k) => typeof t[k] !== 'number' || !Number.isFinite(t[k]));
    if (typeof t.file !== 'string' || bad) throw new Hl7TimingOutputError(`the HL7 validator's timing of ${t.file ?? '?'} lacks ${bad ?? 'file'}`);
    return { file: t.file, errors: t.errors, timing: { iterations: t.runs, medianMs: t.medianMs, p95Ms: t.p95Ms, meanMs: t.meanMs, minMs: t.minMs } };
  });
  return { timings, checks: new Map((parsed.checks ?? []).map((c) => [c.file, c.errors])) };
}

/** One row per case from the runner's output (files named as `fileFor` names them). */
export function hl7Rows(cases: Hl7Case[], output: Hl7TimingOutput, fileFor: (c: Hl7Case, invalid: boolean) => string, version: string): ResourceRow[] {
  return cases.map((c) => {
    const timed = output.timings.find((t) => t.file === fileFor(c, false));
    if (!timed) throw new Hl7TimingOutputError(`the HL7 validator gave no timing for ${c.fileName}`);
    const invalidErrors = output.checks.get(fileFor(c, true));
    return {
      validator: 'HL7 validator, warm',
      version: `org.hl7.fhir.validation ${version}`,
      input: c.input,
      comparedWith: c.comparedWith,
      passed: timed.errors === 0,
      rejectsInvalid: invalidErrors !== undefined && invalidErrors > 0,
      timing: timed.timing,
    };
  });
}

export type Hl7Measurement = { rows: ResourceRow[]; offline: boolean; seconds: number } | { skipped: string };

/**
 * Times every case in one JVM. Needs Java and the jars `npm run oracle` resolves; without them (or when the
 * runner fails) it says why in `skipped`, and the bench goes on without these rows.
 */
export function measureHl7(projectDir: string, cases: Hl7Case[], workDir: string, igDirs: string[], resolveDirs: string[]): Hl7Measurement {
  const hl7 = new Hl7Validator(projectDir);
  try {
    if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error) return { skipped: 'Java is not installed (no `java` on PATH)' };
    if (!hl7.isResolved()) return { skipped: `the HL7 validator's jars are not in tools/oracle/target/lib (run \`npm run oracle\` once, with network)` };
    hl7.prepare();
    const dir = path.join(workDir, 'hl7');
    fs.mkdirSync(dir, { recursive: true });
    const fileFor = (c: Hl7Case, invalid: boolean) => path.join(dir, invalid ? `invalid-${c.fileName}` : c.fileName);
    for (const c of cases) {
      fs.writeFileSync(fileFor(c, false), JSON.stringify(c.resource, null, 2));
      fs.writeFileSync(fileFor(c, true), JSON.stringify(c.invalid, null, 2));
    }
    const run = hl7.time(
      cases.map((c) => fileFor(c, false)),
      cases.map((c) => fileFor(c, true)),
      HL7_WARMUP,
      HL7_RUNS,
      pinnedPackageDirs(projectDir),
      igDirs,
      resolveDirs,
    );
    return { rows: hl7Rows(cases, parseHl7Timing(run.stdout), fileFor, hl7.version()), offline: run.offline, seconds: run.seconds };
  } catch (e) {
    if (e instanceof OracleUnavailableError || e instanceof Hl7TimingOutputError) return { skipped: `the HL7 validator could not be timed: ${e.message.split('\n')[0]}` };
    throw e;
  }
}
