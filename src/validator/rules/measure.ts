// A Measure whose criteria are CQL must have a Library to find them in: a CQL criterion is "typically the
// name of an expression in a library" (https://hl7.org/fhir/R5/measure-definitions.html#Measure.group.population.criteria)
// and Measure.library is "a reference to a Library resource containing the formal logic used by the measure".
// As the HL7 validator does (MEASURE_M_CRITERIA_CQL_NO_LIB), a library counts when it is loaded; whether the
// named expression is in its ELM is not checked here.
import type { ModelRegistry } from '../model/model-registry';
import type { IssueCollector, Site } from '../outcome/issue-collector';
import type { ValidatorRule } from './rule';

const CQL = new Set(['text/cql', 'text/cql.identifier']);

/** The criteria of a Measure (population, stratifier, stratifier component) with their expressions. */
function criteria(measure: Record<string, any>, expression: string): { criteria: any; expression: string }[] {
  const found: { criteria: any; expression: string }[] = [];
  const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
  list(measure.group).forEach((group, g) => {
    list(group?.population).forEach((p, i) => p?.criteria && found.push({ criteria: p.criteria, expression: `${expression}.group[${g}].population[${i}].criteria` }));
    list(group?.stratifier).forEach((s, i) => {
      const at = `${expression}.group[${g}].stratifier[${i}]`;
      if (s?.criteria) found.push({ criteria: s.criteria, expression: `${at}.criteria` });
      list(s?.component).forEach((c, j) => c?.criteria && found.push({ criteria: c.criteria, expression: `${at}.component[${j}].criteria` }));
    });
  });
  return found;
}

/** The walker's hook for a resource: CQL criteria of a Measure without a loaded Library. */
export function checkMeasureLibraries(resource: Record<string, any>, models: ModelRegistry, expression: string, out: IssueCollector): void {
  if (resource.resourceType !== 'Measure') return;
  const libraries = (Array.isArray(resource.library) ? resource.library : []).filter((url: unknown) => typeof url === 'string' && models.definitions.get(url)?.resourceType === 'Library');
  if (libraries.length) return;
  for (const c of criteria(resource, expression)) {
    if (!CQL.has(c.criteria?.language)) continue;
    const site: Site = { container: c.criteria, key: 'language' };
    out.add('error', 'invalid', 'the criteria are CQL, but the Measure names no Library that is loaded to find them in (Measure.library)', c.expression, site, 'MEASURE_M_CRITERIA_CQL_NO_LIB');
  }
}

export const measureRule: ValidatorRule = {
  name: 'measure',
  ids: ['MEASURE_M_CRITERIA_CQL_NO_LIB'],
  checks: "a Measure whose criteria are CQL names a Library that is loaded, as the HL7 validator requires",
  spec: 'https://hl7.org/fhir/R5/measure.html',
  hooks: {
    afterResource: (e, w) => {
      if (e.typeCode === 'Measure') checkMeasureLibraries(e.value as Record<string, any>, w.models, e.expression, w.out);
    },
  },
};
