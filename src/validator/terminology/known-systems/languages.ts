import tags = require('language-tags');
import registry = require('language-subtag-registry/data/json/registry.json');
import { memoized, type CodeVerdict, type KnownCodeSystem } from './known-system';

// language-tags error codes (its Tag.ERR_* constants).
const ERR_DEPRECATED = 1;
const ERR_NO_LANGUAGE = 2;
const ERR_UNKNOWN = 3;
const ERR_SUPPRESS_SCRIPT = 10;
const ERR_SUBTAG_DEPRECATED = 11;
/** Still valid tags (RFC 5646 section 3.1.6 keeps deprecated subtags valid; 4.1 item 4 makes a redundant script a SHOULD NOT): a note, not an error. */
const NOTES = new Set([ERR_DEPRECATED, ERR_SUPPRESS_SCRIPT, ERR_SUBTAG_DEPRECATED]);

/** The registry's private-use ranges (`qaa..qtz`, `Qaaa..Qabx`, `QM..QZ`, …), as inclusive [from, to] pairs, lower case. */
let privateRanges: [string, string][] | undefined;
function inPrivateRange(subtag: string): boolean {
  privateRanges ??= registry
    .filter((r) => r.Subtag?.includes('..'))
    .map((r) => r.Subtag!.toLowerCase().split('..') as [string, string]);
  const s = subtag.toLowerCase();
  return privateRanges.some(([from, to]) => s.length === from.length && s >= from && s <= to);
}

/**
 * BCP-47 (urn:ietf:bcp:47): a language tag well formed (RFC 5646) whose subtags are in the IANA
 * language subtag registry (language-tags, with the registry of language-subtag-registry).
 * Private use is valid: a tag of `x-…` alone, and subtags in the registry's private-use ranges.
 */
function check(code: string): CodeVerdict {
  if (/^x(-[A-Za-z0-9]{1,8})+$/i.test(code)) return { valid: true };
  const errors = tags(code).errors();
  // language-tags knows no private-use subtag: it calls one unknown, and a private-use language also missing.
  const privateLanguage = inPrivateRange(code.split('-')[0]);
  const hard = errors.filter(
    (e) => !NOTES.has(e.code) && !(e.code === ERR_UNKNOWN && e.subtag && inPrivateRange(e.subtag)) && !(e.code === ERR_NO_LANGUAGE && privateLanguage),
  );
  if (hard.length) return { valid: false, reason: `"${code}" is not a valid BCP-47 language tag: ${hard.map((e) => e.message).join(' ')}` };
  const notes = errors.filter((e) => NOTES.has(e.code));
  return notes.length ? { valid: true, note: notes.map((e) => e.message).join(' ') } : { valid: true };
}

export const languages: KnownCodeSystem = { url: 'urn:ietf:bcp:47', title: 'BCP-47 languages', check: memoized(check) };
