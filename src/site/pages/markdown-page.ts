import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeHtml, raw } from '../html';
import type { IgPage } from '../ig-config';
import { renderMarkdown } from '../render/markdown';
import type { PageContent } from './page-context';

export class MissingPageError extends Error {
  override name = 'MissingPageError';
}

/** A narrative page of the IG: `input/pagecontent/<name>.md`, as the IG Publisher finds it. */
export function renderMarkdownPage(page: IgPage, projectDir: string): PageContent {
  const file = path.join(projectDir, 'input', 'pagecontent', page.source);
  if (!fs.existsSync(file)) throw new MissingPageError(`sushi-config.yaml lists the page ${page.source}, but ${file} does not exist`);
  const source = fs.readFileSync(file, 'utf8');
  // The IG Publisher puts the title in the page's header; a page that opens with its own
  // heading keeps it, others get the configured title.
  const body = /^\s*#\s/.test(source) ? renderMarkdown(source) : `<h1>${escapeHtml(page.title)}</h1>\n${renderMarkdown(source)}`;
  return { name: page.name, title: page.title, body: raw(body) };
}
