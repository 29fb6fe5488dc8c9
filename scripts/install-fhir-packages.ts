// Run by `npm ci` (postinstall): puts the pinned FHIR packages from node_modules into the
// FHIR package cache, where SUSHI and the HL7 Java validator look for them, so that no
// tool ever needs to download a package.
import * as path from 'node:path';
import { installIntoCache, npmPackageDir, PINNED_FHIR_PACKAGES, sushiPackageCacheDir } from '../src/packages/fhir-package-cache';

function main(): number {
  const projectDir = path.resolve(__dirname, '..');
  // Where SUSHI reads packages (it ignores FHIR_PACKAGE_CACHE): the build runs it offline.
  const cacheDir = sushiPackageCacheDir();
  let status = 0;
  for (const name of PINNED_FHIR_PACKAGES) {
    try {
      const { outcome, target } = installIntoCache(npmPackageDir(name, projectDir), cacheDir);
      const label = { installed: 'installed', 'already-present': 'already present', 'kept-different-copy': 'WARNING: a different copy is already there; left as it is' }[outcome];
      console.log(`fhir-packages: ${path.basename(path.dirname(target))}: ${label} (${target})`);
    } catch (e) {
      console.error(`fhir-packages: ${name}: ${(e as Error).message}`);
      status = 1;
    }
  }
  return status;
}

process.exitCode = main();
