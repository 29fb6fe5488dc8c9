import * as fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { RegisterCommand } from './index';
import { UsageError } from '../errors';
import { ConversionInputError, SOURCE_FORMATS, TARGET_FORMATS, convert, defaultTarget, singleOrCollection, validateOutput, type SourceFormat, type TargetFormat } from '../../convert';
import { createValidator, toOperationOutcome, type ValidationIssue } from '../../validator';
import { isFailure } from '../../validator/outcome/issue';

interface ConvertOptions {
  from: SourceFormat;
  to?: TargetFormat;
  validate: boolean;
  allowWidening?: boolean;
}

/**
 * `imgref convert --from kos|imagingmanifest|imagingselection|imagingreference [--to ...] FILE...`:
 * converts, then validates the output (unless --no-validate). The output goes to stdout (one
 * resource, or a collection Bundle); losses, guesses and validation findings to stderr as one
 * OperationOutcome. Exit 0, or 1 when the output has validation errors; bad input: one line,
 * exit 2, nothing on stdout.
 */
export const registerConvert: RegisterCommand = (program: Command) => {
  program
    .command('convert')
    .description('convert DICOM KOS, STU3 ImagingManifest or R5 ImagingSelection to ImagingReference, or ImagingReference to ImagingSelection')
    .addOption(new Option('--from <format>', 'what the files are').choices([...SOURCE_FORMATS]).makeOptionMandatory())
    .addOption(new Option('--to <format>', 'what to write (default: imagingreference, or imagingselection from imagingreference)').choices([...TARGET_FORMATS]))
    .option('--no-validate', 'do not validate the output')
    .option('--allow-widening', 'convert even when the output selects more than the source (whole instances for segments or image regions)')
    .argument('<files...>', 'input files (DICOM Part 10 for kos, FHIR JSON otherwise)')
    .action(async (files: string[], options: ConvertOptions) => {
      process.exitCode = await runConvert(files, options);
    });
};

export async function runConvert(files: string[], options: ConvertOptions): Promise<number> {
  const to = options.to ?? defaultTarget(options.from);
  if (to === options.from) throw new UsageError(`--from and --to are both ${to}: nothing to convert`);
  const inputs = files.map((file) => ({ name: file, content: readInput(file) }));
  let result;
  try {
    result = convert(inputs, options.from, to, { allowWidening: options.allowWidening === true });
  } catch (e) {
    if (e instanceof ConversionInputError) throw new UsageError(e.message);
    throw e;
  }
  const output = singleOrCollection(result.resources);
  const issues: ValidationIssue[] = [...result.issues];
  if (options.validate) issues.push(...validateOutput(await createValidator(), output));
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  if (issues.length) process.stderr.write(`${JSON.stringify(toOperationOutcome(issues), null, 2)}\n`);
  return issues.some(isFailure) ? 1 : 0;
}

function readInput(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
