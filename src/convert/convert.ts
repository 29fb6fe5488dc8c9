import type { FhirResource } from '../ig/generated-resources';
import { ConversionInputError } from './errors';
import { readFhirJson } from './fhir-json';
import { imagingManifestToImagingReferences } from './imaging-manifest/imaging-manifest-to-imaging-reference';
import { imagingReferenceToImagingSelection } from './imaging-selection/imaging-reference-to-imaging-selection';
import { imagingSelectionToImagingReference } from './imaging-selection/imaging-selection-to-imaging-reference';
import { kosToImagingReferences } from './kos/kos-to-imaging-reference';
import type { ValidationIssue } from '../validator';
import { ConversionReport, type ConversionOptions } from './outcome';
import type { ImagingManifest, ImagingReference, ImagingSelection } from './resources';

export const SOURCE_FORMATS = ['kos', 'imagingmanifest', 'imagingselection', 'imagingreference'] as const;
export const TARGET_FORMATS = ['imagingreference', 'imagingselection'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];
export type TargetFormat = (typeof TARGET_FORMATS)[number];

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
export function defaultTarget(from: SourceFormat): TargetFormat {
  return from === 'imagingreference' ? 'imagingselection' : 'imagingreference';
}

/**
 * Converts every input, or none: the first input that is not what `from` claims throws a
 * ConversionInputError naming it, so that no partial output is ever produced.
 */
export function convert(inputs: readonly ConversionInput[], from: SourceFormat, to: TargetFormat = defaultTarget(from), options: ConversionOptions = {}): ConversionResult {
  if (from === to) throw new ConversionInputError(`nothing to convert: source and target are both ${to}`);
  const resources: FhirResource[] = [];
  const issues: ValidationIssue[] = [];
  for (const input of inputs) {
    try {
      for (const { report, references } of toImagingReferences(input, from, options)) {
        resources.push(...(to === 'imagingselection' ? references.map((r) => imagingReferenceToImagingSelection(r, report)) : references));
        issues.push(...report.issues);
      }
    } catch (e) {
      if (e instanceof ConversionInputError) throw new ConversionInputError(`${input.name}: ${e.message}`);
      throw e;
    }
  }
  return { resources, issues };
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
      return [{ report, references: kosToImagingReferences(input.content, report) }];
    }
    case 'imagingmanifest':
      return fromJson(input, options, 'ImagingManifest', (r, report) => imagingManifestToImagingReferences(r as ImagingManifest, report));
    case 'imagingselection':
      return fromJson(input, options, 'ImagingSelection', (r, report) => [imagingSelectionToImagingReference(r as ImagingSelection, report)]);
    case 'imagingreference':
      return fromJson(input, options, 'ImagingReference', (r) => [r as ImagingReference]);
  }
}

function fromJson(input: ConversionInput, options: ConversionOptions, type: string, map: (resource: FhirResource, report: ConversionReport) => ImagingReference[]): Step[] {
  return readFhirJson(input.content, type).map(({ where, resource, locate }) => {
    const report = new ConversionReport(where ? `${input.name} ${where}` : input.name, locate, options);
    return { report, references: map(resource, report) };
  });
}
