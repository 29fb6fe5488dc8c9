import type { NotRegularFileError } from '../validator/input/regular-file';
/**
 * A source of definitions that cannot be used (missing, unreadable, not JSON or FHIR XML, a
 * package that is not installed, a package.tgz with an unsafe entry). The message is one line and
 * names the source, so that the command line can print it as it is.
 */
export class DefinitionSourceError extends Error {
  override name = 'DefinitionSourceError';

  constructor(readonly source: string, reason: string) {
    super(`${source}: ${oneLine(reason)}`);
  }
}

/** A definition path that is a FIFO, a device, a socket: refused unread, in the input reader's words. */
export class NotRegularDefinitionError extends DefinitionSourceError {
  override name = 'NotRegularDefinitionError';

  constructor(cause: NotRegularFileError) {
    super(cause.file, cause.message);
    this.message = oneLine(cause.message);
  }
}

/** An `id#version` package that is neither in the FHIR package cache nor installed by npm. */
export class PackageNotFoundError extends DefinitionSourceError {
  override name = 'PackageNotFoundError';
}

/** Parser messages can span lines (JSON.parse quotes the text): a one-line error keeps the first. */
export function oneLine(text: string): string {
  return text.split('\n')[0].trim();
}
