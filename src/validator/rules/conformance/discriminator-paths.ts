import type { DefinitionStore } from '../../../definitions/definition-store';
import type { IssueCollector } from '../../outcome/issue-collector';

/**
 * ElementDefinition.slicing.discriminator.path: "A FHIRPath expression, using the simple subset of FHIRPath, that is
 * used to identify the element on which discrimination is based" (https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.slicing.discriminator.path),
 * evaluated on each item of the sliced element. The HL7 validator type-checks the whole path (SD_PATH_NOT_VALID); here
 * its first step, a plain name, must be a child of the sliced element: as the snapshot lists them, or as its one type
 * defines them. A path that starts with a function or `$this`, and an element with several types or a content
 * reference, are left alone.
 */
export function checkDiscriminatorPaths(sd: Record<string, any>, expression: string, store: DefinitionStore, out: IssueCollector): void {
  const elements = sd.snapshot?.element;
  if (!Array.isArray(elements)) return;
  elements.forEach((element: any, i: number) => {
    const discriminators = element?.slicing?.discriminator;
    if (!Array.isArray(discriminators) || typeof element.path !== 'string' || element.contentReference) return;
    discriminators.forEach((d: any, j: number) => {
      if (typeof d?.path !== 'string') return;
      const first = /^([A-Za-z][A-Za-z0-9_]*)(?:\.|$)/.exec(d.path)?.[1];
      if (!first) return;
      const children = childNames(element, elements, store);
      if (!children || children.has(first) || children.has(`${first}[x]`)) return;
      out.add('error', 'invalid', `The discriminator path '${d.path}' does not appear to be valid for the element that is being sliced '${element.path}'`, `${expression}.snapshot.element[${i}].slicing.discriminator[${j}]`, { container: d, key: 'path' }, 'SD_PATH_NOT_VALID');
    });
  });
}

/** The names of the children of an element: from the snapshot when it lists them, else from the definition of its one type. */
function childNames(element: Record<string, any>, elements: Record<string, any>[], store: DefinitionStore): Set<string> | undefined {
  const prefix = `${element.path}.`;
  const listed = new Set<string>();
  for (const e of elements) {
    const p = e?.path;
    if (typeof p === 'string' && p.startsWith(prefix) && !p.includes('.', prefix.length)) listed.add(p.slice(prefix.length));
  }
  if (listed.size > 0) return listed;
  const types = Array.isArray(element.type) ? element.type : [];
  if (types.length !== 1 || typeof types[0]?.code !== 'string') return undefined;
  const url = store.typeDefinitionUrl(types[0].code);
  const typeSd = url ? store.get(url) : undefined;
  const typeElements = typeSd?.snapshot?.element;
  if (!Array.isArray(typeElements) || typeof typeSd?.type !== 'string') return undefined;
  const typePrefix = `${typeSd.type}.`;
  const names = new Set<string>();
  for (const e of typeElements) {
    const p = e?.path;
    if (typeof p === 'string' && p.startsWith(typePrefix) && !p.includes('.', typePrefix.length)) names.add(p.slice(typePrefix.length));
  }
  return names.size ? names : undefined;
}
