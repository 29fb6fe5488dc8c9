import { withoutChoiceSuffix, type QaContext, type QaRule } from './rule';

export const W5_IDENTITY = 'w5';

/** Every top-level element maps to a FiveWs element, or the decision records say why it does not. */
export const w5Mappings: QaRule = {
  id: 'w5-mappings',
  title: 'every top-level element has a W5 (FiveWs) mapping or is listed as deliberately unmapped',
  outcome: 'Every top-level element maps to a FiveWs element, except those the records list as unmapped, each with its reason.',
  run: ({ view, core, data }: QaContext) => {
    const findings: string[] = [];
    if (!view.sd.mapping?.some((m) => m.identity === W5_IDENTITY)) findings.push(`the definition declares no mapping with identity ${W5_IDENTITY}`);
    const fiveWs = new Set(core.view('FiveWs').elements.map((e) => withoutChoiceSuffix(e.path)));
    const unmapped = data.w5Unmapped;
    const topLevel = view.topLevelElements().map((e) => ({ path: view.relativePath(e), map: view.mapping(e, W5_IDENTITY)?.map }));
    for (const { path, map } of topLevel) {
      if (map !== undefined && path in unmapped) findings.push(`${path} maps to ${map} but is listed as unmapped`);
      else if (map === undefined && !(path in unmapped)) findings.push(`${path} has no W5 mapping and is not listed as unmapped`);
      else if (map !== undefined && !fiveWs.has(withoutChoiceSuffix(map))) findings.push(`${path} maps to ${map}, which is not a FiveWs element`);
    }
    for (const path of Object.keys(unmapped)) {
      if (!topLevel.some((t) => t.path === path)) findings.push(`${path} is listed as unmapped but is no top-level element`);
    }
    return findings;
  },
};
