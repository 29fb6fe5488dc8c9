import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { projectRoot } from '../../definitions/sources/project-root';
import { UsageError } from '../errors';
import { failsAt, type FailOn } from '../fail-on';
import { collectInputs, type Input } from '../inputs';
import { assertNotAnInput, ReportFile } from '../report-file';
import { applySuppressions, parseSuppression, readSuppressionsFile, type Suppression } from '../suppressions';
import type { RegisterCommand } from './index';
import { ndjsonBatches, validateFile, validateNdjsonFile, type InputResult } from '../../validator/input/input-files';
import { formatJson } from '../../validator/outcome/formatters/json';
import { formatJunit } from '../../validator/outcome/formatters/junit';
import { formatSarif } from '../../validator/outcome/formatters/sarif';
import { TextReporter } from '../../validator/outcome/formatters/text';
import { RunBudget } from '../../validator/outcome/issue-limit';
import { createValidator, ValidatorSetupError, type Validator } from '../../validator/validator';
import { coreCount, ValidationPool } from '../../server/validation-pool';

export interface ValidateCliOptions {
  ig: string[];
  profile: string[];
  format: 'text' | 'json' | 'junit' | 'sarif';
  output?: string;
  failOn?: FailOn;
  suppress?: string[];
  suppressions?: string[];
  exclude?: string[];
  allFiles?: boolean;
  fhirVersion?: string;
  threads?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Fewer files than this are validated in this thread: starting worker threads costs more than they save. */
const PARALLEL_FROM = 8;
/** An NDJSON file from this size on is spread over worker threads by itself (its lines in batches). */
const PARALLEL_NDJSON_BYTES = 4 << 20;

/** `imgref validate`: checks resources against FHIR R5 and the ImagingReference IG. */
export const registerValidate: RegisterCommand = (program: Command) => {
  program
    .command('validate')
    .description('validate FHIR resources (.json, .xml, .ndjson files, folders, or - for standard input) against FHIR R5 and the IG')
    .argument('<path...>', 'files, folders (searched recursively) or - for standard input')
    .option('--ig <source>', 'also load conformance resources: a folder, a package.tgz, id#version, or a JSON/XML file (repeatable; alias -ig)', collect, [])
    .option('--profile <url>', 'also validate against this profile (repeatable; alias -profile)', collect, [])
    .addOption(new Option('--format <format>', 'report format (default: from the --output extension .json/.sarif, else text)').choices(['text', 'json', 'junit', 'sarif']))
    .option('--output <file>', 'write the report to this file instead of standard output (alias -output)')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (exit 1)').choices(['error', 'warning']).default('error'))
    .option('--suppress <rule[:path]>', 'leave issues of this rule id out of the verdict, optionally only in files matching a glob or under a FHIRPath (repeatable)', collect, [])
    .option('--suppressions <file>', 'a file of RULE[:PATH] lines to suppress, # for comments (repeatable)', collect, [])
    .option('--exclude <glob>', 'leave out files and folders matching this glob (repeatable)', collect, [])
    .option('--all-files', 'in folders, validate every .json/.xml file, not only FHIR resources')
    .option('--fhir-version <version>', 'the FHIR version of the inputs: only 5.0 (R5) is supported (alias -version)')
    .option('--threads <n>', 'worker threads for many files (default: one per core; 1: none)')
    .action(async (paths: string[], options: ValidateCliOptions) => {
      process.exitCode = await runValidate(paths, options);
    });
};

/** `--fhir-version` as the HL7 validator takes it (`-version 5.0`, `5.0.0`, `R5`): anything but R5 is refused. */
function checkFhirVersion(version: string | undefined): void {
  if (version === undefined) return;
  if (!/^(r5|5\.0(\.\d+(-[A-Za-z0-9.]+)?)?)$/i.test(version.trim())) throw new UsageError(`--fhir-version ${version}: this kit validates FHIR R5 (5.0) only`);
}

function reportFormat(options: ValidateCliOptions): ValidateCliOptions['format'] {
  if (options.format) return options.format;
  const ext = options.output ? path.extname(options.output).toLowerCase() : '';
  return ext === '.json' ? 'json' : ext === '.sarif' ? 'sarif' : 'text';
}

export async function runValidate(paths: string[], options: ValidateCliOptions): Promise<number> {
  checkFhirVersion(options.fhirVersion);
  const format = reportFormat(options);
  const fails = failsAt(options.failOn ?? 'error');
  const suppressions: Suppression[] = [...(options.suppress ?? []).map((s) => parseSuppression(s)), ...(options.suppressions ?? []).flatMap(readSuppressionsFile)];
  const threadsOption = options.threads === undefined ? undefined : Number(options.threads);
  if (threadsOption !== undefined && !(Number.isInteger(threadsOption) && threadsOption >= 1)) throw new UsageError(`--threads ${options.threads}: expected a whole number of at least 1`);

  const { inputs, skipped } = collectInputs(paths, { exclude: options.exclude, allFiles: options.allFiles });
  if (skipped.length) process.stderr.write(`imgref: skipped ${skipped.length} file(s) in folders that are not FHIR resources (such as package.json, or JSON without resourceType); --all-files validates them\n`);
  if (!inputs.length) throw new UsageError('nothing to validate: every path was excluded');
  const files = inputs.filter((i) => !i.problem).map((i) => i.file);
  if (options.output !== undefined) assertNotAnInput(options.output, [...files, ...options.ig], options.ig);

  const threads = threadsOption ?? coreCount();
  const onDisk = files.filter((f) => f !== '-');
  const bigNdjson = onDisk.some((f) => path.extname(f).toLowerCase() === '.ndjson' && sizeOf(f) >= (threadsOption ? 0 : PARALLEL_NDJSON_BYTES));
  const parallel = threads > 1 && (onDisk.length >= (threadsOption ? 2 : PARALLEL_FROM) || bigNdjson);
  const engine = await (parallel ? startPool(threads, options) : startValidator(options));

  const progress = process.stderr.isTTY && inputs.length > 20;
  const showProgress = (i: number) => {
    if (progress && (i % 10 === 0 || i === inputs.length - 1)) process.stderr.write(`\rvalidated ${i + 1}/${inputs.length}`);
  };
  const toFile = options.output !== undefined;
  const out = toFile ? new ReportFile(options.output!) : undefined;
  // process.stdout is synchronous for files, pipes and terminals on Linux: nothing piles up.
  const write = (text: string) => (out === undefined ? process.stdout.write(text) : out.write(text));
  let written = false;
  try {
    if (format === 'text') {
      // Written as it goes: a long NDJSON run keeps no issues in memory (in this thread).
      const reporter = new TextReporter(write, !toFile && useColour(process.stdout.isTTY === true, process.env), fails);
      const report = (file: string, found: InputResult['issues']) => {
        const split = applySuppressions(suppressions, file, found);
        reporter.issues(file, split.issues);
        reporter.suppressed(file, split.suppressed);
      };
      let i = 0;
      for await (const result of engine.results(inputs, report)) {
        if (result.issues.length) report(result.file, result.issues);
        reporter.endFile();
        showProgress(i++);
      }
      if (progress) process.stderr.write('\n');
      const failed = reporter.end();
      out?.commit();
      written = true;
      return failed ? 1 : 0;
    }
    // JSON, JUnit and SARIF are single documents: they need every result before they can be written.
    const results: InputResult[] = [];
    const budget = new RunBudget();
    let i = 0;
    for await (const result of engine.results(inputs)) {
      const split = applySuppressions(suppressions, result.file, result.issues);
      results.push({ file: result.file, issues: budget.take(split.issues), ...(split.suppressed.length ? { suppressed: split.suppressed } : {}) });
      showProgress(i++);
    }
    if (progress) process.stderr.write('\n');
    write(render(format, results, fails));
    out?.commit();
    written = true;
    return results.some((r) => r.issues.some(fails)) ? 1 : 0;
  } finally {
    if (!written) out?.abort();
    await engine.close();
  }
}

function render(format: 'json' | 'junit' | 'sarif', results: InputResult[], fails: ReturnType<typeof failsAt>): string {
  if (format === 'json') return formatJson(results);
  if (format === 'junit') return formatJunit(results, fails);
  return formatSarif(results, { toolVersion: require(path.join(projectRoot(), 'package.json')).version });
}

/** Validates the inputs in their order, here or on worker threads; `sink` streams a file's issues (this thread only). */
interface Engine {
  results(inputs: Input[], sink?: (file: string, issues: InputResult['issues']) => void): AsyncIterable<InputResult>;
  close(): Promise<void>;
}

async function startValidator(options: ValidateCliOptions): Promise<Engine> {
  let validator: Validator;
  try {
    validator = await createValidator({ igPaths: options.ig, profiles: options.profile });
  } catch (e) {
    if (e instanceof ValidatorSetupError) throw new UsageError(e.message);
    throw e;
  }
  return {
    async *results(inputs, sink) {
      for (const input of inputs) {
        if (input.problem) yield { file: input.file, issues: [input.problem] };
        else yield await validateFile(validator, input.file, [], sink && ((issues) => sink(input.file, issues)));
      }
    },
    close: async () => undefined,
  };
}

/**
 * Files spread over worker threads, one validator each; results come back in input order (a few
 * files ahead are in flight per thread), so the report and the verdict are those of one thread.
 */
async function startPool(threads: number, options: ValidateCliOptions): Promise<Engine> {
  const pool = new ValidationPool({ threads, igPaths: options.ig, profiles: options.profile });
  try {
    await pool.ready();
  } catch (e) {
    await pool.close();
    if (e instanceof ValidatorSetupError) throw new UsageError(e.message);
    throw e;
  }
  return {
    async *results(inputs) {
      const ahead = threads * 4;
      const pending: Promise<InputResult>[] = [];
      const start = (input: Input): Promise<InputResult> =>
        input.problem
          ? Promise.resolve({ file: input.file, issues: [input.problem] })
          : input.file === '-'
            ? stdinResult()
            : path.extname(input.file).toLowerCase() === '.ndjson'
              ? validateNdjsonFile(ndjson, input.file)
              : pool.validateFile(input.file, []);
      // An NDJSON file is read here and its lines validated in batches on the threads, two per thread in flight.
      const ndjson = ndjsonBatches(threads * 2, (lines) => pool.validateLines(lines, []));
      // Standard input can be read by this thread only.
      let here: Validator | undefined;
      const stdinResult = async () => {
        here ??= await createValidator({ igPaths: options.ig, profiles: options.profile });
        return validateFile(here, '-', []);
      };
      let next = 0;
      while (next < inputs.length && pending.length < ahead) pending.push(start(inputs[next++]));
      while (pending.length) {
        const result = await pending.shift()!;
        if (next < inputs.length) pending.push(start(inputs[next++]));
        yield result;
      }
    },
    close: () => pool.close(),
  };
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Colour on a terminal, unless NO_COLOR is set to anything but the empty string (https://no-color.org). */
export function useColour(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  return isTTY && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}
