// The validator playground page. The validator itself runs in a Web Worker (worker.ts), created
// from a blob of its bundled source (playground/worker-source.js) so that it starts from disk
// (file://) as from a server; the page loads the definition chunks the worker asks for as
// scripts (playground/chunk-N.js), which also works from disk. Everything pasted or found is
// shown with textContent: a pasted resource never becomes markup.
import type { ValidationIssue } from '../../../validator/outcome/issue';
import { issuesOf, type OperationOutcome } from '../../../validator/outcome/operation-outcome';
import type { FromWorker, PlaygroundApi, ToWorker } from './protocol';
import { bySeverity, offsetOf, valueAt, verdictOf } from './verdict';

declare global {
  // eslint-disable-next-line no-var
  var IMGREF_WORKER: string | undefined;
  // eslint-disable-next-line no-var
  var IMGREF_INDEX: string | undefined;
  // eslint-disable-next-line no-var
  var IMGREF_CHUNK: ((chunk: number, text: string) => void) | undefined;
  // eslint-disable-next-line no-var
  var imgrefPlayground: PlaygroundApi | undefined;
}

const CHUNK_PATH = 'assets/playground/';
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The worker, and requests to it answered by id. */
function startWorker(onProgress: (m: Extract<FromWorker, { type: 'progress' }>) => void) {
  const worker = new Worker(URL.createObjectURL(new Blob([globalThis.IMGREF_WORKER ?? ''], { type: 'text/javascript' })));
  const waiting = new Map<number, { resolve: (m: FromWorker) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  globalThis.IMGREF_CHUNK = (chunk, text) => worker.postMessage({ type: 'chunk', chunk, text } satisfies ToWorker);
  const loadChunk = (chunk: number) => {
    const script = document.createElement('script');
    script.src = `${CHUNK_PATH}chunk-${chunk}.js`;
    script.onload = () => script.remove();
    script.onerror = () => (script.remove(), worker.postMessage({ type: 'chunk-failed', chunk, url: script.src } satisfies ToWorker));
    document.head.append(script);
  };
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const m = event.data;
    if (m.type === 'need') return m.chunks.forEach(loadChunk);
    if (m.type === 'progress') return onProgress(m);
    const pending = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.type === 'failed') pending?.reject(new Error(m.message));
    else pending?.resolve(m);
  };
  worker.onerror = (e) => {
    for (const p of waiting.values()) p.reject(new Error(`the validator stopped: ${e.message}`));
    waiting.clear();
  };
  worker.postMessage({ type: 'init', index: globalThis.IMGREF_INDEX ?? '{"rows":[],"deps":[],"typeChunks":{},"sizes":[]}' } satisfies ToWorker);
  return {
    nextId: () => ++nextId,
    request<T extends FromWorker>(message: ToWorker & { id: number }, transfer: Transferable[] = []): Promise<T> {
      return new Promise((resolve, reject) => {
        waiting.set(message.id, { resolve: resolve as (m: FromWorker) => void, reject });
        worker.postMessage(message, transfer);
      });
    },
  };
}

