// HTML building blocks: escaping and a tagged template that escapes every interpolated value
// unless it is already markup (an `Html` value), so that no page can forget to escape.

/** Markup that is safe to insert as it is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

type Part = Html | string | number | boolean | null | undefined | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof Html) return part.value;
  return escapeHtml(String(part));
}

/** html`<p>${text}</p>`: escapes strings, keeps `Html` values, joins arrays. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  parts.forEach((part, i) => {
    out += render(part) + strings[i + 1];
  });
  return new Html(out);
}

/** Trusted markup (rendered Markdown, highlighted code, SVG built here). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** An id usable as an HTML anchor, from an element id such as `ImagingReference.instance.uid`. */
export function anchorId(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '_');
}
