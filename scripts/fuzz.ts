// `npm run fuzz`: seeded, time- and count-bounded fuzzing of the validator, the converters and the
// design review, in worker processes. Not part of `npm test` (a fixed-seed slice is).
//   npm run fuzz -- [--seed N] [--seconds S] [--count N] [--weights validate=45,convert=45,review=10]
//                   [--workers N] [--max-bytes N] [--findings DIR] [--replay FILE|DIR]
// Exit code 0 when nothing was found, 1 when something was (each input saved under --findings), 2 on misuse.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fork } from 'node:child_process';
import { confirmTimingFindings } from './fuzz/confirm';
import { corpus, PROJECT_DIR } from './fuzz/corpus';
import { MAX_INPUT_CHARS, setMaxInputChars } from './fuzz/json-mutator';
import { FindingFileError, FindingLog, loadFinding } from './fuzz/findings';
import { budgetMs, DEFAULT_WEIGHTS, emptyStats, generateCase, runCase, warmUp, type Finding, type TargetStats, type Weights } from './fuzz/runner';
import { TARGET_NAMES, type TargetName } from './fuzz/targets';
import type { WorkerInput, WorkerMessage } from './fuzz/worker';
import { formatReport, memoryVerdict, type MemorySample } from './fuzz/report';

class UsageError extends Error {}

/** An input still running after this long (or 3 times its budget) is ended (and retried once). */
const MIN_KILL_MS = 3000;
/** The worker's heap: an input that needs more is a finding (the CLI would abort), not the end of the run. */
const WORKER_HEAP_MB = 3072;

interface Options {
  seed: number;
  seconds: number;
  count: number;
  weights: Weights;
  workers: number;
  maxBytes: number;
  findings: string;
  replay?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { seed: Date.now() % 2 ** 31, seconds: 60, count: Infinity, weights: { ...DEFAULT_WEIGHTS }, workers: 1, maxBytes: MAX_INPUT_CHARS, findings: path.join(PROJECT_DIR, 'fuzz-findings') };
  const number = (flag: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs an integer of at least ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--seed':
        options.seed = number(flag, value, 0) >>> 0;
        i++;
        break;
      case '--seconds':
        options.seconds = number(flag, value, 1);
        i++;
        break;
      case '--count':
        options.count = number(flag, value, 1);
        i++;
        break;
      case '--max-bytes':
        options.maxBytes = number(flag, value, 1000);
        i++;
        break;
      case '--workers':
        options.workers = number(flag, value, 1);
        i++;
        break;
      case '--findings':
        if (!value) throw new UsageError('--findings needs a folder');
        options.findings = path.resolve(value);
        i++;
        break;
      case '--replay':
        if (!value) throw new UsageError('--replay needs a finding file or a folder of them');
        options.replay = path.resolve(value);
        i++;
        break;
      case '--weights': {
        if (!value) throw new UsageError('--weights needs target=weight,...');
        const weights = Object.fromEntries(TARGET_NAMES.map((t) => [t, 0])) as Weights;
        for (const part of value.split(',')) {
          const [name, w = '1'] = part.split('=');
          if (!TARGET_NAMES.includes(name as TargetName)) throw new UsageError(`unknown target ${name} (targets: ${TARGET_NAMES.join(', ')})`);
          weights[name as TargetName] = number(`--weights ${name}`, w, 0);
        }
        if (TARGET_NAMES.every((t) => weights[t] === 0)) throw new UsageError('--weights gives every target weight 0');
        options.weights = weights;
        i++;
        break;
      }
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  return options;
}

/** Runs a saved finding again: 0 when it no longer reproduces, 1 when it does. */
async function replayOne(file: string): Promise<number> {
  const { finding, fuzzCase } = loadFinding(file);
  console.log(`replaying ${finding.kind} finding of ${fuzzCase.target} (${fuzzCase.kind}, ${fuzzCase.bytes.length} bytes; run seed ${finding.runSeed}, index ${finding.index}): ${path.basename(file)}`);
  console.log(`saved: ${finding.detail}`);
  // Up to three runs, the fastest counts: the first one pays for loading the definitions it needs.
  const { problems, bytes } = await runCase(fuzzCase);
  let ms = Infinity;
  for (let i = 0; i < 3 && ms > budgetMs(bytes); i++) ms = Math.min(ms, (await runCase(fuzzCase)).ms);
  for (const p of problems) console.log(`now:   ${p.kind}: ${p.detail}`);
  const slow = ms > budgetMs(bytes);
  console.log(`time:  ${ms.toFixed(1)} ms (budget ${budgetMs(bytes).toFixed(0)} ms${bytes > fuzzCase.bytes.length ? `, for ${bytes} bytes read and written` : ''})${slow ? ': over budget' : ''}`);
  if (!problems.length && !slow) console.log('no longer reproduces');
  return problems.length || slow ? 1 : 0;
}

/**
 * `--replay FILE` runs one finding; `--replay DIR` every finding in it, after a warm-up, so that a
 * run's findings can be told apart: those that reproduce, and those a loaded machine made up.
 */
async function replay(target: string): Promise<number> {
  if (!fs.existsSync(target)) throw new FindingFileError(`no finding ${target}`);
  if (!fs.statSync(target).isDirectory()) return replayOne(target);
  const files = fs.readdirSync(target).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(target, f));
  await warmUp();
  const reproduced: string[] = [];
  for (const file of files) if (await replayOne(file)) reproduced.push(path.basename(file));
  console.log(`\n${files.length} finding(s) replayed: ${reproduced.length} reproduce${reproduced.length ? ` (${reproduced.join(', ')})` : ''}, ${files.length - reproduced.length} do not`);
  return reproduced.length ? 1 : 0;
}