function start(): void {
  const input = byId<HTMLTextAreaElement>('resource');
  const gutter = byId<HTMLElement>('gutter');
  const marker = byId<HTMLElement>('line-mark');
  const results = byId<HTMLElement>('issues');
  const summary = byId<HTMLElement>('summary');
  const progress = byId<HTMLProgressElement>('progress');
  const statusText = byId<HTMLElement>('status-text');
  const profileSelect = byId<HTMLSelectElement>('profile');
  const definitionsStatus = byId<HTMLElement>('definitions-status');

  const worker = startWorker((m) => {
    progress.hidden = false;
    if (m.total) {
      progress.max = m.total;
      progress.value = m.loaded;
    } else progress.removeAttribute('value');
    statusText.textContent = m.text;
  });
  const idle = (text = '') => {
    progress.hidden = true;
    statusText.textContent = text;
  };

  const api: PlaygroundApi = {
    async validate(text, fileName, profiles = []) {
      const m = await worker.request<Extract<FromWorker, { type: 'result' }>>({ type: 'validate', id: worker.nextId(), text, fileName, profiles });
      return { outcome: m.outcome, ms: m.ms };
    },
    async addDefinitions(name, content) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content).buffer : content;
      const m = await worker.request<Extract<FromWorker, { type: 'added' }>>({ type: 'add', id: worker.nextId(), name, bytes: bytes as ArrayBuffer }, [bytes as ArrayBuffer]);
      return { count: m.count, profiles: m.profiles };
    },
  };
  globalThis.imgrefPlayground = api;

  // Line numbers, kept in step with the text and its scrolling (the text area does not wrap).
  let lines = 0;
  const renumber = () => {
    const count = input.value.split('\n').length;
    if (count === lines) return;
    lines = count;
    gutter.textContent = Array.from({ length: count }, (_, i) => String(i + 1)).join('\n');
  };
  const lineHeight = () => parseFloat(getComputedStyle(input).lineHeight) || 18;
  input.addEventListener('scroll', () => {
    gutter.scrollTop = input.scrollTop;
    marker.style.transform = `translateY(${-input.scrollTop}px)`;
  });

  /** Moves the cursor to an issue's line and column, selects the value there, and marks the line. */
  const goTo = (issue: ValidationIssue) => {
    if (!issue.position) return;
    const at = offsetOf(input.value, issue.position.line, issue.position.col);
    const value = valueAt(input.value, at);
    input.focus();
    input.setSelectionRange(value.start, Math.max(value.end, value.start + 1));
    const top = (issue.position.line - 1) * lineHeight();
    input.scrollTop = Math.max(0, top - input.clientHeight / 3);
    marker.hidden = false;
    marker.style.top = `${top}px`;
    marker.style.transform = `translateY(${-input.scrollTop}px)`;
  };

  const render = (outcome: OperationOutcome, text: string, ms: number) => {
    const issues = issuesOf(outcome);
    const verdict = verdictOf(issues);
    summary.textContent = verdict.text;
    summary.className = `result result-${verdict.kind === 'valid' ? 'pass' : verdict.kind === 'invalid' ? 'fail' : 'incomplete'}`;
    results.replaceChildren();
    marker.hidden = true;
    for (const issue of bySeverity(issues)) {
      const row = document.createElement('tr');
      row.className = `severity-${issue.severity}`;
      const value = issue.position ? valueAt(text, offsetOf(text, issue.position.line, issue.position.col)).text : '';
      for (const cell of [issue.severity, issue.expression ?? '', issue.position ? `${issue.position.line}:${issue.position.col}` : '', issue.message, value]) {
        const td = document.createElement('td');
        td.textContent = cell;
        row.append(td);
      }
      if (issue.position) {
        row.tabIndex = 0;
        row.title = 'Show in the resource';
        row.addEventListener('click', () => goTo(issue));
        row.addEventListener('keydown', (e) => e.key === 'Enter' && goTo(issue));
      }
      results.append(row);
    }
    idle(`validated in ${ms.toFixed(0)} ms`);
    // Tells scripts (the tests) that an outcome is shown.
    document.body.dataset.validations = String(Number(document.body.dataset.validations ?? 0) + 1);
  };

  let latest = 0;
  const run = async (fileName?: string) => {
    const text = input.value;
    const ticket = ++latest;
    progress.hidden = false;
    progress.removeAttribute('value');
    statusText.textContent = 'validating';
    try {
      const { outcome, ms } = await api.validate(text, fileName, profileSelect.value ? [profileSelect.value] : []);
      if (ticket === latest) render(outcome, text, ms);
    } catch (e) {
      if (ticket !== latest) return;
      summary.textContent = `The validator failed: ${(e as Error).message}`;
      summary.className = 'result result-fail';
      idle();
    }
  };

  const addDefinitions = async (file: File) => {
    definitionsStatus.textContent = `Reading ${file.name}...`;
    try {
      const { count, profiles } = await api.addDefinitions(file.name, await file.arrayBuffer());
      for (const p of profiles) {
        const option = document.createElement('option');
        option.value = p.url;
        option.textContent = p.title;
        profileSelect.append(option);
      }
      definitionsStatus.textContent = `${file.name}: added (${count} StructureDefinition(s), ${profiles.length} profile(s) to pick above). Resources are now validated against it, as with --ig.`;
    } catch (e) {
      definitionsStatus.textContent = `${file.name}: not added: ${(e as Error).message}`;
    }
  };
  const isPackage = (f: File) => /\.(tgz|tar\.gz)$/i.test(f.name);
  const load = async (f: File) => {
    if (isPackage(f)) return addDefinitions(f);
    input.value = await f.text();
    renumber();
    return run(f.name);
  };

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    renumber();
    marker.hidden = true;
    if (!byId<HTMLInputElement>('as-you-type').checked) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 500);
  });
  byId('validate').addEventListener('click', () => void run());
  profileSelect.addEventListener('change', () => input.value && void run());
  const file = byId<HTMLInputElement>('file');
  file.addEventListener('change', () => file.files?.[0] && void load(file.files[0]));
  const defs = byId<HTMLInputElement>('definitions');
  defs.addEventListener('change', async () => {
    for (const f of defs.files ?? []) await addDefinitions(f);
  });
  const dropTarget = (element: HTMLElement, onFiles: (files: File[]) => void) => {
    element.addEventListener('dragover', (e) => (e.preventDefault(), element.classList.add('drag-over')));
    element.addEventListener('dragleave', () => element.classList.remove('drag-over'));
    element.addEventListener('drop', (e) => {
      element.classList.remove('drag-over');
      const files = [...(e.dataTransfer?.files ?? [])];
      if (!files.length) return;
      e.preventDefault();
      onFiles(files);
    });
  };
  dropTarget(input.parentElement!, (files) => void (files.length === 1 ? load(files[0]) : Promise.all(files.map(addDefinitions))));
  dropTarget(byId('definitions-drop'), async (files) => {
    for (const f of files) await addDefinitions(f);
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-example]')) {
    button.addEventListener('click', () => {
      input.value = document.getElementById(`example-${button.dataset.example}`)?.textContent ?? '';
      renumber();
      void run();
    });
  }
  renumber();
  document.body.dataset.validatorReady = 'true';
}

start();
