import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createValidatorSync } from '../../src/validator';
import { FhirXmlConverter } from '../../src/validator/parse/fhir-xml';
import { readXml } from '../../src/validator/parse/xml-reader';
import { IssueCollector } from '../../src/validator/outcome/issue-collector';
import { OUTPUT_DIR } from '../helpers/site';
import { generated } from '../helpers/project';

describe('the site\'s FHIR XML read back by the validator\'s XML parser', () => {
  it('gives back the JSON of every IG resource, with no issue', () => {
    const models = createValidatorSync().models;
    for (const r of generated()) {
      const xml = fs.readFileSync(path.join(OUTPUT_DIR, `${r.resourceType}-${r.id}.xml`), 'utf8');
      const issues = new IssueCollector();
      const back = new FhirXmlConverter(models, issues).convertResource(readXml(xml), '');
      expect(issues.issues, `${r.resourceType}/${r.id}`).to.deep.equal([]);
      expect(back, `${r.resourceType}/${r.id}`).to.deep.equal(r);
    }
  });
});
