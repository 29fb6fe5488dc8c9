import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { unsafeUrl } from '../validator/rules/narrative-url';

/** A page of the IG's narrative: `input/pagecontent/<source>` rendered as `<name>`. */
export interface IgPage {
  source: string;
  name: string;
  title: string;
}

export interface MenuItem {
  label: string;
  href: string;
}

/** What the renderer reads from sushi-config.yaml (the fields the IG Publisher reads too). */
export interface IgConfig {
  id: string;
  canonical: string;
  name: string;
  title: string;
  description: string;
  version: string;
  status: string;
  fhirVersion: string;
  license?: string;
  releaseLabel?: string;
  publisher?: { name?: string; url?: string };
  dependencies: Record<string, string>;
  pages: IgPage[];
  menu: MenuItem[];
}

export class IgConfigError extends Error {
  override name = 'IgConfigError';
}

export function readIgConfig(projectDir: string): IgConfig {
  const file = path.join(projectDir, 'sushi-config.yaml');
  let doc: Record<string, unknown>;
  try {
    doc = YAML.parse(fs.readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw new IgConfigError(`cannot read ${file}: ${(e as Error).message}`);
  }
  for (const key of ['id', 'canonical', 'title', 'version']) {
    if (typeof doc[key] !== 'string') throw new IgConfigError(`${file}: "${key}" is missing`);
  }
  const fhirVersion = Array.isArray(doc.fhirVersion) ? String(doc.fhirVersion[0]) : String(doc.fhirVersion ?? '5.0.0');
  const publisher = (Array.isArray(doc.publisher) ? doc.publisher[0] : doc.publisher) as IgConfig['publisher'];
  const dependencies: Record<string, string> = {};
  for (const [id, value] of Object.entries((doc.dependencies ?? {}) as Record<string, unknown>)) {
    // Either `id: version` or `id: { version: ... }` (SUSHI accepts both).
    const version = typeof value === 'object' && value ? (value as { version?: unknown }).version : value;
    dependencies[id] = String(version);
  }
  return {
    id: doc.id as string,
    canonical: doc.canonical as string,
    name: String(doc.name ?? doc.id),
    title: doc.title as string,
    description: String(doc.description ?? ''),
    version: doc.version as string,
    status: String(doc.status ?? 'draft'),
    fhirVersion,
    license: doc.license as string | undefined,
    releaseLabel: doc.releaseLabel as string | undefined,
    publisher,
    dependencies,
    pages: flattenPages((doc.pages ?? {}) as Record<string, unknown>),
    menu: flattenMenu((doc.menu ?? {}) as Record<string, unknown>),
  };
}

/** `pages:` maps a file name to its title and, optionally, sub-pages. */
function flattenPages(pages: Record<string, unknown>): IgPage[] {
  const out: IgPage[] = [];
  for (const [source, value] of Object.entries(pages)) {
    // The page is read from input/pagecontent/<source> and written to <output>/<name>: a plain file name, never a path.
    if (!PAGE_FILE.test(source)) throw new IgConfigError(`sushi-config.yaml: the page ${JSON.stringify(source)} is not a file name of input/pagecontent (letters, digits, . - _, ending .md, .xml or .html)`);
    const settings = (value ?? {}) as Record<string, unknown>;
    const name = source.replace(/\.(md|xml|html)$/, '.html');
    const title = typeof settings.title === 'string' ? settings.title : name.replace(/\.html$/, '');
    out.push({ source, name, title });
    const children = Object.fromEntries(Object.entries(settings).filter(([k]) => /\.(md|xml|html)$/.test(k)));
    out.push(...flattenPages(children));
  }
  return out;
}

const PAGE_FILE = /^[A-Za-z0-9_][A-Za-z0-9._-]*\.(md|xml|html)$/;

/** `menu:` maps a label to a page or to a sub-menu; sub-menus are flattened (one menu bar). */
function flattenMenu(menu: Record<string, unknown>): MenuItem[] {
  const out: MenuItem[] = [];
  for (const [label, value] of Object.entries(menu)) {
    if (typeof value === 'string') {
      const href = value.replace(/^(\S+).*$/, '$1');
      if (unsafeUrl(href, 'a', 'href')) throw new IgConfigError(`sushi-config.yaml: the menu entry ${JSON.stringify(label)} links to a script URL (${JSON.stringify(href)})`);
      out.push({ label, href });
    }
    else if (value && typeof value === 'object') out.push(...flattenMenu(value as Record<string, unknown>));
  }
  return out;
}
