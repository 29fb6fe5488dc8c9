// The live preview (`npm start`), end to end: `imgref site --serve --watch` on a copy of the project, an FSH edit,
// and the time until the served page has it (polled over HTTP, as the browser reloads it). Cold: from the start of the
// command until it serves, and the first edit (SUSHI and the renderer still warming up). Warm: the edits after it.
// Run alone with `tsx scripts/bench/preview.ts`: it replaces the "Live preview" section of docs/benchmarks.md.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyProject } from '../../tests/site/serve/project-copy';

export interface PreviewEdit {
  kind: string;
  ms: number;
  /** The worker's own report of the rebuild (`rebuilt in ... ms (sushi ..., site ...; n page(s) rendered ...)`). */
  report: string;
}

export interface PreviewRun {
  /** From the start of the command until it serves the site (its first full build included). */
  serveMs: number;
  /** The first edit after it serves: SUSHI is still loading and the renderer warming up. */
  first: PreviewEdit;
  warm: PreviewEdit[];
  loadAverage: number[];
}

const EDITS = [
  { kind: 'example (Patient family name)', file: 'Examples-Support.fsh', page: 'Patient-patient-jane-doe.html', from: /name\.family = "[^"]*"/, to: (v: string) => `name.family = "${v}"` },
  { kind: 'definition (ImagingReference description)', file: 'ImagingReference.fsh', page: 'StructureDefinition-ImagingReference.html', from: /^Description: "[^"]*"/m, to: (v: string) => `Description: "A selection of DICOM objects (${v})."` },
];

export async function measurePreview(projectDir: string, warmRuns = 6): Promise<PreviewRun | string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-bench-preview-'));
  const project = path.join(work, 'project');
  copyProject(project);
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(projectDir, 'bin', 'imgref.js'), 'site', '--serve', '--watch', '--port', '0', '--project', project], { cwd: projectDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  try {
    const base = await until(() => /serving .* at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1], 180_000);
    if (!base) return `the preview did not start: ${out.slice(-500)}`;
    const serveMs = Date.now() - started;
    let n = 0;
    const edit = async (which: (typeof EDITS)[number]): Promise<PreviewEdit | string> => {
      const marker = `bench-${Date.now()}-${n++}`;
      const file = path.join(project, 'input', 'fsh', which.file);
      const reports = out.split('rebuilt in').length;
      const t = Date.now();
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(which.from, which.to(marker)));
      const seen = await until(async () => (await (await fetch(`${base}/${which.page}`)).text()).includes(marker), 120_000);
      if (!seen) return `the ${which.kind} edit did not show in ${which.page}: ${out.slice(-500)}`;
      const ms = Date.now() - t;
      await until(() => out.split('rebuilt in').length > reports, 10_000);
      const report = /rebuilt in [^\n]*?changed\)/.exec(out.split('rebuilt in').slice(reports).map((s) => `rebuilt in${s}`).join(''))?.[0] ?? '';
      return { kind: which.kind, ms, report };
    };
    const first = await edit(EDITS[0]);
    if (typeof first === 'string') return first;
    const warm: PreviewEdit[] = [];
    for (let i = 0; i < warmRuns; i++) {
      const run = await edit(EDITS[i % EDITS.length]);
      if (typeof run === 'string') return run;
      warm.push(run);
    }
    return { serveMs, first, warm, loadAverage: os.loadavg() };
  } finally {
    child.kill();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function until<T>(value: () => T | Promise<T>, timeout: number): Promise<T | undefined> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const v = await value();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function previewSection(p: PreviewRun | string): string[] {
  const head = ['## Live preview (`npm start`)', ''];
  if (typeof p === 'string') return [...head, `Not measured: ${p}`];
  const byKind = [...new Set(p.warm.map((w) => w.kind))].map((kind) => {
    const runs = p.warm.filter((w) => w.kind === kind).map((w) => w.ms);
    return `| warm edit: ${kind} | ${runs.length} | ${s(median(runs))} | ${s(Math.min(...runs))} – ${s(Math.max(...runs))} |`;
  });
  return [
    ...head,
    '`imgref site --serve --watch` on a copy of the project; each FSH edit is timed until the served page has it (polled over HTTP). ' +
      'The rebuild runs in a worker (SUSHI kept loaded, the renderer kept warm: only pages whose inputs changed are rendered, only changed files written). ' +
      `Load average at the end: ${p.loadAverage.map((l) => l.toFixed(1)).join(', ')} (the 2 cores are shared). Target: a warm edit under 5 s.`,
    '',
    '| | runs | median | range |',
    '|---|---:|---:|---:|',
    `| cold: start until the site is served | 1 | ${s(p.serveMs)} | |`,
    `| first edit (SUSHI loading, renderer warming up) | 1 | ${s(p.first.ms)} | |`,
    ...byKind,
    '',
    'The worker\'s report of the first and each warm rebuild (ms):',
    '',
    `- first edit, ${p.first.kind}: ${s(p.first.ms)} to the page; ${p.first.report}`,
    ...p.warm.map((w) => `- ${w.kind}: ${s(w.ms)} to the page; ${w.report}`),
    '',
    'In the copy, the playground\'s definitions are the kit\'s own (`fsh-generated/` of the kit), so a definition edit there does not rebuild the playground; ' +
      'in the kit itself it does (its pinned packages are trimmed and chunked once per process, the IG\'s part and the two esbuild bundles again).',
  ];
}

/** Replaces (or appends) the section in docs/benchmarks.md. */
export function writePreviewSection(file: string, section: string[]): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = text.indexOf(section[0]);
  const next = start < 0 ? -1 : text.indexOf('\n## ', start + 1);
  const body = section.join('\n') + '\n';
  const updated = start < 0 ? `${text.trimEnd()}\n\n${body}` : text.slice(0, start) + body + (next < 0 ? '' : text.slice(next + 1).replace(/^/, '\n'));
  fs.writeFileSync(file, updated);
}

if (require.main === module) {
  const projectDir = path.resolve(__dirname, '..', '..');
  measurePreview(projectDir).then(
    (run) => {
      const section = previewSection(run);
      writePreviewSection(path.join(projectDir, 'docs', 'benchmarks.md'), section);
      process.stdout.write(section.join('\n') + '\n');
      process.exit(typeof run === 'string' ? 1 : 0);
    },
    (e: Error) => {
      console.error(`bench: ${e.message}`);
      process.exit(2);
    },
  );
}
