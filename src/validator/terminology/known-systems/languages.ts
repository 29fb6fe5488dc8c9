import extlangs = require('language-subtag-registry/data/json/extlang.json');
import grandfathered = require('language-subtag-registry/data/json/grandfathered.json');
import languageSubtags = require('language-subtag-registry/data/json/language.json');
import regions = require('language-subtag-registry/data/json/region.json');
import scripts = require('language-subtag-registry/data/json/script.json');
import variants = require('language-subtag-registry/data/json/variant.json');
import { memoized, type CodeVerdict, type KnownCodeSystem } from './known-system';

/** A registry table (lower-case subtag -> record index), with its private-use ranges (`qaa..qtz`). */
interface Table {
  has(subtag: string): boolean;
}

function table(records: Record<string, number>): Table {
  const ranges = Object.keys(records)
    .filter((k) => k.includes('..'))
    .map((k) => k.split('..') as [string, string]);
  return { has: (s) => Object.hasOwn(records, s) || ranges.some(([from, to]) => s.length === from.length && s >= from && s <= to) };
}

let tables: { language: Table; extlang: Table; script: Table; region: Table; variant: Table } | undefined;

const ALPHANUM = /^[a-z0-9]+$/;
const invalid = (code: string, why: string): CodeVerdict => ({ valid: false, reason: `"${code}" is not a valid BCP-47 language tag: ${why}` });

/**
 * BCP-47 (urn:ietf:bcp:47): a tag well formed by RFC 5646 section 2.1 whose language, extlang,
 * script, region and variant subtags are in the IANA language subtag registry, or in its
 * private-use ranges (section 2.2.9, "valid"); extensions and private use are free. Subtags are
 * compared without case (section 2.1.1).
 */
function check(code: string): CodeVerdict {
  const tag = code.toLowerCase();
  if (Object.hasOwn(grandfathered, tag)) return { valid: true };
  tables ??= { language: table(languageSubtags), extlang: table(extlangs), script: table(scripts), region: table(regions), variant: table(variants) };
  const parts = tag.split('-');
  if (parts.some((p) => p.length === 0 || p.length > 8 || !ALPHANUM.test(p))) return invalid(code, 'subtags are 1 to 8 letters or digits, separated by "-"');
  let i = 0;
  if (parts[0] === 'x') return parts.length > 1 ? { valid: true } : invalid(code, 'a private-use tag needs a subtag after "x-"');
  const language = parts[i++];
  if (!/^[a-z]{2,8}$/.test(language)) return invalid(code, `"${language}" is not a language subtag (2 to 8 letters)`);
  if (!tables.language.has(language)) return invalid(code, `the language "${language}" is not in the IANA registry`);
  for (let n = 0; n < 3 && language.length <= 3 && /^[a-z]{3}$/.test(parts[i] ?? ''); n++, i++) {
    if (!tables.extlang.has(parts[i])) return invalid(code, `the extended language "${parts[i]}" is not in the IANA registry`);
  }
  if (/^[a-z]{4}$/.test(parts[i] ?? '')) {
    if (!tables.script.has(parts[i])) return invalid(code, `the script "${parts[i]}" is not in the IANA registry`);
    i++;
  }
  if (/^([a-z]{2}|[0-9]{3})$/.test(parts[i] ?? '')) {
    if (!tables.region.has(parts[i])) return invalid(code, `the region "${parts[i]}" is not in the IANA registry`);
    i++;
  }
  const seenVariants = new Set<string>();
  while (/^([a-z0-9]{5,8}|[0-9][a-z0-9]{3})$/.test(parts[i] ?? '')) {
    if (!tables.variant.has(parts[i])) return invalid(code, `the variant "${parts[i]}" is not in the IANA registry`);
    if (seenVariants.has(parts[i])) return invalid(code, `the variant "${parts[i]}" is repeated`);
    seenVariants.add(parts[i++]);
  }
  const singletons = new Set<string>();
  while (i < parts.length && parts[i].length === 1 && parts[i] !== 'x') {
    const singleton = parts[i++];
    if (singletons.has(singleton)) return invalid(code, `the extension "${singleton}" is repeated`);
    singletons.add(singleton);
    const start = i;
    while (i < parts.length && parts[i].length >= 2) i++;
    if (i === start) return invalid(code, `the extension "${singleton}" has no subtag`);
  }
  if (parts[i] === 'x') return i + 1 < parts.length ? { valid: true } : invalid(code, 'a private-use section needs a subtag after "x-"');
  if (i < parts.length) return invalid(code, `"${parts[i]}" is not in its place (language-extlang-script-region-variant-extension-x)`);
  return { valid: true };
}

export const languages: KnownCodeSystem = { url: 'urn:ietf:bcp:47', title: 'BCP-47 languages', check: memoized(check) };
