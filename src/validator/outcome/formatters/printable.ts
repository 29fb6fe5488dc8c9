// C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional controls that
// reorder what a terminal shows: none of them may reach a terminal or a CI log from the input.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from the input (property names, values, file names) made safe to print on one line:
 * terminal escapes, carriage returns and line breaks are shown as `\x1b`, `\r`, `\n`, so that
 * they can neither drive the terminal nor forge report lines.
 */
export function printable(text: string): string {
  UNPRINTABLE.lastIndex = 0;
  if (!UNPRINTABLE.test(text)) return text;
  return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');
