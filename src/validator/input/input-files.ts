import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValidationIssue } from '../outcome/issue';
import { IssueLimit } from '../outcome/issue-limit';
import type { Validator } from '../validator';
import { MAX_INPUT_CHARS } from './limits';
import { decodeText } from './decode-text';
import { ndjsonLines } from './ndjson-lines';
import { TextInput } from './text-input';
import { FileTooLargeError, formatMegabytes, NotRegularFileError, openRegularFile, readRegularFile } from './regular-file';

/** The findings for one input, named as the user gave it. */
export interface InputResult {
  file: string;
  issues: ValidationIssue[];
  /** Issues a suppression (`--suppress`) took out of the verdict: reports list them as suppressed. */
  suppressed?: ValidationIssue[];
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

/** Receives a file's issues as they are found; with one, validateFile keeps none of them. */
export type IssueSink = (issues: ValidationIssue[]) => void;

/**
 * Validates one input file (read only, never written). Only regular files are read, and no more
 * than the size limit of them, whatever `stat` says; binary input is refused before it is parsed;
 * NDJSON is read line by line, one resource per line, with the same limit for each line.
 * With a `sink`, issues go there as they are found and the result's `issues` stays empty, so that
 * memory stays constant however many issues a long NDJSON file has.
 */
export async function validateFile(validator: Validator, file: string, profiles: string[], sink?: IssueSink): Promise<InputResult> {
  const result = await validateWhole(validator, file, profiles, sink);
  if (sink && result.issues.length) {
    sink(result.issues);
    return { file, issues: [] };
  }
  return result;
}

async function validateWhole(validator: Validator, file: string, profiles: string[], sink?: IssueSink): Promise<InputResult> {
  const ext = path.extname(file).toLowerCase();
  return withFileErrors(file, async () => {
    if (ext === '.ndjson') return { file, issues: await validateNdjson(validator, file, profiles, sink) };
    const input = await readText(file);
    if (!(input instanceof TextInput)) return { file, issues: [input] };
    return { file, issues: validator.issues(input, { fileName: file === '-' ? undefined : file, profiles }) };
  });
}

/** An NDJSON file whose resource lines `engine` validates (on worker threads): as validateFile reports it. */
export function validateNdjsonFile(engine: NdjsonLineEngine, file: string): Promise<InputResult> {
  return withFileErrors(file, async () => ({ file, issues: await validateNdjsonWith(engine, file) }));
}

/** A file too large or not a regular file is a fatal issue for that file, not a failure of the run. */
async function withFileErrors(file: string, validate: () => Promise<InputResult>): Promise<InputResult> {
  try {
    return await validate();
  } catch (e) {
    if (e instanceof FileTooLargeError) return { file, issues: [{ severity: 'fatal', code: 'too-costly', message: e.message, rule: 'input-too-large' }] };
    if (e instanceof NotRegularFileError) return { file, issues: [{ severity: 'fatal', code: 'invalid', message: e.message, rule: 'input-not-regular-file' }] };
    throw e;
  }
}

/**
 * The input as text, handed over: its bytes are not referenced once this returns, and the text only by the
 * TextInput, which the validator empties once it has parsed it, so that neither is held while the value is validated.
 */
async function readText(file: string): Promise<TextInput | ValidationIssue> {
  const text = decodeText(file === '-' ? await readStdin(MAX_INPUT_CHARS) : readRegularFile(file, MAX_INPUT_CHARS));
  return typeof text === 'string' ? new TextInput(text) : text;
}

/** A resource line of an NDJSON file, decoded. */
export interface NdjsonText {
  number: number;
  text: string;
}

/**
 * What validates the resource lines of an NDJSON file, a batch at a time: one list of issues per
 * line, in order. In this thread a batch is one line and its issues are cut by the file's limit
 * as they are found; on worker threads (`imgref validate` on many cores) batches of lines are in
 * flight at once and come back uncut, to be cut here in line order, so the report is the same.
 */
export interface NdjsonLineEngine {
  batchLines: number;
  /** Batches validated at once. */
  inFlight: number;
  /** In this thread the issues come back at once (no promise, no turn of the event loop per line). */
  validate(lines: NdjsonText[], fileLimit: IssueLimit): ValidationIssue[][] | Promise<ValidationIssue[][]>;
  /** Whether `validate` already cut its issues by `fileLimit`. */
  cutsByFileLimit: boolean;
}

/** One line's issues, each placed at its line when the validator gave it no place. `issueLimit` unlimited: the caller cuts. */
export function validateNdjsonLine(validator: Validator, line: NdjsonText, profiles: string[], issueLimit = new IssueLimit(Infinity, Infinity)): ValidationIssue[] {
  const found = validator.issues(line.text, { format: 'json', profiles, lineOffset: line.number, issueLimit });
  for (const issue of found) issue.position ??= { line: line.number, col: 1 };
  return found;
}

async function validateNdjson(validator: Validator, file: string, profiles: string[], sink?: IssueSink): Promise<ValidationIssue[]> {
  const here: NdjsonLineEngine = {
    batchLines: 1,
    inFlight: 1,
    cutsByFileLimit: true,
    validate: (lines, fileLimit) => lines.map((line) => validateNdjsonLine(validator, line, profiles, fileLimit)),
  };
  return validateNdjsonWith(here, file, sink);
}

/** Lines per batch, and bytes, when the lines go to worker threads: enough to outweigh the hand-over. */
const BATCH_LINES = 256;
const BATCH_CHARS = 4 << 20;

/**
 * Reads an NDJSON file line by line (one resource per line, each held to the size limit) and has
 * `engine` validate the resource lines; the lines it cannot read are reported here, in their place.
 */
export async function validateNdjsonWith(engine: NdjsonLineEngine, file: string, sink?: IssueSink): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  const emit = sink ?? ((found: ValidationIssue[]) => issues.push(...found));
  const input = fs.createReadStream('', { fd: openRegularFile(file).fd, highWaterMark: 1 << 20 });
  let resources = 0;
  // One limit for the whole file: the same issue on every line is listed the first times only.
  const issueLimit = new IssueLimit();
  const emitLimited = (found: ValidationIssue[]) => {
    const listed = found.filter((i) => issueLimit.admit(i));
    if (listed.length) emit(listed);
  };
  // In line order: a line's problem, or a batch of lines under validation.
  const pending: (ValidationIssue | Promise<ValidationIssue[][]>)[] = [];
  let batches = 0;
  const emitBatch = (issuesOfLines: ValidationIssue[][]) => {
    for (const found of issuesOfLines) {
      if (!found.length) continue;
      if (engine.cutsByFileLimit) emit(found);
      else emitLimited(found);
    }
  };
  const flushOne = async () => {
    const next = pending.shift()!;
    if (!(next instanceof Promise)) return emitLimited([next]);
    batches--;
    emitBatch(await next);
  };
  let batch: NdjsonText[] = [];
  let batchChars = 0;
  const drain = async () => {
    while (batches >= engine.inFlight) await flushOne();
  };
  // A promise only when there is something to wait for: in this thread a line costs no turn of the event loop.
  const send = (): Promise<void> | undefined => {
    if (!batch.length) return undefined;
    const result = engine.validate(batch, issueLimit);
    batch = [];
    batchChars = 0;
    // Found at once, with nothing before it still pending: reported now, in order.
    if (!(result instanceof Promise) && !pending.length) return void emitBatch(result);
    pending.push(Promise.resolve(result));
    batches++;
    return batches >= engine.inFlight ? drain() : undefined;
  };
  const problem = async (issue: ValidationIssue) => {
    await send();
    pending.push(issue);
  };
  try {
    for await (const line of ndjsonLines(input, MAX_INPUT_CHARS)) {
      const at = { line: line.number, col: 1 };
      if ('tooLong' in line) {
        await problem({ severity: 'fatal', code: 'too-costly', message: `line ${line.number} is ${formatMegabytes(line.tooLong)}, over the ${formatMegabytes(MAX_INPUT_CHARS)} limit: not read`, position: at, rule: 'input-too-large' });
        resources++;
        continue;
      }
      const text = decodeText(line.bytes);
      if (typeof text !== 'string') {
        await problem({ ...text, position: at });
        resources++;
        continue;
      }
      if (!text.trim()) continue;
      resources++;
      // Only the file may start with a byte order mark; the JSON parser would skip one on any line.
      if (line.number > 1 && text.charCodeAt(0) === 0xfeff) {
        await problem({ severity: 'fatal', code: 'invalid', message: 'a byte order mark (U+FEFF) at the start of a line: only the file may start with one', position: at, rule: 'json-syntax' });
        continue;
      }
      batch.push({ number: line.number, text });
      batchChars += text.length;
      if (batch.length >= engine.batchLines || batchChars >= BATCH_CHARS) {
        const waiting = send();
        if (waiting) await waiting;
      }
    }
    await send();
    while (pending.length) await flushOne();
  } finally {
    input.destroy();
  }
  const summaries = issueLimit.summaries();
  if (summaries.length) emit(summaries);
  if (resources === 0) emit([{ severity: 'fatal', code: 'invalid', message: 'the NDJSON file has no resource: it is empty or only blank lines', rule: 'ndjson-empty' }]);
  return issues;
}

/** An engine for worker threads: batches of lines, `inFlight` of them at once. */
export function ndjsonBatches(inFlight: number, validate: (lines: NdjsonText[]) => Promise<ValidationIssue[][]>): NdjsonLineEngine {
  return { batchLines: BATCH_LINES, inFlight, cutsByFileLimit: false, validate };
}

/** Standard input, held to the same limit as files: over it, a fatal issue rather than a silent cut. */
async function readStdin(limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      process.stdin.destroy();
      throw new FileTooLargeError('standard input', limit);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
