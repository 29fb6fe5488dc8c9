import { unsafeUrl } from './narrative-url';

// The `style` attribute of narrative XHTML: FHIR allows it for presentation, not to lay content
// over the page that shows the narrative (a fake login box, a hidden link) or to run script.

/** Properties that take an element out of the narrative's box or over the page around it. */
const PLACING = /^(top|right|bottom|left|inset(-.*)?|z-index|transform|translate|rotate|scale|offset(-.*)?|zoom)$/;
/** Values that run something, whatever the property (old IE's expression()). */
const ACTIVE_VALUE = /expression\s*\(|(java|vb)script:/i;
/** url(…) in a value: an image, as HL7's generated tables use (`background-image: url(tbl_bck1.png)`). */
const URL_VALUE = /url\(([^()]*)\)/gi;
/** Properties that bind behaviour (old IE, old Firefox). */
const BEHAVIOUR = /^(behavior|-moz-binding|-ms-behavior)$/;

/**
 * Why a style attribute is not allowed in a narrative, or undefined when it is. Comments and
 * escapes are refused outright, as they can hide a property name (`posi`, a comment, `tion`; or `\70 osition`).
 */
export function unsafeStyle(style: string): string | undefined {
  // Generated narratives repeat a few styles on every cell: each is judged once (the verdict depends on the text alone).
  let verdict = verdicts.get(style);
  if (verdict === undefined) {
    if (verdicts.size >= 4096) verdicts.clear();
    verdicts.set(style, (verdict = judgeStyle(style) ?? ''));
  }
  return verdict || undefined;
}

const verdicts = new Map<string, string>();

function judgeStyle(style: string): string | undefined {
  if (/\/\*|\\/.test(style)) return 'style with a CSS comment or escape';
  if (/[{}<>]|@/.test(style)) return 'style with CSS rules or markup';
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    let value = declaration.slice(colon + 1).trim().toLowerCase();
    if (value.endsWith('!important')) value = value.slice(0, -'!important'.length).trimEnd();
    if (property === 'position' && value !== 'static' && value !== 'relative') return `style position: ${value}`;
    if (PLACING.test(property)) return `style ${property}`;
    if (/^margin/.test(property) && value.includes('-')) return `style ${property} with a negative value`;
    if (BEHAVIOUR.test(property)) return `style ${property}`;
    if (ACTIVE_VALUE.test(value)) return `style ${property} that runs something`;
    for (const [, inner] of value.matchAll(URL_VALUE)) {
      const url = inner.trim().replace(/^(['"])([^]*)\1$/, '$2');
      if (unsafeUrl(url, 'img', 'src')) return `style ${property} with a script URL`;
    }
  }
  return undefined;
}
