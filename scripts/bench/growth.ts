// The inputs of issue 17 whose cost used to explode, each measured at two sizes, n and 4n: a linear
// rule takes about 4 times as long at 4n, a quadratic one 16 times.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Library from '../../src';

type Json = Record<string, any>;

export interface GrowthCase {
  name: string;
  /** What n counts. */
  unit: string;
  sizes: [number, number];
  /** Builds the input of size n (not timed); `run` is what is timed, and says what it found. */
  prepare(n: number): { megabytes: number; run: () => string };
}

export interface GrowthRow {
  name: string;
  unit: string;
  n: number;
  megabytes: number;
  ms: number;
  detail: string;
}

const narrative = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div>' };

/** A Patient with n contained Organizations, each referenced from generalPractitioner (dom-3, ref-1). */
function patientWithContained(n: number): Json {
  const contained = Array.from({ length: n }, (_, i) => ({ resourceType: 'Organization', id: `o${i}`, name: `Organization ${i}` }));
  return { resourceType: 'Patient', id: 'p', text: narrative, contained, generalPractitioner: contained.map((o) => ({ reference: `#${o.id}` })) };
}

function imagingReference(instances: Json[]): Json {
  return { resourceType: 'ImagingReference', id: 'r', text: narrative, subject: { reference: 'Patient/p' }, studyUid: '2.25.1', seriesUid: '2.25.1.1', instance: instances };
}

/** A collection Bundle of n Patients (bdl-7: fullUrls distinct), optionally each with a reference no entry resolves. */
function patientBundle(n: number, unresolved = false): Json {
  const entry = Array.from({ length: n }, (_, i) => {
    const resource: Json = { resourceType: 'Patient', id: `p${i}`, text: narrative, active: true };
    if (unresolved) resource.link = [{ other: { reference: `Patient/missing-${i}` }, type: 'seealso' }];
    return { fullUrl: `http://example.org/fhir/Patient/p${i}`, resource };
  });
  return { resourceType: 'Bundle', type: 'collection', entry };
}

/** An Observation whose valueQuantity has a UCUM unit of n components (`1.2.3…`): ucum-lhc alone is quadratic in them. */
function longUcumUnit(n: number): Json {
  const code = Array.from({ length: n }, (_, i) => String(i % 1000)).join('.');
  return { resourceType: 'Observation', id: 'o', text: narrative, status: 'final', code: { text: 'x' }, valueQuantity: { value: 1, system: 'http://unitsofmeasure.org', code } };
}

/** A Questionnaire of n items, each with an answerValueSet `#id` that names nothing (each once searched the whole resource). */
function unresolvedCanonicals(n: number): Json {
  const item = Array.from({ length: n }, (_, i) => ({ linkId: `${i}`, text: 'q', type: 'coding', answerValueSet: `#missing-${i}` }));
  return { resourceType: 'Questionnaire', id: 'q', text: narrative, status: 'draft', item };
}

/** An STU3 ImagingManifest of n series whose patient is a contained Patient of `patientChars` characters: each part carries it. */
function splitManifest(n: number, patientChars: number): Json {
  const series = Array.from({ length: n }, (_, i) => ({ uid: `urn:oid:2.25.1.${i + 1}`, instance: [{ sopClass: 'urn:oid:1.2.840.10008.5.1.4.1.1.2', uid: `urn:oid:2.25.1.${i + 1}.1` }] }));
  return { resourceType: 'ImagingManifest', id: 'm', patient: { reference: '#p' }, contained: [{ resourceType: 'Patient', id: 'p', name: [{ text: 'x'.repeat(patientChars) }] }], study: [{ uid: 'urn:oid:2.25.1', series }] };
}

