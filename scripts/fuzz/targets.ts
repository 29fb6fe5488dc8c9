// What the harness fuzzes: the validator, the converters and the design review, each through its
// library API, in-process. A target generates an input from a seed and runs it; the runner judges.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { convert, convertToKos, ConversionInputError, defaultTarget, singleOrCollection, validateOutput, type SourceFormat, type TargetFormat } from '../../src/convert';
import { StructureDefinitionError, type StructureDefinition } from '../../src/ig/structure-definition';
import { CoreDefinitions, CoreDefinitionsError } from '../../src/review/core-definitions';
import { DATA_FILE, loadDesignReview, ReviewDataError, SCHEMA_FILE, type DesignReviewData } from '../../src/review/data';
import { reviewDesign, reviewFails } from '../../src/review/review';
import { createValidatorSync, type Validator } from '../../src/validator';
import { validateFile } from '../../src/validator/input/input-files';
import type { ValidationIssue } from '../../src/validator/outcome/issue';
import { mutateBytes, mutateDicom } from './byte-mutator';
import { corpus, PROJECT_DIR } from './corpus';
import { mutateJson, serializeJson } from './json-mutator';
import type { Rng } from './random';

export const TARGET_NAMES = ['validate', 'convert', 'review'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** One generated input; saved as it is with a finding, so that it replays without its seed. */
export interface FuzzCase {
  target: TargetName;
  /** validate: json | xml | ndjson (| file-json ... through the file reader); convert: the --from kind; review: sd. */
  kind: string;
  fileName: string;
  bytes: Uint8Array;
  /** convert only: the --to kind. */
  to?: TargetFormat;
}

export type ProblemKind = 'escaped' | 'internal' | 'leak' | 'unclear-refusal' | 'malformed-passes';

export interface Problem {
  kind: ProblemKind;
  detail: string;
}

/** What a run found, and how long the library call took (the harness's own checks are not timed). */
export interface RunResult {
  problems: Problem[];
  ms: number;
  /**
   * convert: the JSON written. A split writes each series' part with the source's shared content, so
   * the output may be many times the input (up to the 64 MB limit), and writing it is part of the work.
   */
  outputBytes?: number;
}

async function timedAsync<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await run();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

let sharedValidator: Validator | undefined;
export function fuzzValidator(): Validator {
  sharedValidator ??= createValidatorSync();
  return sharedValidator;
}

const INTERNAL = /internal error/i;

function internalIssues(issues: readonly ValidationIssue[]): Problem[] {
  return issues.filter((i) => INTERNAL.test(i.message)).slice(0, 1).map((i) => ({ kind: 'internal', detail: i.message.slice(0, 500) }));
}

/** Any value as text, even one without a way to become a string (a null-prototype object). */
export function show(value: unknown): string {
  try {
    return typeof value === 'string' ? value : String(value);
  } catch {
    try {
      return JSON.stringify(value) ?? typeof value;
    } catch {
      return `(a ${typeof value})`;
    }
  }
}

function escaped(e: unknown): Problem {
  const error = (typeof e === 'object' && e !== null ? e : {}) as Partial<Error>;
  const stack = typeof error.stack === 'string' ? error.stack.split('\n').slice(1, 4).join(' ').trim() : '';
  return { kind: 'escaped', detail: `${show(error.name ?? typeof e)}: ${show(error.message ?? e).slice(0, 300)} ${stack}` };
}

/** A refusal the CLI prints as one line: no line break, no "internal error". */
function judgeRefusal(message: string): Problem[] {
  if (/[\r\n]/.test(message)) return [{ kind: 'unclear-refusal', detail: `refusal over several lines: ${JSON.stringify(message.slice(0, 300))}` }];
  if (INTERNAL.test(message)) return [{ kind: 'internal', detail: message.slice(0, 300) }];
  return [];
}

const encoder = new TextEncoder();
const lossy = new TextDecoder('utf-8', { fatal: false });

// ---------------------------------------------------------------- validate

/** Texts of resources for the three input forms, structure-mutated and sometimes byte-mutated. */
function generateValidate(rng: Rng): FuzzCase {
  const c = corpus();
  const form = rng.pick(['json', 'json', 'json', 'xml', 'ndjson']);
  let bytes: Uint8Array;
  if (form === 'xml') {
    bytes = encoder.encode(mutateXml(rng, rng.pick(c.xml)));
  } else if (form === 'ndjson') {
    const lines = Array.from({ length: rng.range(1, 5) }, () => JSON.stringify(rng.chance(0.7) ? mutateJson(rng, rng.pick(c.json), c.json) : rng.pick(c.json)));
    if (rng.chance(0.2)) lines.splice(rng.int(lines.length + 1), 0, rng.pick(['', '   ', '\r', '\ufeff']));
    bytes = encoder.encode(lines.join(rng.chance(0.8) ? '\n' : '\r\n') + (rng.chance(0.5) ? '\n' : ''));
  } else {
    bytes = encoder.encode(serializeJson(rng, mutateJson(rng, rng.pick(c.json), c.json)));
  }
  if (rng.chance(0.3)) bytes = mutateBytes(rng, bytes);
  // A fifth goes through the file reader (size check, binary and UTF-8 checks, NDJSON streaming).
  const throughFile = form === 'ndjson' || rng.chance(0.2);
  return { target: 'validate', kind: throughFile ? `file-${form}` : form, fileName: `fuzz.${form}`, bytes };
}

/** Text-level mutations of FHIR XML: elements dropped or repeated, values replaced, odd markup inserted. */
function mutateXml(rng: Rng, xml: string): string {
  let text = xml;
  const n = rng.small(3);
  for (let i = 0; i < n; i++) {
    const tags = [...text.matchAll(/<([A-Za-z][\w.-]*)\b[^>]*\/>/g)];
    switch (rng.int(6)) {
      case 0:
      case 1: {
        if (!tags.length) break;
        const m = rng.pick(tags);
        const at = m.index!;
        text = rng.chance(0.5) ? text.slice(0, at) + text.slice(at + m[0].length) : text.slice(0, at) + m[0] + m[0] + text.slice(at);
        break;
      }
      case 2: {
        const values = [...text.matchAll(/value="([^"]*)"/g)];
        if (!values.length) break;
        const m = rng.pick(values);
        const odd = rng.pick(['', '&amp;', '&lt;script&gt;', '&#0;', '&#xD800;', '&unknown;', 'x'.repeat(70_000), ' 1 ', '1.2.3', '-1', 'true', '"', '\u0001']);
        text = text.slice(0, m.index!) + `value="${odd}"` + text.slice(m.index! + m[0].length);
        break;
      }
      case 3: {
        const odd = rng.pick([
          '<!DOCTYPE x [<!ENTITY e "e">]>', '<![CDATA[<script>alert(1)</script>]]>', '<!-- x -->', '<?pi x?>', '<extension url="x"/>',
          '<x:y xmlns:x="urn:x"/>', '<div xmlns="http://www.w3.org/1999/xhtml"><script>1</script></div>', '</Patient>', '<a>'.repeat(300),
        ]);
        const at = rng.int(text.length + 1);
        text = text.slice(0, at) + odd + text.slice(at);
        break;
      }
      case 4:
        text = text.replace(/xmlns="http:\/\/hl7.org\/fhir"/, rng.pick(['', 'xmlns="http://hl7.org/fhir/"', 'xmlns="urn:x"']));
        break;
      default:
        text = text.slice(0, rng.int(text.length + 1));
    }
  }
  return text;
}

let ndjsonFile: string | undefined;
function scratchFile(ext: string): string {
  ndjsonFile ??= fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'imgref-fuzz-'));
  return path.join(ndjsonFile, `input.${ext}`);
}

