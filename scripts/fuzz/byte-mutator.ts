// Byte-level mutations: for text formats (broken syntax, invalid UTF-8) and for DICOM files
// (lengths, tags and value representations that lie).
import type { Rng } from './random';

const INTERESTING_BYTES: readonly number[][] = [
  [0x00], [0xff], [0x7f], [0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xff],
  [0x22], [0x5c], [0x7b], [0x7d], [0x5b], [0x5d], [0x3c], [0x3e], [0x26], [0x0a], [0x0d], [0x1b], [0x2c], [0x3a],
];

/** 32-bit values that DICOM lengths and tags are most often broken with (little endian). */
const INTERESTING_WORDS: readonly number[] = [0, 1, 2, 0x7f, 0x80, 0xff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

type ByteMutation = (rng: Rng, b: Uint8Array) => Uint8Array;

const BYTE_MUTATIONS: readonly ByteMutation[] = [
  (rng, b) => {
    if (!b.length) return b;
    const c = Uint8Array.from(b);
    c[rng.int(c.length)] ^= 1 << rng.int(8);
    return c;
  },
  (rng, b) => {
    if (!b.length) return b;
    const c = Uint8Array.from(b);
    c[rng.int(c.length)] = rng.int(256);
    return c;
  },
  (rng, b) => {
    const at = rng.int(b.length + 1);
    return concat(b.subarray(0, at), Uint8Array.from(rng.pick(INTERESTING_BYTES)), b.subarray(at));
  },
  (rng, b) => {
    const at = rng.int(b.length + 1);
    const n = rng.range(1, Math.max(1, Math.min(64, b.length - at)));
    return concat(b.subarray(0, at), b.subarray(at + n));
  },
  (rng, b) => b.subarray(0, rng.int(b.length + 1)),
  (rng, b) => {
    const at = rng.int(b.length + 1);
    const from = rng.int(b.length + 1);
    const piece = b.subarray(from, from + rng.range(1, 256));
    return concat(b.subarray(0, at), piece, piece, b.subarray(at));
  },
  (rng, b) => {
    if (b.length < 4) return b;
    const c = Uint8Array.from(b);
    const at = rng.int(c.length - 3);
    new DataView(c.buffer, c.byteOffset, c.byteLength).setUint32(at, rng.pick(INTERESTING_WORDS), true);
    return c;
  },
  (rng, b) => {
    if (b.length < 2) return b;
    const c = Uint8Array.from(b);
    const at = rng.int(c.length - 1);
    new DataView(c.buffer, c.byteOffset, c.byteLength).setUint16(at, rng.pick(INTERESTING_WORDS) & 0xffff, true);
    return c;
  },
];

export function mutateBytes(rng: Rng, bytes: Uint8Array, max = 4): Uint8Array {
  let b = bytes;
  const n = rng.small(max);
  for (let i = 0; i < n; i++) b = rng.pick(BYTE_MUTATIONS)(rng, b);
  return b;
}

/**
 * A DICOM-aware variant: the 32-bit word hit is one that follows a tag (a length or a VR), found by
 * scanning for even group numbers, so that more mutations get past the preamble and the meta header.
 */
export function mutateDicom(rng: Rng, bytes: Uint8Array): Uint8Array {
  if (rng.chance(0.5) || bytes.length < 140) return mutateBytes(rng, bytes);
  const c = Uint8Array.from(bytes);
  const view = new DataView(c.buffer, c.byteOffset, c.byteLength);
  const n = rng.small(3);
  for (let i = 0; i < n; i++) {
    // Positions 132.. are elements; aim at an offset that is 2-aligned and within the file.
    const at = 132 + 2 * rng.int(Math.floor((c.length - 136) / 2));
    if (rng.chance(0.5)) view.setUint32(at, rng.pick(INTERESTING_WORDS), true);
    else view.setUint16(at, rng.pick([0x4153 /* SA */, 0x5153 /* SQ */, 0x4e55 /* UN */, 0x4255 /* UB */, 0xfffe, 0xe000, 0xe00d, 0xe0dd]), true);
  }
  return c;
}
