import { ownBelowRoot, type QaContext, type QaRule } from './rule';

/** The ancestor (STU3, not in any package we have) and the successor (R5 core). */
const TARGETS = [
  { identity: 'imagingmanifest', resource: 'ImagingManifest', coreId: undefined },
  { identity: 'imagingselection', resource: 'ImagingSelection', coreId: 'ImagingSelection' },
] as const;

/** "N/A" marks an element as new, or as having no counterpart; the comment says which and why. */
const NONE = 'N/A';

export const versionMappings: QaRule = {
  id: 'version-mappings',
  title: 'every element is mapped to STU3 ImagingManifest and R5 ImagingSelection, or marked as new',
  outcome: 'Every element maps to ImagingManifest (STU3) and ImagingSelection (R5), or says with N/A and a comment that it has no counterpart.',
  run: ({ view, core }: QaContext) => {
    const findings: string[] = [];
    for (const target of TARGETS) {
      if (!view.sd.mapping?.some((m) => m.identity === target.identity)) {
        findings.push(`the definition declares no mapping with identity ${target.identity}`);
      }
      const known = target.coreId ? new Set(core.view(target.coreId).elements.map((e) => e.path)) : undefined;
      for (const { path, element } of ownBelowRoot(view)) {
        const mapping = view.mapping(element, target.identity);
        if (!mapping) findings.push(`${path} has no ${target.identity} mapping`);
        else if (mapping.map === NONE) {
          if (!mapping.comment?.trim()) findings.push(`${path} maps to ${target.identity} N/A without a comment saying why`);
        } else if (!mapping.map.startsWith(`${target.resource}.`)) {
          findings.push(`${path} maps to ${mapping.map}, which is not an element of ${target.resource}`);
        } else if (known && !known.has(mapping.map)) {
          findings.push(`${path} maps to ${mapping.map}, which R5 ${target.resource} does not have`);
        }
      }
    }
    return findings;
  },
};
