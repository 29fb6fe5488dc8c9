// `npm run oracle -- --package`: the HL7 validator, loading output/package.tgz as an IG (as a tool
// that installs the package does), validates every example in the package and an ImagingReference
// whose instance has an `id` and an extension (which the snapshot must allow: issue #13). Any
// error fails the check. Slow (one JVM start, about a minute), so not part of `npm test`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';
import { pinnedPackageDirs } from '../../src/definitions/sources/project-definitions';
import { Hl7Validator, OracleUnavailableError } from './hl7-validator';
import type { OutcomeLike } from './verdicts';

export const PACKAGE_FILE = 'output/package.tgz';
/**
 * Loading a package, the engine loads its dependencies by id, and theirs: hl7.terminology.r5#7.0.1
 * names hl7.fhir.uv.extensions.r5#5.2.0 and hl7.fhir.uv.extensions.r5#5.3.0-ballot-tc1 names
 * hl7.terminology.r5#6.5.0: neither is installed (the IG pins the other two, loaded by folder) nor
 * can be fetched offline. Empty stand-ins take their places in the private cache.
 */
const EMPTY_STAND_INS = ['hl7.fhir.uv.extensions.r5#5.2.0', 'hl7.terminology.r5#6.5.0'];
/** The example the extra instance is made from, and the file name it is validated under. */
const BASE_EXAMPLE = 'ImagingReference-key-image-note.json';
export const EXTENDED_INSTANCE = 'ImagingReference-instance-id-and-extension.json';

/** An ImagingReference example with `instance[0].id` and an extension on `instance[0]`. */
export function withInstanceIdAndExtension(example: Record<string, unknown>): Record<string, unknown> {
  const instances = (example.instance as Record<string, unknown>[] | undefined) ?? [];
  if (!instances.length) throw new Error(`${BASE_EXAMPLE} has no instance to extend`);
  const [first, ...rest] = instances;
  // narrativeLink's context is Element: any element, a backbone element included.
  const extended = { id: 'slice-41', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/narrativeLink', valueUrl: '#slice-41' }], ...first };
  return { ...example, id: 'instance-id-and-extension', instance: [extended, ...rest] };
}

/** The errors (and fatal issues) of an outcome, as `location: text` lines. */
export function errorsOf(outcome: OutcomeLike | undefined): string[] {
  if (!outcome) return ['no outcome'];
  return (outcome.issue ?? [])
    .filter((i) => i.severity === 'error' || i.severity === 'fatal')
    .map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`);
}

/** `tgz`: another package file (the check's own test gives one with a broken snapshot). */
export async function packageCheckMain(projectDir: string, tgz = path.join(projectDir, PACKAGE_FILE)): Promise<number> {
  if (!fs.existsSync(tgz)) {
    console.error(`oracle --package: no ${path.relative(projectDir, tgz)}: run \`npm run build\` first`);
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-package-check-'));
  try {
    await tar.x({ file: tgz, cwd: dir });
    const examples = path.join(dir, 'package', 'example');
    const files = fs.readdirSync(examples).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
    const base = JSON.parse(fs.readFileSync(path.join(examples, BASE_EXAMPLE), 'utf8')) as Record<string, unknown>;
    const extra = path.join(dir, EXTENDED_INSTANCE);
    fs.writeFileSync(extra, JSON.stringify(withInstanceIdAndExtension(base), null, 2));
    // The examples only: the HL7 validator rejects the search parameters of a type R5 does not have in
    // any form (base ImagingReference: not an R5 type; base Resource: the expression's type is not
    // Resource), and the guide's ig-parameters code system is in a package not loaded here.
    const inputs = [...files.map((f) => path.join(examples, f)), extra];

    const hl7 = new Hl7Validator(projectDir);
    hl7.prepare();
    // The pinned packages by folder first, so that the package's declared dependencies are already loaded.
    const packageDirs = pinnedPackageDirs(projectDir);
    console.error(`oracle --package: HL7 validator ${hl7.version()} loading ${path.relative(projectDir, tgz)} as an IG, on ${inputs.length} files ...`);
    const run = hl7.validate(inputs, packageDirs, [tgz], [examples], { emptyPackages: EMPTY_STAND_INS });
    let failed = 0;
    for (const file of inputs) {
      const errors = errorsOf(run.outcomes.get(file));
      const name = path.relative(dir, file);
      if (errors.length) failed++;
      console.log(`${errors.length ? 'FAIL' : 'ok  '} ${name}${errors.map((e) => `\n       ${e}`).join('')}`);
    }
    console.log(`oracle --package: ${inputs.length - failed} of ${inputs.length} valid for the HL7 validator with ${path.relative(projectDir, tgz)} loaded (${run.seconds.toFixed(0)} s, ${run.offline ? 'offline' : 'network allowed'})`);
    return failed ? 1 : 0;
  } catch (e) {
    if (!(e instanceof OracleUnavailableError)) throw e;
    console.error(`oracle --package: the HL7 validator could not be run: ${e.message}`);
    return 2;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
