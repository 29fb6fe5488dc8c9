import * as fs from 'node:fs';

/**
 * A path that is not a regular file (a FIFO, a device such as /dev/zero, a socket, a folder, or a
 * symlink to one), or that cannot be opened: reading it could hang or never end, so it is refused.
 */
export class NotRegularFileError extends Error {
  override name = 'NotRegularFileError';
  constructor(readonly file: string, reason: string) {
    super(`${file} ${reason}: only regular files are read`);
  }
}

/** A file that grew past the size limit while it was being read (stat's size is not trusted). */
export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  /** `what`: how the message names the input ("the file", "standard input"); `size` when known. */
  constructor(what: string, readonly limit: number, size?: number) {
    super(`${what} is ${size === undefined ? '' : `${formatMegabytes(size)}, `}over the ${formatMegabytes(limit)} limit: not read`);
  }
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; on a regular
// file it changes nothing. Windows has no such flag (and no FIFOs in the file system). Looked up
// when a file is opened, not when the module loads: the browser bundle (the playground) has no fs.
const openFlags = () => fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Opens a path for reading only if it is a regular file, judged on the opened descriptor (so a
 * path swapped after a check cannot slip through). Returns the descriptor; the caller closes it.
 */
export function openRegularFile(file: string): { fd: number; stat: fs.Stats } {
  let fd: number;
  try {
    fd = fs.openSync(file, openFlags());
  } catch (e) {
    throw new NotRegularFileError(file, describeOpenFailure(file, e as NodeJS.ErrnoException));
  }
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    throw new NotRegularFileError(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!stat.isFile()) {
    fs.closeSync(fd);
    throw new NotRegularFileError(file, `${linkTarget(file)}is ${kindOf(stat)}`);
  }
  return { fd, stat };
}

/**
 * Reads a regular file whole, refusing it once more than `limit` bytes have been read: files whose
 * size `stat` reports wrongly (0 for /proc files, or a file that grows) stay bounded too.
 */
export function readRegularFile(file: string, limit: number): Buffer {
  const { fd, stat } = openRegularFile(file);
  try {
    // A size over the limit is believed at once; a smaller one is not (the read itself is bounded).
    if (stat.size > limit) throw new FileTooLargeError('the file', limit, stat.size);
    return readBounded(fd, limit);
  } finally {
    fs.closeSync(fd);
  }
}

function readBounded(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    total += n;
    if (total > limit) throw new FileTooLargeError('the file', limit);
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

function describeOpenFailure(file: string, e: NodeJS.ErrnoException): string {
  // A Unix socket cannot be opened (ENXIO); say what it is rather than the errno.
  if (e.code === 'ENXIO' || e.code === 'EOPNOTSUPP') {
    try {
      return `${linkTarget(file)}is ${kindOf(fs.statSync(file))}`;
    } catch {
      /* fall through to the errno */
    }
  }
  if (e.code === 'ENOENT') return 'does not exist';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'cannot be read (permission denied)';
  return `cannot be read (${e.code ?? e.message})`;
}

/** "(a symlink to /dev/zero) ", so that the message says what was refused. */
function linkTarget(file: string): string {
  try {
    return fs.lstatSync(file).isSymbolicLink() ? `(a symlink to ${fs.realpathSync(file)}) ` : '';
  } catch {
    return '';
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}
