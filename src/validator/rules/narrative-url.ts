// URL attributes of narrative XHTML, judged as a browser reads them rather than as they are written.

/**
 * Characters a browser ignores or drops when it reads a URL's scheme: ASCII tab and newline
 * anywhere (the URL standard removes them), C0 controls and spaces, and the invisible format
 * characters that make `java\u200Bscript:` look harmless to a naive check. Removed before the
 * scheme is read, so that `java&#9;script:` (the XML reader has decoded the reference) is `javascript:`.
 */
const IGNORED = /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/g;

/** Schemes that run script or show content of their own in the reader's browser. */
const SCRIPT_SCHEMES = new Set(['javascript', 'vbscript', 'livescript', 'mocha', 'data', 'blob', 'filesystem']);

/** Raster images inline in an `img`: FHIR narratives may embed them, and an image runs no script (SVG can, so it is not one of them). */
const INLINE_IMAGE = /^data:image\/(png|gif|jpeg|jpg|webp|bmp)[;,]/;

/** The attributes of the narrative's elements that hold a URL. */
export const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'longdesc']);

/** The scheme of a URL as a browser reads it (lower case), or undefined for a relative URL. */
export function urlScheme(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(IGNORED, ''))?.[1].toLowerCase();
}

/**
 * Why a URL may not appear in this attribute of this element, or undefined when it may:
 * no script schemes (`javascript:`, `vbscript:`, `data:` and the like), except raster
 * `data:image/…` in the `src` of an `img`.
 */
export function unsafeUrl(url: string, element: string, attribute: string): string | undefined {
  const scheme = urlScheme(url);
  if (!scheme || !SCRIPT_SCHEMES.has(scheme)) return undefined;
  if (scheme === 'data' && element === 'img' && attribute === 'src' && INLINE_IMAGE.test(url.replace(IGNORED, '').toLowerCase())) return undefined;
  return `${scheme}: URL in ${attribute} on <${element}>`;
}
