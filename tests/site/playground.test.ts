import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { createStaticServer, listen } from '../../src/site/serve/static-server';
import { launchChromium, openPage, type Browser } from '../helpers/browser';
import { generatedById } from '../helpers/project';
import { OUTPUT_DIR } from '../helpers/site';

const PAGE = pathToFileURL(path.join(OUTPUT_DIR, 'validator.html')).href;

describe('validator.html (the playground) in headless Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  let page: Page;
  let errors: string[];
  /** Script files the page asked for. */
  const requested: string[] = [];
  before(async () => {
    browser = await launchChromium();
    browser.context.on('request', (r) => requested.push(r.url()));
    ({ page, errors } = await openPage(browser, PAGE));
    await page.waitForSelector('body[data-validator-ready="true"]');
  });
  after(async () => browser?.close());

  const validations = async () => Number((await page.getAttribute('body', 'data-validations')) ?? 0);
  /** Runs `act`, waits for the outcome it causes, and returns the summary and the issue rows. */
  async function outcomeOf(act: () => Promise<unknown>) {
    const before = await validations();
    await act();
    await page.waitForFunction((n) => Number(document.body.dataset.validations ?? 0) > n, before);
    const summary = (await page.textContent('#summary')) ?? '';
    const rows = await page.$$eval('#issues tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    return { summary, rows };
  }
  const validate = (text: string) =>
    outcomeOf(async () => {
      await page.fill('#resource', text);
      await page.click('#validate');
    });

  it('opens with the index and the validator only: no definitions chunk before a validation needs one', () => {
    const chunks = requested.filter((u) => /playground\/chunk-\d+\.js$/.test(u));
    expect(chunks).to.deep.equal([]);
    expect(requested.some((u) => u.endsWith('playground/index.js'))).to.equal(true);
  });

  it('reports no error for a valid example', async () => {
    const { summary, rows } = await validate(JSON.stringify(generatedById('ImagingReference', 'key-image-note'), null, 2));
    expect(errors).to.deep.equal([]);
    expect(summary).to.match(/^No errors/);
    expect(rows.filter(([severity]) => severity === 'error' || severity === 'fatal')).to.deep.equal([]);
  });

  it('reports an error at ImagingReference.studyUid for a studyUid of urn:oid:1.2.3, with its line and the value', async () => {
    const resource = { ...generatedById('ImagingReference', 'key-image-note'), studyUid: 'urn:oid:1.2.3' };
    const text = JSON.stringify(resource, null, 2);
    const { summary, rows } = await validate(text);
    expect(errors).to.deep.equal([]);
    expect(summary).to.match(/^1 error,/);
    const line = text.split('\n').findIndex((l) => l.includes('"studyUid"')) + 1;
    const error = rows.find(([severity]) => severity === 'error');
    expect(error?.slice(0, 3)).to.deep.equal(['error', 'ImagingReference.studyUid', `${line}:3`]);
    expect(error?.[3]).to.contain('urn:oid:1.2.3');
    expect(error?.[4]).to.equal('"urn:oid:1.2.3"');
  });

  it('knows every R5 resource type: Patient.active "yes", a <script> in the narrative, a Bundle, an Encounter', async () => {
    const patient = await validate(JSON.stringify({ resourceType: 'Patient', active: 'yes', meta: { lastUpdated: 'yesterday' } }, null, 2));
    expect(patient.summary).to.match(/^2 errors/);
    expect(patient.rows.find(([, expr]) => expr === 'Patient.active')?.[4]).to.equal('"yes"');
    const script = await validate(JSON.stringify({ resourceType: 'Encounter', status: 'planned', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></div>' } }));
    expect(script.summary).to.match(/^[1-9]\d* errors?,/);
    const bundle = await validate(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:9a3f1b2c-1111-4222-8333-444455556666', resource: { resourceType: 'Encounter', status: 'planned' } }] }));
    expect(bundle.rows.filter(([, , , message]) => /unknown resourceType/.test(message))).to.deep.equal([]);
  });

  it('lists errors before warnings, and moves the cursor to an issue when it is clicked', async () => {
    const text = JSON.stringify({ resourceType: 'Patient', gender: 'other', active: 'yes' }, null, 2);
    const { rows } = await validate(text);
    const severities = rows.map(([s]) => s);
    expect(severities.indexOf('warning')).to.be.greaterThan(severities.lastIndexOf('error'));
    await page.click('#issues tr.severity-error');
    const selection = await page.$eval('#resource', (t) => {
      const area = t as HTMLTextAreaElement;
      return { focused: document.activeElement === area, text: area.value.slice(area.selectionStart, area.selectionEnd) };
    });
    expect(selection).to.deep.equal({ focused: true, text: '"yes"' });
    expect(await page.isVisible('#line-mark')).to.equal(true);
    expect((await page.textContent('#gutter'))?.split('\n').length).to.equal(text.split('\n').length);
  });

  it('validates on Ctrl+Enter, and as you type when that is chosen', async () => {
    await page.fill('#resource', '{ "resourceType": "Patient", "active": 1 }');
    const viaKeys = await outcomeOf(() => page.press('#resource', 'Control+Enter'));
    expect(viaKeys.summary).to.match(/^1 error/);
    await page.check('#as-you-type');
    const typed = await outcomeOf(() => page.fill('#resource', '{ "resourceType": "Patient", "active": true }'));
    expect(typed.summary).to.match(/^No errors/);
    await page.uncheck('#as-you-type');
  });

  it('validates XML too, and shows a syntax error as fatal', async () => {
    const xml = fs.readFileSync(path.join(OUTPUT_DIR, 'ImagingReference-key-image-note.xml'), 'utf8').replace('<studyUid value="2.25.311846519017287463201975431864025417"', '<studyUid value="urn:oid:1.2.3"'); // the element, not the narrative's copy
    const fromXml = await validate(xml);
    expect(fromXml.rows.find(([severity]) => severity === 'error')?.[1]).to.equal('ImagingReference.studyUid');
    const broken = await validate('{ "resourceType": ');
    expect(broken.rows[0][0]).to.equal('fatal');
  });

  it('works from a server too (the same scripts and chunks over http)', async () => {
    const server = createStaticServer(OUTPUT_DIR);
    try {
      const base = `http://127.0.0.1:${await listen(server, 0)}/`;
      const served = await openPage(browser, `${base}validator.html`);
      await served.page.waitForSelector('body[data-validator-ready="true"]');
      const outcome = await served.page.evaluate(async () => (await globalThis.imgrefPlayground!.validate('{"resourceType":"Encounter","status":"nope"}')).outcome);
      expect(outcome.issue.map((i) => `${i.severity} ${i.expression?.[0]}`)).to.include('error Encounter.status');
      expect(served.errors).to.deep.equal([]);
      await served.page.close();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('fits a phone-sized screen: nothing wider than the screen', async () => {
    const phone = await browser.context.newPage();
    try {
      await phone.setViewportSize({ width: 375, height: 740 });
      await phone.goto(PAGE, { waitUntil: 'load' });
      await phone.waitForSelector('body[data-validator-ready="true"]');
      const widths = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth, editor: document.getElementById('resource')!.getBoundingClientRect().right }));
      expect(widths.page).to.be.at.most(375);
      expect(widths.editor).to.be.at.most(375);
    } finally {
      await phone.close();
    }
  });
});
