import { expect } from 'chai';
import { contentSecurityPolicy } from '../../../src/site/render/content-security-policy';
import { injectScript, SCRIPT_TAG } from '../../../src/site/serve/preview-channel';

describe('npm start: a served page may hear of rebuilds', () => {
  it("opens the page's Content Security Policy to its own server (connect-src 'self'), nothing else", () => {
    const policy = contentSecurityPolicy();
    const page = `<html><head><meta http-equiv="Content-Security-Policy" content="${policy}"></head><body><p>connect-src 'none'</p></body></html>`;
    const served = injectScript(page);
    expect(served).to.equal(page.replace("connect-src 'none'", "connect-src 'self'").replace('</body>', `${SCRIPT_TAG}</body>`));
    // The text of the page is not touched, only the policy.
    expect(served).to.include("<p>connect-src 'none'</p>");
  });
});
