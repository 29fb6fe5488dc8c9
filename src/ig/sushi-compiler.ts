// SUSHI in-process, its dependencies loaded once: the FSH mutation tests compile dozens of
// variants of input/fsh/ and the live preview recompiles on every edit, each in about a second
// instead of the 20+ s of a fresh `sushi build` (which loads every FHIR package again).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FhirResource } from './generated-resources';

// fsh-sushi is large; it loads when a compiler is created, not when this module is imported.
type Sushi = typeof import('fsh-sushi');
const sushi = (): Sushi => require('fsh-sushi') as Sushi;

export interface SushiMessage {
  level: 'error' | 'warning';
  message: string;
  /** The FSH file, relative to the project, when SUSHI names one. */
  file?: string;
  line?: number;
}

export interface SushiResult {
  /** The generated resources (definitions with their SUSHI snapshot), in SUSHI's order. */
  resources: FhirResource[];
  messages: SushiMessage[];
  errors: number;
  /** SUSHI's package, for writing it out (writeTo). */
  readonly pkg: unknown;
}

/** `file:line: error message`, the way an editor jumps to it. */
export function formatSushiMessage(m: SushiMessage): string {
  const where = m.file ? `${m.file}${m.line ? `:${m.line}` : ''}: ` : '';
  return `${where}${m.level} ${m.message}`;
}

export class SushiCompiler {
  private constructor(
    readonly projectDir: string,
    private readonly defs: unknown,
  ) {}

  /** Reads sushi-config.yaml and loads its dependencies (the slow part, once). */
  static async create(projectDir: string): Promise<SushiCompiler> {
    const { utils, fhirdefs } = sushi();
    const dir = path.resolve(projectDir);
    return quietly(async () => {
      const config = utils.readConfig(dir);
      const defs = await fhirdefs.createFHIRDefinitions();
      await utils.loadExternalDependencies(defs, config);
      defs.optimize();
      return new SushiCompiler(dir, defs);
    });
  }

  /** The FSH files of input/fsh/ (relative path -> text), as a compile() starting point. */
  readSources(): Map<string, string> {
    const fshDir = path.join(this.projectDir, 'input', 'fsh');
    const files = fs.readdirSync(fshDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.fsh')).sort();
    return new Map(files.map((f) => [path.join('input', 'fsh', f), fs.readFileSync(path.join(fshDir, f), 'utf8')]));
  }

  /**
   * Compiles FSH sources (relative path -> text; default: input/fsh/ as it is on disk). Not
   * re-entrant: SUSHI's logger and statistics are global, so calls must not overlap.
   */
  compile(sources: Map<string, string> = this.readSources()): SushiResult {
    const { utils, sushiImport, sushiExport } = sushi();
    // Read afresh each time: SUSHI's IG export rewrites parts of the configuration in place (and
    // an edit of sushi-config.yaml shows then; changed dependencies need a new compiler).
    const config = quietlySync(() => utils.readConfig(this.projectDir));
    const tracker = utils.errorsAndWarnings;
    tracker.reset();
    tracker.shouldTrack = true;
    try {
      const pkg = quietlySync(() => {
        const raw = [...sources].map(([file, text]) => new sushiImport.RawFSH(text, path.join(this.projectDir, file)));
        const tank = utils.fillTank(raw, config);
        tank.checkDuplicateNameEntities();
        return sushiExport.exportFHIR(tank, this.defs as never);
      });
      const resources: FhirResource[] = [];
      for (const kind of ['profiles', 'extensions', 'logicals', 'resources', 'valueSets', 'codeSystems', 'instances'] as const) {
        for (const artifact of pkg[kind] as { toJSON(snapshot?: boolean): FhirResource }[]) resources.push(artifact.toJSON(true));
      }
      const messages = [
        ...tracker.errors.map((e) => this.message('error', e)),
        ...tracker.warnings.map((w) => this.message('warning', w)),
      ];
      return { resources, messages, errors: tracker.errors.length, pkg };
    } catch (e) {
      // SUSHI throws on some malformed input instead of logging it: still a compile error, not a crash.
      const messages = [...tracker.errors.map((x) => this.message('error', x)), { level: 'error' as const, message: (e as Error).message ?? String(e) }];
      return { resources: [], messages, errors: messages.length, pkg: undefined };
    } finally {
      tracker.shouldTrack = false;
    }
  }

  /** Writes a compiled package into <project>/fsh-generated/ as `sushi build` does (resources and the ImplementationGuide). */
  writeTo(result: SushiResult): void {
    const { utils } = sushi();
    const ig = require('fsh-sushi/dist/ig') as { IGExporter: new (pkg: unknown, defs: unknown, igFilesPath: string) => { export(outDir: string): void } };
    const resourcesDir = path.join(this.projectDir, 'fsh-generated', 'resources');
    quietlySync(() => {
      fs.rmSync(resourcesDir, { recursive: true, force: true });
      utils.writeFHIRResources(this.projectDir, result.pkg as never, this.defs as never, true);
      new ig.IGExporter(result.pkg, this.defs, this.projectDir).export(this.projectDir);
    });
  }

  private message(level: 'error' | 'warning', m: { message: string; location?: { startLine?: number }; input?: string }): SushiMessage {
    const file = m.input ? path.relative(this.projectDir, m.input) : undefined;
    return { level, message: m.message, ...(file ? { file } : {}), ...(m.location?.startLine ? { line: m.location.startLine } : {}) };
  }
}

/** SUSHI logs to the console as it goes; the caller reports its messages itself. */
function quietlySync<T>(run: () => T): T {
  const { logger } = sushi().utils;
  const transport = logger.transports[0];
  const silent = transport.silent;
  transport.silent = true;
  try {
    return run();
  } finally {
    transport.silent = silent;
  }
}

async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const { logger } = sushi().utils;
  const transport = logger.transports[0];
  const silent = transport.silent;
  transport.silent = true;
  try {
    return await run();
  } finally {
    transport.silent = silent;
  }
}
