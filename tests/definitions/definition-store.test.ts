import { expect } from 'chai';
import { DefinitionStore, type Definition } from '../../src/definitions/definition-store';
import { DefinitionSourceError } from '../../src/definitions/errors';

const vs = (url: string, version: string, title: string): Definition => ({ resourceType: 'ValueSet', url, version, title, status: 'active' });
const typeSd = (type: string, url: string): Definition => ({ resourceType: 'StructureDefinition', url, type, kind: 'resource', derivation: 'specialization', name: type });

describe('DefinitionStore (pure: no file system)', () => {
  it('finds a definition by canonical URL, and url|version picks that version when it is loaded', () => {
    const store = new DefinitionStore();
    store.addResource(vs('http://x.org/vs', '1.0.0', 'one'));
    store.addResource(vs('http://x.org/vs', '2.0.0', 'two'));
    expect(store.get('http://x.org/vs')?.title).to.equal('two');
    expect(store.get('http://x.org/vs|1.0.0')?.title).to.equal('one');
    expect(store.get('http://x.org/vs|2.0.0')?.title).to.equal('two');
    // A version that is not loaded falls back to the latest definition of the URL.
    expect(store.get('http://x.org/vs|9')?.title).to.equal('two');
    expect(store.has('http://x.org/other')).to.equal(false);
    expect(store.get('http://x.org/other')).to.equal(undefined);
  });

  it('lets a later source override an earlier one, by URL and by type name', () => {
    const store = new DefinitionStore();
    store.addResource(typeSd('Thing', 'http://a.org/Thing'), 'first', true);
    expect(store.typeDefinitionUrl('Thing')).to.equal('http://a.org/Thing');
    expect([...store.customTypes]).to.deep.equal([]);
    store.addResource(typeSd('Thing', 'http://b.org/Thing'), 'second');
    expect(store.typeDefinitionUrl('Thing')).to.equal('http://b.org/Thing');
    expect([...store.customTypes]).to.deep.equal(['Thing']);
    store.addResource({ ...vs('http://x.org/vs', '1', 'old') }, 'first');
    store.addResource({ ...vs('http://x.org/vs', '1', 'new') }, 'second');
    expect(store.get('http://x.org/vs')?.title).to.equal('new');
    expect(store.sourceOf('http://x.org/vs')).to.equal('second');
  });

  it('registers types only for specializations, not profiles or logical models', () => {
    const store = new DefinitionStore();
    store.addResource({ ...typeSd('Patient', 'http://x.org/profile'), derivation: 'constraint' });
    store.addResource({ ...typeSd('Model', 'http://x.org/model'), kind: 'logical' });
    expect(store.isKnownType('Patient')).to.equal(false);
    expect(store.isKnownType('Model')).to.equal(false);
    expect(store.get('http://x.org/profile')).to.not.equal(undefined);
  });

  it('parses a package entry only when it is first asked for, and only once', () => {
    const store = new DefinitionStore();
    const reads: string[] = [];
    store.addPackage({
      source: 'example.pkg#1.0.0',
      core: true,
      files: [
        { filename: 'StructureDefinition-Thing.json', resourceType: 'StructureDefinition', url: 'http://a.org/Thing', type: 'Thing', kind: 'resource', derivation: 'specialization' },
        { filename: 'StructureDefinition-p.json', resourceType: 'StructureDefinition', url: 'http://a.org/p', type: 'Thing', kind: 'resource', derivation: 'constraint' },
        { filename: 'ValueSet-vs.json', resourceType: 'ValueSet', url: 'http://a.org/vs', version: '1.0.0' },
      ],
      read(filename) {
        reads.push(filename);
        return filename.startsWith('ValueSet') ? vs('http://a.org/vs', '1.0.0', 'from the package') : typeSd('Thing', 'http://a.org/Thing');
      },
    });
    expect(reads).to.deep.equal([]);
    expect(store.typeDefinitionUrl('Thing')).to.equal('http://a.org/Thing');
    expect(store.isCore('http://a.org/Thing')).to.equal(true);
    expect(store.has('http://a.org/vs|1.0.0')).to.equal(true);
    expect(reads).to.deep.equal([]);
    expect(store.get('http://a.org/vs|1.0.0')?.title).to.equal('from the package');
    store.get('http://a.org/vs');
    expect(reads).to.deep.equal(['ValueSet-vs.json']);
    // Iteration filters on the index: the profile is never read.
    const types = [...store.ofResourceType('StructureDefinition', (s) => s.derivation !== 'constraint')];
    expect(types.map((t) => t.url)).to.deep.equal(['http://a.org/Thing']);
    expect(reads).to.deep.equal(['ValueSet-vs.json', 'StructureDefinition-Thing.json']);
    expect([...store.summaries('ValueSet')].map((s) => s.url)).to.deep.equal(['http://a.org/vs']);
  });

  it('drops the narrative of a package entry when it is read (no rule reads it; the core\'s take tens of MB)', () => {
    const store = new DefinitionStore();
    store.addPackage({
      source: 'example.pkg#1.0.0',
      core: true,
      files: [{ filename: 'ValueSet-vs.json', resourceType: 'ValueSet', url: 'http://a.org/vs', version: '1.0.0' }],
      read: () => ({ ...vs('http://a.org/vs', '1.0.0', 'with text'), text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">big</div>' } }),
    });
    const found = store.get('http://a.org/vs')!;
    expect(found.text).to.equal(undefined);
    expect(found.title).to.equal('with text');
  });

  it('adds the entries of a Bundle, and skips resources without a URL (examples)', () => {
    const store = new DefinitionStore();
    store.addResource({ resourceType: 'Bundle', entry: [{ resource: vs('http://x.org/a', '1', 'a') }, { resource: { resourceType: 'Patient', id: 'p' } }, {}] });
    store.addResource({ resourceType: 'Patient', id: 'q' });
    expect(store.get('http://x.org/a')?.title).to.equal('a');
    expect([...store.ofResourceType('Patient')]).to.deep.equal([]);
  });

  it('names the source when a lazily read entry cannot be parsed', () => {
    const store = new DefinitionStore();
    store.addLazy({ resourceType: 'ValueSet', url: 'http://x.org/broken' }, () => JSON.parse('{oops'), 'broken.pkg#1 (ValueSet-broken.json)');
    expect(() => store.get('http://x.org/broken')).to.throw(DefinitionSourceError, /^broken\.pkg#1 \(ValueSet-broken\.json\): /);
  });
});
