import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { generated } from '../helpers/project';
import { OUTPUT_DIR } from '../helpers/site';

const page = (name: string) => fs.readFileSync(path.join(OUTPUT_DIR, name), 'utf8');

describe('site: the guide pages and the search parameters', () => {
  it('toc.html lists the narrative pages, every artifact page and the history', () => {
    const toc = page('toc.html');
    for (const name of ['index.html', 'use-cases.html', 'background.html', 'artifacts.html', 'history.html']) expect(toc, name).to.contain(`href="${name}"`);
    for (const r of generated().filter((x) => x.resourceType !== 'ImplementationGuide')) expect(toc, `${r.resourceType}/${r.id}`).to.contain(`href="${r.resourceType}-${r.id}.html"`);
  });

  it('history.html lists the current version with its date and release label', () => {
    const history = page('history.html');
    expect(history).to.contain('id="v0.1.0"').and.contain('ci-build').and.match(/<td>\d{4}-\d\d-\d\d<\/td>/);
  });

  it('each SearchParameter has its page, with its expression; the resource page lists them', () => {
    const sd = page('StructureDefinition-ImagingReference.html');
    expect(sd).to.contain('id="search"');
    for (const sp of generated().filter((r) => r.resourceType === 'SearchParameter')) {
      const html = page(`SearchParameter-${sp.id}.html`);
      expect(html).to.contain(`<code>${sp.expression}</code>`).and.contain('href="StructureDefinition-ImagingReference.html"');
      expect(sd).to.contain(`href="SearchParameter-${sp.id}.html"`);
    }
    expect(page('artifacts.html')).to.contain('id="search-parameters"');
  });

  it('the resource page shows the work group, maturity, standards status and the Patient compartment', () => {
    const sd = page('StructureDefinition-ImagingReference.html');
    expect(sd).to.contain('Imaging Integration').and.contain('<th>Maturity level</th><td>0</td>').and.match(/id="compartments"><a [^>]*>patient<\/a> \(<code>subject<\/code>\)/);
  });

  it('every example page shows its generated narrative (not refused)', () => {
    for (const r of generated().filter((x) => (x.text as { status?: string } | undefined)?.status === 'generated')) {
      const html = page(`${r.resourceType}-${r.id}.html`);
      expect(html, r.id).to.contain('class="narrative"').and.contain(`Generated Narrative: ${r.resourceType} ${r.id}`);
      expect(html, r.id).to.not.contain('narrative-refused');
    }
  });
});

/** The entries of a zip, read back through its central directory, each checked against its CRC-32. */
function readZip(file: string): Map<string, Buffer> {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(dataAt, dataAt + size);
    const data = method === 8 ? zlib.inflateRawSync(body) : body;
    expect(zlib.crc32(data), name).to.equal(crc);
    out.set(name, data);
    at += 46 + nameLength + extra;
  }
  return out;
}

