// `npm run bench` (after scripts/bench.ts), or `npm run bench:server` alone: `imgref serve` under
// load on loopback (autocannon, a fixed number of requests, bounded connections), against the
// CLI's cost per file. Writes its section of docs/benchmarks.md, between the markers below.
// A benchmark, not a test: it measures and reports; it exits 1 only if a request failed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { imagingReference } from './bench/samples';

const PROJECT_DIR = path.resolve(__dirname, '..');
const START = '<!-- bench-server:start -->';
const END = '<!-- bench-server:end -->';
const ROUNDS = Number(process.env.BENCH_SERVER_ROUNDS ?? 10);
const PER_ROUND = Number(process.env.BENCH_SERVER_REQUESTS ?? 20_000);
const CONNECTIONS = 8;
const THREADS = 2;
const CLI_RUNS = 5;

interface Round {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  failed: number;
  rssMb: number;
}

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(PROJECT_DIR, 'bin', 'imgref.js'), 'serve', '--port', '0', '--threads', String(THREADS), '--no-log'], { cwd: PROJECT_DIR, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d;
      const m = /\$validate at (http:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`imgref serve stopped: ${stderr}`)));
  });
  return { child, url };
}

async function rssMb(url: string): Promise<number> {
  const health = (await (await fetch(`${url}/health`)).json()) as { rssBytes: number };
  return health.rssBytes / 1024 / 1024;
}

async function round(url: string, body: string, amount: number): Promise<Omit<Round, 'rssMb'>> {
  const started = process.hrtime.bigint();
  let last = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/$validate`,
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
        body,
        connections: CONNECTIONS,
        amount,
        timeout: 10,
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    // autocannon ends a run on its one-second tick: the last response is when the work was done.
    instance.on('response', () => (last = process.hrtime.bigint()));
  });
  const seconds = Number(last - started) / 1e9;
  const failed = result.errors + result.timeouts + result.non2xx;
  return { requests: result.requests.total, rps: result.requests.total / seconds, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, failed };
}

/** One file through the CLI, a new process each time, as a pipeline without the server pays it. */
function cliPerFile(file: string): number[] {
  const args = [path.join(PROJECT_DIR, 'bin', 'imgref.js'), 'validate', file];
  spawnSync(process.execPath, args, { stdio: 'ignore' });
  return Array.from({ length: CLI_RUNS }, () => {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function render(rounds: Round[], cliMs: number[], bodyBytes: number): string {
  const total = rounds.reduce((n, r) => n + r.requests, 0);
  const failed = rounds.reduce((n, r) => n + r.failed, 0);
  const steady = rounds.slice(1);
  const rps = steady.reduce((n, r) => n + r.rps, 0) / Math.max(1, steady.length);
  const lines = [
    START,
    '## `imgref serve` under load',
    '',
    `\`npm run bench\` (scripts/bench-server.ts): \`imgref serve --threads ${THREADS}\` on loopback, autocannon with ${CONNECTIONS} connections, ` +
      `${ROUNDS} rounds of ${PER_ROUND.toLocaleString('en')} \`POST /$validate\` of the same ImagingReference (20 instances, ${bodyBytes} bytes of JSON), ` +
      `on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average before the run ${os.loadavg()[0].toFixed(2)}. ` +
      'Memory is the server process\'s resident set (worker threads included) after each round. Rounds differ with what else runs on the machine (the load average says how busy it was); ' +
      'latencies are autocannon\'s, in whole milliseconds.',
    '',
    `**${total.toLocaleString('en')} requests, ${failed} failed; ${Math.round(rps)} requests/s after the first round; ` +
      `${median(cliMs).toFixed(0)} ms per file through the CLI (a new process per file, median of ${CLI_RUNS}) against ${(1000 / rps).toFixed(2)} ms per request through the server.**`,
    '',
    '| round | requests | failed | req/s | p50 ms | p90 ms | p99 ms | max ms | RSS after (MB) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rounds.map((r, i) => `| ${i + 1} | ${r.requests} | ${r.failed} | ${Math.round(r.rps)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.rssMb.toFixed(0)} |`),
    '',
    `RSS from round 2 to round ${rounds.length}: ${rounds[1]?.rssMb.toFixed(0) ?? '-'} → ${rounds[rounds.length - 1].rssMb.toFixed(0)} MB (round 1 includes compiling the models on first use).`,
    END,
  ];
  return lines.join('\n');
}

function writeSection(section: string): void {
  const file = path.join(PROJECT_DIR, 'docs', 'benchmarks.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = current.indexOf(START);
  const end = current.indexOf(END);
  const next = at >= 0 && end > at ? current.slice(0, at) + section + current.slice(end + END.length) : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(PROJECT_DIR, 'dist', 'src', 'server', 'worker.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const body = JSON.stringify(imagingReference(PROJECT_DIR));
  const sample = path.join(os.tmpdir(), `imgref-bench-server-${process.pid}.json`);
  fs.writeFileSync(sample, body);
  const cliMs = cliPerFile(sample);
  fs.rmSync(sample, { force: true });
  const { child, url } = await startServer();
  const rounds: Round[] = [];
  try {
    // What every request of the load gets: the outcome of a valid resource (checked once here).
    const answer = await fetch(`${url}/$validate`, { method: 'POST', body, headers: { 'content-type': 'application/fhir+json' } });
    const outcome = (await answer.json()) as { resourceType: string; issue: { severity: string }[] };
    if (answer.status !== 200 || outcome.resourceType !== 'OperationOutcome' || outcome.issue.some((i) => i.severity === 'error' || i.severity === 'fatal')) {
      throw new Error(`the sample is not answered as a valid resource: ${answer.status} ${JSON.stringify(outcome).slice(0, 300)}`);
    }
    for (let i = 0; i < ROUNDS; i++) {
      const r = await round(url, body, PER_ROUND);
      rounds.push({ ...r, rssMb: await rssMb(url) });
      console.error(`bench-server: round ${i + 1}/${ROUNDS}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, ${r.failed} failed, RSS ${rounds[i].rssMb.toFixed(0)} MB`);
    }
  } finally {
    child.kill('SIGTERM');
  }
  writeSection(render(rounds, cliMs, Buffer.byteLength(body)));
  console.error('bench-server: wrote its section of docs/benchmarks.md');
  return rounds.some((r) => r.failed > 0) ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`bench-server: ${(e as Error).message}`);
    process.exitCode = 2;
  },
);
