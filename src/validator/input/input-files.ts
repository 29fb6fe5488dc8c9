import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { ValidationIssue } from '../outcome/issue';
import { MAX_INPUT_CHARS, type Validator } from '../validator';

/** The findings for one input, named as the user gave it. */
export interface InputResult {
  file: string;
  issues: ValidationIssue[];
}

const EXTENSIONS = new Set(['.json', '.xml', '.ndjson']);

export class InputError extends Error {
  override name = 'InputError';
}

/** Expands the PATH arguments: files as given, folders recursively (sorted), `-` for standard input. */
export function expandInputs(args: string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      files.push(arg);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      throw new InputError(`no such file or folder: ${arg}`);
    }
    if (stat.isDirectory()) {
      const found = walk(arg);
      if (!found.length) throw new InputError(`no .json, .xml or .ndjson files in ${arg}`);
      files.push(...found);
    } else files.push(arg);
  }
  return files;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(full);
  }
  return out;
}

/**
 * Validates one input file (read only, never written). Oversized input is refused before it is
 * read, binary input before it is parsed; NDJSON is read line by line, one resource per line.
 */
export async function validateFile(validator: Validator, file: string, profiles: string[]): Promise<InputResult> {
  const ext = path.extname(file).toLowerCase();
  if (file !== '-') {
    const size = fs.statSync(file).size;
    if (ext !== '.ndjson' && size > MAX_INPUT_CHARS) {
      return { file, issues: [{ severity: 'fatal', code: 'too-costly', message: `the file is ${Math.round(size / 1024 / 1024)} MB, over the ${MAX_INPUT_CHARS / 1024 / 1024} MB limit: not read` }] };
    }
  }
  if (ext === '.ndjson') return { file, issues: await validateNdjson(validator, file, profiles) };
  const bytes = file === '-' ? await readStdin() : fs.readFileSync(file);
  const text = decode(bytes);
  if (typeof text !== 'string') return { file, issues: [text] };
  return { file, issues: validator.issues(text, { fileName: file === '-' ? undefined : file, profiles }) };
}

async function validateNdjson(validator: Validator, file: string, profiles: string[]): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    for (const issue of validator.issues(line, { format: 'json', profiles, lineOffset: n })) {
      issue.position ??= { line: n, col: 1 };
      issues.push(issue);
    }
  }
  if (n === 0) issues.push({ severity: 'error', code: 'invalid', message: 'the NDJSON file is empty' });
  return issues;
}

/** UTF-8 text, or a fatal issue for input that is not text (binary files, invalid UTF-8). */
function decode(bytes: Buffer): string | ValidationIssue {
  if (bytes.length > MAX_INPUT_CHARS) return { severity: 'fatal', code: 'too-costly', message: `the input is over the ${MAX_INPUT_CHARS / 1024 / 1024} MB limit: not read` };
  if (bytes.subarray(0, 8192).includes(0)) return { severity: 'fatal', code: 'invalid', message: 'the input is binary, not JSON or XML text' };
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { severity: 'fatal', code: 'invalid', message: 'the input is not valid UTF-8 text' };
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_CHARS + 1) break; // enough to know it is too large
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
