import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors';

/** The identity of an existing path: its real path and, for files, its device and inode. */
interface Identity {
  real: string;
  dev?: number;
  ino?: number;
}

function identity(p: string): Identity | undefined {
  try {
    const stat = fs.statSync(p);
    return { real: fs.realpathSync(p), dev: stat.dev, ino: stat.ino };
  } catch {
    // Not there (yet): its real path is the real path of its folder and its name.
    try {
      return { real: path.join(fs.realpathSync(path.dirname(p)), path.basename(p)) };
    } catch {
      return undefined;
    }
  }
}

/** Standard input redirected from a file (`< x.json`) is that file. */
function stdinIdentity(): Identity | undefined {
  try {
    const stat = fs.fstatSync(0);
    return stat.isFile() ? { real: '', dev: stat.dev, ino: stat.ino } : undefined;
  } catch {
    return undefined;
  }
}

const same = (a: Identity, b: Identity) => (a.real !== '' && a.real === b.real) || (a.ino !== undefined && a.dev === b.dev && a.ino === b.ino);

/**
 * Refuses an `--output` that is one of the inputs, or lies inside an input folder given as
 * `folders`, whichever path leads there: a symlink, a hard link, a symlinked folder. Paths are
 * compared by real path and by device and inode, not as strings.
 */
export function assertNotAnInput(output: string, inputs: string[], folders: string[] = []): void {
  const out = identity(output);
  if (!out) throw new UsageError(`--output ${output}: its folder does not exist`);
  if (fs.existsSync(output) && fs.statSync(output).isDirectory()) throw new UsageError(`--output ${output} is a folder, not a file`);
  for (const input of inputs) {
    const id = input === '-' ? stdinIdentity() : identity(input);
    if (id && same(out, id)) throw new UsageError(`--output ${output} is the input ${input === '-' ? '(standard input)' : input}: input files are never overwritten`);
  }
  for (const folder of folders) {
    const id = identity(folder);
    if (id && (out.real + path.sep).startsWith(id.real + path.sep)) throw new UsageError(`--output ${output} is inside the input folder ${folder}: input files are never overwritten`);
  }
}

/**
 * A report written to a temporary file beside its target and renamed over it by `commit`, so that
 * the target is never opened, let alone truncated, before every input has been read, and a run
 * that fails leaves it as it was. The rename replaces a symlink itself, never the file it points to.
 */
export class ReportFile {
  private readonly temp: string;
  private readonly fd: number;

  constructor(private readonly target: string) {
    this.temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    // 'wx': created here and now, never an existing file or a symlink planted under that name.
    try {
      this.fd = fs.openSync(this.temp, 'wx', 0o666);
    } catch (e) {
      throw new UsageError(`--output ${target}: cannot write in its folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }

  write(text: string): void {
    fs.writeSync(this.fd, text);
  }

  commit(): void {
    // A report that replaces an earlier one keeps its permissions.
    try {
      const previous = fs.lstatSync(this.target);
      if (previous.isFile()) fs.fchmodSync(this.fd, previous.mode & 0o7777);
    } catch {
      /* no earlier report */
    }
    fs.closeSync(this.fd);
    fs.renameSync(this.temp, this.target);
  }

  /** Removes the temporary file; the target stays as it was. */
  abort(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      /* already closed by commit */
    }
    fs.rmSync(this.temp, { force: true });
  }
}
