import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * dcmtk's own limits, not findings about the file: dsrdump cannot check template constraints
 * (every document with a Content Template Sequence gets this), and its VR checker has no UTF-8.
 */
const DCMTK_LIMITS = ['W: Check for template constraints not yet supported', 'W: The VR checker does not support this Specific Character Set: ISO_IR 192'];

export interface DcmtkReading {
  /** dsrdump's rendering of the SR tree: template identification, all codes, long values, referenced UIDs. */
  tree: string;
  /** dcm2json's DICOM JSON model of the file (PS3.18 F.2). */
  json: Record<string, { vr: string; Value?: unknown[] }>;
  /** Warnings and errors of either tool, dcmtk's own limits left out. */
  complaints: string[];
}

/** Reads a DICOM file with dcmtk's dsrdump and dcm2json: an independent reader for what we write. */
export function readWithDcmtk(bytes: Uint8Array): DcmtkReading {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-dcmtk-'));
  const file = path.join(dir, 'kos.dcm');
  fs.writeFileSync(file, bytes);
  try {
    const dsrdump = spawnSync('dsrdump', ['+Pt', '+Pc', '+Pl', '+Pu', '+Psu', file], { encoding: 'utf8' });
    const dcm2json = spawnSync('dcm2json', [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const complaints = [dsrdump, dcm2json]
      .flatMap((run, i) => [...(run.status === 0 ? [] : [`${i ? 'dcm2json' : 'dsrdump'} exited ${run.status}`]), ...run.stderr.split('\n')])
      .filter((line) => line.trim() && !DCMTK_LIMITS.includes(line.trim()));
    return { tree: dsrdump.stdout, json: dcm2json.status === 0 ? JSON.parse(dcm2json.stdout) : {}, complaints };
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}
