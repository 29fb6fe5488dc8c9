import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileTooLargeError, NotRegularFileError, readRegularFile } from '../../../src/validator/input/regular-file';

describe('readRegularFile: only regular files, bounded while reading', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-regular-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file, also through a symlink', () => {
    const file = path.join(dir, 'a.json');
    fs.writeFileSync(file, '{}');
    fs.symlinkSync(file, path.join(dir, 'link.json'));
    expect(readRegularFile(path.join(dir, 'link.json'), 10).toString()).to.equal('{}');
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const fifo = path.join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    expect(() => readRegularFile(fifo, 1024)).to.throw(NotRegularFileError, /fifo\.json is a FIFO/);
  });

  it('refuses /dev/zero and a symlink to it, whose size stat reports as 0', () => {
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    expect(() => readRegularFile('/dev/zero', 1024)).to.throw(NotRegularFileError, /is a character device/);
    expect(() => readRegularFile(path.join(dir, 'zero.json'), 1024)).to.throw(NotRegularFileError, /zero\.json \(a symlink to \/dev\/zero\) is a character device/);
  });

  it('refuses a folder and a socket, and names a missing file', async () => {
    expect(() => readRegularFile(dir, 1024)).to.throw(NotRegularFileError, /is a folder/);
    const socket = path.join(dir, 's.json');
    const server = net.createServer().listen(socket);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      expect(() => readRegularFile(socket, 1024)).to.throw(NotRegularFileError, /s\.json is a socket/);
    } finally {
      server.close();
    }
    expect(() => readRegularFile(path.join(dir, 'none.json'), 1024)).to.throw(NotRegularFileError, /none\.json does not exist/);
  });

  it('stops at the limit while reading, not trusting the size stat reports', () => {
    // /proc files are regular files whose size stat reports as 0.
    const proc = '/proc/self/maps';
    const actual = fs.readFileSync(proc).length;
    expect(fs.statSync(proc).size).to.equal(0);
    expect(() => readRegularFile(proc, 16)).to.throw(FileTooLargeError, /over the 0 MB limit/);
    expect(readRegularFile(proc, actual * 4).length).to.be.greaterThan(0);
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, 'x'.repeat(2048));
    expect(() => readRegularFile(big, 1024)).to.throw(FileTooLargeError);
    expect(readRegularFile(big, 2048).length).to.equal(2048);
  });
});
