// How each number was written, when its JavaScript value does not say: FHIR decimals keep their
// precision (1.50 is not 1.5), and an integer written 1.0 or 1e2 is not an integer. Kept beside the
// parsed value (as the source map is) so that the resource stays plain JSON.

const texts = new WeakMap<object, Map<string | number, string>>();

/**
 * Whether String(value) might not give `text` back. Printing a double is the costly part, so the
 * texts that surely come back are let through first: at most 15 characters (so at most 15 significant
 * digits, which a double keeps), no exponent, no trailing zero after a point, not -0, and not so
 * small that JavaScript would print an exponent (below 1e-6).
 */
function mayDiffer(text: string, value: number): boolean {
  if (text.length > 15 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) return true;
  if (value === 0) return text !== '0';
  if (text.charCodeAt(text.length - 1) === 0x30 && text.indexOf('.') >= 0) return true;
  return Math.abs(value) < 1e-6;
}

/** Records the text of `container[key]` if String(value) would not give it back. */
export function recordNumberText(container: object, key: string | number, text: string, value: number): void {
  if (!mayDiffer(text, value) || String(value) === text) return; // most numbers: nothing to keep
  let map = texts.get(container);
  if (!map) texts.set(container, (map = new Map()));
  map.set(key, text);
}

/** The text `container[key]` was written as: the recorded one, else the number's own. */
export function numberText(container: object | undefined, key: string | number | undefined, value: number): string {
  return (container && key !== undefined ? texts.get(container)?.get(key) : undefined) ?? String(value);
}
