import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchChromium, type Browser } from '../../helpers/browser';
import { copyProject, KIT } from './project-copy';
const PATIENT_PAGE = 'Patient-patient-jane-doe.html';

/** A rebuild status as the server sends it to the open pages (src/site/serve/preview-status.ts). */
interface Event {
  id: number;
  ok: boolean;
  summary: string;
  sushi: string[];
  review: { failed: string[]; messages: string[] };
  changed: string[];
}

/**
 * `npm start` end to end: the same entry point (`imgref site --serve --watch`) on a copy of the
 * project, a browser on a page, and FSH edits: the page reloads with the edit, a review-breaking
 * edit shows the finding in the banner, a SUSHI syntax error shows its file and line.
 */
describe('npm start end to end: edit the FSH, see the page change', function () {
  this.timeout(180_000);
  let tmp: string;
  let project: string;
  let server: ChildProcess;
  let base: string;
  let browser: Browser;
  const output: string[] = [];
  const events: Event[] = [];
  let stream: AbortController;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-e2e-'));
    project = path.join(tmp, 'project');
    copyProject(project);
    server = spawn(process.execPath, [path.join(KIT, 'bin', 'imgref.js'), 'site', '--serve', '--watch', '--port', '0', '--project', project], { cwd: KIT, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => output.push(String(d)));
    server.stderr!.on('data', (d) => output.push(String(d)));
    base = await until(() => /serving .* at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output.join(''))?.[1], 120_000, 'the server to start');
    // The test's own listener on the event stream, beside the browser's.
    stream = new AbortController();
    const res = await fetch(`${base}/__imgref/events`, { signal: stream.signal });
    void (async () => {
      let text = '';
      for await (const chunk of res.body!) {
        text += Buffer.from(chunk).toString('utf8');
        for (let at = text.indexOf('\n\n'); at >= 0; at = text.indexOf('\n\n')) {
          const data = /^data: (.*)$/m.exec(text.slice(0, at))?.[1];
          text = text.slice(at + 2);
          if (data) events.push(JSON.parse(data) as Event);
        }
      }
    })().catch(() => undefined);
    browser = await launchChromium();
  });

  afterEach(function () {
    // What the server said, when a step failed: SUSHI's and the worker's messages are there.
    if (this.currentTest?.state === 'failed') console.error(output.join('').split('\n').filter((l) => !/ (warning|information) /.test(l)).slice(-40).join('\n'));
  });

  after(async () => {
    stream?.abort();
    await browser?.close();
    server?.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const fsh = (file: string) => path.join(project, 'input', 'fsh', file);
  const edit = (file: string, from: string | RegExp, to: string) => {
    const text = fs.readFileSync(fsh(file), 'utf8');
    expect(text).to.match(typeof from === 'string' ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : from);
    fs.writeFileSync(fsh(file), text.replace(from, to));
  };
  const banner = async (page: import('playwright-core').Page, text: RegExp) => {
    await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('imgref-preview-banner')?.textContent ?? ''), text.source, { timeout: 60_000 });
    return page.locator('#imgref-preview-banner').textContent();
  };

  it('an FSH edit: the served page changes, the event names it, the open page reloads with it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/${PATIENT_PAGE}`);
    expect(await page.content()).to.not.include('Doeling');
    const seen = events.length;
    const started = Date.now();
    edit('Examples-Support.fsh', '* name.family = "Doe"', '* name.family = "Doeling"');
    const event = await until(() => events.slice(seen).find((e) => e.changed.includes(PATIENT_PAGE)), 60_000, 'the rebuild event');
    const ms = Date.now() - started;
    expect(event.ok, event.summary).to.equal(true);
    expect(await (await fetch(`${base}/${PATIENT_PAGE}`)).text()).to.include('Doeling');
    await page.waitForFunction(() => document.body.textContent!.includes('Doeling'), undefined, { timeout: 30_000 });
    expect(await banner(page, /review passes/)).to.match(/examples: 0 error/);
    console.log(`      (edit to event: ${ms} ms)`);
  });

  it('a definition edit that the examples break (irf-1 limited to 10 characters): they are checked against the new definition', async () => {
    // SUSHI checks cardinality in instances itself, not FHIRPath invariants: only the validator sees this.
    const seen = events.length;
    edit('Invariants.fsh', 'and length() <= 64)', 'and length() <= 10)');
    const event = await until(() => events.slice(seen).find((e) => e.id > 0 && e.examples.errors > 0), 60_000, 'the examples failing');
    expect(event.sushi).to.deep.equal([]);
    const after = events.length;
    edit('Invariants.fsh', 'and length() <= 10)', 'and length() <= 64)');
    await until(() => events.slice(after).find((e) => e.id > 0 && e.ok && e.examples.errors === 0), 60_000, 'the examples passing again');
  });

  it('a review-breaking edit (irf-1 emptied to `true`): the banner turns red and names the finding', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/${PATIENT_PAGE}`);
    const seen = events.length;
    edit('Invariants.fsh', /^Expression: "hasValue\(\) implies \(matches.*$/m, 'Expression: "true"');
    const event = await until(() => events.slice(seen).find((e) => e.id > 0 && !e.ok), 60_000, 'the failing rebuild');
    expect(event.review.failed).to.not.deep.equal([]);
    const text = await banner(page, /review fails/);
    expect(text).to.include(event.review.failed[0]);
    expect(text).to.match(/irf-1/);
  });

  it('a SUSHI syntax error: the banner shows its file and line, and the last good site stays served', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/${PATIENT_PAGE}`);
    const seen = events.length;
    fs.appendFileSync(fsh('Examples-Support.fsh'), '\nInstance: broken-instance\nInstanceOf: Patient\n* name.family = = "x\n');
    const event = await until(() => events.slice(seen).find((e) => e.sushi.length > 0), 60_000, 'the SUSHI error');
    expect(event.summary).to.match(/^SUSHI: \d+ error/);
    const text = await banner(page, /SUSHI: \d+ error/);
    expect(text).to.match(/input\/fsh\/Examples-Support\.fsh:\d+/);
    expect((await fetch(`${base}/${PATIENT_PAGE}`)).status).to.equal(200);
  });
});

async function until<T>(value: () => T | undefined | null | false, timeout: number, what: string): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = value();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
