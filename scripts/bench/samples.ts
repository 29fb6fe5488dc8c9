// The benchmark's inputs: resources of the same size (20 instances each), built from the IG's examples
// so that they are valid and exercise the same rules as real submissions.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const INSTANCES = 20;

type Json = Record<string, unknown>;

function example(projectDir: string, file: string): Json {
  return JSON.parse(fs.readFileSync(path.join(projectDir, 'fsh-generated', 'resources', file), 'utf8')) as Json;
}

/** The key-image-note example with 20 instances (and a narrative, so that dom-6 has nothing to say). */
export function imagingReference(projectDir: string, instances = INSTANCES, narrative = true): Json {
  const resource = example(projectDir, 'ImagingReference-key-image-note.json');
  if (narrative) resource.text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Key images of the CT chest</p></div>' };
  const seriesUid = resource.seriesUid as string;
  resource.instance = Array.from({ length: instances }, (_, i) => ({ sopClass: '1.2.840.10008.5.1.4.1.1.2', uid: `${seriesUid}.${i + 1}` }));
  return resource;
}

function studyInstances(seriesUid: string): Json[] {
  return Array.from({ length: INSTANCES }, (_, i) => ({
    uid: `${seriesUid}.${i + 1}`,
    sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' },
    number: i + 1,
  }));
}

/** The CT chest example reduced to one series of 20 instances (R5: modality is a CodeableConcept). */
export function imagingStudyR5(projectDir: string): Json {
  const study = example(projectDir, 'ImagingStudy-imagingstudy-ct-chest.json');
  const series = (study.series as Json[])[0];
  series.instance = studyInstances(series.uid as string);
  series.numberOfInstances = INSTANCES;
  study.series = [series];
  study.numberOfSeries = 1;
  study.numberOfInstances = INSTANCES;
  return study;
}

/** The same study in R4 (modality a Coding), for validators that only know R4. */
export function imagingStudyR4(projectDir: string): Json {
  const study = imagingStudyR5(projectDir);
  for (const series of study.series as Json[]) {
    series.modality = ((series.modality as Json).coding as Json[])[0];
  }
  delete study.endpoint;
  return study;
}

/** A copy with an element no definition has, deep inside (instance 8 of series/list): every validator must reject it. */
export function withUnknownElement(resource: Json): Json {
  const copy = structuredClone(resource);
  const instances = (copy.instance as Json[] | undefined) ?? ((copy.series as Json[])[0].instance as Json[]);
  instances[7].unknownElement = 'x';
  return copy;
}

/** A validator fixture of the slicing rows (tests/fixtures/validator/{valid,invalid}): a resource under a sliced profile. */
export function slicedFixture(projectDir: string, folder: 'valid' | 'invalid', name: string): Json {
  return JSON.parse(fs.readFileSync(path.join(projectDir, 'tests', 'fixtures', 'validator', folder, name), 'utf8')) as Json;
}
