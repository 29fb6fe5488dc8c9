import { expect } from 'chai';
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { renderSite, type SiteResult } from '../../src/site/render-site';
import { sanitizeNarrativeHtml } from '../../src/site/render/sanitize';
import { createStaticServer, listen } from '../../src/site/serve/static-server';
import { HOSTILE_NARRATIVES } from '../fixtures/hostile/hostile-narratives';
import { launchChromium, type Browser } from '../helpers/browser';
import { OUTPUT_DIR } from '../helpers/site';
import { writeHostileProject, type HostilePage } from './hostile-project';

interface Visit {
  page: Page;
  /** Script that ran: the marker, dialogs, popups, page errors, CSP reports. */
  ran: string[];
  /** Requests that left the site's folder or origin. */
  outside: string[];
}

/** Opens a page with every way of noticing script watched from the start. */
async function visit(browser: Browser, url: string, inside: string): Promise<Visit> {
  const page = await browser.context.newPage();
  const ran: string[] = [];
  const outside: string[] = [];
  page.on('dialog', (d) => {
    ran.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('popup', (p) => ran.push(`popup: ${p.url()}`));
  page.on('pageerror', (e) => ran.push(`pageerror: ${e.message}`));
  // A Content Security Policy report means markup got past the sanitizer (the policy stopped it).
  page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) ran.push(`csp: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(inside)) outside.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, ran, outside };
}

/** What of the hostile markup is live in the page: script that ran, elements that escaped, overlays. */
async function damage(v: Visit, click: string[]): Promise<string[]> {
  for (const target of click) {
    const el = v.page.locator(target).first();
    if (await el.count()) {
      await el.hover({ timeout: 2000 }).catch(() => undefined);
      await el.click({ timeout: 2000, noWaitAfter: true }).catch(() => undefined);
    }
  }
  await v.page.waitForTimeout(100);
  const found = await v.page.evaluate(() => {
    const out: string[] = [];
    if ((window as any).__pwned) out.push('window.__pwned is set');
    for (const e of Array.from(document.querySelectorAll('body *'))) {
      const position = getComputedStyle(e).position;
      if (position === 'fixed' || position === 'sticky' || (position === 'absolute' && !e.classList.contains('tl'))) out.push(`<${e.localName}> has position ${position}`);
    }
    for (const e of Array.from(document.querySelectorAll('iframe, object, embed, form, input:not([type="checkbox"]), style, body script:not([type="application/json"]), svg:not(.uml), svg:not(.uml) *'))) out.push(`<${e.localName}> is in the page`);
    for (const e of Array.from(document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover], a[href^="javascript" i], a[href^="data" i]'))) out.push(`<${e.localName}> keeps a handler or a script link`);
    if (getComputedStyle(document.body).display === 'none') out.push('the body is hidden');
    // What a reader sees at the top left is the page's own header, not content of the page's main part laid over it.
    const top = document.elementFromPoint(5, 5);
    if (top?.closest('main')) out.push(`<${top.localName}> of the content lies over the header`);
    return out;
  });
  return [...found, ...v.ran, ...v.outside.map((u) => `request outside the site: ${u}`)];
}

describe('hostile narratives and Markdown, rendered by imgref site and opened in Chromium', function () {
  this.timeout(120000);
  let tmp: string;
  let pages: HostilePage[];
  let site: SiteResult;
  let browser: Browser;
  let server: Server;
  let base: string;

  before(async function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-hostile-'));
    pages = writeHostileProject(tmp);
    site = await renderSite({ projectDir: tmp, outDir: path.join(tmp, 'output'), date: new Date('2026-01-01T00:00:00Z') });
    browser = await launchChromium();
    server = createStaticServer(site.outDir);
    base = `http://127.0.0.1:${await listen(server, 0)}/`;
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('renders every hostile page, shows a notice instead of each narrative that fails the rules, and says so', () => {
    expect(site.pages).to.include.members(pages.map((p) => p.page));
    for (const [i, h] of HOSTILE_NARRATIVES.entries()) {
      const page = fs.readFileSync(path.join(site.outDir, `Patient-hostile-${i}.html`), 'utf8');
      expect(page, h.name).to.contain('<p class="narrative-refused">The narrative of this resource is not shown');
      expect(page, h.name).to.not.contain('<div class="narrative">');
      expect(site.warnings.some((w) => w.startsWith(`Patient-hostile-${i}.html: the narrative is not shown`)), h.name).to.equal(true);
    }
  });

  it('writes a Content Security Policy into every page: no inline script, no plug-ins, nothing to connect to', () => {
    for (const name of site.pages) {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(fs.readFileSync(path.join(site.outDir, name), 'utf8'))?.[1];
      expect(csp, name).to.be.a('string');
      expect(csp).to.match(/default-src 'none'/).and.match(/script-src 'self'(;| 'sha256-)/).and.not.match(/unsafe-inline'[^;]*;[^;]*script|script-src[^;]*unsafe/);
    }
  });

  describe('no script runs and nothing escapes, from disk and from localhost', () => {
    for (const where of ['disk', 'localhost'] as const) {
      it(`on every hostile page (${where})`, async () => {
        const problems: string[] = [];
        for (const p of pages) {
          const inside = where === 'disk' ? pathToFileURL(site.outDir).href : base;
          const url = where === 'disk' ? pathToFileURL(path.join(site.outDir, p.page)).href : base + p.page;
          const v = await visit(browser, url, inside);
          try {
            problems.push(...(await damage(v, p.click)).map((d) => `${p.page} (${p.what}): ${d}`));
          } finally {
            await v.page.close();
          }
        }
        expect(problems).to.deep.equal([]);
      });
    }
  });

  it('the sanitizer alone, without the narrative rules or the policy, keeps every hostile narrative inert and in its box', async () => {
    const problems: string[] = [];
    fs.copyFileSync(path.join(site.outDir, 'assets', 'site.css'), path.join(tmp, 'site.css'));
    for (const [i, h] of HOSTILE_NARRATIVES.entries()) {
      const file = path.join(tmp, `sanitized-${i}.html`);
      fs.writeFileSync(file, `<!DOCTYPE html><html><head><link rel="stylesheet" href="site.css"></head><body><header class="ig-header"><h1>Site</h1></header><main><div class="narrative">${sanitizeNarrativeHtml(h.div)}</div></main></body></html>`);
      const v = await visit(browser, pathToFileURL(file).href, pathToFileURL(tmp).href);
      try {
        problems.push(...(await damage(v, h.click ? [h.click] : [])).map((d) => `${h.name}: ${d}`));
      } finally {
        await v.page.close();
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('the Content Security Policy alone stops script that got into a real page of the site', async () => {
    const page = fs.readFileSync(path.join(OUTPUT_DIR, 'index.html'), 'utf8').replace('<main class="ig-content">', '<main class="ig-content"><script>window.__pwned=1</script><img src="x" onerror="window.__pwned=1">');
    const file = path.join(OUTPUT_DIR, `csp-probe-${process.pid}.html`);
    fs.writeFileSync(file, page);
    try {
      const v = await visit(browser, pathToFileURL(file).href, pathToFileURL(OUTPUT_DIR).href);
      try {
        await v.page.waitForTimeout(100);
        expect(await v.page.evaluate(() => (window as any).__pwned)).to.equal(undefined);
        expect(v.ran.some((r) => r.startsWith('csp:'))).to.equal(true);
      } finally {
        await v.page.close();
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
