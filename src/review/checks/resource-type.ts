import type { CheckKind } from './check';

export interface ResourceTypeCheck {
  kind: 'resource-type';
  /** The name of the resource type: the definition's type, name, root path and the end of its URL. */
  type: string;
}

export const resourceType: CheckKind<ResourceTypeCheck> = {
  kind: 'resource-type',
  describe: (c) => `the resource type is ${c.type}`,
  run: (c, view) => {
    const { sd } = view;
    const found = { type: sd.type, name: sd.name, 'root path': view.root.path, 'URL': sd.url?.split('/').pop() };
    return Object.entries(found)
      .filter(([, value]) => value !== c.type)
      .map(([what, value]) => `the definition's ${what} is ${value ?? '(none)'}, expected ${c.type}`);
  },
};
