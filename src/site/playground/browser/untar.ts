// Reads a package.tgz in the browser: gunzip by the platform (DecompressionStream), then the tar
// records (POSIX ustar, with pax and GNU long names), with the same refusals as the CLI's reader.
import { DefinitionSourceError } from '../../../definitions/errors';
import { MAX_PACKAGE_BYTES, unsafeReason } from '../../../definitions/sources/package-files';
import { isPlainFileName } from '../../../definitions/sources/package-index';

async function gunzip(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch (e) {
      throw new DefinitionSourceError(name, `not a readable package.tgz (${(e as Error).message})`);
    }
    if (step.done) break;
    total += step.value.length;
    if (total > MAX_PACKAGE_BYTES) {
      void reader.cancel();
      throw new DefinitionSourceError(name, `refused: it unpacks to more than ${MAX_PACKAGE_BYTES / 1024 / 1024} MB`);
    }
    parts.push(step.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

const ascii = new TextDecoder('utf-8');
const field = (b: Uint8Array, from: number, length: number) => {
  const slice = b.subarray(from, from + length);
  const end = slice.indexOf(0);
  return ascii.decode(end === -1 ? slice : slice.subarray(0, end));
};

/** The regular files directly in `package/` of a package.tgz, by name (as the CLI's addPackageTgz reads them). */
export async function readPackageTgz(bytes: Uint8Array, name: string): Promise<Map<string, Uint8Array>> {
  const tar = await gunzip(bytes, name);
  const files = new Map<string, Uint8Array>();
  let at = 0;
  let longName: string | undefined;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    if (!Number.isFinite(size) || size < 0 || at + 512 + size > tar.length) throw new DefinitionSourceError(name, 'not a readable package.tgz (truncated archive)');
    const body = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x' || type === 'L') {
      // A pax header (`path=` record) or a GNU long name: the name of the next entry.
      longName = type === 'L' ? field(body, 0, body.length) : /(?:^|\n)\d+ path=([^\n]*)\n/.exec(ascii.decode(body))?.[1];
      continue;
    }
    if (type === 'g') continue;
    const prefix = field(header, 257, 6).startsWith('ustar') ? field(header, 345, 155) : '';
    const path = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    const unsafe = unsafeReason(path);
    if (unsafe) throw new DefinitionSourceError(name, `refused: unsafe entry path ${JSON.stringify(path)} (${unsafe})`);
    const file = path.startsWith('package/') ? path.slice('package/'.length) : undefined;
    if ((type === '0' || type === '\0') && file && isPlainFileName(file)) files.set(file, body.slice());
  }
  return files;
}
