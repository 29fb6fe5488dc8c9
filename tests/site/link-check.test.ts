import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkSiteLinks } from '../../src/site/check/link-check';
import { OUTPUT_DIR } from '../helpers/site';

describe('site link check', () => {
  it('every local link and #anchor of every generated page resolves', () => {
    const result = checkSiteLinks(OUTPUT_DIR);
    expect(result.pages).to.be.greaterThan(20);
    expect(result.links).to.be.greaterThan(500);
    expect(result.broken).to.deep.equal([]);
  });

  it('finds a missing page, a missing anchor and a link out of the site', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-links-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.html'), '<a href="b.html#here">ok</a><a href="b.html#gone">x</a><a href="c.html">x</a><a href="../x.html">x</a><a href="http://hl7.org/fhir">ext</a><a href="#top">self</a><p id="top"></p>');
      fs.writeFileSync(path.join(dir, 'b.html'), '<h1 id="here">b</h1>');
      const result = checkSiteLinks(dir);
      expect(result.broken.map((b) => `${b.link}: ${b.reason}`)).to.deep.equal([
        'b.html#gone: no id "gone" in b.html',
        'c.html: no such file',
        '../x.html: points outside the site',
      ]);
      expect(result.links).to.equal(5);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
