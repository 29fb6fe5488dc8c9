import { expect } from 'chai';
import { CoreTypes } from '../../../src/site/core-types';
import { FhirTurtleSerializer } from '../../../src/site/render/fhir-turtle';
import { generated, generatedById } from '../../helpers/project';

const BASE = 'http://hl7.org/fhir/uv/imaging-reference';

/** Brackets and parentheses outside string literals balance, and the document ends its one statement with a dot. */
function balanced(ttl: string): boolean {
  const body = ttl.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/<[^>\s]*>/g, '<>');
  let depth = 0;
  for (const c of body) {
    if (c === '[' || c === '(') depth++;
    if (c === ']' || c === ')') depth--;
    if (depth < 0) return false;
  }
  return depth === 0 && /\.\n$/.test(body);
}

describe('FHIR RDF (Turtle), the R5 form', () => {
  const ig = generated().filter((r) => r.resourceType === 'StructureDefinition');
  const turtle = new FhirTurtleSerializer([...CoreTypes.forProject().structureDefinitions, ...ig]);

  it('writes ImagingReference as a tree root with typed primitives, lists and linked references', () => {
    const ttl = turtle.toTurtle(generatedById('ImagingReference', 'key-image-note'), BASE);
    expect(ttl).to.contain(`<${BASE}/ImagingReference/key-image-note> a fhir:ImagingReference ;\n  fhir:nodeRole fhir:treeRoot ;`);
    expect(ttl).to.contain('fhir:issued [ fhir:v "2026-11-02T10:02:31+01:00"^^xsd:dateTime ]');
    expect(ttl).to.contain(`fhir:link <${BASE}/Patient/patient-jane-doe> ;\n    fhir:reference [ fhir:v "Patient/patient-jane-doe" ]`);
    expect(ttl).to.match(/fhir:instance \( \[\n\s+fhir:sopClass \[ fhir:v "1\.2\.840\.10008\.5\.1\.4\.1\.1\.2" \] ;\n\s+fhir:uid \[ fhir:v "2\.25\.171046583014950388436207729540151290\.41" \]\n\s+\] \[/);
    expect(ttl).to.contain('fhir:system [ fhir:v "http://dicom.nema.org/resources/ontology/DCM"^^xsd:anyURI ]');
    expect(balanced(ttl)).to.equal(true);
  });

  it('writes a choice element by its short name with the chosen type, and an extension url as a uri', () => {
    const ttl = turtle.toTurtle(generatedById('Observation', 'ai-nodule-summary'), BASE);
    expect(ttl).to.match(/fhir:value \[\n\s+a fhir:Quantity ;\n\s+fhir:value \[ fhir:v "8\.2"\^\^xsd:decimal \]/);
    expect(ttl).to.contain('fhir:effective [ a fhir:dateTime ; fhir:v "2026-11-02T09:31:12+01:00"^^xsd:dateTime ]');
    expect(ttl).to.contain('fhir:url [ fhir:v "http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/imaging-reference-link"^^xsd:anyURI ]');
    expect(ttl).to.match(/fhir:value \[\n\s+a fhir:Reference ;\n\s+fhir:link <http:\/\/hl7\.org\/fhir\/uv\/imaging-reference\/ImagingReference\/ai-sr-observation>/);
  });

  it('escapes string literals and IRIs, and types numbers and booleans', () => {
    const ttl = turtle.toTurtle({ resourceType: 'Patient', id: 'p', active: true, name: [{ text: 'Say "hi"\\\n' }], multipleBirthInteger: 2, managingOrganization: { reference: 'Organization/o' } }, 'http://x.org/a b');
    expect(ttl).to.contain('fhir:active [ fhir:v "true"^^xsd:boolean ]');
    expect(ttl).to.contain('fhir:text [ fhir:v "Say \\"hi\\"\\\\\\n" ]');
    expect(ttl).to.contain('fhir:multipleBirth [ a fhir:integer ; fhir:v "2"^^xsd:integer ]');
    expect(ttl).to.contain('<http://x.org/a%20b/Patient/p>');
    expect(balanced(ttl)).to.equal(true);
  });

  it('writes every resource of the IG with balanced brackets', () => {
    for (const r of generated()) expect(balanced(turtle.toTurtle(r, BASE)), `${r.resourceType}/${r.id}`).to.equal(true);
  });
});
