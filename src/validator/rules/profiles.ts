import type { StructureModel } from '../model/element-node';
import type { ModelRegistry } from '../model/model-registry';
import type { ResourceFrame } from './resource-frame';
import type { ElementView, ProfilesEvent, ValidatorRule, Walk } from './rule';

/**
 * The profiles a resource is walked against besides its type, each once: those asked for that are for
 * its type, and the known ones of its meta.profile. An unknown one is reported, as it could not be checked.
 */
function profiles(e: ProfilesEvent, w: Walk): StructureModel[] {
  const { resource, model, expression, site } = e;
  const found: StructureModel[] = [];
  for (const profile of e.requested) {
    if (profile.type !== model.type) w.out.add('error', 'structure', `profile ${profile.url} is for ${profile.type}, not ${model.type}`, expression, site, 'profile-type');
    else if (profile !== model && !found.includes(profile)) found.push(profile);
  }
  const declared = resource.meta?.profile;
  if (!Array.isArray(declared)) return found;
  declared.forEach((url: unknown, i: number) => {
    if (typeof url !== 'string' || url.split('|')[0] === model.url) return;
    const profile = w.models.model(url);
    const failure = profile ? undefined : w.models.snapshotFailures.get(url);
    const at = { container: declared, key: i };
    if (profile) {
      if (profile.type !== model.type) w.out.add('error', 'structure', `profile ${profile.url} is for ${profile.type}, not ${model.type}`, expression, site, 'profile-type');
      else if (!found.includes(profile)) found.push(profile);
    } else if (failure) w.out.add('error', 'processing', `profile ${url} (meta.profile) cannot be checked: its snapshot cannot be generated (${failure.message})`, `${expression}.meta.profile[${i}]`, at, 'profile-snapshot');
    else w.out.add('warning', 'not-found', `profile ${url} (meta.profile) is not in the loaded packages or IG: not checked`, `${expression}.meta.profile[${i}]`, at, 'profile-unknown');
  });
  return found;
}

/**
 * The profiles asked for a resource inside another one: those given for the Bundle's entries of its type
 * (`--profile` of another type than Bundle), and the profiles of the element's type in each definition
 * (a Bundle slice's `resource`). Unknown ones are left out: the definition that names them is not the instance's.
 */
export function profilesOfInnerResource(views: readonly ElementView[], value: unknown, frame: ResourceFrame, models: ModelRegistry): StructureModel[] {
  const type = (value as Record<string, unknown> | null)?.resourceType;
  const found = frame.entryProfiles?.filter((p) => p.type === type) ?? [];
  for (const view of views) {
    for (const url of view.type?.profiles ?? []) {
      const profile = models.model(url);
      if (profile && !found.includes(profile)) found.push(profile);
    }
  }
  return found;
}

export const profilesRule: ValidatorRule = {
  name: 'profiles',
  ids: ['profile-type', 'profile-unknown', 'profile-snapshot'],
  checks: 'the profiles asked for (--profile) and declared (meta.profile) are for the resource type, loaded, and have a snapshot; each is then applied in the same walk',
  spec: 'https://hl7.org/fhir/R5/profiling.html',
  hooks: { profiles },
};
