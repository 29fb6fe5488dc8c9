// Every JSON type a converter can be given where FHIR says another: a one-line refusal naming the
// element (never a TypeError from inside the mapping). Found by `npm run fuzz`.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConversionInputError, convert, convertToKos, type SourceFormat } from '../../src/convert';
import { generatedResourcesDir } from '../../src/ig/generated-resources';
import { PROJECT_DIR } from '../helpers/project';
import { CONVERT_FIXTURES } from './helpers/fixtures';
import { kosBytes } from './helpers/kos-fixtures';

const manifest = () => JSON.parse(fs.readFileSync(path.join(CONVERT_FIXTURES, 'imaging-manifest', 'one-series.json'), 'utf8'));
const selection = () => JSON.parse(fs.readFileSync(path.join(CONVERT_FIXTURES, 'imaging-selection', 'rich-selection.json'), 'utf8'));
const reference = () => JSON.parse(fs.readFileSync(path.join(generatedResourcesDir(PROJECT_DIR), 'ImagingReference-multiframe-frames.json'), 'utf8'));

/** Converts `value` (as a file) and returns the refusal's message; fails when anything else happens. */
function refusal(value: unknown, from: SourceFormat, to?: 'imagingmanifest' | 'kos'): string {
  try {
    const input = [{ name: 'in.json', content: Buffer.from(JSON.stringify(value)) }];
    if (to === 'kos') convertToKos(input, from);
    else convert(input, from, to);
  } catch (e) {
    expect(e, (e as Error).stack).to.be.instanceOf(ConversionInputError);
    return (e as Error).message;
  }
  throw new Error('converted without a refusal');
}

const CASES: { title: string; from: SourceFormat; make: () => unknown; message: RegExp }[] = [
  { title: 'an ImagingManifest study that is a string', from: 'imagingmanifest', make: () => ({ ...manifest(), study: 'x' }), message: /ImagingManifest\.study is the string "x", expected an array$/ },
  { title: 'an ImagingManifest series that is an object', from: 'imagingmanifest', make: () => { const m = manifest(); m.study[0].series = {}; return m; }, message: /ImagingManifest\.study\[0\]\.series is an object, expected an array$/ },
  { title: 'an ImagingManifest instance uid that is a number (value.startsWith is not a function)', from: 'imagingmanifest', make: () => { const m = manifest(); m.study[0].series[0].instance[0].uid = 7; return m; }, message: /ImagingManifest\.study\[0\]\.series\[0\]\.instance\[0\]\.uid is the number 7, expected a string$/ },
  { title: 'an ImagingManifest study item that is null', from: 'imagingmanifest', make: () => ({ ...manifest(), study: [null] }), message: /ImagingManifest\.study\[0\] is null, expected an object$/ },
  { title: 'an ImagingSelection extension list that is a string', from: 'imagingselection', make: () => ({ ...selection(), extension: 'x' }), message: /ImagingSelection\.extension is the string "x", expected an array$/ },
  { title: 'an ImagingSelection subset item that is a number', from: 'imagingselection', make: () => { const s = selection(); s.instance[0].subset = [1]; return s; }, message: /ImagingSelection\.instance\[0\]\.subset\[0\] is the number 1, expected a string$/ },
  { title: 'an ImagingSelection code extension that is null', from: 'imagingselection', make: () => ({ ...selection(), code: { extension: [null] } }), message: /ImagingSelection\.code\.extension\[0\] is null, expected an object$/ },
  { title: 'an ImagingSelection derivedFrom reference that is a number', from: 'imagingselection', make: () => ({ ...selection(), derivedFrom: [{ reference: 3 }] }), message: /ImagingSelection\.derivedFrom\[0\]\.reference is the number 3, expected a string$/ },
  { title: 'an ImagingReference instance list that is a string', from: 'imagingreference', make: () => ({ ...reference(), instance: 'x' }), message: /ImagingReference\.instance is the string "x", expected an array$/ },
  { title: 'an ImagingReference observationUid that is a number', from: 'imagingreference', make: () => { const r = reference(); r.instance[0].observationUid = [5]; return r; }, message: /ImagingReference\.instance\[0\]\.observationUid\[0\] is the number 5, expected a string$/ },
  { title: 'an ImagingSelection identifier value that is a number (value.startsWith is not a function)', from: 'imagingselection', make: () => ({ ...selection(), identifier: [{ value: 7 }] }), message: /ImagingSelection\.identifier\[0\]\.value is the number 7, expected a string$/ },
  { title: 'an ImagingSelection meta profile that is a string', from: 'imagingselection', make: () => ({ ...selection(), meta: { profile: 'x' } }), message: /ImagingSelection\.meta\.profile is the string "x", expected an array$/ },
  { title: 'an ImagingManifest text that is a string', from: 'imagingmanifest', make: () => ({ ...manifest(), text: 'x' }), message: /ImagingManifest\.text is the string "x", expected an object$/ },
  { title: 'a Bundle entry list that is a string', from: 'imagingselection', make: () => ({ resourceType: 'Bundle', type: 'collection', entry: 'x' }), message: /Bundle\.entry is the string "x", expected an array$/ },
  { title: 'a Bundle entry that is null', from: 'imagingselection', make: () => ({ resourceType: 'Bundle', type: 'collection', entry: [null] }), message: /Bundle\.entry\[0\] is null, expected an object$/ },
];

describe('convert: wrong JSON types are refused, naming the element', () => {
  for (const c of CASES) {
    it(c.title, () => {
      const message = refusal(c.make(), c.from);
      expect(message).to.match(/^in\.json: /);
      expect(message).to.match(c.message);
    });
  }

  for (const to of ['imagingmanifest', 'kos'] as const) {
    it(`an ImagingReference going to ${to} with an instance uid that is a number`, () => {
      const r = reference();
      r.instance[0].uid = 9;
      expect(refusal(r, 'imagingreference', to)).to.match(/instance\[0\]\.uid is the number 9, expected a string$/);
    });
  }

  it('keeps every refusal on one line, escaping line breaks and terminal escapes from the input', () => {
    const message = refusal({ resourceType: 'ImagingReferenc\r\ne\u001b[31m' }, 'imagingreference');
    expect(message).to.not.match(/[\u0000-\u001f]/);
    expect(message).to.include('\\r\\n').and.include('\\u001b');
  });
});

describe('convert: dcmjs prints nothing of its own', () => {
  it('reads a KOS with an unknown value representation without a word on the console', () => {
    const bytes = Buffer.from(kosBytes('key-images-two-studies'));
    // (0010,0010) PN -> (0010,0010) "AI": dcmjs says "Invalid vr type AI - using UN" through its validation logger.
    const at = bytes.indexOf(Buffer.from([0x10, 0x00, 0x10, 0x00, 0x50, 0x4e]));
    expect(at).to.be.greaterThan(128);
    bytes.write('AI', at + 4, 'latin1');
    const printed: string[] = [];
    const saved = { error: console.error, warn: console.warn, log: console.log, info: console.info };
    for (const m of ['error', 'warn', 'log', 'info'] as const) console[m] = (...args: unknown[]) => void printed.push(args.join(' '));
    try {
      convert([{ name: 'vr.dcm', content: bytes }], 'kos');
    } catch (e) {
      expect(e).to.be.instanceOf(ConversionInputError);
    } finally {
      Object.assign(console, saved);
    }
    expect(printed).to.deep.equal([]);
  });
});
