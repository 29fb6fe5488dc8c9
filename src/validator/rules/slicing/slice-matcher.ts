import type { ModelRegistry } from '../../model/model-registry';
import { isFailure } from '../../outcome/issue';
import { IssueCollector } from '../../outcome/issue-collector';
import { matchesPattern } from '../pattern';
import type { ResourceFrame } from '../resource-frame';
import { checkBinding } from '../terminology';
import type { ValueSetExpander } from '../value-set-expander';
import { evaluatePath, type TypedValue } from './discriminator-path';
import type { CompiledSlice, Criterion } from './slice-criteria';

/** What matching needs from the validator: definitions, value sets, and validation against a profile. */
export interface SlicingHost {
  models: ModelRegistry;
  expander: ValueSetExpander;
  /** Whether a value validates against a profile without error (profile discriminators). */
  conformsTo(value: TypedValue, profileUrl: string, frame: ResourceFrame): boolean;
}

/** Whether the item at `index` falls in the slice: every discriminator holds (FHIR R5 profiling.html#discriminator). */
export function sliceMatches(slice: CompiledSlice, item: TypedValue, index: number, frame: ResourceFrame, host: SlicingHost): boolean {
  if (slice.position && (index < slice.position.from || index >= slice.position.to)) return false;
  for (const test of slice.tests) {
    const values = evaluatePath(test.steps, item, frame, host.models);
    for (const c of test.criteria) if (!holds(c, values, frame, host)) return false;
  }
  return true;
}

function holds(c: Criterion, values: TypedValue[], frame: ResourceFrame, host: SlicingHost): boolean {
  switch (c.kind) {
    case 'includes':
      return c.values.every((p) => values.some((v) => matchesPattern(v.value, p)));
    case 'absent':
      return values.length === 0;
    case 'exists':
      return values.length > 0;
    case 'valueSet':
      return values.some((v) => memberOf(v, c.valueSet, host.expander));
    case 'types':
      return values.length > 0 && values.every((v) => v.type !== undefined && c.types.includes(v.type));
    case 'profiles':
      return values.some((v) => c.profiles.some((p) => host.conformsTo(v, p, frame)));
    case 'any':
      return true;
  }
}

/** Whether a code, Coding or CodeableConcept is in a value set: the required-binding rule, run on the side. */
function memberOf(value: TypedValue, valueSet: string, expander: ValueSetExpander): boolean {
  const v = value.value;
  const type = value.type ?? (typeof v === 'string' ? 'code' : v !== null && typeof v === 'object' && 'coding' in v ? 'CodeableConcept' : 'Coding');
  const probe = new IssueCollector();
  checkBinding(v, type, { strength: 'required', valueSet }, expander, '', {}, probe);
  return !probe.issues.some(isFailure);
}
