import { expect } from 'chai';
import { withEveryResource, withGeneratedNarrative, withPublicationMetadata } from '../../src/ig/publication';
import { createValidatorSync } from '../../src/validator/validator';
import { generated } from '../helpers/project';

const FACTS = { version: '0.1.0', publisher: { name: 'HL7 International / Imaging Integration', url: 'http://www.hl7.org/Special/committees/imagemgt' }, date: '2026-12-01T10:00:00Z' };

describe('publication: what the IG Publisher adds to SUSHI output', () => {
  describe('metadata', () => {
    it('gives a definition without them the IG version, date, publisher and contact, in FHIR order', () => {
      const vs = withPublicationMetadata({ resourceType: 'ValueSet', id: 'x', url: 'http://x/ValueSet/x', name: 'X', status: 'draft', experimental: false, description: 'd' }, FACTS);
      expect(Object.keys(vs)).to.deep.equal(['resourceType', 'id', 'url', 'version', 'name', 'status', 'experimental', 'date', 'publisher', 'contact', 'description']);
      expect(vs).to.include({ version: '0.1.0', date: FACTS.date, publisher: FACTS.publisher.name });
      expect(vs.contact).to.deep.equal([{ name: FACTS.publisher.name, telecom: [{ system: 'url', value: FACTS.publisher.url }] }]);
    });

    it("keeps what the FSH set, and leaves examples alone", () => {
      const own = { resourceType: 'CodeSystem', id: 'c', url: 'http://x/c', version: '9', date: '2020', publisher: 'me', contact: [], status: 'draft' };
      expect(withPublicationMetadata(own, FACTS)).to.equal(own);
      const patient = { resourceType: 'Patient', id: 'p' };
      expect(withPublicationMetadata(patient, FACTS)).to.equal(patient);
    });
  });

  describe('the guide lists every resource', () => {
    it('adds the resources SUSHI left out, with the FSH title and description, and keeps its own entries', () => {
      const guide = { resourceType: 'ImplementationGuide', id: 'ig', definition: { resource: [{ reference: { reference: 'ValueSet/v' }, name: 'V', isExample: false }], page: { name: 'toc.html' } } };
      const resources = [guide, { resourceType: 'ValueSet', id: 'v' }, { resourceType: 'StructureDefinition', id: 'ImagingReference', title: 'Imaging Reference' }, { resourceType: 'ImagingReference', id: 'kin' }];
      const out = withEveryResource(guide, resources, [{ id: 'kin', instanceOf: 'ImagingReference', usage: 'Example', title: 'Key image note', description: 'Three slices' }]);
      expect((out.definition as { resource: unknown[] }).resource).to.deep.equal([
        { reference: { reference: 'ValueSet/v' }, name: 'V', isExample: false },
        { reference: { reference: 'StructureDefinition/ImagingReference' }, name: 'Imaging Reference', isExample: false },
        { reference: { reference: 'ImagingReference/kin' }, name: 'Key image note', description: 'Three slices', isExample: true },
      ]);
      expect((out.definition as { page: unknown }).page).to.deep.equal({ name: 'toc.html' });
    });
  });

  describe('generated narratives', () => {
    const validator = createValidatorSync();
    const example = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Doe', given: ['Jane'] }], identifier: [{ system: 'urn:x', value: '42' }], managingOrganization: { reference: 'Organization/o', display: 'Clinic <A & B>' }, contact: [{ relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N', display: 'Next-of-Kin' }] }], name: { text: 'John' } }] };

    it('writes a generated narrative that passes the narrative rules and raises no dom-6', () => {
      const out = withGeneratedNarrative(example, { pageOf: (r) => (r === 'Organization/o' ? 'Organization-o.html' : undefined) });
      expect((out.text as { status: string }).status).to.equal('generated');
      expect(Object.keys(out).slice(0, 3)).to.deep.equal(['resourceType', 'id', 'text']);
      const div = (out.text as { div: string }).div;
      expect(div).to.contain('Generated Narrative: Patient p1').and.contain('<a href="Organization-o.html">Clinic &lt;A &amp; B&gt;</a>').and.contain('Jane Doe').and.contain('Next-of-Kin');
      const issues = validator.issues(out).filter((i) => i.severity !== 'information');
      expect(issues.map((i) => `${i.expression} ${i.message}`)).to.deep.equal([]);
      expect(validator.issues(example).map((i) => i.message).join('\n')).to.contain('dom-6');
    });

    it('shows a Quantity as value and unit, not as a code', () => {
      const obs = { resourceType: 'Observation', id: 'o', status: 'final', code: { text: 'Diameter' }, valueQuantity: { value: 9.5, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' } };
      expect((withGeneratedNarrative(obs).text as { div: string }).div).to.contain('<tr><th>valueQuantity</th><td>9.5 mm</td></tr>');
    });

    it('leaves a resource with a narrative, a Bundle and a definition unchanged', () => {
      for (const r of [{ ...example, text: { status: 'additional', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' } }, { resourceType: 'Bundle', type: 'collection' }, { resourceType: 'ValueSet', id: 'v', status: 'draft' }]) {
        expect(withGeneratedNarrative(r)).to.equal(r);
      }
    });
  });

  describe('the built IG (npm run build)', () => {
    const guide = generated().find((r) => r.resourceType === 'ImplementationGuide') as { definition: { resource: { reference: { reference: string } }[] } };

    it('every example has a narrative that passes the narrative rules, with no dom-6', () => {
      const validator = createValidatorSync();
      for (const r of generated().filter((x) => !['StructureDefinition', 'ValueSet', 'CodeSystem', 'ImplementationGuide', 'SearchParameter'].includes(x.resourceType))) {
        expect((r.text as { div?: string } | undefined)?.div, `${r.resourceType}/${r.id}`).to.be.a('string');
        const narrativeIssues = validator.issues(r).filter((i) => /dom-6|txt-|XHTML/.test(`${i.message} ${i.rule ?? ''}`));
        expect(narrativeIssues.map((i) => i.message), `${r.resourceType}/${r.id}`).to.deep.equal([]);
      }
    });

    it('every definition carries the IG version, publisher and date', () => {
      for (const r of generated().filter((x) => ['StructureDefinition', 'ValueSet', 'CodeSystem', 'ImplementationGuide', 'SearchParameter'].includes(x.resourceType))) {
        expect(r, `${r.resourceType}/${r.id}`).to.include({ version: '0.1.0', publisher: 'HL7 International / Imaging Integration' });
        expect(r.date, `${r.resourceType}/${r.id}`).to.match(/^\d{4}-\d\d-\d\dT/);
      }
    });

    it('the ImplementationGuide lists every other resource of the IG, ImagingReference and its examples included', () => {
      const listed = guide.definition.resource.map((e) => e.reference.reference).sort();
      const all = generated().filter((r) => r.resourceType !== 'ImplementationGuide').map((r) => `${r.resourceType}/${r.id}`).sort();
      expect(listed).to.deep.equal(all);
      expect(listed).to.include.members(['StructureDefinition/ImagingReference', 'ImagingReference/key-image-note']);
    });
  });
});
