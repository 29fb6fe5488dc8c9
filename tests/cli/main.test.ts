import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../src/cli/main';
import { runImgref } from '../helpers/cli';
import { PROJECT_DIR } from '../helpers/project';

const imgref = (args: string[]) => runImgref(args);

describe('imgref command', () => {
  it('prints its help and exits 0', () => {
    const { status, stdout } = imgref(['--help']);
    expect(status).to.equal(0);
    expect(stdout).to.match(/^Usage: imgref/m);
  });

  it('prints the package version', () => {
    const { status, stdout } = imgref(['--version']);
    expect(status).to.equal(0);
    expect(stdout.trim()).to.equal(require('../../package.json').version);
  });

  it('rejects an unknown option with exit code 2 and no stack trace', () => {
    const { status, stderr } = imgref(['--no-such-option']);
    expect(status).to.equal(2);
    expect(stderr).to.match(/unknown option/);
    expect(stderr).to.not.match(/\n\s+at /);
  });
});

describe('run() in one process', () => {
  it('does not carry one run\'s exit code into the next', async () => {
    const invalid = path.join(PROJECT_DIR, 'tests', 'fixtures', 'validator', 'invalid');
    const file = fs.readdirSync(invalid).find((f) => f.endsWith('.json'))!;
    const log = console.log;
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    console.log = () => undefined;
    try {
      expect(await run(['node', 'imgref', 'validate', path.join(invalid, file)])).to.equal(1);
      expect(await run(['node', 'imgref', '--version'])).to.equal(0);
    } finally {
      process.stdout.write = write;
      console.log = log;
    }
  });
});
