import { expect } from 'chai';
import { DefinitionStore } from '../../../src/definitions/definition-store';
import { ValueSetExpander } from '../../../src/validator/rules/value-set-expander';

function expanderWith(...resources: any[]): ValueSetExpander {
  const registry = new DefinitionStore();
  for (const r of resources) registry.addResource(r);
  return new ValueSetExpander(registry);
}

const cs = {
  resourceType: 'CodeSystem',
  url: 'http://example.org/cs',
  content: 'complete',
  concept: [{ code: 'a', concept: [{ code: 'a1' }, { code: 'a2', concept: [{ code: 'a2x' }] }] }, { code: 'b' }],
};

describe('ValueSetExpander', () => {
  it('expands concept lists, whole complete code systems, is-a and descendent-of filters, excludes', () => {
    const e = expanderWith(
      cs,
      { resourceType: 'ValueSet', url: 'http://example.org/vs-list', compose: { include: [{ system: 'http://x', concept: [{ code: '1' }] }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-all', compose: { include: [{ system: cs.url }], exclude: [{ system: cs.url, concept: [{ code: 'b' }] }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-isa', compose: { include: [{ system: cs.url, filter: [{ property: 'concept', op: 'is-a', value: 'a2' }] }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-desc', compose: { include: [{ system: cs.url, filter: [{ property: 'concept', op: 'descendent-of', value: 'a' }] }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-import', compose: { include: [{ valueSet: ['http://example.org/vs-list'] }] } },
    );
    const codes = (url: string) => {
      const r = e.expand(url);
      return 'cannot' in r ? r.cannot : [...r.codings].sort();
    };
    expect(codes('http://example.org/vs-list')).to.deep.equal(['http://x|1']);
    expect(codes('http://example.org/vs-all|1.0')).to.deep.equal(['a', 'a1', 'a2', 'a2x'].map((c) => `${cs.url}|${c}`));
    expect(codes('http://example.org/vs-isa')).to.deep.equal(['a2', 'a2x'].map((c) => `${cs.url}|${c}`));
    expect(codes('http://example.org/vs-desc')).to.deep.equal(['a1', 'a2', 'a2x'].map((c) => `${cs.url}|${c}`));
    expect(codes('http://example.org/vs-import')).to.deep.equal(['http://x|1']);
  });

  it('says why it cannot expand, instead of guessing', () => {
    const e = expanderWith(
      cs,
      { ...cs, url: 'http://example.org/fragment', content: 'fragment' },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-snomed', compose: { include: [{ system: 'http://snomed.info/sct' }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-fragment', compose: { include: [{ system: 'http://example.org/fragment' }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-regex', compose: { include: [{ system: cs.url, filter: [{ property: 'code', op: 'regex', value: 'a.*' }] }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-self', compose: { include: [{ valueSet: ['http://example.org/vs-self'] }] } },
    );
    const reason = (url: string) => (e.expand(url) as { cannot: string }).cannot;
    expect(reason('http://example.org/vs-snomed')).to.match(/not in the loaded packages/);
    expect(reason('http://example.org/vs-fragment')).to.match(/not complete/);
    expect(reason('http://example.org/vs-regex')).to.match(/not supported offline/);
    expect(reason('http://example.org/vs-self')).to.match(/includes itself/);
    expect(reason('http://example.org/none')).to.match(/not in the loaded packages/);
  });

  it('follows a hierarchy stated by subsumedBy or parent properties, with several parents, as v3-RoleCode states it', () => {
    const flat = {
      resourceType: 'CodeSystem',
      url: 'http://example.org/flat',
      content: 'complete',
      hierarchyMeaning: 'is-a',
      concept: [
        { code: 'FAM' },
        { code: 'PRN', property: [{ code: 'subsumedBy', valueCode: 'FAM' }] },
        { code: 'MTH', property: [{ code: 'subsumedBy', valueCode: 'PRN' }] },
        { code: 'SIB', property: [{ code: 'parent', valueCode: 'FAM' }] },
        { code: 'NSIS', property: [{ code: 'subsumedBy', valueCode: 'SIB' }, { code: 'subsumedBy', valueCode: 'PRN' }] },
        { code: 'OTHER' },
      ],
    };
    const e = expanderWith(flat, { resourceType: 'ValueSet', url: 'http://example.org/vs-prn', compose: { include: [{ system: flat.url, filter: [{ property: 'concept', op: 'is-a', value: 'PRN' }] }] } });
    const r = e.expand('http://example.org/vs-prn');
    expect('cannot' in r ? r.cannot : [...r.codes].sort()).to.deep.equal(['MTH', 'NSIS', 'PRN']);
  });

  describe('value sets that include a code system known by rule (terminology/known-systems)', () => {
    const e = expanderWith(
      { resourceType: 'ValueSet', url: 'http://example.org/vs-mime', compose: { include: [{ system: 'urn:ietf:bcp:13' }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-alpha2', compose: { include: [{ system: 'urn:iso:std:iso:3166', filter: [{ property: 'code', op: 'regex', value: '[A-Z]{2}' }] }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-mixed', compose: { include: [{ valueSet: ['http://example.org/vs-mime'] }, { system: 'http://x', concept: [{ code: '1' }] }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-exclude', compose: { include: [{ system: 'urn:iso:std:iso:4217' }], exclude: [{ system: 'urn:iso:std:iso:4217', concept: [{ code: 'XXX' }] }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs-is-a', compose: { include: [{ system: 'urn:ietf:bcp:47', filter: [{ property: 'concept', op: 'is-a', value: 'en' }] }] } },
    );

    it('keeps the system for membership tests, with a code regex filter as a pattern', () => {
      const m = e.membership('http://example.org/vs-alpha2');
      expect('cannot' in m ? m.cannot : m.known?.map((k) => [k.system, k.pattern?.source])).to.deep.equal([['urn:iso:std:iso:3166', '^(?:[A-Z]{2})$']]);
      const mixed = e.membership('http://example.org/vs-mixed');
      expect('cannot' in mixed ? mixed.cannot : [[...mixed.codings], mixed.known?.map((k) => k.system)]).to.deep.equal([['http://x|1'], ['urn:ietf:bcp:13']]);
    });

    it('does not list it: expand says the codes are checked by rule', () => {
      expect((e.expand('http://example.org/vs-mime') as { cannot: string }).cannot).to.equal('value set http://example.org/vs-mime includes all the codes of urn:ietf:bcp:13, which are checked by rule, not listed');
    });

    it('cannot subtract from a rule, nor apply a filter other than code regex', () => {
      expect((e.membership('http://example.org/vs-exclude') as { cannot: string }).cannot).to.match(/excludes codes from a code system known only by rule/);
      expect((e.membership('http://example.org/vs-is-a') as { cannot: string }).cannot).to.match(/a filter on urn:ietf:bcp:47 is not supported offline/);
    });
  });
});
