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

export function growthCases(lib: typeof Library, validator: Library.Validator, projectDir: string): GrowthCase[] {
  const validation = (input: Json | string) => ({
    megabytes: typeof input === 'string' ? input.length / 1e6 : JSON.stringify(input).length / 1e6,
    run: () => {
      const outcome = validator.validateSync(input, { fileName: 'input.json' });
      return `${lib.hasFailure(outcome) ? 'invalid' : 'valid'}, ${lib.issuesOf(outcome).length} issues`;
    },
  });
  const definition = fs.readFileSync(path.join(projectDir, 'fsh-generated', 'resources', 'StructureDefinition-ImagingReference.json'), 'utf8');
  return [
    { name: 'dom-3 and ref-1: contained resources, each referenced', unit: 'contained', sizes: [2_000, 8_000], prepare: (n) => validation(patientWithContained(n)) },
    { name: 'irf-3: instance.uid.isDistinct()', unit: 'instances', sizes: [10_000, 40_000], prepare: (n) => validation(imagingReference(Array.from({ length: n }, (_, i) => ({ uid: `2.25.1.1.${i + 1}` })))) },
    { name: 'irf-4: frameNumber.isDistinct()', unit: 'frames', sizes: [10_000, 40_000], prepare: (n) => validation(imagingReference([{ uid: '2.25.1.1.1', frameNumber: Array.from({ length: n }, (_, i) => i + 1) }])) },
    { name: 'bdl-7: a Bundle of Patients (fullUrls distinct)', unit: 'entries', sizes: [25_000, 100_000], prepare: (n) => validation(patientBundle(n)) },
    { name: 'that Bundle as JSON text on one line (minified)', unit: 'entries', sizes: [5_600, 22_400], prepare: (n) => validation(JSON.stringify(patientBundle(n))) },
    { name: 'that Bundle as JSON text, pretty-printed', unit: 'entries', sizes: [5_600, 22_400], prepare: (n) => validation(JSON.stringify(patientBundle(n), null, 2)) },
    { name: 'a Bundle whose every entry has an unresolved reference', unit: 'entries', sizes: [5_000, 20_000], prepare: (n) => validation(patientBundle(n, true)) },
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