describe('site: downloads, the home page metadata and the QA page', () => {
  it('definitions.json.zip and examples.json.zip hold each resource as JSON, byte for byte', () => {
    const definitions = readZip(path.join(OUTPUT_DIR, 'definitions.json.zip'));
    const examples = readZip(path.join(OUTPUT_DIR, 'examples.json.zip'));
    for (const r of generated()) {
      const name = `${r.resourceType}-${r.id}.json`;
      const isDefinition = ['StructureDefinition', 'ValueSet', 'CodeSystem', 'SearchParameter', 'ImplementationGuide'].includes(r.resourceType);
      const entry = (isDefinition ? definitions : examples).get(name);
      expect(entry, name).to.not.equal(undefined);
      expect(JSON.parse(String(entry))).to.deep.equal(r);
    }
    expect(definitions.size + examples.size).to.equal(generated().length);
  });

  it('full-ig.zip holds the site, its pages and the package', () => {
    const full = readZip(path.join(OUTPUT_DIR, 'full-ig.zip'));
    for (const name of ['index.html', 'toc.html', 'qa.html', 'StructureDefinition-ImagingReference.html', 'package.tgz', 'assets/site.css']) expect(full.has(`site/${name}`), name).to.equal(true);
    expect(String(full.get('site/toc.html'))).to.equal(page('toc.html'));
  });

  it('the home page opens with the metadata box: official URL, version, status, dependencies, IP statements, downloads', () => {
    const home = page('index.html');
    const box = home.slice(home.indexOf('id="ig-metadata"'), home.indexOf('</table>', home.indexOf('id="ig-metadata"')));
    expect(box).to.contain('http://hl7.org/fhir/uv/imaging-reference/ImplementationGuide/hl7.fhir.uv.imaging-reference').and.contain('0.1.0').and.contain('draft');
    expect(box).to.contain('hl7.terminology.r5#7.0.1').and.contain('IP statements').and.contain('CC0-1.0');
    for (const link of ['full-ig.zip', 'definitions.json.zip', 'examples.json.zip', 'history.html', 'qa.html']) expect(box, link).to.contain(`href="${link}"`);
  });

  it('qa.html counts every issue of the build by file, and lists each with its rule id', () => {
    const qa = page('qa.html');
    for (const r of generated()) expect(qa, r.id).to.contain(`fsh-generated/resources/${r.resourceType}-${r.id}.json`);
    // The build's known warning: ImagingReference is not (yet) an R5 type.
    const sd = qa.slice(qa.indexOf('<h2 id="file-fsh-generated_resources_StructureDefinition-ImagingReference.json"'));
    expect(sd).to.contain('is not in the value set http://hl7.org/fhir/ValueSet/fhir-types');
    expect(qa).to.match(/0 error<\/span>/).and.not.contain('dom-6');
    // SUSHI's warnings of the build, first, like the IG Publisher's QA page.
    const sushi = qa.slice(qa.indexOf('<h2 id="file-_SUSHI_"'));
    expect(sushi).to.contain('Failed to load automatically-provided hl7.fhir.uv.tools.r5#latest');
    expect(qa.indexOf('(SUSHI)')).to.be.below(qa.indexOf('fsh-generated/resources/'));
  });
});

describe('site: the resource page against the IG Publisher (bindings, usages, RIM)', () => {
  const sd = () => page('StructureDefinition-ImagingReference.html');

  it('has the terminology bindings table: each bound element with its strength and value set', () => {
    const table = /<table class="grid bindings">[\s\S]*?<\/table>/.exec(sd())?.[0] ?? '';
    expect(table).to.match(/href="#snap-ImagingReference\.title">ImagingReference\.title<\/a><\/td><td><a [^>]*>extensible<\/a><\/td><td><a href="ValueSet-imaging-reference-title.html">/);
    expect(table).to.contain('ImagingReference.language');
  });

  it('lists what uses the resource: its examples and the extension that points at it', () => {
    const usages = /<ul class="usages">[\s\S]*?<\/ul>/.exec(sd())?.[0] ?? '';
    expect(usages).to.contain('href="StructureDefinition-imaging-reference-link.html"').and.contain('href="ImagingReference-key-image-note.html"');
    expect(page('StructureDefinition-imaging-reference-link.html')).to.match(/<ul class="usages">[\s\S]*?href="Observation-ai-nodule-summary.html"/);
  });

  it('has the RIM mapping among the mappings', () => {
    const mappings = page('StructureDefinition-ImagingReference-mappings.html');
    expect(mappings).to.contain('id="map-rim"').and.contain('.participation[typeCode=SBJ].role[classCode=PAT]');
  });
});

describe('site: Turtle representations', () => {
  it('writes a .ttl beside every resource, shown on its page (the resource definition has its .profile.ttl.html tab)', () => {
    for (const r of generated()) {
      const base = `${r.resourceType}-${r.id}`;
      const ttl = fs.readFileSync(path.join(OUTPUT_DIR, `${base}.ttl`), 'utf8');
      expect(ttl, base).to.contain(`a fhir:${r.resourceType} ;`);
      if (r.resourceType === 'ImplementationGuide') continue;
      const shown = r.resourceType === 'StructureDefinition' ? page(`${base}.profile.ttl.html`) : page(`${base}.html`);
      expect(shown, base).to.contain(`href="${base}.ttl"`);
    }
    expect(page('StructureDefinition-ImagingReference.html')).to.contain('href="StructureDefinition-ImagingReference.profile.ttl.html"');
  });
});
