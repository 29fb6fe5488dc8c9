import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, openPage, type Browser } from '../helpers/browser';
import { generatedById } from '../helpers/project';
import { OUTPUT_DIR } from '../helpers/site';

describe('validator.html (the playground) in headless Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  /** Pastes a resource, validates it, and returns the summary and the issue rows. */
  async function validate(text: string) {
    const { page, errors } = await openPage(browser, pathToFileURL(path.join(OUTPUT_DIR, 'validator.html')).href);
    try {
      await page.waitForSelector('body[data-validator-ready="true"]');
      await page.fill('#resource', text);
      await page.click('#validate');
      const summary = (await page.textContent('#summary')) ?? '';
      const rows = await page.$$eval('#issues tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      return { summary, rows, errors };
    } finally {
      await page.close();
    }
  }

  it('reports no error for a valid example', async () => {
    const { summary, rows, errors } = await validate(JSON.stringify(generatedById('ImagingReference', 'key-image-note'), null, 2));
    expect(errors).to.deep.equal([]);
    expect(summary).to.match(/^No errors/);
    expect(rows.filter(([severity]) => severity === 'error' || severity === 'fatal')).to.deep.equal([]);
  });

  it('reports an error at ImagingReference.studyUid for a studyUid of urn:oid:1.2.3, with its line', async () => {
    const resource = { ...generatedById('ImagingReference', 'key-image-note'), studyUid: 'urn:oid:1.2.3' };
    const text = JSON.stringify(resource, null, 2);
    const { summary, rows, errors } = await validate(text);
    expect(errors).to.deep.equal([]);
    expect(summary).to.match(/^1 error\(s\)/);
    const line = text.split('\n').findIndex((l) => l.includes('"studyUid"')) + 1;
    const error = rows.find(([severity]) => severity === 'error');
    expect(error?.slice(0, 3)).to.deep.equal(['error', 'ImagingReference.studyUid', `${line}:3`]);
    expect(error?.[3]).to.contain('urn:oid:1.2.3');
  });

  it('validates XML too, and shows a syntax error as fatal', async () => {
    const xml = fs.readFileSync(path.join(OUTPUT_DIR, 'ImagingReference-key-image-note.xml'), 'utf8').replace('2.25.311846519017287463201975431864025417', 'urn:oid:1.2.3');
    const fromXml = await validate(xml);
    expect(fromXml.rows.find(([severity]) => severity === 'error')?.[1]).to.equal('ImagingReference.studyUid');
    const broken = await validate('{ "resourceType": ');
    expect(broken.rows[0][0]).to.equal('fatal');
  });
});
