// Profiles a resource must meet without claiming them. FHIR R5 requires that an Observation recording a
// vital sign conforms to the matching core vital-signs profile: "If implementations use this Observation
// resource to represent vital signs, then they SHALL use the profiles" (https://hl7.org/fhir/R5/observation-vitalsigns.html).
// Which Observation is a vital sign is told by its code. The table holds the codes the HL7 validator
// recognises (its BasePolicyAdvisorForFullValidation): the specification's one LOINC code per profile,
// plus the LOINC and SNOMED CT codes it treats as the same measurement. As there, the first profile
// whose codes match wins, LOINC before SNOMED CT.
import type { ModelRegistry } from '../model/model-registry';
import type { StructureModel } from '../model/element-node';
import type { IssueCollector, Site } from '../outcome/issue-collector';
import type { ValidatorRule } from './rule';

const CORE = 'http://hl7.org/fhir/StructureDefinition/';
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';

interface VitalSign {
  profile: string;
  name: string;
  loinc: string[];
  snomed: string[];
}

const VITAL_SIGNS: VitalSign[] = [
  { profile: 'vitalspanel', name: 'Vital Signs Panel', loinc: ['85353-1'], snomed: ['46680005'] },
  { profile: 'resprate', name: 'Respiratory Rate', loinc: ['9279-1', '76170-0', '76172-6', '76171-8', '19840-8', '33438-3', '76270-8', '11291-2'], snomed: ['86290005', '271625008', '271306003'] },
  {
    profile: 'heartrate',
    name: 'Heart rate',
    loinc: ['60978-4', '73795-7', '73799-9', '76476-1', '76477-9', '8867-4', '8889-8', '8890-6', '8891-4', '8892-2', '8893-0', '40443-4', '55425-3', '68999-2', '11328-2', '69000-8', '8886-4'],
    snomed: ['271306003', '249043002', '444981005', '399017001', '251670001', '429525003', '429614003'],
  },
  { profile: 'oxygensat', name: 'Oxygen saturation', loinc: ['2708-6', '19224-5', '20564-1', '2709-4', '2710-2', '2713-6', '51733-4', '59408-5', '59417-6', '89276-0', '97549-0'], snomed: ['442476006', '431314004'] },
  {
    profile: 'bodytemp',
    name: 'Body temperature',
    loinc: ['8310-5', '60834-9', '60835-6', '60836-4', '60838-0', '60955-2', '61009-7', '75539-7', '75987-8', '76010-8', '76011-6', '76278-1', '8309-7', '8328-7', '8329-5', '8330-3', '8331-1', '8332-9', '8333-7', '8334-5', '91371-5', '98657-0', '98663-8'],
    snomed: ['386725007', '276885007', '300076005', '1222808002', '364246006', '307047009', '708499008', '431598003', '698831002', '698832009', '415882003', '415974002', '415929009', '415945006'],
  },
  { profile: 'bodyheight', name: 'Body height', loinc: ['8302-2', '3137-7', '3138-5', '8306-3', '8308-9'], snomed: ['1153637007', '1162419008', '50373000', '1162418000', '1230278008', '1162392001', '1162417005'] },
  { profile: 'headcircum', name: 'Head circumference', loinc: ['9843-4', '8287-5'], snomed: ['363812007', '169876006', '1269262007', '363811000'] },
  { profile: 'bodyweight', name: 'Body weight', loinc: ['29463-7', '3141-9', '3142-7', '75292-3', '79348-9', '8350-1', '8351-9'], snomed: ['735395000', '425024002', '424927000', '784399000', '1162416001', '1162415002'] },
  { profile: 'bmi', name: 'Body mass index', loinc: ['39156-5', '89270-3'], snomed: ['60621009'] },
  { profile: 'bp', name: 'Blood pressure systolic and diastolic', loinc: ['85354-9', '35094-2', '8459-0', '76534-7', '55284-4', '8480-6'], snomed: ['251076008', '163033001', '163035008', '386534000', '386536003', '271649006', '271650006', '407556006', '407554009', '716579001', '399304008'] },
];

export interface ImpliedProfile {
  model: StructureModel;
  /** Why it applies, for the informational issue that says so. */
  reason: string;
}

/** The first code of `system` in the resource's `code` that is in `codes`. */
function codeIn(resource: Record<string, any>, system: string, codes: string[]): string | undefined {
  const codings = resource.code?.coding;
  if (!Array.isArray(codings)) return undefined;
  for (const c of codings) if (c?.system === system && typeof c.code === 'string' && codes.includes(c.code)) return c.code;
  return undefined;
}

/** The vital-signs profile an Observation must also meet, when its code says it is one (and the profile is loaded). */
export function impliedProfile(resource: Record<string, any>, models: ModelRegistry): ImpliedProfile | undefined {
  if (resource.resourceType !== 'Observation') return undefined;
  for (const [system, label, pick] of [
    [LOINC, 'LOINC', (v: VitalSign) => v.loinc],
    [SNOMED, 'SNOMED CT', (v: VitalSign) => v.snomed],
  ] as const) {
    for (const v of VITAL_SIGNS) {
      const code = codeIn(resource, system, pick(v));
      if (!code) continue;
      const url = CORE + v.profile;
      const model = models.model(url);
      if (!model) return undefined;
      return { model, reason: `validated against the ${v.name} profile (${url}), which the FHIR specification requires because the ${label} code ${code} was found` };
    }
  }
  return undefined;
}

/**
 * The walker's hook: the implied profiles of a resource (none, or one vital-signs profile), with an
 * informational issue saying why, as the HL7 validator's signpost does. A profile the resource already
 * claims or was given is not applied twice.
 */
export function impliedProfiles(resource: Record<string, any>, models: ModelRegistry, applied: StructureModel[], out: IssueCollector, expression: string, site: Site): StructureModel[] {
  const implied = impliedProfile(resource, models);
  if (!implied) return [];
  out.add('information', 'informational', implied.reason, expression, site, 'VALIDATION_VAL_PROFILE_SIGNPOST_OBS');
  return applied.some((p) => p.url === implied.model.url) ? [] : [implied.model];
}

/** Runs after the profiles rule: the profiles a resource implies come on top of those asked for and declared. */
export const impliedProfilesRule: ValidatorRule = {
  name: 'implied-profiles',
  ids: ['VALIDATION_VAL_PROFILE_SIGNPOST_OBS'],
  checks: 'an Observation with a vital-signs code (LOINC or SNOMED CT) is also validated against the matching R5 core vital-signs profile, as the HL7 validator does',
  spec: 'https://hl7.org/fhir/R5/observation-vitalsigns.html',
  hooks: { profiles: (e, w) => [...e.requested, ...impliedProfiles(e.resource, w.models, [...e.requested], w.out, e.expression, e.site)] },
};