async function runValidate(c: FuzzCase): Promise<RunResult> {
  const validator = fuzzValidator();
  const start = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - start) / 1e6;
  try {
    if (c.kind.startsWith('file-')) {
      const file = scratchFile(c.kind.slice('file-'.length));
      fs.writeFileSync(file, c.bytes);
      const result = await timedAsync(() => validateFile(validator, file, []));
      return { problems: internalIssues(result.value.issues), ms: result.ms };
    }
    const text = lossy.decode(c.bytes);
    const outcome = await timedAsync(() => validator.validate(text, { fileName: c.fileName }));
    return { problems: internalIssues(outcome.value.issue.map((i) => ({ severity: i.severity, code: i.code, message: `${i.details.text} ${i.diagnostics ?? ''}` }) as ValidationIssue)), ms: outcome.ms };
  } catch (e) {
    return { problems: [escaped(e)], ms: since() };
  }
}

// ---------------------------------------------------------------- convert

const JSON_SOURCES: { from: SourceFormat; seeds: (c: ReturnType<typeof corpus>) => unknown[] }[] = [
  { from: 'imagingmanifest', seeds: (c) => c.imagingManifest },
  { from: 'imagingselection', seeds: (c) => c.imagingSelection },
  { from: 'imagingreference', seeds: (c) => c.imagingReference },
  { from: 'dicomjson', seeds: (c) => c.dicomJson },
];

