import { expect } from 'chai';
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { EVENTS_PATH, PreviewChannel, SCRIPT_PATH, SCRIPT_TAG } from '../../src/site/serve/preview-channel';
import { consoleReport, summaryLine, type PreviewStatus } from '../../src/site/serve/preview-status';
import { createStaticServer, listen } from '../../src/site/serve/static-server';

const status = (over: Partial<PreviewStatus> = {}): PreviewStatus => ({
  id: 1, ok: true, sushi: [], review: { failed: [], messages: [] }, examples: { errors: 0, warnings: 2, report: '' }, changed: ['index.html'], timings: { sushi: 10 }, ms: 12, ...over,
});

describe('npm start: the preview channel (banner, server-sent events)', () => {
  let tmp: string;
  let server: Server;
  let base: string;
  let channel: PreviewChannel;
  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-preview-'));
    fs.writeFileSync(path.join(tmp, 'index.html'), '<html><body><h1>home</h1></body></html>');
    fs.writeFileSync(path.join(tmp, 'a.json'), '{}');
    channel = new PreviewChannel();
    server = createStaticServer(tmp, channel);
    base = `http://127.0.0.1:${await listen(server, 0)}`;
  });
  afterEach(async () => {
    channel.close();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('puts the preview script into every HTML page, and only there', async () => {
    expect(await (await fetch(`${base}/`)).text()).to.equal(`<html><body><h1>home</h1>${SCRIPT_TAG}</body></html>`);
    expect(await (await fetch(`${base}/a.json`)).text()).to.equal('{}');
    const script = await fetch(`${base}${SCRIPT_PATH}`);
    expect(script.headers.get('content-type')).to.match(/^text\/javascript/);
    expect(await script.text()).to.include('EventSource');
  });

  it('sends each rebuild status to the open pages, the latest first to a new one (marked initial)', async () => {
    channel.publish(status({ id: 1 }));
    const res = await fetch(`${base}${EVENTS_PATH}`);
    expect(res.headers.get('content-type')).to.match(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const events = () => [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]));
    while (events().length < 1) text += new TextDecoder().decode((await reader.read()).value);
    channel.publish(status({ id: 2, ok: false, sushi: ['input/fsh/A.fsh:3: error boom'] }));
    while (events().length < 2) text += new TextDecoder().decode((await reader.read()).value);
    const [first, second] = events();
    expect([first.id, first.initial]).to.deep.equal([1, true]);
    expect([second.id, second.initial, second.summary]).to.deep.equal([2, undefined, 'SUSHI: 1 error(s); the site was not rebuilt']);
    await reader.cancel();
  });

  it('says in one line what the review and the examples found, and lists the details for the console', () => {
    expect(summaryLine(status())).to.equal('review passes; examples: 0 error(s), 2 warning(s)');
    const failing = status({ ok: false, review: { failed: ['study-uid'], messages: ['study-uid: studyUid has type [oid]'] } });
    expect(summaryLine(failing)).to.equal('review fails: study-uid; examples: 0 error(s), 2 warning(s)');
    expect(consoleReport(failing).slice(1)).to.deep.equal(['  review: study-uid: studyUid has type [oid]']);
  });
});
