import { expect } from 'chai';
import * as fs from 'node:fs';
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
  { name: 'toc.html', heading: /Table of Contents/, shows: 'ol.toc >> text=Artifacts Summary' },
  { name: 'qa.html', heading: /QA Report/, shows: 'table.qa-summary >> text=fsh-generated/resources/StructureDefinition-ImagingReference.json' },
  { name: 'history.html', heading: /Version History/, shows: '#v0\\.1\\.0 >> text=ci-build' },
  { name: 'StructureDefinition-ImagingReference-definitions.html', heading: /Detailed Descriptions/, shows: '#def-ImagingReference\\.studyUid caption' },
  { name: 'StructureDefinition-ImagingReference-mappings.html', heading: /Mappings/, shows: '#map-imagingmanifest' },
  { name: 'StructureDefinition-ImagingReference-examples.html', heading: /Examples/, shows: 'main >> text=Key image note' },
  { name: 'StructureDefinition-ImagingReference.profile.json.html', heading: /JSON/, shows: 'pre.code' },
  { name: 'SearchParameter-ImagingReference-study-uid.html', heading: /SearchParameter: /, shows: 'main >> text=ImagingReference.studyUid' },
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
      // The detailed descriptions are a tab page of their own, as the IG Publisher's.
      await Promise.all([page.waitForURL(/-definitions\.html#def-ImagingReference\.studyUid$/), page.locator('#diff-ImagingReference\\.studyUid a').first().click()]);
      expect(new URL(page.url()).pathname).to.match(/StructureDefinition-ImagingReference-definitions\.html$/);
      expect(new URL(page.url()).hash).to.equal('#def-ImagingReference.studyUid');
      expect(await page.locator('#def-ImagingReference\\.studyUid caption').isVisible()).to.equal(true);
      expect(errors).to.deep.equal([]);
    } finally {
      await page.close();
    }
  });

  it('every page is readable at a 390 px viewport: nothing scrolls sideways', async () => {
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width: 390, height: 800 });
      const wide: string[] = [];
      for (const name of fs.readdirSync(OUTPUT_DIR).filter((f) => f.endsWith('.html')).sort()) {
        await page.goto(base + name, { waitUntil: 'load' });
        const width = await page.evaluate(() => (document.scrollingElement as Element).scrollWidth);
        if (width > 390) wide.push(`${name}: ${width} px`);
      }
      expect(wide).to.deep.equal([]);
    } finally {
      await page.close();
    }
  });
});
