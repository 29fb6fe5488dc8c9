import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { categorise, CORPUS_CATEGORIES } from '../../scripts/oracle/corpus-categories';
import { compareCorpusFile, messageId } from '../../scripts/oracle/corpus-compare';
import { corpusFiles } from '../../scripts/oracle/corpus-inputs';
import { renderCorpusSection, renderDisagreements, type CorpusReportContext } from '../../scripts/oracle/corpus-report';
import { corpusSection, joinSections, withoutCorpusSection } from '../../scripts/oracle/doc-sections';
import { contentHash, engineSettingsSource, Hl7OutcomeCache } from '../../scripts/oracle/hl7-cache';
import type { OutcomeLike } from '../../scripts/oracle/verdicts';
import { PROJECT_DIR } from '../helpers/project';

const MESSAGE_ID = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id';
const hl7Error = (id: string, text = 'x', expression = 'X'): NonNullable<OutcomeLike['issue']>[number] =>
  ({ severity: 'error', code: 'invalid', expression: [expression], details: { text }, extension: [{ url: MESSAGE_ID, valueCode: id }] }) as never;
const ourError = (id: string): NonNullable<OutcomeLike['issue']>[number] =>
  ({ severity: 'error', code: 'invalid', expression: ['X'], details: { text: 'x' }, extension: [{ url: MESSAGE_ID, valueString: id }] }) as never;

