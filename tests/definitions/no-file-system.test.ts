import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_DIR } from '../helpers/project';

const FS_IMPORT = /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"](?:node:)?fs(?:\/promises)?['"]|\brequire\(\s*['"](?:node:)?fs(?:\/promises)?['"]\s*\)|\bimport\(\s*['"](?:node:)?fs(?:\/promises)?['"]\s*\)/m;

function tsFiles(dir: string, skip: (rel: string) => boolean): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !skip(f.split(path.sep).join('/')))
    .map((f) => path.join(dir, f));
}

function importingFs(files: string[]): string[] {
  return files.filter((f) => FS_IMPORT.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(PROJECT_DIR, f));
}

describe('the validator core and the definitions store import no node:fs', () => {
  it('the pattern finds the ways a module reaches the file system', () => {
    for (const text of ["import * as fs from 'node:fs';", 'import { readFileSync } from "fs";', "export { x } from 'node:fs/promises';", "const fs = require('node:fs');", "await import('fs')"]) {
      expect(FS_IMPORT.test(text), text).to.equal(true);
    }
    expect(FS_IMPORT.test("import * as path from 'node:path';\n// reads no fs")).to.equal(false);
  });

  it('src/validator/** (except input/, which reads the user\'s files) takes its definitions as data', () => {
    const files = tsFiles(path.join(PROJECT_DIR, 'src', 'validator'), (rel) => rel.startsWith('input/'));
    expect(files.length).to.be.greaterThan(20);
    expect(importingFs(files)).to.deep.equal([]);
  });

  it('the store itself (src/definitions, except its node-side sources/) reads no file', () => {
    const files = tsFiles(path.join(PROJECT_DIR, 'src', 'definitions'), (rel) => rel.startsWith('sources/'));
    expect(files.map((f) => path.basename(f))).to.include('definition-store.ts');
    expect(importingFs(files)).to.deep.equal([]);
  });
});
