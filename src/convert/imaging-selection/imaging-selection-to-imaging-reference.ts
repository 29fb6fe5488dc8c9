import { ConversionInputError } from '../errors';
import { checkShape, CODEABLE_CONCEPT, CODING, DOMAIN_RESOURCE, IDENTIFIER, REFERENCE, type Shape } from '../json-shape';
import type { ConversionReport } from '../outcome';
import type { Coding, Extension, ImagingReference, ImagingReferenceInstance, ImagingSelection, ImagingSelectionInstance, Reference } from '../resources';
import { reportUnmapped } from '../unmapped';
import { hasUrnOid, isDicomUid, stripUrnOid } from '../uid';
import { dataAbsent, isOnlyDataAbsent } from '../data-absent';
import { takeDescription } from './description-extension';
import { mergeInstances, uniqueParts } from '../merge-instances';
import { carryMeta, carryText } from '../resource-level';
import { businessIdentifiers } from '../identifier';
import { SHARED_ELEMENTS, URI_SYSTEM } from './imaging-reference-to-imaging-selection';
import { hasNumberedParts, isStructuredReport } from './sop-classes';

const MAPPED = new Set<string>([
  'resourceType', ...SHARED_ELEMENTS, 'meta', 'text', 'identifier', 'status', 'subject', 'issued', 'performer', 'code',
  'studyUid', 'derivedFrom', 'endpoint', 'seriesUid', 'instance',
]);
const MAPPED_PERFORMER = new Set(['actor']);
const MAPPED_INSTANCE = new Set(['uid', 'sopClass', 'subset']);
const MAPPED_SOP_CLASS = new Set(['system', 'code']);

const POSITIVE_INT = /^[1-9][0-9]*$/;

/** The JSON types of what is read or copied. */
const SELECTION: Shape = {
  properties: {
    ...DOMAIN_RESOURCE,
    identifier: { items: IDENTIFIER },
    status: 'string',
    subject: REFERENCE,
    issued: 'string',
    performer: { items: { properties: { function: CODEABLE_CONCEPT, actor: REFERENCE } } },
    code: CODEABLE_CONCEPT,
    studyUid: 'string',
    derivedFrom: { items: REFERENCE },
    endpoint: { items: REFERENCE },
    seriesUid: 'string',
    instance: { items: { properties: { uid: 'string', number: 'number', sopClass: CODING, subset: { items: 'string' } } } },
  },
};

/** R5 ImagingSelection -> ImagingReference. */
export function imagingSelectionToImagingReference(source: ImagingSelection, report: ConversionReport): ImagingReference {
  checkShape(source, SELECTION, 'ImagingSelection');
  // Without a study and a series the selection spans more than an ImagingReference can hold.
  if (!source.studyUid) throw new ConversionInputError('ImagingSelection has no studyUid; an ImagingReference selects within one study');
  if (!source.seriesUid) throw new ConversionInputError('ImagingSelection has no seriesUid (a whole-study selection); an ImagingReference selects within one series');
  // status is a modifier: an ImagingReference made from an entered-in-error selection would read as a current one.
  if (source.status === 'entered-in-error') throw new ConversionInputError('ImagingSelection.status is entered-in-error (a modifier): an ImagingReference has no status to say so: refused');
  reportUnmapped(source, MAPPED, 'ImagingSelection', 'ImagingReference', report);

  const target: Record<string, unknown> = { resourceType: 'ImagingReference' };
  for (const key of SHARED_ELEMENTS) if (source[key] !== undefined) target[key] = source[key];
  const { description, rest } = takeDescription(source.extension as Extension[] | undefined);
  if (rest.length) target.extension = rest;
  else delete target.extension;
  const meta = carryMeta(source.meta as never, 'ImagingSelection', report);
  if (meta) target.meta = meta;
  const text = carryText(source.text, 'ImagingSelection', report);
  if (text) target.text = text;
  const identifier = businessIdentifiers(source.identifier, 'ImagingSelection.identifier', report);
  if (identifier?.length) target.identifier = identifier;
  if (source.status !== 'available') {
    report.loss('ImagingSelection.status', `status ${source.status} has no counterpart (an ImagingReference has no status): dropped`);
  }
  target.subject = subject(source.subject, report);
  if (source.issued !== undefined) target.issued = source.issued;
  const performer = performerOf(source, report);
  if (performer) target.performer = performer;
  if (source.code && !isOnlyDataAbsent(source.code)) target.title = source.code;
  if (description !== undefined) target.description = description;
  target.studyUid = source.studyUid;
  const imagingStudy = imagingStudyOf(source.derivedFrom, report);
  if (imagingStudy) target.imagingStudy = imagingStudy;
  if (source.endpoint) target.endpoint = source.endpoint;
  target.seriesUid = source.seriesUid;
  if (source.instance) {
    const instances = source.instance.map((instance, i) => toReferenceInstance(instance, `ImagingSelection.instance[${i}]`, report));
    target.instance = mergeInstances(instances, 'ImagingSelection.instance', report, 'ImagingSelection.instance');
  }
  return target as ImagingReference;
}

