import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findChromium, onPath } from '../../scripts/test-prerequisites';

describe('scripts/test-prerequisites (npm test\'s pretest step)', () => {
  let dir: string;
  let fake: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-prereq-'));
    fake = path.join(dir, 'chromium');
    fs.writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'not-executable'), '', { mode: 0o644 });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds Chromium in CHROMIUM first, then CHROME_PATH, then on PATH', () => {
    expect(findChromium({ CHROMIUM: fake, CHROME_PATH: '/nowhere', PATH: '' }).path).to.equal(fake);
    expect(findChromium({ CHROME_PATH: fake, PATH: '' }).path).to.equal(fake);
    expect(findChromium({ PATH: `/nowhere${path.delimiter}${dir}` }).path).to.equal(fake);
  });

  it('names a CHROMIUM that is not an executable instead of falling back silently', () => {
    const found = findChromium({ CHROMIUM: path.join(dir, 'not-executable'), PATH: dir });
    expect(found.path).to.equal(undefined);
    expect(found.problem).to.match(/^CHROMIUM=.*not an executable file$/);
  });

  it('finds only executable files on PATH', () => {
    expect(onPath('not-executable', dir)).to.equal(undefined);
    expect(onPath('chromium', dir)).to.equal(fake);
  });

  it('stops with one line and exit 1 when CHROMIUM is wrong', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../scripts/test-prerequisites.ts')], {
      env: { ...process.env, CHROMIUM: path.join(dir, 'not-executable') },
      encoding: 'utf8',
    });
    expect(run.status).to.equal(1);
    expect(run.stderr.trim().split('\n')).to.have.length(1);
    expect(run.stderr).to.match(/^npm test: CHROMIUM=.*not an executable file/);
  });
});
