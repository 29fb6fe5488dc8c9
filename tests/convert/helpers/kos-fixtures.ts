import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_DIR } from '../../helpers/project';

/** The KOS test files are text dumps, turned into DICOM by dcmtk (not by our code) before use. */
export const KOS_DUMP_DIR = path.join(PROJECT_DIR, 'tests', 'fixtures', 'convert', 'kos');
const BUILD_DIR = path.join(KOS_DUMP_DIR, 'build');

/** dump2dcm options per variant of a fixture. */
const VARIANTS = {
  /** Part 10, explicit VR little endian, explicit lengths (dump2dcm's defaults). */
  part10: [],
  /** Part 10 in implicit VR little endian with undefined-length sequences. */
  implicit: ['+ti', '-e'],
  /** Part 10 in explicit VR big endian (retired, still met in old archives). */
  'big-endian': ['+tb'],
  /** Part 10 in deflated explicit VR little endian. */
  deflated: ['+td'],
  /** The bare data set, without preamble and file meta information: not Part 10. */
  'dataset-only': ['-F'],
} as const;

export type KosVariant = keyof typeof VARIANTS;

const built = new Map<string, string>();

/** Path of the DICOM file dump2dcm writes from tests/fixtures/convert/kos/<name>.dump (once per run). */
export function kosFixture(name: string, variant: KosVariant = 'part10'): string {
  const key = `${name}.${variant}`;
  const cached = built.get(key);
  if (cached) return cached;
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  const out = path.join(BUILD_DIR, `${key}.dcm`);
  try {
    execFileSync('dump2dcm', ['-q', ...VARIANTS[variant], path.join(KOS_DUMP_DIR, `${name}.dump`), out], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error("dcmtk's dump2dcm is not installed (npm test's pretest step installs it; by hand: apt-get install dcmtk)");
    throw new Error(`dump2dcm failed on ${name}.dump: ${err.stderr?.toString() ?? err.message}`);
  }
  built.set(key, out);
  return out;
}

export function kosBytes(name: string, variant: KosVariant = 'part10'): Uint8Array {
  return fs.readFileSync(kosFixture(name, variant));
}

/**
 * A KOS from tests/fixtures/convert/kos/<name>.dump with each `@KEY@` replaced by bytes (text in
 * the character set under test, escape sequences included), written by dump2dcm.
 */
export function kosFromTemplate(name: string, values: Record<string, Uint8Array | string>, tag: string): Uint8Array {
  let dump = fs.readFileSync(path.join(KOS_DUMP_DIR, `${name}.dump`));
  for (const [key, value] of Object.entries(values)) {
    const marker = Buffer.from(`@${key}@`, 'latin1');
    const at = dump.indexOf(marker);
    if (at < 0) throw new Error(`${name}.dump has no @${key}@`);
    dump = Buffer.concat([dump.subarray(0, at), Buffer.from(value), dump.subarray(at + marker.length)]);
  }
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  const source = path.join(BUILD_DIR, `${name}.${tag}.dump`);
  const out = path.join(BUILD_DIR, `${name}.${tag}.dcm`);
  fs.writeFileSync(source, dump);
  execFileSync('dump2dcm', ['-q', source, out], { stdio: ['ignore', 'ignore', 'pipe'] });
  return fs.readFileSync(out);
}
