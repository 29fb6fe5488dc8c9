/** One line of an NDJSON file: its bytes (without the line break), or only its length when over the limit. */
export type NdjsonLine = { number: number; bytes: Buffer } | { number: number; tooLong: number };

/**
 * Splits a byte stream into lines (LF or CRLF), holding at most `limit` bytes of a line: a longer
 * line is skipped to its end and reported by its length only, so memory stays bounded however long
 * a line is. Works on bytes, not text, so that each line is decoded (and judged) on its own.
 */
export async function* ndjsonLines(chunks: AsyncIterable<Buffer>, limit: number): AsyncGenerator<NdjsonLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let number = 0;
  const take = (): NdjsonLine => {
    number++;
    if (length > limit) return { number, tooLong: length };
    let bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
    if (bytes.length && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    return { number, bytes };
  };
  const keep = (piece: Buffer) => {
    length += piece.length;
    if (length > limit) parts = []; // over the limit: only the length is counted from here on
    else if (piece.length) parts.push(piece);
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      keep(chunk.subarray(start, nl));
      yield take();
      parts = [];
      length = 0;
      start = nl + 1;
    }
    // Copied: the stream may reuse its buffer for the next chunk.
    if (start < chunk.length) keep(Buffer.from(chunk.subarray(start)));
  }
  if (length > 0 || parts.length) yield take();
}
