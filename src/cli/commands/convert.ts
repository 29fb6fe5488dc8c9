import * as fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { RegisterCommand } from './index';
import { UsageError } from '../errors';
import * as path from 'node:path';
import { ConversionInputError, SOURCE_FORMATS, TARGET_FORMATS, convert, convertToKos, defaultTarget, singleOrCollection, validateOutput, type SourceFormat, type TargetFormat } from '../../convert';
import { folderResolver } from '../../convert/resolve';
import { toFhirXml } from '../../convert/fhir-xml-io';
import type { FhirResource } from '../../ig/generated-resources';
import { createValidator, toOperationOutcome, type ValidationIssue } from '../../validator';
import { isFailure } from '../../validator/outcome/issue';

interface ConvertOptions {
  from: SourceFormat;
  to?: TargetFormat;
  validate: boolean;
  allowWidening?: boolean;
  output?: string;
  resolve?: string;
  format?: 'json' | 'xml';
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
    .description('convert DICOM KOS, STU3 ImagingManifest or R5 ImagingSelection to ImagingReference, or ImagingReference to ImagingSelection or a DICOM KOS')
    .addOption(new Option('--from <format>', 'what the files are').choices([...SOURCE_FORMATS]).makeOptionMandatory())
    .addOption(new Option('--to <format>', 'what to write (default: imagingreference, or imagingselection from imagingreference)').choices([...TARGET_FORMATS]))
    .option('--no-validate', 'do not validate the output')
    .option('--output <file>', 'write the output to this file (required for --to kos, a DICOM file)')
    .addOption(new Option('--format <format>', 'FHIR output as json or xml (default: xml when --output ends in .xml, else json)').choices(['json', 'xml']))
    .option('--resolve <folder>', 'FHIR JSON resources (a Patient) that references of the input point to, for --to kos')
    .option('--allow-widening', 'convert even when the output selects more than the source (whole instances for segments or image regions)')
    .argument('<files...>', 'input files (DICOM Part 10 for kos, FHIR JSON otherwise)')
    .action(async (files: string[], options: ConvertOptions) => {
      process.exitCode = await runConvert(files, options);
    });
};

export async function runConvert(files: string[], options: ConvertOptions): Promise<number> {
  const to = options.to ?? defaultTarget(options.from);
  if (to === options.from) throw new UsageError(`--from and --to are both ${to}: nothing to convert`);
  if (to === 'kos' && !options.output) throw new UsageError('--to kos writes a DICOM file: give it with --output FILE.dcm');
  const inputs = files.map((file) => ({ name: file, content: readInput(file) }));
  if (to === 'kos') return writeKos(inputs, options);
  let result;
  try {
    result = convert(inputs, options.from, to, { allowWidening: options.allowWidening === true });
  } catch (e) {
    if (e instanceof ConversionInputError) throw new UsageError(e.message);
    throw e;
  }
  const output = singleOrCollection(result.resources);
  const issues: ValidationIssue[] = [...result.issues];
  // The validator knows FHIR R5: an STU3 ImagingManifest is not validated (said so, not hidden).
  if (options.validate && to === 'imagingmanifest') issues.push({ severity: 'information', code: 'informational', message: 'output: an STU3 ImagingManifest is not validated (the validator knows FHIR R5)', rule: 'convert-stu3-not-validated' });
  else if (options.validate) issues.push(...validateOutput(await createValidator(), output));
  const format = options.format ?? (options.output?.toLowerCase().endsWith('.xml') ? 'xml' : 'json');
  writeOutput(format === 'xml' ? xmlOf(output, to) : `${JSON.stringify(output, null, 2)}\n`, options.output);
  if (issues.length) process.stderr.write(`${JSON.stringify(toOperationOutcome(issues), null, 2)}\n`);
  return issues.some(isFailure) ? 1 : 0;
}

/** The KOS writer's issues are losses and guesses only: a DICOM file is not validated here (dcmtk's dsrdump does that). */
function writeKos(inputs: { name: string; content: Uint8Array }[], options: ConvertOptions): number {
  let result;
  try {
    result = convertToKos(inputs, options.from, { allowWidening: options.allowWidening === true, resolve: options.resolve ? folderResolver(options.resolve) : undefined });
  } catch (e) {
    if (e instanceof ConversionInputError) throw new UsageError(e.message);
    throw e;
  }
  writeOutput(result.bytes, options.output);
  if (result.issues.length) process.stderr.write(`${JSON.stringify(toOperationOutcome(result.issues), null, 2)}\n`);
  return result.issues.some(isFailure) ? 1 : 0;
}

function xmlOf(output: FhirResource, to: TargetFormat): string {
  if (to === 'imagingmanifest') throw new UsageError('an STU3 ImagingManifest is written as JSON only (the XML writer knows the R5 definitions)');
  try {
    return toFhirXml(output);
  } catch (e) {
    if (e instanceof ConversionInputError) throw new UsageError(e.message);
    throw e;
  }
}

function writeOutput(content: string | Uint8Array, file: string | undefined): void {
  if (!file) {
    process.stdout.write(content);
    return;
  }
  try {
    fs.writeFileSync(path.resolve(file), content);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function readInput(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
