// Failing inputs are saved one per file (git-ignored fuzz-findings/), with their seed, so that
// `npm run fuzz -- --replay FILE` runs exactly that input again.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from './runner';
import type { FuzzCase } from './targets';

interface SavedFinding extends Omit<Finding, 'case'> {
  case: Omit<FuzzCase, 'bytes'> & { base64: string };
  /** The input as text too, when it is UTF-8, to read it without decoding. */
  text?: string;
}

/** Writes a finding; the same input with the same kind of problem is written once. Returns the file. */
export function saveFinding(dir: string, finding: Finding): string {
  fs.mkdirSync(dir, { recursive: true });
  const { bytes, ...rest } = finding.case;
  const hash = createHash('sha1').update(bytes).update(finding.kind).digest('hex').slice(0, 12);
  const file = path.join(dir, `${finding.case.target}-${finding.kind}-${hash}.json`);
  if (fs.existsSync(file)) return file;
  const saved: SavedFinding = { ...finding, case: { ...rest, base64: Buffer.from(bytes).toString('base64') } };
  if (bytes.length < 2_000_000) {
    try {
      saved.text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Not UTF-8 (a DICOM file, a byte mutation): base64 only.
    }
  }
  fs.writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`);
  return file;
}

export class FindingFileError extends Error {
  override name = 'FindingFileError';
}

/** Reads a saved finding back into the input it holds. */
export function loadFinding(file: string): { finding: Omit<Finding, 'case'>; fuzzCase: FuzzCase } {
  let saved: SavedFinding;
  try {
    saved = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedFinding;
  } catch (e) {
    throw new FindingFileError(`cannot read the finding ${file}: ${(e as Error).message}`);
  }
  if (!saved?.case || typeof saved.case.base64 !== 'string') throw new FindingFileError(`${file} is not a fuzz finding (no case.base64)`);
  const { base64, ...rest } = saved.case;
  const { case: _case, text: _text, ...finding } = saved;
  return { finding, fuzzCase: { ...rest, bytes: Uint8Array.from(Buffer.from(base64, 'base64')) } };
}

/**
 * The distinct findings of a run, each saved once. A run on a loaded machine can flag the same input
 * thousands of times (slow, for a stall): only the first is kept in memory, with its bytes.
 */
export class FindingLog {
  readonly distinct: Finding[] = [];
  private readonly files = new Set<string>();

  constructor(private readonly dir: string) {}

  /** Saves a finding; its file when it is new, undefined when the same input had the same problem before. */
  add(finding: Finding): string | undefined {
    const file = saveFinding(this.dir, finding);
    if (this.files.has(file)) return undefined;
    this.files.add(file);
    this.distinct.push(finding);
    return file;
  }
}
