// The playground's download and first validation: validator.html opened from disk in headless Chromium, as a
// reader opens the built site, once per input on a fresh page (nothing cached), each file the page reads counted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as zlib from 'node:zlib';
import type { PlaygroundApi } from '../../src/site/playground/browser/protocol';
import { launchChromium, openPage } from '../../tests/helpers/browser';

export interface PlaygroundInput {
  name: string;
  text: string;
}

export interface PlaygroundRun {
  /** What the page reads before it is ready (HTML, CSS, scripts, the definitions index), raw and gzipped. */
  firstBytes: number;
  firstGzipBytes: number;
  /** Every definition chunk on disk, loaded only as resources need them. */
  lazyBytes: number;
  lazyGzipBytes: number;
  chunks: number;
  /** Median page open until ready (ms), over the inputs' fresh pages. */
  readyMs: number;
  rows: { input: string; firstMs: number; loadedBytes: number; chunks: number; secondMs: number; issues: number }[];
}

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file)).length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measurePlayground(outputDir: string, inputs: PlaygroundInput[]): Promise<PlaygroundRun | string> {
  const pageFile = path.join(outputDir, 'validator.html');
  if (!fs.existsSync(pageFile)) return `${pageFile} is missing (run npm run build)`;
  const chunkDir = path.join(outputDir, 'assets', 'playground');
  const chunkFiles = fs.readdirSync(chunkDir).filter((f) => /^chunk-\d+\.js$/.test(f)).map((f) => path.join(chunkDir, f));
  let browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    return `no headless Chromium: ${(e as Error).message}`;
  }
  try {
    const run: PlaygroundRun = { firstBytes: 0, firstGzipBytes: 0, lazyBytes: 0, lazyGzipBytes: 0, chunks: chunkFiles.length, readyMs: 0, rows: [] };
    for (const f of chunkFiles) {
      run.lazyBytes += fs.statSync(f).size;
      run.lazyGzipBytes += gz(f);
    }
    const ready: number[] = [];
    for (const input of inputs) {
      const read: string[] = [];
      browser.context.on('request', (r) => r.url().startsWith('file:') && read.push(fileURLToPath(r.url())));
      const started = Date.now();
      const { page } = await openPage(browser, pathToFileURL(pageFile).href);
      await page.waitForSelector('body[data-validator-ready="true"]');
      ready.push(Date.now() - started);
      const first = [...new Set(read)];
      if (!run.firstBytes) {
        run.firstBytes = first.reduce((sum, f) => sum + fs.statSync(f).size, 0);
        run.firstGzipBytes = first.reduce((sum, f) => sum + gz(f), 0);
      }
      read.length = 0;
      // Timed in the page, from the call to the outcome: loading the chunks the input needs, then validating.
      const timed = await page.evaluate(async (text) => {
        const api = (globalThis as unknown as { imgrefPlayground: PlaygroundApi }).imgrefPlayground;
        const t0 = performance.now();
        const { outcome } = await api.validate(text);
        const t1 = performance.now();
        await api.validate(text);
        return { firstMs: t1 - t0, secondMs: performance.now() - t1, issues: outcome.issue.length };
      }, input.text);
      const lazy = [...new Set(read)].filter((f) => /chunk-\d+\.js$/.test(f));
      run.rows.push({ input: input.name, ...timed, chunks: lazy.length, loadedBytes: lazy.reduce((sum, f) => sum + fs.statSync(f).size, 0) });
      browser.context.removeAllListeners('request');
      await page.close();
    }
    run.readyMs = median(ready);
    return run;
  } finally {
    await browser.close();
  }
}
