import { expect } from 'chai';
import { errorsOf, minimalImagingReference, summary, validator } from '../helpers';

describe('terminology: bindings on codings of the wrong JSON type', () => {
  it('reports a system that is not a string as a structure error, never as an internal error (found by npm run fuzz)', () => {
    // An object whose own "toString" is a string cannot be turned into text: it once made the binding rule throw.
    const resource = { ...minimalImagingReference(), title: { coding: [{ system: [{ reference: 'x', toString: '0' }], code: '113000' }] } };
    const issues = validator().issues(resource);
    expect(issues.filter((i) => i.code === 'exception'), summary(issues)).to.deep.equal([]);
    expect(errorsOf(issues).map((i) => i.expression), summary(issues)).to.include('ImagingReference.title.coding[0].system');
  });
});
