import { expect } from 'chai';
import fhirpath from 'fhirpath';
import r5 from 'fhirpath/fhir-context/r5';
import { generatedById } from '../helpers/project';
import { UID_ELEMENTS } from './contract';

type Constraint = { key: string; expression: string };
const sd = generatedById('StructureDefinition', 'ImagingReference') as unknown as {
  snapshot: { element: { id: string; constraint?: Constraint[] }[] };
};

/** The expression of an invariant as SUSHI wrote it into the snapshot (not a copy of the FSH). */
function invariant(key: string, on: string): string {
  const c = sd.snapshot.element.find((e) => e.id === on)?.constraint?.find((x) => x.key === key);
  if (!c) throw new Error(`${key} is not on ${on}`);
  return c.expression;
}

/** Evaluates an invariant on every node of `path` as the HL7 validator does; true when all pass. */
function holds(resource: object, path: string, key: string): boolean {
  const result = fhirpath.evaluate(resource, `${path}.all(${invariant(key, path)})`, undefined, r5);
  return result[0] === true;
}

const base = { resourceType: 'ImagingReference', subject: { reference: 'Patient/p' }, studyUid: '1.2.3', seriesUid: '1.2.3.4' };

describe('invariant irf-1 (DICOM UID syntax), evaluated with fhirpath.js', () => {
  const accepted = ['0', '1.2', '1.2.840.10008.5.1.4.1.1.2', '2.25.311846519017287463201975431864025417', '0.0.10', `1.${'2'.repeat(62)}`];
  const rejected: [string, string][] = [
    ['01.2', 'a leading zero'],
    ['1.02', 'a leading zero in a later component'],
    ['1..2', 'an empty component'],
    ['1.2.', 'a trailing dot'],
    ['.1.2', 'a leading dot'],
    ['1.2a', 'a letter'],
    ['urn:oid:1.2.3', 'the urn:oid: prefix'],
    [`1.${'2'.repeat(63)}`, '65 characters'],
    ['1.2 ', 'a trailing space'],
    ['1.2.3\n', 'a trailing newline'],
    ['-1.2', 'a sign'],
  ];

  for (const path of UID_ELEMENTS) {
    const place = (uid: string) =>
      path.startsWith('instance.')
        ? { ...base, instance: [{ uid: '1.2.3.4.5', [path.slice('instance.'.length)]: path.endsWith('observationUid') ? [uid] : uid }] }
        : { ...base, [path]: uid };
    const fullPath = `ImagingReference.${path}`;
    describe(path, () => {
      for (const uid of accepted) it(`accepts ${JSON.stringify(uid)}`, () => expect(holds(place(uid), fullPath, 'irf-1')).to.equal(true));
      for (const [uid, why] of rejected) it(`rejects ${why} (${JSON.stringify(uid)})`, () => expect(holds(place(uid), fullPath, 'irf-1')).to.equal(false));
    });
  }

  it('accepts a UID element that carries only an extension (no value to check)', () => {
    const resource = { ...base, studyUid: undefined, _studyUid: { extension: [{ url: 'http://example.org/x', valueString: 'masked' }] } };
    expect(holds(resource, 'ImagingReference.studyUid', 'irf-1')).to.equal(true);
  });
});

describe('invariant irf-2 (frameNumber and observationUid not both)', () => {
  const on = 'ImagingReference.instance';
  it('accepts frames alone', () => expect(holds({ ...base, instance: [{ uid: '1.2', frameNumber: [1, 2] }] }, on, 'irf-2')).to.equal(true));
  it('accepts observation UIDs alone', () => expect(holds({ ...base, instance: [{ uid: '1.2', observationUid: ['1.2.3'] }] }, on, 'irf-2')).to.equal(true));
  it('accepts neither', () => expect(holds({ ...base, instance: [{ uid: '1.2' }] }, on, 'irf-2')).to.equal(true));
  it('rejects both in one instance', () => expect(holds({ ...base, instance: [{ uid: '1.2', frameNumber: [1], observationUid: ['1.2.3'] }] }, on, 'irf-2')).to.equal(false));
  it('rejects both in the second instance only', () =>
    expect(holds({ ...base, instance: [{ uid: '1.1', frameNumber: [1] }, { uid: '1.2', frameNumber: [3], observationUid: ['1.2.3'] }] }, on, 'irf-2')).to.equal(false));
});

describe('invariant irf-3 (each SOP instance selected at most once)', () => {
  const on = 'ImagingReference';
  it('accepts distinct instance UIDs', () => expect(holds({ ...base, instance: [{ uid: '1.1' }, { uid: '1.2' }] }, on, 'irf-3')).to.equal(true));
  it('accepts no instance (the whole series)', () => expect(holds(base, on, 'irf-3')).to.equal(true));
  it('rejects one instance UID listed twice', () => expect(holds({ ...base, instance: [{ uid: '1.1' }, { uid: '1.1', frameNumber: [2] }] }, on, 'irf-3')).to.equal(false));
});

describe('invariant irf-4 (frames and observation UIDs listed once)', () => {
  const on = 'ImagingReference.instance';
  it('accepts distinct frames', () => expect(holds({ ...base, instance: [{ uid: '1.1', frameNumber: [1, 2, 3] }] }, on, 'irf-4')).to.equal(true));
  it('rejects a repeated frame', () => expect(holds({ ...base, instance: [{ uid: '1.1', frameNumber: [1, 2, 1] }] }, on, 'irf-4')).to.equal(false));
  it('rejects a repeated observation UID', () => expect(holds({ ...base, instance: [{ uid: '1.1', observationUid: ['1.5', '1.5'] }] }, on, 'irf-4')).to.equal(false));
});
