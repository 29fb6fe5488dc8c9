import { expect } from 'chai';
import type { Server } from 'node:http';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createStaticServer, listen } from '../../src/site/serve/static-server';
import { launchChromium, openPage, type Browser } from '../helpers/browser';
import { OUTPUT_DIR } from '../helpers/site';

/** The pages a reader opens first, and what each must show. */
const PAGES: { name: string; heading: RegExp; shows: string }[] = [
  { name: 'index.html', heading: /ImagingReference/, shows: 'nav.ig-menu >> text=Use cases' },
  { name: 'StructureDefinition-ImagingReference.html', heading: /Resource: /, shows: '#diff-ImagingReference\\.studyUid >> text=studyUid' },
  { name: 'ImagingReference-key-image-note.html', heading: /Example ImagingReference: Key image note/, shows: 'tr[data-element="studyUid"] >> text=2.25.311846519017287463201975431864025417' },
  { name: 'ValueSet-imaging-reference-title.html', heading: /ValueSet: /, shows: '#code-113000 >> text=Of Interest' },
  { name: 'design-review.html', heading: /Design review of ImagingReference/, shows: '#item-rename-resource >> text=pass' },
];

describe('the site in headless Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  let server: Server;
  let base: string;

  before(async function () {
    browser = await launchChromium();
    server = createStaticServer(OUTPUT_DIR);
    base = `http://127.0.0.1:${await listen(server, 0)}/`;
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  for (const p of PAGES) {
    it(`${p.name} loads from disk and from localhost without script errors and shows its content`, async () => {
      for (const url of [pathToFileURL(path.join(OUTPUT_DIR, p.name)).href, base + p.name]) {
        const { page, errors } = await openPage(browser, url);
        try {
          expect(await page.locator('h1').first().textContent(), url).to.match(p.heading);
          expect(await page.locator(p.shows).first().isVisible(), `${url}: ${p.shows}`).to.equal(true);
          // The stylesheet applied (a relative link that works from disk too): the menu bar is blue.
          expect(await page.locator('nav.ig-menu').evaluate((e) => getComputedStyle(e).backgroundColor)).to.equal('rgb(31, 90, 134)');
          expect(errors, url).to.deep.equal([]);
        } finally {
          await page.close();
        }
      }
    });
  }

  it('draws the resource diagram and follows a tree link to the detailed description', async () => {
    const { page, errors } = await openPage(browser, base + 'StructureDefinition-ImagingReference.html');
    try {
      const box = await page.locator('.diagram svg').boundingBox();
      expect(box?.width).to.be.greaterThan(400);
      await page.locator('#diff-ImagingReference\\.studyUid a').first().click();
      expect(new URL(page.url()).hash).to.equal('#def-ImagingReference.studyUid');
      expect(await page.locator('#def-ImagingReference\\.studyUid caption').isVisible()).to.equal(true);
      expect(errors).to.deep.equal([]);
    } finally {
      await page.close();
    }
  });
});
