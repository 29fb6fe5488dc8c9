import { Option, type Command } from 'commander';
import { UsageError } from '../errors';
import { assertNotAnInput, ReportFile } from '../report-file';
import type { RegisterCommand } from './index';
import { expandInputs, InputError, validateFile, type InputResult } from '../../validator/input/input-files';
import { formatJson } from '../../validator/outcome/formatters/json';
import { formatJunit } from '../../validator/outcome/formatters/junit';
import { TextReporter } from '../../validator/outcome/formatters/text';
import { isFailure } from '../../validator/outcome/issue';
import { RunBudget } from '../../validator/outcome/issue-limit';
import { createValidator, ValidatorSetupError } from '../../validator/validator';

interface ValidateCliOptions {
  ig: string[];
  profile: string[];
  format: 'text' | 'json' | 'junit';
  output?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `imgref validate`: checks resources against FHIR R5 and the ImagingReference IG. */
export const registerValidate: RegisterCommand = (program: Command) => {
  program
    .command('validate')
    .description('validate FHIR resources (.json, .xml, .ndjson files, folders, or - for standard input) against FHIR R5 and the IG')
    .argument('<path...>', 'files, folders (searched recursively) or - for standard input')
    .option('--ig <path>', 'also load conformance resources from this folder, package or file (repeatable)', collect, [])
    .option('--profile <url>', 'also validate against this profile (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'junit']).default('text'))
    .option('--output <file>', 'write the report to this file instead of standard output')
    .action(async (paths: string[], options: ValidateCliOptions) => {
      process.exitCode = await runValidate(paths, options);
    });
};

export async function runValidate(paths: string[], options: ValidateCliOptions): Promise<number> {
  let files: string[];
  try {
    files = expandInputs(paths);
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
  if (options.output !== undefined) assertNotAnInput(options.output, [...files, ...options.ig], options.ig);
  let validator;
  try {
    validator = await createValidator({ igPaths: options.ig, profiles: options.profile });
  } catch (e) {
    if (e instanceof ValidatorSetupError) throw new UsageError(e.message);
    throw e;
  }
  const progress = process.stderr.isTTY && files.length > 20;
  const showProgress = (i: number) => {
    if (progress && (i % 10 === 0 || i === files.length - 1)) process.stderr.write(`\rvalidated ${i + 1}/${files.length}`);
  };
  const toFile = options.output !== undefined;
  const out = toFile ? new ReportFile(options.output!) : undefined;
  // process.stdout is synchronous for files, pipes and terminals on Linux: nothing piles up.
  const write = (text: string) => (out === undefined ? process.stdout.write(text) : out.write(text));
  let written = false;
  try {
    if (options.format === 'text') {
      // Written as it goes: a long NDJSON run keeps no issues in memory.
      const reporter = new TextReporter(write, !toFile && useColour(process.stdout.isTTY === true, process.env));
      for (const [i, file] of files.entries()) {
        await validateFile(validator, file, [], (issues) => reporter.issues(file, issues));
        reporter.endFile();
        showProgress(i);
      }
      if (progress) process.stderr.write('\n');
      const failed = reporter.end();
      out?.commit();
      written = true;
      return failed ? 1 : 0;
    }
    // JSON and JUnit are single documents: they need every result before they can be written.
    const results: InputResult[] = [];
    const budget = new RunBudget();
    for (const [i, file] of files.entries()) {
      const result = await validateFile(validator, file, []);
      results.push({ file, issues: budget.take(result.issues) });
      showProgress(i);
    }
    if (progress) process.stderr.write('\n');
    write(options.format === 'json' ? formatJson(results) : formatJunit(results));
    out?.commit();
    written = true;
    return results.some((r) => r.issues.some(isFailure)) ? 1 : 0;
  } finally {
    if (!written) out?.abort();
  }
}

/** Colour on a terminal, unless NO_COLOR is set to anything but the empty string (https://no-color.org). */
export function useColour(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  return isTTY && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}
