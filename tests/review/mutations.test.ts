import { expect } from 'chai';
import { CHECK_KINDS, describeCheck } from '../../src/review/checks';
import { QA_RULES } from '../../src/review/qa';
import { QA_ITEM_PREFIX } from '../../src/review/review';
import { builtCopy, definitionCopy, failing, isContractItem, item, records, review } from './fixtures';
import { MUTATIONS } from './mutations';
import { violate, VIOLATIONS } from './violations';

/** The report item of a QA rule: the record that runs it, or its own `qa-` item. */
function itemOfRule(ruleId: string): string {
  return records().records.find((r) => r.rule === ruleId)?.id ?? `${QA_ITEM_PREFIX}${ruleId}`;
}

describe('design review: decisions broken on purpose', () => {
  it('passes every decided and check item on the current definition', () => {
    const report = review(definitionCopy());
    expect(failing(report), JSON.stringify(report.items.filter((i) => i.result === 'fail'), null, 1)).to.deep.equal([]);
    expect(report.summary.failed).to.deep.equal([]);
    for (const i of report.items) expect(i.result, i.id).to.equal(i.status === 'open' ? 'n/a' : 'pass');
  });

  it('has a mutation test for every decided record and every QA rule', () => {
    const mutated = new Set(MUTATIONS.map((m) => m.item));
    const gated = [...records().records.filter((r) => r.status === 'decided').map((r) => r.id), ...QA_RULES.map((r) => itemOfRule(r.id))];
    expect(gated.filter((id) => !mutated.has(id)), 'items without a mutation test').to.deep.equal([]);
  });

  it('names only items that exist and are gated (decided or check)', () => {
    const report = review(definitionCopy());
    for (const m of MUTATIONS) expect(item(report, m.item).status, m.item).to.be.oneOf(['decided', 'check']);
  });

  for (const m of MUTATIONS) {
    it(`${m.item}: "${m.title}" fails that item (and at most the contract records restating it)`, () => {
      const sd = definitionCopy();
      const built = builtCopy();
      m.mutate(sd, built);
      const report = review(sd, records(), built);
      expect(failing(report)).to.include(m.item);
      expect(failing(report).filter((id) => id !== m.item && !isContractItem(id)), 'other items failing').to.deep.equal([]);
      expect(item(report, m.item).messages).to.not.be.empty;
    });
  }
});

describe('design review: every check of every record can fail', () => {
  it('has a way to violate every check kind', () => {
    expect(Object.keys(VIOLATIONS).sort()).to.deep.equal(Object.keys(CHECK_KINDS).sort());
  });

  for (const record of records().records) {
    record.checks.forEach((check, index) => {
      it(`${record.id} check ${index + 1} (${describeCheck(check)})`, () => {
        const sd = definitionCopy();
        const built = builtCopy();
        violate(sd, check, built);
        const found = item(review(sd, records(), built), record.id);
        const prefix = record.status === 'open' ? `interim state changed: ${describeCheck(check)}: ` : `${describeCheck(check)}: `;
        expect(found.messages.some((m) => m.startsWith(prefix)), found.messages.join('\n')).to.equal(true);
        expect(found.result).to.equal(record.status === 'open' ? 'n/a' : 'fail');
      });
    });
  }
});
