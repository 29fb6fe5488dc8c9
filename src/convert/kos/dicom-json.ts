import { ConversionInputError } from '../errors';
import { JsonSyntaxError, parseJson } from '../../validator/parse/json-parser';
import { describeJson, isObject } from '../json-shape';
import { characterSet, DEFAULT_CHARACTER_SET } from './charset';
import { type DicomDataset, keywordOf, type Part10File } from './read-part10';

// The DICOM JSON model (PS3.18 Annex F), as WADO-RS metadata gives a KOS to a viewer: attributes by
// tag (`"0020000D": {"vr": "UI", "Value": [...]}`), sequences as arrays of such objects, person
// names as {Alphabetic, Ideographic, Phonetic}. Strings are already Unicode, so Specific Character
// Set only tells how names are written (family name first for CJK).

const TAG = /^[0-9A-Fa-f]{8}$/;

/** Every data set of a DICOM JSON file: one object, or an array of them (a series' metadata). */
export function readDicomJson(content: Uint8Array): Part10File[] {
  let value: unknown;
  try {
    value = parseJson(Buffer.from(content).toString('utf8')).value;
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ConversionInputError(`not JSON: ${e.message} (line ${e.position.line}, column ${e.position.col})`);
    throw e;
  }
  const datasets = Array.isArray(value) ? value : [value];
  if (!datasets.length) throw new ConversionInputError('an empty DICOM JSON array: no data set');
  return datasets.map((d, i) => {
    const where = Array.isArray(value) ? `[${i}]` : '';
    const dataset = toDataset(d, where || 'the data set');
    const terms = dataset.SpecificCharacterSet;
    const charset = terms === undefined ? DEFAULT_CHARACTER_SET : { ...characterSet(Array.isArray(terms) ? terms.map(String) : [String(terms)]), unknown: undefined };
    return { meta: {}, dataset, charset };
  });
}

function toDataset(value: unknown, path: string): DicomDataset {
  if (!isObject(value)) throw new ConversionInputError(`${path} is ${describeJson(value)}, expected a DICOM JSON data set (an object of attributes by tag)`);
  const dataset: DicomDataset = {};
  for (const [tag, attribute] of Object.entries(value)) {
    const where = `${path} ${tag}`;
    if (!TAG.test(tag)) throw new ConversionInputError(`${where}: not a tag (8 hexadecimal digits), so not the DICOM JSON model`);
    if (!isObject(attribute) || typeof attribute.vr !== 'string') throw new ConversionInputError(`${where} is ${describeJson(attribute)}, expected an attribute object with a vr`);
    const values = attribute.Value;
    if (values === undefined) {
      dataset[keywordOf(tag.toUpperCase())] = [];
      continue;
    }
    if (!Array.isArray(values)) throw new ConversionInputError(`${where}.Value is ${describeJson(values)}, expected an array`);
    dataset[keywordOf(tag.toUpperCase())] = attributeValue(attribute.vr, values, where);
  }
  return dataset;
}

function attributeValue(vr: string, values: unknown[], where: string): unknown {
  if (vr === 'SQ') return values.map((item, i) => toDataset(item, `${where}[${i}]`));
  const checked = values.map((v, i) => {
    if (v === null) return '';
    if (vr === 'PN') {
      if (!isObject(v)) throw new ConversionInputError(`${where}.Value[${i}] is ${describeJson(v)}, expected a person name object`);
      for (const group of ['Alphabetic', 'Ideographic', 'Phonetic']) {
        if (v[group] !== undefined && typeof v[group] !== 'string') throw new ConversionInputError(`${where}.Value[${i}].${group} is ${describeJson(v[group])}, expected a string`);
      }
      return v;
    }
    if (typeof v !== 'string' && typeof v !== 'number') throw new ConversionInputError(`${where}.Value[${i}] is ${describeJson(v)}, expected a string or a number`);
    return typeof v === 'string' ? v.trim() : v;
  });
  if (vr === 'PN') return checked;
  return checked.length === 1 ? checked[0] : checked;
}
