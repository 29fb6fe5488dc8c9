import { expect } from 'chai';
import { mergeInstances } from '../../src/convert/merge-instances';
import { ConversionReport } from '../../src/convert/outcome';

describe('convert: mergeInstances', () => {
  it('reports up to five merged instances one by one, more in one summary', () => {
    const few = new ConversionReport();
    mergeInstances(['1', '2', '1', '2'].map((uid) => ({ uid })), 'series 9', few);
    expect(few.issues).to.have.length(2);
    const many = new ConversionReport();
    const uids = Array.from({ length: 1000 }, (_, i) => `2.25.${i % 100}`);
    const merged = mergeInstances(uids.map((uid) => ({ uid, frameNumber: [1] })), 'series 9', many);
    expect(merged).to.have.length(100);
    expect(many.issues.map((i) => i.message)).to.deep.equal(['series 9: 100 instances are listed more than once: each merged into one, parts unioned (an entry that selects the instance whole wins)']);
  });

  it('keeps the first SOP class of conflicting ones and says so', () => {
    const report = new ConversionReport();
    expect(mergeInstances([{ uid: '1', sopClass: 'a' }, { uid: '1', sopClass: 'b' }], 's', report)).to.deep.equal([{ uid: '1', sopClass: 'a' }]);
    expect(report.issues[0]).to.include({ code: 'not-supported' });
  });
});
