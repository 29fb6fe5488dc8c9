import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { loadProjectDefinitions } from '../../src/definitions/sources/project-definitions';
import { LazyDefinitions, resourceTypesIn } from '../../src/site/playground/browser/lazy-definitions';
import { readPackageTgz } from '../../src/site/playground/browser/untar';
import { bySeverity, offsetOf, valueAt, verdictOf } from '../../src/site/playground/browser/verdict';
import { decodeRow, encodeRow, type PlaygroundIndex } from '../../src/site/playground/index-format';
import type { ValidationIssue } from '../../src/validator/outcome/issue';
import { OUTPUT_DIR } from '../helpers/site';

const issue = (severity: ValidationIssue['severity'], code: ValidationIssue['code'], message: string, rule?: string): ValidationIssue => ({ severity, code, message, rule });

describe('the playground, its parts', () => {
  describe('the verdict', () => {
    it('never calls a resource valid when part of it was not checked', () => {
      expect(verdictOf([issue('information', 'not-supported', 'type X is not known: its content was not checked', 'structure-type')]).kind).to.equal('incomplete');
      expect(verdictOf([issue('warning', 'not-found', 'profile p (meta.profile) is not in the loaded packages or IG: not checked', 'profile-unknown')]).kind).to.equal('incomplete');
      expect(verdictOf([issue('information', 'not-supported', 'the required binding to v was not checked: too large', 'binding-unexpandable')]).text).to.not.match(/is valid/);
      expect(verdictOf([issue('warning', 'invariant', 'dom-6')]).kind).to.equal('valid');
      expect(verdictOf([issue('error', 'value', 'x'), issue('information', 'not-supported', 'not checked')]).kind).to.equal('invalid');
    });

    it('lists fatal and errors first, then warnings, then information, each in the order found', () => {
      const list = [issue('information', 'informational', 'i'), issue('warning', 'invariant', 'w1'), issue('error', 'value', 'e1'), issue('warning', 'invariant', 'w2'), issue('fatal', 'invalid', 'f')];
      expect(bySeverity(list).map((i) => i.message)).to.deep.equal(['f', 'e1', 'w1', 'w2', 'i']);
    });

    it('finds the value an issue points at: a property value, a token, an XML value attribute', () => {
      const text = '{\n  "active": "yes",\n  "n": 12\n}';
      expect(valueAt(text, offsetOf(text, 2, 3)).text).to.equal('"yes"');
      expect(valueAt(text, offsetOf(text, 3, 3)).text).to.equal('12');
      const xml = '<Patient xmlns="http://hl7.org/fhir">\n  <active value="yes"/>\n</Patient>';
      expect(valueAt(xml, offsetOf(xml, 2, 3)).text).to.equal('yes');
    });
  });

  it('encodes index rows without loss', () => {
    for (const s of [
      { resourceType: 'StructureDefinition', url: 'http://hl7.org/fhir/StructureDefinition/Patient', id: 'Patient', version: '5.0.0', kind: 'resource', type: 'Patient', derivation: 'specialization' },
      { resourceType: 'ValueSet', url: 'http://x.org/vs', id: 'other' },
      { resourceType: 'CodeSystem', url: 'http://x.org/cs' },
    ]) expect(decodeRow(encodeRow(s, 3, true))).to.deep.equal({ summary: s, chunk: 3, core: true });
  });

  it('records a definition whose chunk is not loaded as missing, with the chunks it refers to, and finds it once loaded', () => {
    const index: PlaygroundIndex = {
      rows: [encodeRow({ resourceType: 'ValueSet', url: 'http://x.org/a' }, 1, false), encodeRow({ resourceType: 'ValueSet', url: 'http://x.org/b' }, 2, false)],
      deps: [[], [2], []],
      typeChunks: {},
      sizes: [0, 10, 10],
    };
    const lazy = new LazyDefinitions(index);
    expect(() => lazy.store.get('http://x.org/a')).to.throw(/chunk 1 is not loaded/);
    expect(lazy.takeMissing()).to.deep.equal([1, 2]);
    expect(lazy.takeMissing()).to.deep.equal([]);
    lazy.addChunk(1, JSON.stringify([[0, { resourceType: 'ValueSet', url: 'http://x.org/a', title: 'A' }]]));
    expect(lazy.store.get('http://x.org/a')?.title).to.equal('A');
    expect(lazy.forTypes(['Patient'])).to.deep.equal([0]);
    expect([...resourceTypesIn('{"resourceType": "Bundle", "entry": [{"resource": {"resourceType":"Encounter"}}]}')]).to.deep.equal(['Bundle', 'Encounter']);
  });

  it('reads a package.tgz as the CLI does, and refuses an entry that climbs out', async function () {
    this.timeout(20000);
    const tar = require('tar') as typeof import('tar');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-untar-'));
    try {
      fs.mkdirSync(path.join(dir, 'package', 'example'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'package', 'package.json'), '{"name":"x","version":"1.0.0"}');
      const long = `StructureDefinition-${'a'.repeat(120)}.json`;
      fs.writeFileSync(path.join(dir, 'package', long), '{"resourceType":"StructureDefinition"}');
      fs.writeFileSync(path.join(dir, 'package', 'example', 'Patient-p.json'), '{}');
      const tgz = path.join(dir, 'p.tgz');
      tar.c({ gzip: true, file: tgz, cwd: dir, sync: true }, ['package']);
      const files = await readPackageTgz(new Uint8Array(fs.readFileSync(tgz)), 'p.tgz');
      expect([...files.keys()].sort()).to.deep.equal([long, 'package.json']);
      expect(new TextDecoder().decode(files.get('package.json'))).to.contain('"name":"x"');
      // A hand-made archive whose entry name climbs out of the package.
      const header = new Uint8Array(512);
      header.set(new TextEncoder().encode('package/../evil.json'), 0);
      header.set(new TextEncoder().encode('00000000000\0'), 124);
      header[156] = 48;
      const bad = require('node:zlib').gzipSync(Buffer.concat([header, Buffer.alloc(1024)]));
      let error: Error | undefined;
      await readPackageTgz(new Uint8Array(bad), 'bad.tgz').catch((e) => (error = e));
      expect(error?.message).to.equal('bad.tgz: refused: unsafe entry path "package/../evil.json" (climbs out with ..)');
      await readPackageTgz(new Uint8Array([1, 2, 3]), 'junk.tgz').catch((e) => (error = e));
      expect(error?.message).to.match(/^junk\.tgz: not a readable package\.tgz/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the built playground holds every definition the CLI has, each in the chunk its index row names', function () {
    this.timeout(60000);
    const assets = path.join(OUTPUT_DIR, 'assets', 'playground');
    const sandbox: { IMGREF_INDEX?: string; globalThis?: unknown } = {};
    sandbox.globalThis = sandbox;
    vm.runInNewContext(fs.readFileSync(path.join(assets, 'index.js'), 'utf8'), sandbox);
    const index = JSON.parse(sandbox.IMGREF_INDEX!) as PlaygroundIndex;
    const urls = new Set(index.rows.map((r) => r[1]));
    const cli = loadProjectDefinitions();
    for (const type of ['StructureDefinition', 'ValueSet', 'CodeSystem', 'ConceptMap', 'SearchParameter', 'ImplementationGuide']) {
      const missing = [...cli.summaries(type)].map((s) => s.url).filter((u) => !urls.has(u));
      expect(missing, type).to.deep.equal([]);
    }
    const seen = new Map<number, number>();
    for (let n = 0; n < index.sizes.length; n++) {
      let rows: [number, { url?: string }][] = [];
      vm.runInNewContext(fs.readFileSync(path.join(assets, `chunk-${n}.js`), 'utf8'), { IMGREF_CHUNK: (_: number, text: string) => (rows = JSON.parse(text)) });
      for (const [row, definition] of rows) {
        expect(index.rows[row][7], `row ${row}`).to.equal(n);
        expect(definition.url).to.equal(index.rows[row][1]);
        seen.set(row, n);
      }
    }
    expect(seen.size).to.equal(index.rows.length);
  });
});
