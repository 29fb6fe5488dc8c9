// The IG's snapshots, regenerated from their differentials by the project's own generator
// (src/definitions/snapshot) after SUSHI has written them: SUSHI leaves a backbone element's
// inherited `id`, `extension` and `modifierExtension` out of a new resource's snapshot
// (ImagingReference.instance), which the R5 core snapshots (ImagingSelection.instance) list, so
// tools reading the package would reject a valid instance extension.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SnapshotGenerator } from '../src/definitions/snapshot';
import type { StructureDefinition } from '../src/definitions/snapshot';
import { npmPackageDir } from '../src/packages/fhir-package-cache';
import { folderResolver } from './definition-folders';

const FHIR_PACKAGES = ['hl7.fhir.r5.core', 'hl7.fhir.uv.extensions.r5'];

/**
 * Rewrites the snapshot of every StructureDefinition in `resourcesDir` that has a differential;
 * returns the files rewritten. Throws a SnapshotError (naming the profile and the element) when a
 * differential cannot be snapshotted; nothing is written then.
 */
export function regenerateIgSnapshots(resourcesDir: string, projectDir: string): string[] {
  const files = fs.readdirSync(resourcesDir).filter((f) => f.startsWith('StructureDefinition-') && f.endsWith('.json')).sort();
  const read = files.map((file) => [file, JSON.parse(fs.readFileSync(path.join(resourcesDir, file), 'utf8')) as StructureDefinition] as const);
  const regenerated = regenerateSnapshots(read.map(([, sd]) => sd), projectDir);
  const written: string[] = [];
  read.forEach(([file, sd], i) => {
    if (regenerated[i] === sd) return;
    fs.writeFileSync(path.join(resourcesDir, file), `${JSON.stringify(regenerated[i], null, 2)}\n`);
    written.push(file);
  });
  return written;
}

/**
 * The same for definitions in memory (an in-process SUSHI build): each definition with a
 * differential comes back with a regenerated snapshot, the others as they are. Throws a SnapshotError.
 */
export function regenerateSnapshots(sds: readonly StructureDefinition[], projectDir: string): StructureDefinition[] {
  const own = sds.filter((sd) => sd.differential?.element?.length && sd.baseDefinition);
  // The IG's definitions resolve to themselves without a snapshot, so that a profile on one of
  // them is built on the regenerated base.
  const differentialOnly = new Map(own.map((sd) => [sd.url, withoutSnapshot(sd)]));
  const packages = folderResolver(FHIR_PACKAGES.map((name) => npmPackageDir(name, projectDir)));
  const generator = new SnapshotGenerator((url) => differentialOnly.get(url.split('|')[0]) ?? packages(url));
  return sds.map((sd) => (own.includes(sd) ? { ...sd, snapshot: generator.generate(withoutSnapshot(sd)).snapshot } : sd));
}

function withoutSnapshot(sd: StructureDefinition): StructureDefinition {
  const { snapshot, ...rest } = sd;
  return rest as StructureDefinition;
}
