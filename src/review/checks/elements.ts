import { list, type CheckKind } from './check';

export interface ElementsCheck {
  kind: 'elements';
  /** Every element the definition adds, below the root; nothing else may be there. */
  paths: string[];
}

/**
 * No element that the contract does not list: the definition's own elements (not those DomainResource
 * or BackboneElement give: id, meta, extension, ...) are exactly these.
 */
export const elements: CheckKind<ElementsCheck> = {
  kind: 'elements',
  describe: (c) => `the elements are exactly ${c.paths.join(', ')}`,
  run: (c, view) => {
    const own = view.ownElements().filter((e) => e !== view.root).map((e) => view.relativePath(e));
    const extra = own.filter((p) => !c.paths.includes(p));
    const missing = c.paths.filter((p) => !own.includes(p));
    return [
      ...(extra.length ? [`the definition has elements the contract does not list: ${list(extra)}`] : []),
      ...(missing.length ? [`the definition lacks ${list(missing)}`] : []),
    ];
  },
};
