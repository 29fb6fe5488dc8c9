import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the FSH says about an instance beyond its content: its title and description. */
export interface FshInstanceInfo {
  id: string;
  instanceOf: string;
  usage: string;
  title?: string;
  description?: string;
}

/**
 * Reads the `Instance:` declarations of `input/fsh/` with SUSHI's own importer. SUSHI writes the
 * title and description of custom-resource examples nowhere (they are left out of the
 * ImplementationGuide resource), so the site takes them from the FSH.
 */
export function readFshInstances(projectDir: string): FshInstanceInfo[] {
  const dir = path.join(projectDir, 'input', 'fsh');
  if (!fs.existsSync(dir)) return [];
  // Loaded lazily: SUSHI is large and only the site needs this.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const sushi = require('fsh-sushi') as typeof import('fsh-sushi');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.fsh')).sort();
  const raw = files.map((f) => new sushi.sushiImport.RawFSH(fs.readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f)));
  const logger = sushi.utils.logger;
  const level = logger.level;
  logger.level = 'error'; // the importer's "info Imported ..." lines are noise here
  try {
    const docs = sushi.sushiImport.importText(raw);
    return docs.flatMap((doc) =>
      [...doc.instances.values()].map((i) => ({ id: i.id, instanceOf: i.instanceOf, usage: String(i.usage), title: i.title || undefined, description: i.description || undefined })),
    );
  } finally {
    logger.level = level;
  }
}
