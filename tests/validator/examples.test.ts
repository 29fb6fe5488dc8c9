import { expect } from 'chai';
import { readGeneratedResources } from '../../src/ig/generated-resources';
import { PROJECT_DIR } from '../helpers/project';
import { errorsOf, summary, validator } from './helpers';

describe('validator on the IG examples (fsh-generated/resources)', () => {
  for (const { file, resource } of readGeneratedResources(PROJECT_DIR)) {
    if (resource.resourceType === 'StructureDefinition') continue; // slow to check and covered by SUSHI
    it(`${resource.resourceType}/${resource.id} has no error`, () => {
      const issues = validator().issues(resource);
      expect(errorsOf(issues), `${file}\n${summary(issues)}`).to.deep.equal([]);
    });
  }

  it('validates a resource object without modifying it', () => {
    const [{ resource }] = readGeneratedResources(PROJECT_DIR).filter((g) => g.resource.resourceType === 'ImagingReference');
    const before = JSON.stringify(resource);
    validator().issues(resource);
    expect(JSON.stringify(resource)).to.equal(before);
  });
});
