import * as fs from 'node:fs';
import * as path from 'node:path';

export interface BrokenLink {
  page: string;
  link: string;
  reason: string;
}

const ATTRIBUTE = /\s(href|src)\s*=\s*"([^"]*)"/g;
const ID = /\sid\s*=\s*"([^"]*)"/g;

/**
 * Checks every local link of every HTML page in a site folder: the file exists inside the
 * site, and the `#anchor`, if any, is an id of the target page. External links (with a
 * scheme) are not followed: the build has no network.
 */
export function checkSiteLinks(siteDir: string): { pages: number; links: number; broken: BrokenLink[] } {
  const root = path.resolve(siteDir);
  const pages = listFiles(root).filter((f) => f.endsWith('.html'));
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      set = new Set([...fs.readFileSync(file, 'utf8').matchAll(ID)].map((m) => decodeEntities(m[1])));
      ids.set(file, set);
    }
    return set;
  };
  const broken: BrokenLink[] = [];
  let links = 0;
  for (const page of pages) {
    const text = fs.readFileSync(page, 'utf8');
    const name = path.relative(root, page);
    for (const m of text.matchAll(ATTRIBUTE)) {
      const link = decodeEntities(m[2]);
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) continue;
      links++;
      const [target, anchor] = splitLink(link);
      const file = target ? path.resolve(path.dirname(page), decodeURIComponent(target)) : page;
      if (file !== root && !file.startsWith(root + path.sep)) {
        broken.push({ page: name, link, reason: 'points outside the site' });
      } else if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        broken.push({ page: name, link, reason: 'no such file' });
      } else if (anchor && file.endsWith('.html') && !idsOf(file).has(anchor)) {
        broken.push({ page: name, link, reason: `no id "${anchor}" in ${path.relative(root, file)}` });
      }
    }
  }
  return { pages: pages.length, links, broken };
}

function splitLink(link: string): [string, string | undefined] {
  const withoutQuery = link.replace(/\?[^#]*/, '');
  const i = withoutQuery.indexOf('#');
  return i < 0 ? [withoutQuery, undefined] : [withoutQuery.slice(0, i), decodeURIComponent(withoutQuery.slice(i + 1))];
}

function decodeEntities(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
