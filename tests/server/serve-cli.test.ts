import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { runImgref } from '../helpers/cli';
import { PROJECT_DIR } from '../helpers/project';

describe('imgref serve (CLI)', function () {
  this.timeout(120_000);

  it('binds 127.0.0.1 by default, logs JSON lines, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(PROJECT_DIR, 'bin', 'imgref.js'), 'serve', '--port', '0', '--threads', '1'], { cwd: PROJECT_DIR });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        const m = /\$validate at (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`serve stopped: ${stderr}`)));
    });
    expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/health`)).status).to.equal(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).to.equal(0);
    const log = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(log.some((l) => l.req?.url === '/health')).to.equal(true);
  });

  it('a bad option is a one-line usage error, exit 2', () => {
    const r = runImgref(['serve', '--port', 'http']);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/^imgref: --port http: expected a whole number/);
  });
});
