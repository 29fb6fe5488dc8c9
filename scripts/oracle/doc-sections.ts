// docs/oracle.md has two parts written by two runs: the default `npm run oracle` writes the whole file but
// keeps the corpus section, and `npm run oracle -- --corpus` replaces only that section.
import * as fs from 'node:fs';

const START = '<!-- corpus section: written by `npm run oracle -- --corpus` -->';
const END = '<!-- end of corpus section -->';

/** The corpus section of a document, markers included, or '' when it has none. */
export function corpusSection(doc: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END, a);
  return a >= 0 && b > a ? doc.slice(a, b + END.length) : '';
}

/** The document without its corpus section. */
export function withoutCorpusSection(doc: string): string {
  const section = corpusSection(doc);
  return section ? doc.replace(section, '').replace(/\n{3,}$/, '\n') : doc;
}

/** `main` followed by `section` (given without markers; '' for none). */
export function joinSections(main: string, section: string): string {
  if (!section) return main;
  const body = section.startsWith(START) ? section : `${START}\n${section.trimEnd()}\n${END}`;
  return `${main.trimEnd()}\n\n${body}\n`;
}

export function readIfExists(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}
