import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConversionInputError, convert } from '../../src/convert';
import { fhirXmlToJson, toFhirXml } from '../../src/convert/fhir-xml-io';
import { generatedResourcesDir } from '../../src/ig/generated-resources';
import type { FhirResource } from '../../src/ig/generated-resources';
import { PROJECT_DIR } from '../helpers/project';
import { jsonFixture } from './helpers/fixtures';

const exampleFile = (id: string) => path.join(generatedResourcesDir(PROJECT_DIR), `ImagingReference-${id}.json`);
const named = (name: string, content: string | Uint8Array) => ({ name, content: Buffer.from(content) });

describe('convert: FHIR XML input and output', () => {
  it('reads an ImagingReference in XML as it reads the JSON', () => {
    const json = fs.readFileSync(exampleFile('key-image-note'));
    const xml = toFhirXml(JSON.parse(json.toString()) as FhirResource);
    expect(xml).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<ImagingReference xmlns="http:\/\/hl7.org\/fhir">/);
    expect(convert([named('x.xml', xml)], 'imagingreference').resources).to.deep.equal(convert([named('x.json', json)], 'imagingreference').resources);
  });

  it('reads an ImagingSelection in XML, and writes the ImagingReference back as XML that reads the same', () => {
    const selection = jsonFixture<FhirResource>('imaging-selection/rich-selection.json');
    const fromJson = convert([named('s.json', JSON.stringify(selection))], 'imagingselection', 'imagingreference', { allowWidening: true }).resources[0];
    const fromXml = convert([named('s.xml', toFhirXml(selection))], 'imagingselection', 'imagingreference', { allowWidening: true }).resources[0];
    expect(fromXml).to.deep.equal(fromJson);
    expect(JSON.parse(Buffer.from(fhirXmlToJson(Buffer.from(toFhirXml(fromXml)))).toString())).to.deep.equal(fromXml);
  });

  it('refuses XML that is not FHIR, and STU3 XML', () => {
    expect(() => convert([named('a.xml', '<Patient/>')], 'imagingreference')).to.throw(ConversionInputError, /^a\.xml: not FHIR XML: <Patient> is not in the FHIR namespace/);
    expect(() => convert([named('b.xml', '<ImagingReference xmlns="http://hl7.org/fhir">')], 'imagingreference')).to.throw(ConversionInputError, /^b\.xml: not XML/);
    expect(() => convert([named('c.xml', '<ImagingManifest xmlns="http://hl7.org/fhir"/>')], 'imagingmanifest')).to.throw(ConversionInputError, /read as JSON only/);
  });
});
