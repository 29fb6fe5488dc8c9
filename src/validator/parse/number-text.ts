// How each number was written, when its JavaScript value does not say: FHIR decimals keep their
// precision (1.50 is not 1.5), and an integer written 1.0 or 1e2 is not an integer. Kept beside the
// parsed value (as the source map is) so that the resource stays plain JSON.

const texts = new WeakMap<object, Map<string | number, string>>();

/** Records the text of `container[key]` if String(value) would not give it back. */
export function recordNumberText(container: object, key: string | number, text: string, value: number): void {
  if (String(value) === text) return; // most numbers: nothing to keep
  let map = texts.get(container);
  if (!map) texts.set(container, (map = new Map()));
  map.set(key, text);
}

/** The text `container[key]` was written as: the recorded one, else the number's own. */
export function numberText(container: object | undefined, key: string | number | undefined, value: number): string {
  return (container && key !== undefined ? texts.get(container)?.get(key) : undefined) ?? String(value);
}
