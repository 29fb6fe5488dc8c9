import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import type { ValidationIssue } from '../validator/outcome/issue';

/** One input to validate, or a path that could not be used, which becomes a fatal issue for it. */
export interface Input {
  file: string;
  problem?: ValidationIssue;
}

export interface Inputs {
  inputs: Input[];
  /** Files in folders that were not FHIR resources (package.json, JSON without resourceType…). */
  skipped: string[];
}

export interface InputOptions {
  /** Globs: files and folders matching one are left out (matched against the path as found). */
  exclude?: string[];
  /** Validate every .json/.xml file in folders, FHIR resource or not. */
  allFiles?: boolean;
}

const EXTENSIONS = new Set(['.json', '.xml', '.ndjson']);
// Files that sit beside resources in FHIR packages and IG folders and are never resources.
const NEVER_RESOURCES = new Set(['package.json', 'package-lock.json', '.index.json', 'tsconfig.json', 'ig.json']);
// Enough of a file to see whether it is a resource: a JSON object names its resourceType, and a
// FHIR XML root declares the FHIR namespace, near the start in every resource we have seen.
const PEEK_BYTES = 64 * 1024;

/**
 * Expands the PATH arguments in order: files as given (whatever they hold), folders recursively
 * (sorted, FHIR resources only unless `allFiles`), `-` for standard input. A path that does not
 * exist or cannot be listed is an input with a fatal problem, so that the run goes on.
 */
export function collectInputs(args: string[], options: InputOptions = {}): Inputs {
  const excluded = (p: string) => (options.exclude ?? []).some((g) => minimatch(p, g, { dot: true }) || minimatch(path.basename(p), g, { dot: true }));
  const inputs: Input[] = [];
  const skipped: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ file: arg });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      inputs.push(problem(arg, (e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file or folder: ${arg}` : `cannot read ${arg}: ${(e as NodeJS.ErrnoException).code}`, 'input-not-found'));
      continue;
    }
    if (excluded(arg)) continue;
    if (!stat.isDirectory()) {
      inputs.push({ file: arg });
      continue;
    }
    const before = inputs.length;
    walk(arg, inputs, skipped, excluded, options.allFiles === true);
    if (inputs.length === before) inputs.push(problem(arg, `no FHIR resources (.json, .xml or .ndjson files) in ${arg}`, 'input-folder-empty'));
  }
  return { inputs, skipped };
}

function walk(dir: string, inputs: Input[], skipped: string[], excluded: (p: string) => boolean, allFiles: boolean): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    inputs.push(problem(dir, `cannot list the folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'input-unreadable'));
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (excluded(full)) continue;
    if (entry.isDirectory()) walk(full, inputs, skipped, excluded, allFiles);
    else if (EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      if (allFiles || isResourceFile(full)) inputs.push({ file: full });
      else skipped.push(full);
    }
  }
}

/** Whether a file found in a folder looks like a FHIR resource (NDJSON always does). Unreadable: yes, so that it is reported. */
export function isResourceFile(file: string): boolean {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.ndjson') return true;
  if (NEVER_RESOURCES.has(path.basename(file).toLowerCase())) return false;
  let head: string;
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    try {
      if (!fs.fstatSync(fd).isFile()) return true;
      const buffer = Buffer.alloc(PEEK_BYTES);
      const read = fs.readSync(fd, buffer, 0, PEEK_BYTES, 0);
      // A resourceType further in than the peek: validated rather than skipped.
      if (read === PEEK_BYTES) return true;
      head = buffer.subarray(0, read).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return true;
  }
  if (ext === '.xml') return head.includes('http://hl7.org/fhir');
  return /"resourceType"\s*:/.test(head) || !/^\s*[[{]/.test(head);
}

function problem(file: string, message: string, rule: string): Input {
  return { file, problem: { severity: 'fatal', code: 'not-found', message, rule } };
}