function subject(reference: Reference | undefined, report: ConversionReport): Reference {
  if (!reference) {
    report.guess('ImagingSelection.subject', 'no subject: ImagingReference.subject is required, so it is marked data-absent-reason unknown');
    return dataAbsent('unknown');
  }
  const type = referencedType(reference);
  if (type && type !== 'Patient') {
    report.loss('ImagingSelection.subject', `subject refers to a ${type}; ImagingReference.subject refers to a Patient only: kept, but the result will not validate`);
  }
  return reference;
}

function performerOf(source: ImagingSelection, report: ConversionReport): Reference | undefined {
  const performers = source.performer ?? [];
  performers.forEach((p, i) => reportUnmapped(p, MAPPED_PERFORMER, `ImagingSelection.performer[${i}]`, 'ImagingReference', report));
  const withActor = performers.findIndex((p) => p.actor);
  performers.forEach((p, i) => {
    if (p.actor && i !== withActor) report.loss(`ImagingSelection.performer[${i}]`, 'ImagingReference has one performer: only the first actor is kept');
  });
  return withActor >= 0 ? performers[withActor].actor : undefined;
}

function imagingStudyOf(derivedFrom: Reference[] | undefined, report: ConversionReport): Reference | undefined {
  let kept: Reference | undefined;
  (derivedFrom ?? []).forEach((reference, i) => {
    const path = `ImagingSelection.derivedFrom[${i}]`;
    const type = referencedType(reference);
    if (kept || (type && type !== 'ImagingStudy')) {
      report.loss(path, `derivedFrom ${type ? `${type} ` : ''}reference has no counterpart (imagingStudy holds one ImagingStudy): dropped`);
      return;
    }
    if (!type) report.guess(path, 'derivedFrom reference of unknown type taken as the ImagingStudy');
    kept = reference;
  });
  return kept;
}

/** The resource type a Reference names, from `type` or a relative or absolute literal reference. */
function referencedType(reference: Reference): string | undefined {
  if (reference.type) return reference.type;
  const match = reference.reference?.match(/(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/);
  return match?.[1];
}

function toReferenceInstance(source: ImagingSelectionInstance, path: string, report: ConversionReport): ImagingReferenceInstance {
  for (const region of ['imageRegion2D', 'imageRegion3D']) {
    if (source[region] !== undefined) report.widening(`${path}.${region}`, `${region} selects a region of instance ${source.uid}, which ImagingReference cannot select: the whole instance would be selected`);
  }
  reportUnmapped(source, new Set([...MAPPED_INSTANCE, 'imageRegion2D', 'imageRegion3D']), path, 'ImagingReference', report);
  const target: ImagingReferenceInstance = { uid: source.uid };
  if (source.sopClass) {
    const sopClass = sopClassUid(source.sopClass, `${path}.sopClass`, report);
    if (sopClass) target.sopClass = sopClass;
  }
  if (source.subset?.length) Object.assign(target, subsetOf(uniqueParts(source.subset, `${path}.subset`, report, `${path}.subset`), target.sopClass, `${path}.subset`, report));
  return target;
}

function sopClassUid(coding: Coding, path: string, report: ConversionReport): string | undefined {
  reportUnmapped(coding, MAPPED_SOP_CLASS, path, 'ImagingReference', report);
  const code = coding.code ?? '';
  const uid = stripUrnOid(code);
  if (!isDicomUid(uid)) {
    report.loss(path, `sopClass ${JSON.stringify(code)} is not a DICOM UID: dropped`);
    return undefined;
  }
  if (coding.system !== URI_SYSTEM || !hasUrnOid(code)) {
    report.guess(path, `sopClass is not coded as ${URI_SYSTEM} with a urn:oid: code; its code ${code} taken as the SOP Class UID`);
  }
  return uid;
}

/** instance.subset holds frame numbers, SR observation UIDs, or other parts, depending on the SOP class. */
function subsetOf(subset: string[], sopClass: string | undefined, path: string, report: ConversionReport): Partial<ImagingReferenceInstance> {
  if (hasNumberedParts(sopClass)) {
    report.widening(path, `subset of SOP class ${sopClass} lists segments or ROIs (${subset.join(', ')}), which ImagingReference cannot select: the whole instance would be selected`);
    return {};
  }
  if (isStructuredReport(sopClass)) {
    const uids = subset.filter(isDicomUid);
    const others = subset.filter((s) => !isDicomUid(s)).join(', ');
    if (!uids.length) report.widening(path, `subset items are not Observation UIDs (${others}): the whole SR document would be selected`);
    else if (uids.length < subset.length) report.loss(path, `subset items that are not Observation UIDs dropped: ${others}`);
    return uids.length ? { observationUid: uids } : {};
  }
  if (subset.every((s) => POSITIVE_INT.test(s))) {
    if (!sopClass) report.guess(path, 'no sopClass: numeric subset items taken as frame numbers');
    return { frameNumber: subset.map(Number) };
  }
  if (subset.every((s) => isDicomUid(s) && s.includes('.'))) {
    report.guess(path, 'sopClass is not a Structured Report class: UID subset items taken as Observation UIDs');
    return { observationUid: subset };
  }
  report.widening(path, `subset items are neither all frame numbers nor all Observation UIDs (${subset.join(', ')}): the whole instance would be selected`);
  return {};
}
