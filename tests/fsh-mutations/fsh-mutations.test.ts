import * as path from 'node:path';
import { expect } from 'chai';
import { SushiCompiler, formatSushiMessage, type SushiResult } from '../../src/ig/sushi-compiler';
import type { StructureDefinition } from '../../src/definitions/snapshot';
import { QA_RULES } from '../../src/review/qa';
import { QA_ITEM_PREFIX, runReview, type ReviewReport } from '../../src/review/review';
import { regenerateSnapshots } from '../../scripts/ig-snapshots';
import { PROJECT_DIR } from '../helpers/project';
import { CONTRACT } from '../fsh/contract';
import { coreDefinitions, records } from '../review/fixtures';
import { FSH_MUTATIONS, type FshEdit, type FshMutation } from './mutations';

/** The FSH sources with the mutation's edits; an edit that matches nothing is an error, not a silent pass. */
function mutate(sources: Map<string, string>, edits: FshEdit[]): Map<string, string> {
  const out = new Map(sources);
  for (const e of edits) {
    const files = e.file === '*' ? [...out.keys()] : [path.join('input', 'fsh', e.file)];
    let changed = false;
    for (const file of files) {
      const text = out.get(file);
      if (text === undefined) throw new Error(`mutation: no FSH file ${file}`);
      const next = typeof e.from === 'string' ? text.replace(e.from, () => e.to) : text.replace(e.from, e.to);
      if (next !== text) changed = true;
      out.set(file, next);
    }
    if (!changed) throw new Error(`mutation: ${String(e.from)} is not in ${e.file}`);
  }
  return out;
}

/** The build's gates on an in-memory build: SUSHI's errors, then the snapshots, then the design review. */
function gates(result: SushiResult): ReviewReport {
  const errors = result.messages.filter((m) => m.level === 'error').map(formatSushiMessage);
  expect(errors, 'SUSHI errors (the mutation should compile, so that the review is what catches it)').to.deep.equal([]);
  const isSd = (r: { resourceType?: unknown }) => r.resourceType === 'StructureDefinition';
  const sds = regenerateSnapshots(result.resources.filter(isSd) as unknown as StructureDefinition[], PROJECT_DIR);
  const resources = [...sds, ...result.resources.filter((r) => !isSd(r))];
  return runReview({ projectDir: PROJECT_DIR, resources, data: records(), core: coreDefinitions() });
}

describe('FSH mutations: every contract-breaking edit of the FSH fails the build gates, naming its item', function () {
  this.timeout(120_000);
  let compiler: SushiCompiler;
  let sources: Map<string, string>;

  before(async () => {
    compiler = await SushiCompiler.create(PROJECT_DIR);
    sources = compiler.readSources();
  });

  it('passes the gates on the FSH as it is', () => {
    const report = gates(compiler.compile(sources));
    expect(report.summary.failed).to.deep.equal([]);
  });

  it('has a mutation for every decided record, every QA rule and every row of the element table', () => {
    const mutated = new Set(FSH_MUTATIONS.map((m) => m.item));
    const linked = new Set(records().records.map((r) => r.rule));
    const gated = [
      ...records().records.filter((r) => r.status !== 'open').map((r) => r.id),
      ...QA_RULES.filter((r) => !linked.has(r.id)).map((r) => `${QA_ITEM_PREFIX}${r.id}`),
    ];
    expect(gated.filter((id) => !mutated.has(id)), 'items without an FSH mutation').to.deep.equal([]);
    const rows = new Set(FSH_MUTATIONS.map((m) => m.row));
    expect(CONTRACT.map((r) => r.path).filter((p) => !rows.has(p)), 'element table rows without an FSH mutation').to.deep.equal([]);
  });

  for (const m of FSH_MUTATIONS as FshMutation[]) {
    it(`${m.item}: ${m.title}`, () => {
      const report = gates(compiler.compile(mutate(sources, m.edits)));
      expect(report.summary.failed, 'failing items').to.include(m.item);
      const found = report.items.find((i) => i.id === m.item)!;
      expect(found.messages).to.not.be.empty;
      if (m.row) expect(found.messages.join('\n')).to.include(m.row.split('.').pop()!);
    });
  }
});
