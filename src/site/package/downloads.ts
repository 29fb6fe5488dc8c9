import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SiteModel } from '../site-model';
import { zipArchive, type ZipEntry } from './zip';

/** The IG Publisher's download names, as artifacts.html and the home page offer them. */
export const DOWNLOADS = { definitions: 'definitions.json.zip', examples: 'examples.json.zip', full: 'full-ig.zip' } as const;

/**
 * Writes the downloads into the site folder: the definitions and the examples as JSON, each in a
 * zip, then the whole site (everything written so far) as full-ig.zip, to read offline.
 * Returns the file names.
 */
export function writeDownloads(model: SiteModel, siteDir: string, date: Date): string[] {
  const json = (kinds: 'definitions' | 'examples'): ZipEntry[] =>
    model.artifacts
      .filter((a) => (a.kind === 'example') === (kinds === 'examples'))
      .map((a) => ({ name: `${a.resource.resourceType}-${a.resource.id}.json`, data: Buffer.from(JSON.stringify(a.resource, null, 2) + '\n') }));
  fs.writeFileSync(path.join(siteDir, DOWNLOADS.definitions), zipArchive(json('definitions'), date));
  fs.writeFileSync(path.join(siteDir, DOWNLOADS.examples), zipArchive(json('examples'), date));
  const files = (fs.readdirSync(siteDir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => fs.statSync(path.join(siteDir, f)).isFile() && f !== DOWNLOADS.full)
    .sort();
  fs.writeFileSync(path.join(siteDir, DOWNLOADS.full), zipArchive(files.map((f) => ({ name: `site/${f.split(path.sep).join('/')}`, data: fs.readFileSync(path.join(siteDir, f)) })), date));
  return Object.values(DOWNLOADS);
}
