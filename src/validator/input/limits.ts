/**
 * The most any one input may be: a file, standard input, one NDJSON line, or text given to the
 * library (bytes or characters, whichever is read). Larger input is refused without being parsed.
 */
export const MAX_INPUT_CHARS = 64 * 1024 * 1024;
