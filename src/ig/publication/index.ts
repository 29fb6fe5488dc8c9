// What the IG Publisher does to SUSHI's output before it publishes it, done after `npm run sushi`
// (and each live-preview rebuild) on fsh-generated/resources/, so that the validation of the
// examples, the site, the playground and package.tgz all see the same published resources.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readIgConfig } from '../../site/ig-config';
import { readFshInstances } from '../fsh-instances';
import { readGeneratedResources, type FhirResource } from '../generated-resources';
import { withEveryResource } from './guide-resources';
import { withPublicationMetadata } from './metadata';
import { withGeneratedNarrative } from './narrative';

export { withEveryResource } from './guide-resources';
export { withPublicationMetadata, CONFORMANCE_TYPES, type PublicationFacts } from './metadata';
export { withGeneratedNarrative } from './narrative';

/**
 * The published form of the IG's resources: the IG's version, publisher and date on each
 * definition that lacks them, a generated narrative on each example that has none, and an
 * ImplementationGuide that lists them all. `date` is the build's.
 */
export function publishResources(resources: readonly FhirResource[], projectDir: string, date: Date): FhirResource[] {
  const config = readIgConfig(projectDir);
  const facts = { version: config.version, publisher: config.publisher, date: date.toISOString().replace(/\.\d+Z$/, 'Z') };
  const inIg = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
  const pageOf = (reference: string) => (inIg.has(reference) ? `${reference.replace('/', '-')}.html` : undefined);
  const published = resources.map((r) => withGeneratedNarrative(withPublicationMetadata(r, facts), { pageOf }));
  const instances = readFshInstances(projectDir);
  return published.map((r) => (r.resourceType === 'ImplementationGuide' ? withEveryResource(r, published, instances) : r));
}

/** The same on the files of fsh-generated/resources/: rewrites those that change; returns their names. */
export function publishGeneratedResources(projectDir: string, date = new Date()): string[] {
  const generated = readGeneratedResources(projectDir);
  const published = publishResources(generated.map((g) => g.resource), projectDir, date);
  const written: string[] = [];
  generated.forEach((g, i) => {
    if (published[i] === g.resource) return;
    fs.writeFileSync(g.file, `${JSON.stringify(published[i], null, 2)}\n`);
    written.push(path.basename(g.file));
  });
  return written;
}
