import { eachElement, type CheckKind } from './check';

export interface BindingCheck {
  kind: 'binding';
  path: string;
  strength: 'required' | 'extensible' | 'preferred' | 'example';
  /** The value set's canonical URL (a `|version` suffix in the definition is ignored). */
  valueSet: string;
}

export const binding: CheckKind<BindingCheck> = {
  kind: 'binding',
  describe: (c) => `${c.path} is bound ${c.strength} to ${c.valueSet}`,
  run: (c, view) =>
    eachElement(view, c.path, (e, shown) => {
      if (!e.binding) return `${shown} has no binding`;
      const problems: string[] = [];
      if (e.binding.strength !== c.strength) problems.push(`strength ${e.binding.strength}, expected ${c.strength}`);
      const valueSet = e.binding.valueSet?.split('|')[0];
      if (valueSet !== c.valueSet) problems.push(`value set ${valueSet ?? '(none)'}, expected ${c.valueSet}`);
      return problems.length ? `${shown} binding has ${problems.join(' and ')}` : undefined;
    }),
};
