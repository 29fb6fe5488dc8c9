// The seeds the mutators start from: the IG's examples and definitions, the test fixtures, the
// submissions, and the KOS test files (written by dcmtk's dump2dcm from the tests' text dumps).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { imagingReferenceToImagingSelection } from '../../src/convert/imaging-selection/imaging-reference-to-imaging-selection';
import { ConversionReport } from '../../src/convert/outcome';
import type { ImagingReference } from '../../src/convert/resources';
import { execFileSync } from 'node:child_process';
import { kosBytes, kosFixture, type KosVariant } from '../../tests/convert/helpers/kos-fixtures';

export const PROJECT_DIR = path.resolve(__dirname, '..', '..');

export interface Corpus {
  /** Every FHIR JSON resource found, parsed. */
  json: unknown[];
  /** FHIR XML texts. */
  xml: string[];
  imagingManifest: unknown[];
  imagingSelection: unknown[];
  imagingReference: unknown[];
  /** KOS Part 10 files (and a data set without the Part 10 header). */
  kos: Uint8Array[];
  /** The KOS files in the DICOM JSON model, as dcmtk's dcm2json writes them. */
  dicomJson: unknown[];
  /** The StructureDefinition the design review reviews. */
  structureDefinition: unknown;
}

function filesUnder(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(ext) && !d.parentPath.split(path.sep).includes('build'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

function readJsonFiles(dirs: string[]): unknown[] {
  const out: unknown[] = [];
  for (const dir of dirs) {
    for (const file of filesUnder(dir, '.json')) {
      try {
        out.push(JSON.parse(fs.readFileSync(file, 'utf8')));
      } catch {
        // Fixtures that are deliberately not JSON are seeds for the byte mutator only.
      }
    }
  }
  return out;
}

const KOS_DUMPS = ['frames-no-timezone', 'key-images-two-studies', 'no-evidence', 'not-a-kos-sr'];
const KOS_VARIANTS: KosVariant[] = ['part10', 'implicit', 'dataset-only'];

let loaded: Corpus | undefined;

/** Loads the corpus once per process (needs `npm run build` for fsh-generated/ and dump2dcm for the KOS files). */
export function corpus(): Corpus {
  if (loaded) return loaded;
  const generatedDir = path.join(PROJECT_DIR, 'fsh-generated', 'resources');
  if (!fs.existsSync(generatedDir)) throw new Error('fsh-generated/resources is missing: run `npm run build` first');
  const fixtures = path.join(PROJECT_DIR, 'tests', 'fixtures');
  const json = readJsonFiles([generatedDir, path.join(fixtures, 'validator'), path.join(fixtures, 'convert'), path.join(PROJECT_DIR, 'submissions')]);
  const xml = [path.join(fixtures, 'validator'), path.join(PROJECT_DIR, 'submissions'), path.join(PROJECT_DIR, 'output')]
    .flatMap((d) => filesUnder(d, '.xml'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .filter((t) => t.length < 200_000);
  const ofType = (type: string) => json.filter((r) => (r as { resourceType?: unknown }).resourceType === type);
  const imagingReference = ofType('ImagingReference');
  const imagingSelection = [
    ...ofType('ImagingSelection'),
    ...imagingReference.flatMap((r) => {
      try {
        return [imagingReferenceToImagingSelection(structuredClone(r) as ImagingReference, new ConversionReport())];
      } catch {
        return []; // an invalid fixture (the converter's robustness is what the fuzzing tests)
      }
    }),
  ];
  const structureDefinition = JSON.parse(fs.readFileSync(path.join(generatedDir, 'StructureDefinition-ImagingReference.json'), 'utf8'));
  const kos = KOS_DUMPS.flatMap((name) => KOS_VARIANTS.map((variant) => kosBytes(name, variant)));
  const dicomJson = KOS_DUMPS.map((name) => JSON.parse(execFileSync('dcm2json', [kosFixture(name)], { encoding: 'utf8' })) as unknown);
  loaded = { json, xml, imagingManifest: ofType('ImagingManifest'), imagingSelection, imagingReference, kos, dicomJson, structureDefinition };
  return loaded;
}
