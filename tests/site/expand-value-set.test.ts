import { expect } from 'chai';
import { ValueSetPageExpander } from '../../src/site/terminology/expand-value-set';
import { generatedById } from '../helpers/project';

const CS = { resourceType: 'CodeSystem', url: 'http://example.org/cs', content: 'complete', concept: [{ code: 'a', display: 'A', concept: [{ code: 'a1', display: 'A1' }] }, { code: 'b' }] };

describe('value set expansion for the pages (the validator\'s expander, with displays)', () => {
  it('expands ImagingReferenceTitle to its 25 DICOM KOS titles, in order, with their displays', () => {
    const vs = generatedById('ValueSet', 'imaging-reference-title');
    const expansion = new ValueSetPageExpander([vs]).expand(String(vs.url));
    if (!expansion.complete) throw new Error(expansion.reason);
    expect(expansion.contains).to.have.length(25);
    expect(expansion.contains[0]).to.deep.equal({ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113000', display: 'Of Interest' });
    expect(expansion.contains[24]).to.deep.equal({ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113039', display: 'Data Retention Policy Expired' });
  });

  it('takes displays from the code system for a whole code system, minus the excluded codes', () => {
    const vs = { resourceType: 'ValueSet', url: 'http://example.org/vs', compose: { include: [{ system: 'http://example.org/cs' }], exclude: [{ system: 'http://example.org/cs', concept: [{ code: 'b' }] }] } };
    expect(new ValueSetPageExpander([vs, CS]).expand(vs.url)).to.deep.equal({
      complete: true,
      contains: [
        { system: 'http://example.org/cs', code: 'a', display: 'A' },
        { system: 'http://example.org/cs', code: 'a1', display: 'A1' },
      ],
    });
  });

  it('expands a core value set from the pinned packages', () => {
    const expansion = new ValueSetPageExpander([]).expand('http://hl7.org/fhir/ValueSet/publication-status');
    expect(expansion.complete && expansion.contains.map((c) => `${c.code} ${c.display}`)).to.deep.equal(['draft Draft', 'active Active', 'retired Retired', 'unknown Unknown']);
  });

  it('says why it cannot expand an external code system, rather than guessing', () => {
    const vs = { resourceType: 'ValueSet', url: 'http://example.org/snomed', compose: { include: [{ system: 'http://snomed.info/sct' }] } };
    const expansion = new ValueSetPageExpander([vs]).expand(vs.url);
    expect(expansion.complete).to.equal(false);
    expect(!expansion.complete && expansion.reason).to.contain('http://snomed.info/sct');
  });
});
