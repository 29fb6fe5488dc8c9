import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/test-prerequisites';

/** Where the browser tests find Chromium (CHROMIUM, CHROME_PATH, PATH, /usr/bin/chromium): `npm test`'s pretest step installs it. */
function chromiumPath(): string {
  const found = findChromium();
  if (!found.path) throw new Error(`no Chromium found (${found.problem ?? 'set CHROMIUM, or put chromium on PATH'}): npm test's pretest step installs Debian's chromium`);
  return found.path;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile, removed on close; playwright-core drives it and downloads no browser. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page and collects its script errors (uncaught exceptions and console errors). */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors };
}
