import { eachElement, type CheckKind } from './check';

export interface DefinitionTextCheck {
  kind: 'definition';
  /** The element; omit for the root. */
  path?: string;
  /** The agreed definition, word for word. */
  text: string;
}

export const definitionText: CheckKind<DefinitionTextCheck> = {
  kind: 'definition',
  describe: (c) => `${c.path || 'the root'} is defined as "${c.text}"`,
  run: (c, view) =>
    eachElement(view, c.path, (e, shown) =>
      e.definition?.trim() === c.text.trim() ? undefined : `${shown} is defined as "${e.definition ?? ''}", not as agreed`,
    ),
};
