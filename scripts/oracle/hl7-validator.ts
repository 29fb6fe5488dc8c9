// The HL7 FHIR validator (Java) as an oracle: resolved from Maven Central once into tools/oracle/target/,
// then run offline, in one JVM for all files (its start and package load take about a minute).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OutcomeLike } from './verdicts';

export const FILE_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-file';

/** The Java side could not be built or run: the message says what stopped it. */
export class OracleUnavailableError extends Error {
  override name = 'OracleUnavailableError';
}

export interface Hl7ValidatorRun {
  outcomes: Map<string, OutcomeLike>;
  /** The command as run, for docs/oracle.md. */
  commandLine: string;
  /** Whether the run was inside a network namespace with no interface (`unshare -n`). */
  offline: boolean;
  seconds: number;
}

export class Hl7Validator {
  readonly toolDir: string;
  readonly targetDir: string;

  constructor(readonly projectDir: string) {
    this.toolDir = path.join(projectDir, 'tools', 'oracle');
    this.targetDir = path.join(this.toolDir, 'target');
  }

  /** The org.hl7.fhir.validation version pinned in tools/oracle/pom.xml. */
  version(): string {
    const pom = fs.readFileSync(path.join(this.toolDir, 'pom.xml'), 'utf8');
    const found = /<fhir\.core\.version>([^<]+)</.exec(pom);
    if (!found) throw new OracleUnavailableError('tools/oracle/pom.xml has no <fhir.core.version>');
    return found[1];
  }

