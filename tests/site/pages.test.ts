import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OUTPUT_DIR } from '../helpers/site';
import { generated } from '../helpers/project';

function page(name: string): string {
  return fs.readFileSync(path.join(OUTPUT_DIR, name), 'utf8');
}

/** The row of an element tree (`diff` or `snap`) for an element id. */
function treeRow(html: string, view: 'diff' | 'snap', id: string): string {
  const m = new RegExp(`<tr id="${view}-${id.replace(/\./g, '\\.')}"[\\s\\S]*?</tr>`).exec(html);
  if (!m) throw new Error(`no ${view} row for ${id}`);
  return m[0];
}

describe('site pages', () => {
  describe('StructureDefinition-ImagingReference.html', () => {
    const html = page('StructureDefinition-ImagingReference.html');

    it('has the studyUid row in the differential and the snapshot: flags, cardinality, type linked to R5, short, invariant', () => {
      for (const view of ['diff', 'snap'] as const) {
        const row = treeRow(html, view, 'ImagingReference.studyUid');
        expect(row).to.contain('>studyUid</a>');
        expect(row).to.match(/<td class="flags">.*Σ.*>I</);
        expect(row).to.contain('<td class="card">1..1</td>');
        expect(row).to.contain('<a href="http://hl7.org/fhir/R5/datatypes.html#id">id</a>');
        expect(row).to.contain('DICOM Study Instance UID');
        // Invariants are described on the definitions tab, a page of its own.
        expect(row).to.contain('href="StructureDefinition-ImagingReference-definitions.html#inv-irf-1"');
      }
    });

    it('links reference targets and the title binding', () => {
      expect(treeRow(html, 'diff', 'ImagingReference.subject')).to.contain('<a href="http://hl7.org/fhir/R5/references.html#Reference">Reference</a>(<a href="http://hl7.org/fhir/R5/patient.html">Patient</a>)');
      expect(treeRow(html, 'diff', 'ImagingReference.title')).to.contain('<a href="ValueSet-imaging-reference-title.html">ImagingReference Title</a> (<a href="http://hl7.org/fhir/R5/terminologies.html#extensible">extensible</a>)');
    });

    it('shows the inherited elements only in the snapshot, and the modifier flag of modifierExtension', () => {
      expect(() => treeRow(html, 'diff', 'ImagingReference.meta')).to.throw();
      expect(treeRow(html, 'snap', 'ImagingReference.modifierExtension')).to.match(/\?!.*Σ/);
    });

    it('has detailed descriptions with definition, comments and the invariants with their FHIRPath', () => {
      const html = page('StructureDefinition-ImagingReference-definitions.html');
      expect(html).to.match(/<table class="details" id="def-ImagingReference\.studyUid">[\s\S]*?Definition[\s\S]*?irf-1/);
      expect(html).to.contain('<tr id="inv-irf-1">');
      expect(html).to.match(/<tr id="inv-irf-2">[\s\S]*?<code class="fhirpath">[^<]*frameNumber[^<]*observationUid/);
    });

    it('has the STU3, R5 and DICOM mappings', () => {
      const html = page('StructureDefinition-ImagingReference-mappings.html');
      expect(html).to.contain('href="StructureDefinition-ImagingReference-definitions.html#def-ImagingReference.studyUid"');
      expect(html).to.contain('id="map-imagingmanifest"');
      expect(html).to.contain('id="map-imagingselection"');
      expect(html).to.contain('id="map-dicom"');
      expect(html).to.contain('<td>ImagingManifest.study.uid</td>');
    });

    it('has an SVG diagram with the ImagingReference and Instance classes', () => {
      const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
      expect(svg).to.contain('>ImagingReference</text>');
      expect(svg).to.contain('>Instance</text>');
      expect(svg).to.contain('studyUid Σ : id [1..1] « irf-1 »');
    });

    it('has the definition as JSON and XML, with the raw files beside it', () => {
      expect(page('StructureDefinition-ImagingReference.profile.json.html')).to.contain('<h2 id="json">JSON</h2>').and.contain('href="StructureDefinition-ImagingReference.json"');
      const xml = page('StructureDefinition-ImagingReference.profile.xml.html');
      expect(xml).to.contain('<h2 id="xml">XML</h2>');
      expect(xml).to.match(/&lt;(<span class="hljs-name">)?StructureDefinition/);
      expect(fs.existsSync(path.join(OUTPUT_DIR, 'StructureDefinition-ImagingReference.xml'))).to.equal(true);
    });

    it("has its tabs as pages with the IG Publisher's names, each marking itself as the current tab", () => {
      const tabs = ['', '-definitions', '-mappings', '-examples', '.profile.json', '.profile.xml', '.profile.ttl'].map((t) => `StructureDefinition-ImagingReference${t}.html`);
      for (const name of tabs) {
        const bar = /<ul class="tabs">[\s\S]*?<\/ul>/.exec(page(name))?.[0] ?? '';
        for (const other of tabs) expect(bar, `${name} -> ${other}`).to.contain(`href="${other}"`);
        expect(bar).to.contain(`<li class="active"><a href="${name}" aria-current="page">`);
      }
      expect(page('StructureDefinition-ImagingReference-examples.html')).to.contain('href="ImagingReference-key-image-note.html"');
      // The content page no longer carries the other tabs' sections.
      expect(html).to.not.contain('<h2 id="mappings">').and.not.contain('<table class="details"');
    });
  });

  it('renders one page per example, with its title, its content and links to the examples it references', () => {
    const examples = generated().filter((r) => !['StructureDefinition', 'ValueSet', 'CodeSystem', 'ImplementationGuide'].includes(r.resourceType));
    expect(examples.length).to.be.greaterThan(10);
    for (const r of examples) expect(fs.existsSync(path.join(OUTPUT_DIR, `${r.resourceType}-${r.id}.html`)), `${r.resourceType}-${r.id}.html`).to.equal(true);
    const html = page('ImagingReference-key-image-note.html');
    expect(html).to.contain('<h1>Example ImagingReference: Key image note</h1>');
    expect(html).to.match(/<tr data-element="studyUid"><th>studyUid<\/th><td>2\.25\.311846519017287463201975431864025417<\/td><\/tr>/);
    expect(html).to.contain('<a href="Patient-patient-jane-doe.html">');
    expect(html).to.contain('Of Interest');
  });

  it('renders the value set with its expansion', () => {
    const html = page('ValueSet-imaging-reference-title.html');
    expect(html).to.contain('This value set contains 25 concepts.');
    expect(html).to.match(/<tr id="code-113000"><td><code>http:\/\/dicom\.nema\.org\/resources\/ontology\/DCM<\/code><\/td><td>113000<\/td><td>Of Interest<\/td><\/tr>/);
    expect(html).to.contain('href="StructureDefinition-ImagingReference.html"');
  });

  it('renders the extension page with its context and its value type', () => {
    const html = page('StructureDefinition-imaging-reference-link.html');
    expect(html).to.contain('<h1>Extension: ');
    expect(html).to.contain('<a href="http://hl7.org/fhir/R5/observation.html">Observation</a> (element)');
    expect(treeRow(html, 'diff', 'Extension.value_x_')).to.contain('(<a href="StructureDefinition-ImagingReference.html">');
  });

  it('renders the narrative pages from input/pagecontent and the menu from sushi-config.yaml', () => {
    const home = page('index.html');
    expect(home).to.contain('<h1 id="imagingreference">ImagingReference</h1>');
    expect(home).to.match(/<nav class="ig-menu"><ul><li class="active"><a href="index.html">Home<\/a><\/li><li><a href="use-cases.html">Use cases<\/a><\/li><li><a href="background.html">Background<\/a><\/li><li><a href="StructureDefinition-ImagingReference.html">ImagingReference<\/a><\/li><li><a href="artifacts.html">Artifacts<\/a><\/li>/);
    expect(page('use-cases.html')).to.contain('href="ImagingReference-fhircast-volume.html"');
    expect(page('background.html')).to.contain('ImagingSelection');
  });

  it('lists every artifact in artifacts.html', () => {
    const html = page('artifacts.html');
    for (const r of generated().filter((x) => x.resourceType !== 'ImplementationGuide')) expect(html, `${r.resourceType}/${r.id}`).to.contain(`href="${r.resourceType}-${r.id}.html"`);
  });
});