function generateConvert(rng: Rng): FuzzCase {
  const c = corpus();
  if (rng.chance(0.25)) {
    return { target: 'convert', kind: 'kos', fileName: 'fuzz.dcm', bytes: mutateDicom(rng, rng.pick(c.kos)), to: rng.chance(0.3) ? 'imagingselection' : undefined };
  }
  const source = rng.pick(JSON_SOURCES);
  let value = mutateJson(rng, rng.pick(source.seeds(c)), [...source.seeds(c), ...c.json]);
  // Sometimes a Bundle of them, the other form every JSON converter reads.
  if (rng.chance(0.15)) value = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: value }, { resource: rng.pick(source.seeds(c)) }] };
  let bytes: Uint8Array = encoder.encode(serializeJson(rng, value));
  if (rng.chance(0.15)) bytes = mutateBytes(rng, bytes);
  // From ImagingReference also to STU3 ImagingManifest and to KOS, the directions written in session 3.
  const to: TargetFormat | undefined = source.from === 'imagingreference' ? rng.pick([undefined, 'imagingmanifest', 'kos'] as const) : rng.chance(0.7) ? undefined : 'imagingselection';
  return { target: 'convert', kind: source.from, fileName: 'fuzz.json', bytes, to };
}

async function runConvert(c: FuzzCase): Promise<RunResult> {
  const from = c.kind as SourceFormat;
  const to = c.to ?? defaultTarget(from);
  const start = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - start) / 1e6;
  let result;
  try {
    if (to === 'kos') {
      convertToKos([{ name: c.fileName, content: c.bytes }], from, { allowWidening: true });
      return { problems: [], ms: since() };
    }
    result = convert([{ name: c.fileName, content: c.bytes }], from, to);
  } catch (e) {
    if (e instanceof ConversionInputError) return { problems: judgeRefusal(e.message), ms: since() };
    return { problems: [escaped(e)], ms: since() };
  }
  try {
    // As imgref convert does: the output validated, then written (a circular or BigInt value would break that).
    const output = singleOrCollection(result.resources);
    const issues = [...result.issues, ...validateOutput(fuzzValidator(), output)];
    const outputBytes = JSON.stringify(output).length;
    return { problems: internalIssues(issues), ms: since(), outputBytes };
  } catch (e) {
    return { problems: [escaped(e)], ms: since() };
  }
}

// ---------------------------------------------------------------- review

let reviewSetup: { data: DesignReviewData; core: CoreDefinitions } | undefined;
function review(): { data: DesignReviewData; core: CoreDefinitions } {
  reviewSetup ??= {
    data: loadDesignReview(path.join(PROJECT_DIR, DATA_FILE), path.join(PROJECT_DIR, SCHEMA_FILE)),
    core: CoreDefinitions.locate(),
  };
  return reviewSetup;
}

function generateReview(rng: Rng): FuzzCase {
  const c = corpus();
  const sd = mutateJson(rng, c.structureDefinition, [c.structureDefinition, ...c.json.slice(0, 40)]);
  return { target: 'review', kind: 'sd', fileName: 'StructureDefinition-fuzz.json', bytes: encoder.encode(JSON.stringify(sd)) };
}

/** The errors the imgref review command turns into one line and exit 2 (a deliberate refusal). */
const REVIEW_REFUSALS = [StructureDefinitionError, ReviewDataError, CoreDefinitionsError];

async function runReview(c: FuzzCase): Promise<RunResult> {
  const sd = JSON.parse(Buffer.from(c.bytes).toString('utf8')) as StructureDefinition;
  const { data, core } = review();
  const start = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - start) / 1e6;
  let failed: boolean;
  try {
    failed = reviewFails(reviewDesign({ projectDir: PROJECT_DIR, structureDefinition: sd, data, core, validator: fuzzValidator() }).report);
  } catch (e) {
    if (REVIEW_REFUSALS.some((k) => e instanceof k)) return { problems: judgeRefusal((e as Error).message), ms: since() };
    return { problems: [escaped(e)], ms: since() };
  }
  const ms = since();
  if (failed) return { problems: [], ms };
  // It passed: then it must be a valid StructureDefinition (the project's validator is the judge; not timed).
  const errors = fuzzValidator()
    .issues(JSON.parse(Buffer.from(c.bytes).toString('utf8')))
    .filter((i) => i.severity === 'error' || i.severity === 'fatal');
  const problems: Problem[] = errors.length ? [{ kind: 'malformed-passes', detail: `the review passes a definition with ${errors.length} error(s), first: ${errors[0].expression ?? ''} ${errors[0].message}`.slice(0, 500) }] : [];
  return { problems, ms };
}

export interface FuzzTarget {
  name: TargetName;
  generate(rng: Rng): FuzzCase;
  run(c: FuzzCase): Promise<RunResult>;
}

export const TARGETS: Record<TargetName, FuzzTarget> = {
  validate: { name: 'validate', generate: generateValidate, run: runValidate },
  convert: { name: 'convert', generate: generateConvert, run: runConvert },
  review: { name: 'review', generate: generateReview, run: runReview },
};