  /** Resolves the jars (network, first time only) and compiles the driver when its source changed. */
  prepare(): void {
    const lib = path.join(this.targetDir, 'lib');
    const stamp = path.join(lib, `.resolved-${this.version()}`);
    if (!fs.existsSync(stamp)) {
      fs.rmSync(lib, { recursive: true, force: true });
      console.error(`oracle: resolving org.hl7.fhir.validation ${this.version()} from Maven Central into ${path.relative(this.projectDir, lib)}/ ...`);
      // settings.xml mirrors every repository to Central: the HL7 parent POM also names jitpack.io.
      expectSuccess('mvn', run('mvn', ['-q', '-B', '-s', 'settings.xml', 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`], this.toolDir));
      fs.writeFileSync(stamp, '');
    }
    const source = path.join(this.toolDir, 'src', 'OracleRunner.java');
    const classes = path.join(this.targetDir, 'classes');
    const compiled = path.join(classes, 'OracleRunner.class');
    if (!fs.existsSync(compiled) || fs.statSync(compiled).mtimeMs < fs.statSync(source).mtimeMs) {
      fs.mkdirSync(classes, { recursive: true });
      expectSuccess('javac', run('javac', ['-nowarn', '-cp', `${lib}/*`, '-d', classes, source], this.toolDir));
    }
  }

  /**
   * A private FHIR package cache (the JVM gets `-Duser.home`): the engine always loads
   * hl7.fhir.xver-extensions#0.1.0, which is on no registry we can reach, so an empty stand-in is
   * put there (and one for each of `emptyPackages`, ids that a loaded package's dependencies name
   * but no reachable registry serves offline); the pinned packages are linked in, read-only.
   */
  private prepareHome(packageDirs: string[], emptyPackages: readonly string[] = []): string {
    const home = path.join(this.targetDir, 'home');
    const cache = path.join(home, '.fhir', 'packages');
    fs.rmSync(home, { recursive: true, force: true });
    fs.mkdirSync(cache, { recursive: true });
    for (const dir of packageDirs) {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
      const entry = path.join(cache, `${manifest.name}#${manifest.version}`);
      fs.mkdirSync(entry);
      fs.symlinkSync(path.resolve(dir), path.join(entry, 'package'));
    }
    for (const id of ['hl7.fhir.xver-extensions#0.1.0', ...emptyPackages]) {
      const [name, version] = id.split('#');
      const standIn = path.join(cache, id, 'package');
      fs.mkdirSync(standIn, { recursive: true });
      fs.writeFileSync(path.join(standIn, 'package.json'), JSON.stringify({ name, version, type: 'IG', fhirVersions: ['5.0.0'], dependencies: {} }));
      fs.writeFileSync(path.join(standIn, '.index.json'), JSON.stringify({ 'index-version': 2, files: [] }));
    }
    return home;
  }

  /**
   * Validates every file in one JVM. `packageDirs[0]` must be hl7.fhir.r5.core; the others and `igDirs`
   * are loaded by folder, never by package id (ids make the loader fetch declared dependencies).
   * References `Type/id` resolve to the resources in `resolveDirs` (no server is asked).
   */
  validate(files: string[], packageDirs: string[], igDirs: string[], resolveDirs: string[], options: { emptyPackages?: readonly string[] } = {}): Hl7ValidatorRun {
    const out = path.join(this.targetDir, 'outcomes.json');
    fs.rmSync(out, { force: true });
    const { command, args, offline, seconds } = this.runRunner(['--out', out], files, packageDirs, igDirs, resolveDirs, { emptyPackages: options.emptyPackages });
    const bundle = JSON.parse(fs.readFileSync(out, 'utf8')) as { entry?: { resource: OutcomeLike & { extension?: { url: string; valueString?: string }[] } }[] };
    const outcomes = new Map<string, OutcomeLike>();
    for (const { resource } of bundle.entry ?? []) {
      const file = resource.extension?.find((e) => e.url === FILE_EXTENSION_URL)?.valueString;
      if (file) outcomes.set(file, resource);
    }
    const shown = [command, ...args.slice(0, args.indexOf('--out') + 2).map(quote), ...args.slice(args.indexOf('--out') + 2).filter((a, i, all) => /^--(ig|resolve-from)$/.test(a) || /^--(ig|resolve-from)$/.test(all[i - 1])).map(quote), `<${files.length} files>`];
    return { outcomes, commandLine: shown.join(' ').split(this.projectDir + '/').join('').split(os.homedir()).join('~'), offline, seconds };
  }

  /**
   * Cache mode (the corpus): each file's outcome written to `outDir/<sha-256 of its bytes>.json` as soon as
   * it is done, so a run that stops keeps its work. Progress goes to our stderr. No time limit: the
   * corpus takes a long while, and the caller runs it in the background.
   */
  validateInto(files: string[], outDir: string, packageDirs: string[], igDirs: string[], resolveDirs: string[]): { commandLine: string; offline: boolean; seconds: number } {
    const { command, args, offline, seconds } = this.runRunner(['--out-dir', outDir], files, packageDirs, igDirs, resolveDirs, { streamStderr: true });
    const shown = [command, ...args.slice(0, args.indexOf('--out-dir')).map(quote), '--out-dir', '.oracle-cache/…', ...args.slice(args.indexOf('--out-dir') + 2).filter((a, i, all) => /^--(ig|resolve-from)$/.test(a) || /^--(ig|resolve-from)$/.test(all[i - 1])).map(quote), '<files>'];
    return { commandLine: shown.join(' ').split(this.projectDir + '/').join('').split(os.homedir()).join('~'), offline, seconds };
  }

  /** Whether the jars have been resolved (after that, no network is needed). */
  isResolved(): boolean {
    return fs.existsSync(path.join(this.toolDir, 'pom.xml')) && fs.existsSync(path.join(this.targetDir, 'lib', `.resolved-${this.version()}`));
  }

  /**
   * The runner's timing mode (see OracleRunner.java): each of `files` validated `warmup` times, then `runs`
   * times each timed alone, each of `checks` once, in one JVM with the same setup as `validate`. Returns its stdout.
   */
  time(files: string[], checks: string[], warmup: number, runs: number, packageDirs: string[], igDirs: string[], resolveDirs: string[]): { stdout: string; offline: boolean; seconds: number } {
    const timing = ['--timing', String(warmup), String(runs), ...checks.flatMap((file) => ['--check', file])];
    const { stdout, offline, seconds } = this.runRunner(timing, files, packageDirs, igDirs, resolveDirs);
    return { stdout, offline, seconds };
  }

  /** Runs OracleRunner in one JVM, inside `unshare -n` where available, and fails unless it exits 0. */
  private runRunner(mode: string[], files: string[], packageDirs: string[], igDirs: string[], resolveDirs: string[], options: { streamStderr?: boolean; emptyPackages?: readonly string[] } = {}) {
    const home = this.prepareHome(packageDirs, options.emptyPackages);
    const java = [
      `-Duser.home=${home}`,
      '-cp',
      `${path.join(this.targetDir, 'classes')}:${path.join(this.targetDir, 'lib')}/*`,
      'OracleRunner',
      ...mode,
      ...[...packageDirs.slice(1), ...igDirs].flatMap((dir) => ['--ig', dir]),
      ...resolveDirs.flatMap((dir) => ['--resolve-from', dir]),
      ...files,
    ];
    const offline = spawnSync('unshare', ['-n', 'true']).status === 0;
    const [command, args] = offline ? ['unshare', ['-n', '--', 'java', ...java]] : ['java', java];
    const started = process.hrtime.bigint();
    const result = run(command, args, this.projectDir, options.streamStderr);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expectSuccess('java OracleRunner', result);
    return { command, args, offline, seconds, stdout: result.stdout };
  }
}

function run(command: string, args: string[], cwd: string, streamStderr = false): SpawnSyncReturns<string> {
  if (streamStderr) return spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  return spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 30 * 60 * 1000 });
}

function expectSuccess(what: string, result: SpawnSyncReturns<string>): void {
  if (result.error) throw new OracleUnavailableError(`${what} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').filter((l) => !/^\s+at |^\s+\.\.\.|SLF4J/.test(l)).slice(-8).join('\n');
    throw new OracleUnavailableError(`${what} failed (exit ${result.status}):\n${tail}`);
  }
}

function quote(arg: string): string {
  return /[^\w@%+=:,./#-]/.test(arg) ? `'${arg.replace(/'/g, `'\\''`)}'` : arg;
}