export function growthCases(lib: typeof Library, validator: Library.Validator, projectDir: string): GrowthCase[] {
  const validation = (input: Json | string) => ({
    megabytes: typeof input === 'string' ? input.length / 1e6 : JSON.stringify(input).length / 1e6,
    run: () => {
      const outcome = validator.validateSync(input, { fileName: 'input.json' });
      return `${lib.hasFailure(outcome) ? 'invalid' : 'valid'}, ${lib.issuesOf(outcome).length} issues`;
    },
  });
  const conversion = (manifest: Json) => {
    const content = Buffer.from(JSON.stringify(manifest));
    return {
      megabytes: content.length / 1e6,
      run: () => {
        try {
          const { resources } = lib.convert([{ name: 'm.json', content }], 'imagingmanifest');
          return `${resources.length} ImagingReferences, ${(JSON.stringify(lib.singleOrCollection(resources)).length / 1e6).toFixed(1)} MB written`;
        } catch (e) {
          if (e instanceof lib.ConversionInputError) return 'refused: over 64 MB of output';
          throw e;
        }
      },
    };
  };
  const definition = fs.readFileSync(path.join(projectDir, 'fsh-generated', 'resources', 'StructureDefinition-ImagingReference.json'), 'utf8');
  return [
    { name: 'dom-3 and ref-1: contained resources, each referenced', unit: 'contained', sizes: [2_000, 8_000], prepare: (n) => validation(patientWithContained(n)) },
    { name: 'irf-3: instance.uid.isDistinct()', unit: 'instances', sizes: [10_000, 40_000], prepare: (n) => validation(imagingReference(Array.from({ length: n }, (_, i) => ({ uid: `2.25.1.1.${i + 1}` })))) },
    { name: 'irf-4: frameNumber.isDistinct()', unit: 'frames', sizes: [10_000, 40_000], prepare: (n) => validation(imagingReference([{ uid: '2.25.1.1.1', frameNumber: Array.from({ length: n }, (_, i) => i + 1) }])) },
    { name: 'bdl-7: a Bundle of Patients (fullUrls distinct)', unit: 'entries', sizes: [25_000, 100_000], prepare: (n) => validation(patientBundle(n)) },
    { name: 'that Bundle as JSON text on one line (minified)', unit: 'entries', sizes: [5_600, 22_400], prepare: (n) => validation(JSON.stringify(patientBundle(n))) },
    { name: 'that Bundle as JSON text, pretty-printed', unit: 'entries', sizes: [5_600, 22_400], prepare: (n) => validation(JSON.stringify(patientBundle(n), null, 2)) },
    { name: 'a Bundle whose every entry has an unresolved reference', unit: 'entries', sizes: [5_000, 20_000], prepare: (n) => validation(patientBundle(n, true)) },
    { name: 'a UCUM unit of many components (valueQuantity.code)', unit: 'components', sizes: [25_000, 100_000], prepare: (n) => validation(longUcumUnit(n)) },
    { name: 'canonical #ids that name nothing (Questionnaire answerValueSet)', unit: 'items', sizes: [2_500, 10_000], prepare: (n) => validation(unresolvedCanonicals(n)) },
    { name: 'convert: an ImagingManifest split into parts that each carry a 20 KB contained Patient', unit: 'series', sizes: [250, 1_000], prepare: (n) => conversion(splitManifest(n, 20_000)) },
    { name: 'convert: the same with a 400 KB Patient, refused (over 64 MB of output)', unit: 'series', sizes: [2_000, 8_000], prepare: (n) => conversion(splitManifest(n, 400_000)) },
    {
      name: 'review: a definition that is not a sentence',
      unit: 'characters',
      sizes: [1_250_001, 5_000_001],
      prepare: (n) => {
        const sd = JSON.parse(definition) as Json;
        (sd.snapshot.element as Json[]).find((e) => e.path === 'ImagingReference.seriesUid')!.definition = `A${' b'.repeat((n - 1) / 2)}`;
        return {
          megabytes: n / 1e6,
          run: () => {
            const item = lib.runReview({ projectDir, structureDefinition: sd as never }).items.find((i) => i.id === 'qa-element-descriptions');
            return `element descriptions: ${item?.result ?? 'not run'}`;
          },
        };
      },
    },
  ];
}

const RUNS = 3;

/** Runs every case at its two sizes, after one untimed run at a tenth of the smaller size (warm-up); the fastest of 3 runs counts. */
export function measureGrowth(cases: GrowthCase[], log: (line: string) => void): GrowthRow[] {
  const rows: GrowthRow[] = [];
  for (const c of cases) {
    c.prepare(Math.max(1, Math.floor(c.sizes[0] / 10))).run();
    for (const n of c.sizes) {
      log(`bench: ${c.name}, ${n} ${c.unit} ...`);
      const input = c.prepare(n);
      let ms = Infinity;
      let detail = '';
      for (let i = 0; i < RUNS; i++) {
        const start = process.hrtime.bigint();
        detail = input.run();
        ms = Math.min(ms, Number(process.hrtime.bigint() - start) / 1e6);
      }
      rows.push({ name: c.name, unit: c.unit, n, megabytes: input.megabytes, ms, detail });
    }
  }
  return rows;
}
