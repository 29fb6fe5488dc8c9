import * as fs from 'node:fs';
import * as path from 'node:path';
import { cachedPackageDir, fhirPackageCacheDir, npmPackageDir } from '../packages/fhir-package-cache';
import { SnapshotView, type StructureDefinition } from '../ig/structure-definition';

export class CoreDefinitionsError extends Error {
  override name = 'CoreDefinitionsError';
}

const CORE_PACKAGE = 'hl7.fhir.r5.core';
const CORE_VERSION = '5.0.0';

/**
 * The StructureDefinitions of FHIR R5 core that the QA rules compare against (the Event pattern,
 * FiveWs, ImagingSelection), read from the FHIR package cache, where SUSHI reads them too, or
 * else from the npm dependency.
 */
export class CoreDefinitions {
  private readonly cache = new Map<string, SnapshotView>();

  constructor(readonly packageDir: string) {}

  static locate(projectDir: string): CoreDefinitions {
    const cached = cachedPackageDir(fhirPackageCacheDir(), CORE_PACKAGE, CORE_VERSION);
    if (fs.existsSync(cached)) return new CoreDefinitions(cached);
    try {
      return new CoreDefinitions(npmPackageDir(CORE_PACKAGE, projectDir));
    } catch {
      throw new CoreDefinitionsError(`${CORE_PACKAGE}#${CORE_VERSION} is neither in ${cached} nor installed: run \`npm ci\``);
    }
  }

  /** A core StructureDefinition by its id (`Event`, `FiveWs`, `ImagingSelection`). */
  view(id: string): SnapshotView {
    let view = this.cache.get(id);
    if (!view) {
      const file = path.join(this.packageDir, `StructureDefinition-${id}.json`);
      try {
        view = new SnapshotView(JSON.parse(fs.readFileSync(file, 'utf8')) as StructureDefinition);
      } catch (e) {
        throw new CoreDefinitionsError(`cannot read ${file}: ${(e as Error).message}`);
      }
      this.cache.set(id, view);
    }
    return view;
  }
}
