import type { SiteModel } from '../site-model';
import { zipArchive, type ZipEntry } from './zip';

/** The IG Publisher's download names, as artifacts.html and the home page offer them. */
export const DOWNLOADS = { definitions: 'definitions.json.zip', examples: 'examples.json.zip', full: 'full-ig.zip' } as const;

/**
 * The downloads of the site: the definitions and the examples as JSON, each in a zip, then the
 * whole site (`siteFiles`, every other file of it) as full-ig.zip, to read offline.
 */
export function downloadFiles(model: SiteModel, siteFiles: ReadonlyMap<string, string | Buffer>, date: Date): Map<string, Buffer> {
  const json = (kinds: 'definitions' | 'examples'): ZipEntry[] =>
    model.artifacts
      .filter((a) => (a.kind === 'example') === (kinds === 'examples'))
      .map((a) => ({ name: `${a.resource.resourceType}-${a.resource.id}.json`, data: Buffer.from(JSON.stringify(a.resource, null, 2) + '\n') }));
  const out = new Map<string, Buffer>([
    [DOWNLOADS.definitions, zipArchive(json('definitions'), date)],
    [DOWNLOADS.examples, zipArchive(json('examples'), date)],
  ]);
  const site = new Map<string, string | Buffer>([...siteFiles, ...out]);
  site.delete(DOWNLOADS.full);
  const entries = [...site.keys()].sort().map((name) => ({ name: `site/${name}`, data: Buffer.from(site.get(name)!) }));
  out.set(DOWNLOADS.full, zipArchive(entries, date));
  return out;
}
