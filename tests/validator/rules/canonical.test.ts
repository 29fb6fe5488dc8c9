import { expect } from 'chai';
import { minimalImagingReference, validator } from '../helpers';

describe('canonical versions', () => {
  const found = (profile: string) => validator().issues({ ...minimalImagingReference(), meta: { profile: [profile] } }).filter((i) => i.rule === 'canonical-empty-version').map((i) => `${i.severity} ${i.expression}`);

  it('refuses a canonical whose bar has no version after it, and accepts url|version', () => {
    expect(found('http://example.org/fhir/StructureDefinition/p|')).to.deep.equal(['error ImagingReference.meta.profile[0]']);
    expect(found('http://example.org/fhir/StructureDefinition/p|#x')).to.deep.equal(['error ImagingReference.meta.profile[0]']);
    expect(found('http://example.org/fhir/StructureDefinition/p|1.0')).to.deep.equal([]);
    expect(found('http://example.org/fhir/StructureDefinition/p')).to.deep.equal([]);
  });
});
