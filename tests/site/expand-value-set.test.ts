import { expect } from 'chai';
import { expandValueSet } from '../../src/site/terminology/expand-value-set';
import { generatedById } from '../helpers/project';

const CS = { resourceType: 'CodeSystem', url: 'http://example.org/cs', content: 'complete', concept: [{ code: 'a', display: 'A', concept: [{ code: 'a1', display: 'A1' }] }, { code: 'b' }] };

describe('value set expansion (offline)', () => {
  it('expands ImagingReferenceTitle to its 25 DICOM KOS titles', () => {
    const vs = generatedById('ValueSet', 'imaging-reference-title');
    const expansion = expandValueSet(vs, [vs]);
    if (!expansion.complete) throw new Error(expansion.reason);
    expect(expansion.contains).to.have.length(25);
    expect(expansion.contains[0]).to.deep.equal({ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113000', display: 'Of Interest' });
    expect(expansion.contains.map((c) => c.code)).to.include.members(['113013', '113039']);
  });

  it('includes a whole code system of the IG, with its hierarchy, minus the excluded codes', () => {
    const vs = { resourceType: 'ValueSet', url: 'http://example.org/vs', compose: { include: [{ system: 'http://example.org/cs' }], exclude: [{ system: 'http://example.org/cs', concept: [{ code: 'b' }] }] } };
    const expansion = expandValueSet(vs, [vs, CS]);
    expect(expansion).to.deep.equal({ complete: true, contains: [{ system: 'http://example.org/cs', code: 'a', display: 'A' }, { system: 'http://example.org/cs', code: 'a1', display: 'A1' }] });
  });

  it('imports a value set of the IG', () => {
    const inner = { resourceType: 'ValueSet', url: 'http://example.org/inner', compose: { include: [{ system: 'http://example.org/cs', concept: [{ code: 'b' }] }] } };
    const outer = { resourceType: 'ValueSet', url: 'http://example.org/outer', compose: { include: [{ valueSet: ['http://example.org/inner'] }] } };
    const expansion = expandValueSet(outer, [inner, outer, CS]);
    expect(expansion.complete && expansion.contains.map((c) => c.code)).to.deep.equal(['b']);
  });

  it('says why it cannot expand a filter or an external code system, rather than guessing', () => {
    const filtered = { resourceType: 'ValueSet', url: 'x', compose: { include: [{ system: 'http://loinc.org', filter: [{ property: 'a', op: '=', value: 'b' }] }] } };
    expect(expandValueSet(filtered, [])).to.deep.equal({ complete: false, reason: 'a filter on http://loinc.org needs a terminology server' });
    const external = { resourceType: 'ValueSet', url: 'y', compose: { include: [{ system: 'http://snomed.info/sct' }] } };
    expect(expandValueSet(external, []).complete).to.equal(false);
  });
});
