import { expect } from 'chai';
import { SnapshotView } from '../../../src/ig/structure-definition';
import { compareWithEventPattern, QA_RULES } from '../../../src/review/qa';
import { coreDefinitions, definitionCopy, el, records, rename } from '../fixtures';

const run = (ruleId: string, mutate: (sd: ReturnType<typeof definitionCopy>) => void = () => undefined, data = records()) => {
  const sd = definitionCopy();
  mutate(sd);
  return QA_RULES.find((r) => r.id === ruleId)!.run({ view: new SnapshotView(sd), core: coreDefinitions(), data });
};

describe('resource-design QA rules', () => {
  describe('comparison with the Event pattern', () => {
    const compare = (lacks = records().eventPatternLacks) => compareWithEventPattern(new SnapshotView(definitionCopy()), coreDefinitions().view('Event'), lacks);
    const row = (pattern: string, element = '') => compare().rows.find((r) => r.pattern === pattern && (element === '' || r.element === element));

    it('says which pattern elements ImagingReference has, lacks, or names differently', () => {
      expect(row('Event.subject')).to.deep.include({ element: 'subject', relation: 'same name' });
      expect(row('Event.recorded')).to.deep.include({ element: 'issued', relation: 'named differently' });
      expect(row('Event.performer.actor')).to.deep.include({ element: 'performer', relation: 'named differently' });
      expect(row('Event.status')).to.deep.include({ element: '', relation: 'lacks' });
      expect(row('Event.status')!.note).to.match(/lifecycle/);
      expect(compare().rows.find((r) => r.element === 'studyUid')).to.deep.include({ pattern: '', relation: 'not in the pattern' });
    });

    it('does not list a pattern group as lacking when one of its children is mapped', () => {
      expect(row('Event.performer')).to.be.undefined;
    });

    it('keeps a renamed element in the comparison, as named differently', () => {
      const sd = definitionCopy();
      rename(sd, 'subject', 'patient');
      const rows = compareWithEventPattern(new SnapshotView(sd), coreDefinitions().view('Event'), records().eventPatternLacks).rows;
      expect(rows.find((r) => r.pattern === 'Event.subject')).to.deep.include({ element: 'patient', relation: 'named differently' });
    });

    it('flags a reason given for a pattern element that is not lacked, or that the pattern does not have', () => {
      const lacks = { ...records().eventPatternLacks, subject: 'stale', colour: 'made up' };
      expect(compare(lacks).findings).to.deep.equal([
        'Event.subject is listed as lacking, but subject maps to it',
        'colour is listed as lacking, but the Event pattern has no such element',
      ]);
    });
  });

  it('W5: flags an unmapped entry for an element that does not exist', () => {
    const data = { ...records(), w5Unmapped: { ...records().w5Unmapped, comment: 'no such element' } };
    expect(run('w5-mappings', undefined, data)).to.deep.equal(['comment is listed as unmapped but is no top-level element']);
  });

  it('names: reads the names that DomainResource reserves from core', () => {
    expect(run('element-names', (sd) => rename(sd, 'description', 'contained'))).to.deep.equal(['contained: "contained" is a reserved word']);
    expect(run('element-names', (sd) => rename(sd, 'description', 'Description'))).to.deep.equal(['Description: "Description" is not lowerCamelCase']);
  });

  it('summary elements: a modifier element must be Σ', () => {
    expect(run('summary-elements', (sd) => Object.assign(el(sd, 'issued'), { isModifier: true, isSummary: false }))).to.deep.equal([
      'issued is a modifier but not a summary element (Σ)',
    ]);
  });

  it('descriptions: every own element needs both texts', () => {
    expect(run('element-descriptions', (sd) => delete el(sd, 'instance.uid').short)).to.deep.equal(['instance.uid has no short description']);
  });

  it('descriptions: a definition is a sentence when it starts with a capital or digit, has two words and ends with . ? or !', () => {
    const verdict = (definition: string) => run('element-descriptions', (sd) => void (el(sd, 'seriesUid').definition = definition)).length === 0;
    for (const ok of ['A b.', '3 frames?', 'Yes\tno!', 'A\nb.', 'The UID (0020,000E) of the series.']) expect(verdict(ok), ok).to.equal(true);
    for (const bad of ['A.', 'a b.', 'A b', 'Ab.', '.A b.', 'A b.x', 'Über alles.']) expect(verdict(bad), JSON.stringify(bad)).to.equal(false);
  });

  it('descriptions: a 400 KB definition that is not a sentence is judged in one pass (20 s timeout with the backtracking regex)', () => {
    const definition = `A${' b'.repeat(200_000)}`;
    const findings = run('element-descriptions', (sd) => void (el(sd, 'seriesUid').definition = definition));
    expect(findings).to.have.length(1);
    expect(findings[0]).to.match(/^seriesUid: the definition is not a full sentence/);
  });
});
