import type { QaContext, QaRule } from './rule';

/**
 * A full sentence: starts with a capital letter or a digit, has at least two words (a space between
 * the first and the last character), ends with a full stop. Three checks in one pass each: the
 * regex /^[A-Z0-9].*\s.*[.?!]$/s said the same but backtracked quadratically on a long text that is
 * not a sentence (5 MB: over an hour).
 */
function isSentence(text: string): boolean {
  return text.length >= 3 && /[A-Z0-9]/.test(text[0]) && '.?!'.includes(text[text.length - 1]) && /\s/.test(text.slice(1, -1));
}

export const elementDescriptions: QaRule = {
  id: 'element-descriptions',
  title: 'every element has a short (no trailing full stop) and a definition (a full sentence)',
  outcome: 'Every element of ImagingReference has a short description without a trailing full stop and a definition that is a sentence.',
  run: ({ view }: QaContext) => {
    const findings: string[] = [];
    for (const e of view.ownElements()) {
      const shown = view.displayPath(e);
      const short = e.short?.trim() ?? '';
      const definition = e.definition?.trim() ?? '';
      if (!short) findings.push(`${shown} has no short description`);
      else if (short.endsWith('.')) findings.push(`${shown}: the short description ends with a full stop`);
      if (!definition) findings.push(`${shown} has no definition`);
      else if (!isSentence(definition)) findings.push(`${shown}: the definition is not a full sentence ("${definition}")`);
    }
    return findings;
  },
};
