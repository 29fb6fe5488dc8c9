import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';
import { buildPackageIndex, type FhirPackageManifest } from '../../packages/fhir-package-cache';
import type { SiteModel } from '../site-model';

/** The FHIR NPM package manifest, with the fields the IG Publisher writes. */
export interface IgPackageManifest extends FhirPackageManifest {
  'tools-version': number;
  type: 'IG';
  canonical: string;
  url: string;
  title: string;
  description: string;
  license?: string;
  author?: string;
  directories: { lib: string; example: string };
}

export function packageManifest(model: SiteModel, date: Date): IgPackageManifest {
  const c = model.config;
  return {
    name: c.id,
    version: c.version,
    'tools-version': 3,
    type: 'IG',
    date: date.toISOString().replace(/[-:T]/g, '').slice(0, 14),
    license: c.license,
    canonical: c.canonical,
    url: c.canonical,
    title: c.title,
    description: c.description,
    fhirVersions: [c.fhirVersion],
    dependencies: { [`hl7.fhir.r${c.fhirVersion.split('.')[0]}.core`]: c.fhirVersion, ...c.dependencies },
    author: c.publisher?.name,
    directories: { lib: 'package', example: 'example' },
  };
}

/**
 * Writes `package.tgz` in the FHIR NPM package format: `package/package.json`, the conformance
 * resources and the ImplementationGuide in `package/`, the examples in `package/example/`, each
 * folder with its `.index.json` (built by the same code that indexes the package cache).
 * Returns the archive's file names.
 */
export async function writeFhirPackage(model: SiteModel, outFile: string, date: Date): Promise<string[]> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-package-'));
  try {
    const lib = path.join(staging, 'package');
    const examples = path.join(lib, 'example');
    fs.mkdirSync(examples, { recursive: true });
    for (const a of model.artifacts) {
      const dir = a.kind === 'example' ? examples : lib;
      fs.writeFileSync(path.join(dir, `${a.resource.resourceType}-${a.resource.id}.json`), JSON.stringify(a.resource, null, 2) + '\n');
    }
    fs.writeFileSync(path.join(lib, 'package.json'), JSON.stringify(packageManifest(model, date), null, 2) + '\n');
    for (const dir of [lib, examples]) fs.writeFileSync(path.join(dir, '.index.json'), JSON.stringify(buildPackageIndex(dir), null, 2) + '\n');
    const entries: string[] = [];
    // Synchronous: in the live preview's worker the asynchronous archive sometimes never finished
    // (its callbacks wait on libuv's thread pool, which the process shares with SUSHI and the watcher).
    tar.create({ sync: true, gzip: true, file: outFile, cwd: staging, portable: true, mtime: date, onWriteEntry: (e) => entries.push(e.path) }, ['package']);
    return entries.filter((e) => !e.endsWith('/'));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
