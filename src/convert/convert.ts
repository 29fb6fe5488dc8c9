import type { FhirResource } from '../ig/generated-resources';
import { ConversionInputError } from './errors';
import { assertOutputSize, unshared } from './output-size';
import { readFhirJson } from './fhir-json';
import { fhirXmlToJson, looksLikeXml } from './fhir-xml-io';
import { imagingManifestParts } from './imaging-manifest/imaging-manifest-to-imaging-reference';
import { imagingReferenceToImagingSelection } from './imaging-selection/imaging-reference-to-imaging-selection';
import { imagingReferenceToImagingManifest } from './imaging-manifest/imaging-reference-to-imaging-manifest';
import { imagingSelectionToImagingReference } from './imaging-selection/imaging-selection-to-imaging-reference';
import { KOS_SOP_CLASS, kosDatasetToImagingReferences } from './kos/kos-to-imaging-reference';
import { readDicomJson } from './kos/dicom-json';
import { readPart10, text } from './kos/read-part10';
import { imagingReferencesToKos, type Resolver } from './kos/imaging-reference-to-kos';
import type { ValidationIssue } from '../validator';
import { ConversionReport, type ConversionOptions } from './outcome';
import type { ImagingManifest, ImagingReference, ImagingSelection } from './resources';

export const SOURCE_FORMATS = ['kos', 'dicomjson', 'imagingmanifest', 'imagingselection', 'imagingreference'] as const;
export const TARGET_FORMATS = ['imagingreference', 'imagingselection', 'imagingmanifest', 'kos'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];
export type TargetFormat = (typeof TARGET_FORMATS)[number];
/** The targets that are FHIR resources (KOS is a DICOM file: convertToKos). */
export type FhirTargetFormat = Exclude<TargetFormat, 'kos'>;

export interface ConversionInput {
  /** Names the input in errors and issues (a file name). */
  name: string;
  content: Uint8Array;
}

export interface ConversionResult {
  resources: FhirResource[];
  /** Losses and guesses, as OperationOutcome issues. */
  issues: ValidationIssue[];
}

/** The usual target of a source: ImagingReference, or ImagingSelection from an ImagingReference. */
export function defaultTarget(from: SourceFormat): FhirTargetFormat {
  return from === 'imagingreference' ? 'imagingselection' : 'imagingreference';
}

/**
 * Converts every input, or none: the first input that is not what `from` claims throws a
 * ConversionInputError naming it, so that no partial output is ever produced.
 */
export function convert(inputs: readonly ConversionInput[], from: SourceFormat, to: TargetFormat = defaultTarget(from), options: ConversionOptions = {}): ConversionResult {
  if (from === to) throw new ConversionInputError(`nothing to convert: source and target are both ${to}`);
  if (to === 'kos') throw new ConversionInputError('a KOS is a DICOM file, not a FHIR resource: use convertToKos');
  const resources: FhirResource[] = [];
  const issues: ValidationIssue[] = [];
  for (const input of inputs) {
    try {
      for (const { report, references } of toImagingReferences(input, from, options)) {
        resources.push(...references.map((r) => fromImagingReference(r, to, report)));
        issues.push(...report.issues);
      }
    } catch (e) {
      if (e instanceof ConversionInputError) throw new ConversionInputError(`${input.name}: ${e.message}`);
      throw e;
    }
  }
  assertOutputSize(resources);
  return { resources: unshared(resources), issues };
}

function fromImagingReference(reference: ImagingReference, to: FhirTargetFormat, report: ConversionReport): FhirResource {
  switch (to) {
    case 'imagingselection':
      return imagingReferenceToImagingSelection(reference, report);
    case 'imagingmanifest':
      return imagingReferenceToImagingManifest(reference, report);
    case 'imagingreference':
      return reference;
  }
}

export interface KosResult {
  /** The DICOM Part 10 file. */
  bytes: Uint8Array;
  issues: ValidationIssue[];
}

/**
 * Every input, through ImagingReference, into one Key Object Selection document (a KOS is about
 * one patient; the references may span studies). `resolve` finds the referenced Patient.
 */
export function convertToKos(inputs: readonly ConversionInput[], from: SourceFormat, options: ConversionOptions & { resolve?: Resolver } = {}): KosResult {
  const references: ImagingReference[] = [];
  const issues: ValidationIssue[] = [];
  const report = new ConversionReport('output', undefined, options);
  for (const input of inputs) {
    try {
      for (const step of toImagingReferences(input, from, options)) {
        references.push(...step.references);
        issues.push(...step.report.issues);
      }
    } catch (e) {
      if (e instanceof ConversionInputError) throw new ConversionInputError(`${input.name}: ${e.message}`);
      throw e;
    }
  }
  const bytes = imagingReferencesToKos(references, report, options.resolve);
  return { bytes, issues: [...issues, ...report.issues] };
}

interface Step {
  report: ConversionReport;
  references: ImagingReference[];
}

/** Every source goes through ImagingReference, the hub of the conversions. */
function toImagingReferences(input: ConversionInput, from: SourceFormat, options: ConversionOptions): Step[] {
  switch (from) {
    case 'kos': {
      const report = new ConversionReport(input.name, undefined, options);
      return [{ report, references: kosDatasetToImagingReferences(readPart10(input.content), report) }];
    }
    case 'dicomjson':
      return fromDicomJson(input, options);
    case 'imagingmanifest':
      return fromJson(input, options, 'ImagingManifest', (r, report) => imagingManifestParts(r as ImagingManifest, report));
    case 'imagingselection':
      return fromJson(input, options, 'ImagingSelection', (r, report) => [imagingSelectionToImagingReference(r as ImagingSelection, report)]);
    case 'imagingreference':
      return fromJson(input, options, 'ImagingReference', (r) => [r as ImagingReference]);
  }
}

/**
 * DICOM JSON (PS3.18 Annex F): the KOS data sets of the file, each mapped as a Part 10 KOS is; in
 * a series' metadata the other instances are passed over. A lone data set must be a KOS.
 */
function fromDicomJson(input: ConversionInput, options: ConversionOptions): Step[] {
  const datasets = readDicomJson(input.content);
  const several = datasets.length > 1;
  const steps = datasets.flatMap((file, i) => {
    if (several && text(file.dataset, 'SOPClassUID') !== KOS_SOP_CLASS) return [];
    const report = new ConversionReport(several ? `${input.name} [${i}]` : input.name, undefined, options);
    return [{ report, references: kosDatasetToImagingReferences(file, report) }];
  });
  if (!steps.length) throw new ConversionInputError(`none of the ${datasets.length} data sets is a Key Object Selection document (SOP Class UID ${KOS_SOP_CLASS})`);
  return steps;
}

/** FHIR JSON, or FHIR XML (R5 types only), read through the same JSON reader. */
function fromJson(input: ConversionInput, options: ConversionOptions, type: string, map: (resource: FhirResource, report: ConversionReport) => ImagingReference[]): Step[] {
  const xml = looksLikeXml(input.content);
  if (xml && type === 'ImagingManifest') throw new ConversionInputError('STU3 ImagingManifest is read as JSON only (the XML reader knows the R5 definitions)');
  const content = xml ? fhirXmlToJson(input.content) : input.content;
  return readFhirJson(content, type).map(({ where, resource, locate }) => {
    // Positions in XML input would be those of the JSON made from it: not given.
    const report = new ConversionReport(where ? `${input.name} ${where}` : input.name, xml ? undefined : locate, options);
    return { report, references: map(resource, report) };
  });
}