function addStats(into: Record<TargetName, TargetStats>, from: Record<TargetName, TargetStats>): void {
  for (const t of TARGET_NAMES) {
    const a = into[t];
    const b = from[t];
    a.inputs += b.inputs;
    a.bytes += b.bytes;
    a.ms += b.ms;
    a.worstMsPerMb = Math.max(a.worstMsPerMb, b.worstMsPerMb);
    for (const [k, n] of Object.entries(b.findings)) a.findings[k as keyof TargetStats['findings']] = (a.findings[k as keyof TargetStats['findings']] ?? 0) + (n ?? 0);
  }
}

/** Faults of the harness itself; any makes the run fail, since its inputs were not judged. */
const harnessErrors = { count: 0 };

/** What a worker process last wrote to stderr: the reason V8 gives when it ends a process. */
const STDERR_TAIL_CHARS = 2000;

/**
 * Runs one stride of the indices in a worker process. An input still running after its kill limit
 * ends the worker, which restarts at that input once (a stall of the machine is no finding), then
 * after it: a second time is a hang. A worker that dies on an input (out of memory, even when V8
 * aborts the process) is a finding at once, with that input saved.
 */
function runStride(options: Options, start: number, deadline: number, onFinding: (f: Finding) => void, memory: MemorySample[]): Promise<Record<TargetName, TargetStats>> {
  const total = emptyStats();
  const retried = new Set<number>();
  return new Promise((resolve, reject) => {
    const launch = (from: number) => {
      if (from >= options.count || Date.now() >= deadline) return resolve(total);
      const input: WorkerInput = { runSeed: options.seed, start: from, stride: options.workers, end: options.count, deadline, weights: options.weights, maxBytes: options.maxBytes };
      const worker = fork(path.join(__dirname, 'fuzz', 'worker.ts'), [], {
        execArgv: ['-r', 'tsx/cjs', `--max-old-space-size=${WORKER_HEAP_MB}`],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      worker.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL_CHARS)));
      let latest = emptyStats();
      /** The first index the latest stats do not count. */
      let latestNext = from;
      let over = false;
      /** The input running now (-1: between inputs) and when it started. */
      let running = -1;
      let startedAt = 0;
      /** The worker ended on input `index`: count it, report it (or retry it once), and go on. */
      const ended = (index: number, kind: 'hang' | 'oom', detail: (bytes: number) => string) => {
        over = true;
        clearInterval(watchdog);
        addStats(total, latest);
        // Inputs judged after the worker's last stats report (at most a second's worth) still count.
        for (let i = latestNext; i < index; i += options.workers) {
          const { fuzzCase } = generateCase(options.seed, i, options.weights);
          total[fuzzCase.target].inputs++;
          total[fuzzCase.target].bytes += fuzzCase.bytes.length;
        }
        if (kind === 'hang' && !retried.has(index)) {
          retried.add(index);
          return launch(index);
        }
        const { seed, fuzzCase } = generateCase(options.seed, index, options.weights);
        const s = total[fuzzCase.target];
        s.inputs++;
        s.bytes += fuzzCase.bytes.length;
        s.findings[kind] = (s.findings[kind] ?? 0) + 1;
        onFinding({ kind, detail: detail(fuzzCase.bytes.length), runSeed: options.seed, index, inputSeed: seed, case: fuzzCase });
        launch(index + options.workers);
      };
      const watchdog = setInterval(() => {
        if (over || running < 0 || Date.now() - startedAt < MIN_KILL_MS) return;
        const { fuzzCase } = generateCase(options.seed, running, options.weights);
        const limit = Math.max(MIN_KILL_MS, 3 * budgetMs(fuzzCase.bytes.length));
        if (Date.now() - startedAt < limit) return;
        const index = running;
        over = true;
        worker.once('exit', () => ended(index, 'hang', (bytes) => `still running after ${limit.toFixed(0)} ms (${bytes} bytes), twice: ended`));
        worker.kill('SIGKILL');
      }, 250);
      worker.on('message', (m: WorkerMessage) => {
        if (over) return;
        if (m.type === 'start') {
          running = m.index;
          startedAt = m.at;
        } else if (m.type === 'stats') {
          latest = m.stats;
          latestNext = m.next;
        }
        else if (m.type === 'finding') onFinding({ ...m.finding, case: { ...m.finding.case, bytes: Uint8Array.from(m.finding.case.bytes) } });
        else if (m.type === 'memory') memory.push({ at: m.at, heapUsed: m.heapUsed, rss: m.rss });
        else if (m.type === 'harness-error') {
          harnessErrors.count++;
          console.error(`  harness error at index ${m.index} (a fault of the fuzzer, not of the kit): ${m.message}`);
        } else if (m.type === 'done') {
          over = true;
          clearInterval(watchdog);
          addStats(total, m.stats);
          worker.kill();
          resolve(total);
        }
      });
      worker.on('exit', (code, signal) => {
        if (over) return;
        if (running < 0) {
          over = true;
          clearInterval(watchdog);
          return reject(new Error(`a fuzz worker ended between inputs (${signal ?? `exit code ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
        }
        const reason = /heap limit|out of memory/i.test(stderr) ? `it ran out of its ${WORKER_HEAP_MB} MB heap` : `it died (${signal ?? `exit code ${code}`})`;
        const last = stderr.trim().split('\n').find((l) => /FATAL ERROR|heap limit/i.test(l)) ?? stderr.trim().split('\n').pop() ?? '';
        ended(running, 'oom', (bytes) => `the worker process ended on this input: ${reason} (${bytes} bytes of input)${last ? `: ${last.slice(0, 200)}` : ''}`);
      });
      worker.send(input);
    };
    launch(start);
  });
}

async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.replay) return replay(options.replay);
  corpus(); // fail here, in one line, when the build or dump2dcm is missing
  setMaxInputChars(options.maxBytes); // the watchdog regenerates inputs as the workers do
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const log = new FindingLog(options.findings);
  const memory: MemorySample[] = [];
  console.log(`fuzz: seed ${options.seed}, ${options.seconds} s${Number.isFinite(options.count) ? `, ${options.count} inputs` : ''}, weights ${TARGET_NAMES.map((t) => `${t}=${options.weights[t]}`).join(',')}, ${options.workers} worker(s)`);
  const onFinding = (f: Finding) => {
    const file = log.add(f);
    if (file) console.log(`  ${f.case.target} ${f.kind} (${f.case.kind}, index ${f.index}): ${f.detail.split('\n')[0].slice(0, 200)} -> ${path.relative(process.cwd(), file)}`);
  };
  const parts = await Promise.all(Array.from({ length: options.workers }, (_, k) => runStride(options, k, deadline, onFinding, memory)));
  const stats = emptyStats();
  for (const p of parts) addStats(stats, p);
  const verdict = memoryVerdict(memory);
  console.log(formatReport(stats, (Date.now() - started) / 1000, verdict, log.distinct.length));
  if (harnessErrors.count) console.log(`${harnessErrors.count} input(s) not judged: the harness failed on them`);
  // Slow and hung inputs are run again alone: only those that reproduce fail the run.
  const confirmations = await confirmTimingFindings(log.distinct, (bytes) => Math.max(MIN_KILL_MS, 3 * budgetMs(bytes)), WORKER_HEAP_MB);
  for (const c of confirmations) {
    const again = c.ms === undefined ? 'ended at the kill limit again' : `${c.ms.toFixed(1)} ms (budget ${budgetMs(c.budgetBytes).toFixed(0)} ms)`;
    console.log(`  re-run alone: ${c.finding.case.target} ${c.finding.kind} (index ${c.finding.index}): ${again}: ${c.reproduced ? 'REPRODUCES' : 'does not reproduce'}`);
  }
  if (confirmations.length) console.log(`${confirmations.filter((c) => c.reproduced).length} of ${confirmations.length} slow or hung input(s) reproduce when run again alone`);
  const failing = log.distinct.filter((f) => !confirmations.some((c) => c.finding === f && !c.reproduced));
  return failing.length || !verdict.flat || harnessErrors.count ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    const message = e instanceof UsageError || e instanceof FindingFileError ? e.message : `${(e as Error)?.message ?? e}`;
    console.error(`fuzz: ${message}`);
    if (process.env.FUZZ_DEBUG) console.error((e as Error)?.stack);
    process.exit(2);
  },
);
