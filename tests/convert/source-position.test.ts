import { expect } from 'chai';
import { locator } from '../../src/convert/source-position';
import { parseJson } from '../../src/validator/parse/json-parser';

describe('convert: locating a FHIRPath expression in a JSON source', () => {
  const text = ['{', '  "resourceType": "ImagingSelection",', '  "instance": [', '    { "uid": "1.2" },', '    { "uid": "1.3", "number": 4 }', '  ]', '}'].join('\n');
  const { value, sourceMap } = parseJson(text);
  const locate = locator(value as object, sourceMap);

  it('finds a property', () => expect(locate('ImagingSelection.instance')).to.deep.equal({ line: 3, col: 3 }));
  it('finds an array item', () => expect(locate('ImagingSelection.instance[1]')).to.deep.equal({ line: 5, col: 5 }));
  it('finds a property of an array item', () => expect(locate('ImagingSelection.instance[1].number')).to.deep.equal({ line: 5, col: 21 }));
  it('finds nothing for an element that is not there', () => expect(locate('ImagingSelection.instance[2].uid')).to.equal(undefined));
  it('finds nothing for an expression that is not a simple path', () => expect(locate("ImagingSelection.instance.where(uid = '1.2')")).to.equal(undefined));
});
