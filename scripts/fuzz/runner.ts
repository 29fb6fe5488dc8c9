// Runs fuzz inputs one by one and judges them: escaped exceptions, internal errors, output that
// leaks past the library (console, stdout, stderr), unclear refusals, and inputs over 1 s per MB.
import { corpus } from './corpus';
import { inputSeed, Rng } from './random';
import { show, TARGETS, TARGET_NAMES, type FuzzCase, type Problem, type ProblemKind, type TargetName } from './targets';

/**
 * The time budget: 1 s per MB read and written (the output counts for convert: RunResult.outputBytes), and
 * never less than for 100 KB (tiny inputs share fixed costs).
 */
export const MS_PER_MB = 1000;
export const FLOOR_BYTES = 100_000;

export function budgetMs(bytes: number): number {
  return (Math.max(bytes, FLOOR_BYTES) / 1_000_000) * MS_PER_MB;
}

export type Weights = Record<TargetName, number>;
export const DEFAULT_WEIGHTS: Weights = { validate: 48, convert: 48, review: 4 };

export type FindingKind = ProblemKind | 'slow' | 'hang' | 'oom';

export interface Finding {
  kind: FindingKind;
  detail: string;
  runSeed: number;
  index: number;
  inputSeed: number;
  case: FuzzCase;
}

/** The target that input `index` of a run goes to, and the input itself: both from its seed alone. */
export function generateCase(runSeed: number, index: number, weights: Weights): { seed: number; fuzzCase: FuzzCase } {
  const seed = inputSeed(runSeed, index);
  const rng = new Rng(seed);
  const total = TARGET_NAMES.reduce((n, t) => n + weights[t], 0);
  let r = rng.next() * total;
  let target: TargetName = TARGET_NAMES.find((t) => weights[t] > 0)!;
  for (const t of TARGET_NAMES) {
    if (weights[t] <= 0) continue;
    if (r < weights[t]) {
      target = t;
      break;
    }
    r -= weights[t];
  }
  return { seed, fuzzCase: TARGETS[target].generate(rng) };
}

/**
 * Runs one input with console, stdout and stderr captured; `ms` is the time of the library call: a library call must never print
 * (dcmjs's own logging is a known way for that to happen).
 */
export async function runCase(c: FuzzCase): Promise<{ problems: Problem[]; ms: number; bytes: number }> {
  const leaked: string[] = [];
  const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const savedConsole = consoleMethods.map((m) => console[m]);
  const savedOut = process.stdout.write;
  const savedErr = process.stderr.write;
  const capture = (where: string) => (...args: unknown[]) => {
    leaked.push(`${where}: ${args.map((a) => (a instanceof Uint8Array ? Buffer.from(a).toString() : show(a))).join(' ')}`);
    return true;
  };
  consoleMethods.forEach((m) => (console[m] = capture(`console.${m}`)));
  process.stdout.write = capture('stdout') as typeof process.stdout.write;
  process.stderr.write = capture('stderr') as typeof process.stderr.write;
  let problems: Problem[];
  let ms: number;
  let outputBytes: number | undefined;
  try {
    ({ problems, ms, outputBytes } = await TARGETS[c.target].run(c));
  } finally {
    consoleMethods.forEach((m, i) => (console[m] = savedConsole[i]));
    process.stdout.write = savedOut;
    process.stderr.write = savedErr;
  }
  if (leaked.length) problems.push({ kind: 'leak', detail: `printed while running: ${leaked[0].slice(0, 300)}` });
  return { problems, ms, bytes: c.bytes.length + (outputBytes ?? 0) };
}

/**
 * Runs the unmutated seeds of every target a few times before the first judged input: a fresh
 * worker's first inputs pay for loading definitions and for code not yet optimised.
 */
export async function warmUp(): Promise<void> {
  const c = corpus();
  const text = (v: unknown) => Buffer.from(JSON.stringify(v));
  const cases: FuzzCase[] = [
    // Every seed: the first use of a resource type loads its definitions, and some constraints load fhirpath.js.
    ...c.json.map((r): FuzzCase => ({ target: 'validate', kind: 'json', fileName: 'warm.json', bytes: text(r) })),
    ...c.xml.map((x): FuzzCase => ({ target: 'validate', kind: 'xml', fileName: 'warm.xml', bytes: Buffer.from(x) })),
    { target: 'validate', kind: 'file-ndjson', fileName: 'warm.ndjson', bytes: Buffer.from(c.json.slice(0, 3).map((r) => JSON.stringify(r)).join('\n')) },
    ...c.imagingManifest.map((r): FuzzCase => ({ target: 'convert', kind: 'imagingmanifest', fileName: 'warm.json', bytes: text(r) })),
    ...c.imagingSelection.map((r): FuzzCase => ({ target: 'convert', kind: 'imagingselection', fileName: 'warm.json', bytes: text(r) })),
    ...c.imagingReference.map((r): FuzzCase => ({ target: 'convert', kind: 'imagingreference', fileName: 'warm.json', bytes: text(r) })),
    ...c.kos.map((b): FuzzCase => ({ target: 'convert', kind: 'kos', fileName: 'warm.dcm', bytes: b })),
    { target: 'review', kind: 'sd', fileName: 'warm.json', bytes: text(c.structureDefinition) },
  ];
  for (let round = 0; round < 3; round++) for (const w of cases) await runCase(w);
}

export interface TargetStats {
  inputs: number;
  bytes: number;
  ms: number;
  /** The slowest input, in ms per MB (with the floor). */
  worstMsPerMb: number;
  findings: Partial<Record<FindingKind, number>>;
}

export function emptyStats(): Record<TargetName, TargetStats> {
  return Object.fromEntries(TARGET_NAMES.map((t) => [t, { inputs: 0, bytes: 0, ms: 0, worstMsPerMb: 0, findings: {} }])) as Record<TargetName, TargetStats>;
}

/**
 * Judges one input: its problems, and its time. An input over budget is run up to twice more (the
 * fastest run counts), so that a first-use cost (a definition loaded, a FHIRPath compiled, code not yet
 * optimised) or a GC pause is not taken for a slow rule.
 */
export async function judge(runSeed: number, index: number, weights: Weights, stats: Record<TargetName, TargetStats>): Promise<Finding[]> {
  const { seed, fuzzCase } = generateCase(runSeed, index, weights);
  const first = await runCase(fuzzCase);
  const { problems, bytes: budgetBytes } = first;
  let { ms } = first;
  const size = fuzzCase.bytes.length;
  for (let retry = 0; retry < 2 && ms > budgetMs(budgetBytes); retry++) ms = Math.min(ms, (await runCase(fuzzCase)).ms);
  const s = stats[fuzzCase.target];
  s.inputs++;
  s.bytes += size;
  s.ms += ms;
  s.worstMsPerMb = Math.max(s.worstMsPerMb, ms / (Math.max(budgetBytes, FLOOR_BYTES) / 1_000_000));
  const found: Finding[] = problems.map((p) => ({ kind: p.kind, detail: p.detail, runSeed, index, inputSeed: seed, case: fuzzCase }));
  if (ms > budgetMs(budgetBytes)) {
    const written = budgetBytes > size ? ` (${budgetBytes} read and written)` : '';
    found.push({ kind: 'slow', detail: `${ms.toFixed(0)} ms for ${size} bytes${written} (budget ${budgetMs(budgetBytes).toFixed(0)} ms)`, runSeed, index, inputSeed: seed, case: fuzzCase });
  }
  for (const f of found) s.findings[f.kind] = (s.findings[f.kind] ?? 0) + 1;
  return found;
}
