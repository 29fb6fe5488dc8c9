import type { IssueCollector, Site } from '../outcome/issue-collector';
import type { ChildSet } from '../model/element-node';

/** min and max of every child of one object, from the counts the walker made. */
export function checkCardinality(children: ChildSet, counts: Map<object, number> | undefined, container: object, site: Site, expression: string, out: IssueCollector): void {
  for (const node of children.nodes) {
    if (node.min === 0 && node.max === Infinity) continue;
    const n = counts?.get(node) ?? 0;
    const label = node.isChoice ? `${node.name}[x]` : node.name;
    if (n < node.min) {
      out.add('error', 'required', `${label}: minimum required = ${node.min}, but only found ${n}`, expression, site, 'cardinality-min');
    } else if (n > node.max) {
      out.add('error', 'structure', `${label}: max allowed = ${node.max === 0 ? 0 : node.max}, but found ${n}`, `${expression}.${node.name}`, { container, key: node.name }, 'cardinality-max');
    }
  }
}
