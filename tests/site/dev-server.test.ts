import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { RebuildWatcher } from '../../src/site/serve/rebuild-watcher';
import { createStaticServer, listen } from '../../src/site/serve/static-server';

describe('npm start: static server and rebuild on change', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-dev-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('static server', () => {
    let server: Server;
    let base: string;
    beforeEach(async () => {
      const site = path.join(tmp, 'site');
      fs.mkdirSync(site);
      fs.writeFileSync(path.join(site, 'index.html'), '<h1>home</h1>');
      fs.writeFileSync(path.join(site, 'a.json'), '{}');
      fs.writeFileSync(path.join(tmp, 'secret.txt'), 'no');
      server = createStaticServer(site);
      base = `http://127.0.0.1:${await listen(server, 0)}`;
    });
    afterEach(() => new Promise((resolve) => server.close(resolve)));

    it('serves files with their content type, / as index.html', async () => {
      const home = await fetch(`${base}/`);
      expect(home.status).to.equal(200);
      expect(home.headers.get('content-type')).to.equal('text/html; charset=utf-8');
      expect(await home.text()).to.equal('<h1>home</h1>');
      expect((await fetch(`${base}/a.json`)).headers.get('content-type')).to.equal('application/fhir+json; charset=utf-8');
    });

    it('answers 404 for a missing file, 403 outside the site, 405 for a POST', async () => {
      expect((await fetch(`${base}/missing.html`)).status).to.equal(404);
      expect((await fetch(`${base}/..%2fsecret.txt`)).status).to.equal(403);
      expect((await fetch(`${base}/index.html`, { method: 'POST' })).status).to.equal(405);
    });
  });

  describe('static server under hostile requests', () => {
    let server: Server;
    let port: number;
    let site: string;
    beforeEach(async () => {
      site = path.join(tmp, 'site');
      fs.mkdirSync(site);
      fs.writeFileSync(path.join(site, 'index.html'), '<h1>home</h1>');
      fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
      fs.mkdirSync(path.join(tmp, 'private'));
      fs.writeFileSync(path.join(tmp, 'private', 'key.txt'), 'secret');
      server = createStaticServer(site);
      port = await listen(server, 0);
    });
    afterEach(() => new Promise((resolve) => server.close(resolve)));

    /** A raw request line, as a hostile page or tool can send it (fetch would normalise it). */
    function raw(target: string): Promise<number> {
      return new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
        let data = '';
        socket.on('data', (d) => (data += d));
        socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0)));
        socket.on('error', reject);
      });
    }

    it('survives a NUL byte and malformed percent-encoding, answering 400', async () => {
      expect(await raw('/index.html%00.json')).to.equal(400);
      expect(await raw('/%E0%A4%A')).to.equal(400);
      expect(await raw('/%')).to.equal(400);
      expect(await raw('/%c0%ae%c0%ae/secret.txt')).to.equal(400);
      // Still serving.
      expect(await raw('/')).to.equal(200);
    });

    it('serves nothing outside its folder, through symlinks either', async () => {
      fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(site, 'link.txt'));
      fs.symlinkSync(path.join(tmp, 'private'), path.join(site, 'dir'));
      expect(await raw('/link.txt')).to.equal(403);
      expect(await raw('/dir/key.txt')).to.equal(403);
      expect(await raw('/..%2f..%2fsecret.txt')).to.equal(403);
      expect(await raw('/%2e%2e/secret.txt')).to.not.equal(200);
      expect(await raw('/../secret.txt')).to.not.equal(200);
      expect(await raw('/')).to.equal(200);
    });

    it('serves only regular files: a FIFO inside the folder is not found, and does not hang', async () => {
      spawnSync('mkfifo', [path.join(site, 'pipe.html')]);
      fs.symlinkSync('/dev/zero', path.join(site, 'zero.html'));
      expect(await raw('/pipe.html')).to.equal(404);
      expect(await raw('/zero.html')).to.equal(403);
      fs.mkdirSync(path.join(site, 'sub'));
      expect(await raw('/sub')).to.equal(404);
    });
  });

  describe('RebuildWatcher', () => {
    it('rebuilds once after a burst of changes has settled, and again after a later change', async () => {
      const input = path.join(tmp, 'input');
      fs.mkdirSync(path.join(input, 'fsh'), { recursive: true });
      let rebuilds = 0;
      const seen: Set<string>[] = [];
      const watcher = new RebuildWatcher([input], async (changes) => {
        rebuilds++;
        seen.push(changes);
      }, 100);
      await watcher.start();
      try {
        for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(input, 'fsh', 'a.fsh'), `// ${i}\n`);
        await waitFor(() => rebuilds > 0);
        await new Promise((r) => setTimeout(r, 300));
        expect(rebuilds).to.equal(1);
        fs.writeFileSync(path.join(input, 'fsh', 'b.fsh'), '// b\n');
        await waitFor(() => rebuilds > 1);
        expect(rebuilds).to.equal(2);
        // Each rebuild is told what changed since the one before (the page edit needs no SUSHI).
        expect([...seen[0]]).to.include(path.join(input, 'fsh', 'a.fsh'));
        expect([...seen[1]]).to.deep.equal([path.join(input, 'fsh', 'b.fsh')]);
      } finally {
        await watcher.stop();
      }
    });

    it('sees a file that git or an editor replaces by a rename, and its later edits', async () => {
      const input = path.join(tmp, 'input');
      fs.mkdirSync(input);
      const file = path.join(input, 'index.md');
      fs.writeFileSync(file, 'one');
      let rebuilds = 0;
      const watcher = new RebuildWatcher([input], async () => {
        rebuilds++;
      }, 50);
      await watcher.start();
      try {
        for (let n = 1; n <= 3; n++) {
          fs.writeFileSync(path.join(tmp, 'next.md'), `v${n}`);
          fs.renameSync(path.join(tmp, 'next.md'), file);
          await waitFor(() => rebuilds === n);
        }
      } finally {
        await watcher.stop();
      }
    });

    it('never runs two rebuilds at once: a change during a rebuild queues one more', async () => {
      const input = path.join(tmp, 'input');
      fs.mkdirSync(input);
      let running = 0;
      let overlapped = false;
      let rebuilds = 0;
      const watcher = new RebuildWatcher([input], async () => {
        running++;
        overlapped ||= running > 1;
        rebuilds++;
        if (rebuilds === 1) fs.writeFileSync(path.join(input, 'during.md'), 'x'); // changes while running
        await new Promise((r) => setTimeout(r, 400));
        running--;
      }, 50);
      await watcher.start();
      try {
        fs.writeFileSync(path.join(input, 'first.md'), 'x');
        await waitFor(() => rebuilds >= 2, 5000);
        expect(overlapped).to.equal(false);
      } finally {
        await watcher.stop();
      }
    });
  });
});

async function waitFor(condition: () => boolean, timeout = 3000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for the rebuild');
    await new Promise((r) => setTimeout(r, 20));
  }
}