describe('oracle --corpus', () => {
  it('takes every resource of hl7.fhir.r5.examples, smallest first, and not npm\'s package.json', () => {
    const files = corpusFiles(PROJECT_DIR);
    expect(files.length).to.be.greaterThan(2800);
    expect(files.some((f) => f.file.endsWith('/package.json'))).to.equal(false);
    expect(files.some((f) => f.file.endsWith('/StructureDefinition-Patient.json'))).to.equal(true);
    expect(files[files.length - 1].file).to.match(/Bundle-resources\.json$/);
    for (let i = 1; i < files.length; i++) expect(files[i].bytes).to.be.at.least(files[i - 1].bytes);
  });

  it('keys the HL7 cache by content, version and engine settings, not by the rest of the runner', () => {
    const runner = 'class A {\n  static ValidationEngine engine(List<String> igs) {\n    x();\n  }\n\n  void other() {}\n}';
    expect(engineSettingsSource(runner)).to.contain('x();').and.not.contain('other');
    expect(() => engineSettingsSource('class A {}')).to.throw(/no engine/);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oracle-cache-'));
    const a = new Hl7OutcomeCache(root, '6.10.4', ['engine', 'pkg#1']);
    expect(new Hl7OutcomeCache(root, '6.10.4', ['engine', 'pkg#1']).dir).to.equal(a.dir);
    expect(new Hl7OutcomeCache(root, '6.10.5', ['engine', 'pkg#1']).dir).to.not.equal(a.dir);
    expect(new Hl7OutcomeCache(root, '6.10.4', ['engine2', 'pkg#1']).dir).to.not.equal(a.dir);
    const hash = contentHash('{"resourceType":"Patient"}');
    expect(a.has(hash)).to.equal(false);
    fs.mkdirSync(a.dir, { recursive: true });
    fs.writeFileSync(path.join(a.dir, `${hash}.json`), '{"issue":[]}');
    fs.writeFileSync(path.join(a.dir, `${contentHash('half')}.json`), '{"iss');
    expect(a.get(hash)).to.deep.equal({ issue: [] });
    expect(a.get(contentHash('half'))).to.equal(undefined);
    a.recordRun({ date: 'd1', files: 2, seconds: 1, offline: true, commandLine: 'java' });
    a.recordRun({ date: 'd2', files: 1, seconds: 1, offline: true, commandLine: 'java' });
    expect(a.runs().map((r) => r.date)).to.deep.equal(['d2', 'd1']);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reads message ids from either side (HL7 valueCode, ours valueString)', () => {
    expect(messageId(hl7Error('Terminology_TX_NoValid_16') as never)).to.equal('Terminology_TX_NoValid_16');
    expect(messageId(ourError('ref-target') as never)).to.equal('ref-target');
    expect(messageId({ severity: 'fatal', code: 'exception', details: { text: 'validator exception: NPE' } } as never)).to.equal('validator-exception');
  });

  it('sorts a disagreement by the errors of the side that rejects the file', () => {
    const missed = compareCorpusFile('a.json', 1, {}, { issue: [hl7Error('Terminology_TX_NoValid_16'), hl7Error('Type_Specific_Checks_DT_URL_Resolve', "No definition could be found for URL value 'http://hl7.org/fhir/tools/StructureDefinition/x'")] });
    expect(categorise(missed).categories.map((c) => c.id)).to.deep.equal(['tools-package', 'terminology-no-server']);
    const rejected = compareCorpusFile('b.json', 1, { issue: [ourError('ref-target')] }, {});
    expect(categorise(rejected).categories.map((c) => c.id)).to.deep.equal(['reference-type-unresolved']);
    // An HL7 id that is ours to explain is not taken for a reason of ours, and an unknown id stays unexplained.
    const unknown = compareCorpusFile('c.json', 1, {}, { issue: [hl7Error('SOMETHING_NEW')] });
    expect(categorise(unknown).unexplained.map((e) => e.id)).to.deep.equal(['SOMETHING_NEW']);
  });

  it('every category cites a reason and says who closes it', () => {
    expect(new Set(CORPUS_CATEGORIES.map((c) => c.id)).size).to.equal(CORPUS_CATEGORIES.length);
    for (const c of CORPUS_CATEGORIES) {
      expect(c.reason.length, c.id).to.be.greaterThan(80);
      expect(c.owner.length, c.id).to.be.greaterThan(5);
    }
  });

  it('writes the corpus section and the list of what is left, with every differing file', () => {
    const rows = [
      compareCorpusFile('node_modules/hl7.fhir.r5.examples/Patient-a.json', 10, {}, {}),
      compareCorpusFile('node_modules/hl7.fhir.r5.examples/Claim-b.json', 10, {}, { issue: [hl7Error('Display_Name_for__should_be_one_of__instead_of')] }),
      compareCorpusFile('node_modules/hl7.fhir.r5.examples/ValueSet-c.json', 10, {}, { issue: [hl7Error('SOMETHING_NEW')] }),
      compareCorpusFile('node_modules/hl7.fhir.r5.examples/ValueSet-d.json', 10, {}, { issue: [{ severity: 'fatal', code: 'exception', details: { text: 'validator exception: NPE' } }] }),
    ];
    const categorised = rows.filter((r) => !r.comparison.verdictAgrees).map((r) => categorise(r));
    const ctx: CorpusReportContext = { date: 'd', packageVersion: '5.0.0', hl7Version: '6', javaRuns: [], cached: 3, packages: ['p#1'], ourSeconds: 1, largest: [] };
    const section = renderCorpusSection(rows, categorised, CORPUS_CATEGORIES, ctx);
    expect(section).to.contain('| all | 4 | 1 | 25.0% | 3 | 1 | 0 | 1 | 0 | 1 |');
    expect(section).to.contain('| instances | 2 | 1 | 50.0% | 1 | 1 |');
    expect(section).to.contain('| all but the HL7 limits | 3 | 1 | 33.3% | 2 | 1 | 0 | 0 | 0 | 1 |');
    expect(section).to.contain('- `Claim-b.json` (ours valid, HL7 invalid): display');
    expect(section).to.contain('- `ValueSet-c.json` (ours valid, HL7 invalid): **unexplained**: `SOMETHING_NEW`');
    const left = renderDisagreements(rows, categorised, CORPUS_CATEGORIES, ctx);
    expect(left).to.contain('1 of 4 files agree (25.0%)');
    expect(left).to.match(/## A Coding display that is not the code system's display[^]*Files: 1 \(alone: 1\)[^]*`Display_Name_for__should_be_one_of__instead_of` \(1 file\)/);
    expect(left).to.contain('- `ValueSet-c.json`: SOMETHING_NEW');
  });

  it('keeps the corpus section of docs/oracle.md when the default run rewrites the rest, and replaces only it', () => {
    const doc = joinSections('# Oracle\n\nmain v1\n', '## Corpus\n\nc v1\n');
    expect(corpusSection(doc)).to.contain('c v1');
    const rewritten = joinSections('# Oracle\n\nmain v2\n', corpusSection(doc));
    expect(rewritten).to.contain('main v2').and.contain('c v1').and.not.contain('main v1');
    const corpusRun = joinSections(withoutCorpusSection(rewritten), '## Corpus\n\nc v2\n');
    expect(corpusRun).to.contain('main v2').and.contain('c v2').and.not.contain('c v1');
    expect(joinSections('# Oracle\n', '')).to.equal('# Oracle\n');
  });
});
