// DICOM Specific Character Set (0008,0005) decoding, PS3.3 C.12.1.1.2 and PS3.5 section 6.1.
// A single value names one encoding for the whole data set; several values (or one ISO 2022 term)
// mean ISO/IEC 2022 code extension: escape sequences in a value switch the G0 or G1 code element,
// and the value 1 sets are active again at every value, line, and PN component boundary.

/** How bytes of one code element become characters. */
interface CodeElement {
  /** Bytes per character. */
  width: 1 | 2;
  /** Decodes a run of this element's bytes (7-bit G0 bytes or 8-bit G1 bytes as they appear). */
  decode(bytes: number[]): string;
}

const decoders = new Map<string, TextDecoder>();
function decoder(label: string): TextDecoder {
  let found = decoders.get(label);
  if (!found) decoders.set(label, (found = new TextDecoder(label)));
  return found;
}
const byLabel = (label: string, width: 1 | 2 = 1, map: (bytes: number[]) => number[] = (b) => b): CodeElement => ({
  width,
  decode: (bytes) => decoder(label).decode(Uint8Array.from(map(bytes))),
});

const ASCII = byLabel('latin1');
/** JIS X 0201 Roman (ISO-IR 14): ASCII but for YEN SIGN and OVERLINE. */
const JIS_ROMAN: CodeElement = { width: 1, decode: (bytes) => ASCII.decode(bytes).replace(/\\/g, '¥').replace(/~/g, '‾') };
/** JIS X 0208 (ISO-IR 87) and JIS X 0212 (ISO-IR 159) in G0: 7-bit pairs, decoded as EUC-JP. */
const JIS_X_0208 = byLabel('euc-jp', 2, (b) => b.map((x) => x | 0x80));
const JIS_X_0212: CodeElement = {
  width: 2,
  decode: (bytes) => {
    const euc: number[] = [];
    for (let i = 0; i + 1 < bytes.length; i += 2) euc.push(0x8f, bytes[i] | 0x80, bytes[i + 1] | 0x80);
    return decoder('euc-jp').decode(Uint8Array.from(euc));
  },
};
/** JIS X 0201 Katakana (ISO-IR 13) in G1: single bytes 0xA1-0xDF, as in Shift JIS. */
const KATAKANA = byLabel('shift_jis');

/** G1 sets by their ISO 2022 defined term; the single-byte ones are ISO 8859 parts. */
const G1_SETS: Record<string, CodeElement> = {
  'ISO 2022 IR 100': byLabel('iso-8859-1'),
  'ISO 2022 IR 101': byLabel('iso-8859-2'),
  'ISO 2022 IR 109': byLabel('iso-8859-3'),
  'ISO 2022 IR 110': byLabel('iso-8859-4'),
  'ISO 2022 IR 144': byLabel('iso-8859-5'),
  'ISO 2022 IR 127': byLabel('iso-8859-6'),
  'ISO 2022 IR 126': byLabel('iso-8859-7'),
  'ISO 2022 IR 138': byLabel('iso-8859-8'),
  'ISO 2022 IR 148': byLabel('iso-8859-9'),
  'ISO 2022 IR 203': byLabel('iso-8859-15'),
  'ISO 2022 IR 166': byLabel('windows-874'),
  'ISO 2022 IR 13': KATAKANA,
  'ISO 2022 IR 149': byLabel('euc-kr', 2),
  'ISO 2022 IR 58': byLabel('gbk', 2),
};

/** The escape sequences of PS3.3 tables C.12-3 and C.12-4, and where each puts its set. */
const ESCAPES: [sequence: string, target: 'G0' | 'G1', element: CodeElement][] = [
  ['\x1b(B', 'G0', ASCII],
  ['\x1b(J', 'G0', JIS_ROMAN],
  ['\x1b$B', 'G0', JIS_X_0208],
  ['\x1b$(D', 'G0', JIS_X_0212],
  ['\x1b)I', 'G1', KATAKANA],
  ['\x1b-A', 'G1', G1_SETS['ISO 2022 IR 100']],
  ['\x1b-B', 'G1', G1_SETS['ISO 2022 IR 101']],
  ['\x1b-C', 'G1', G1_SETS['ISO 2022 IR 109']],
  ['\x1b-D', 'G1', G1_SETS['ISO 2022 IR 110']],
  ['\x1b-L', 'G1', G1_SETS['ISO 2022 IR 144']],
  ['\x1b-G', 'G1', G1_SETS['ISO 2022 IR 127']],
  ['\x1b-F', 'G1', G1_SETS['ISO 2022 IR 126']],
  ['\x1b-H', 'G1', G1_SETS['ISO 2022 IR 138']],
  ['\x1b-M', 'G1', G1_SETS['ISO 2022 IR 148']],
  ['\x1b-b', 'G1', G1_SETS['ISO 2022 IR 203']],
  ['\x1b-T', 'G1', G1_SETS['ISO 2022 IR 166']],
  ['\x1b$)C', 'G1', G1_SETS['ISO 2022 IR 149']],
  ['\x1b$)A', 'G1', G1_SETS['ISO 2022 IR 58']],
];

/** Single-value defined terms without code extension (PS3.3 table C.12-2, C.12-5). */
const SINGLE: Record<string, string> = {
  'ISO_IR 6': 'latin1',
  'ISO_IR 100': 'iso-8859-1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

/** Character sets whose person names put the family name first (Japanese, Korean, Chinese). */
const CJK = /IR (13|87|159|149|58)$|^GB/;

export interface CharacterSet {
  /** Decodes the bytes of one text attribute (all its values, backslashes included). */
  decode(bytes: Uint8Array, personName?: boolean): string;
  /** True for Japanese, Korean and Chinese character sets. */
  cjk: boolean;
  /** Set when a term is not known: its text is decoded as ISO 8859-1. */
  unknown?: string;
}

export const DEFAULT_CHARACTER_SET: CharacterSet = { decode: (bytes) => ASCII.decode([...bytes]), cjk: false };

/** The decoder for the values of Specific Character Set (0008,0005). */
export function characterSet(values: string[]): CharacterSet {
  const terms = values.map((v) => v.trim());
  const cjk = terms.some((t) => CJK.test(t));
  const extended = terms.length > 1 || terms.some((t) => t.startsWith('ISO 2022'));
  if (!extended) {
    const term = terms[0] ?? '';
    if (term === '') return DEFAULT_CHARACTER_SET;
    const label = SINGLE[term];
    if (!label) return { ...DEFAULT_CHARACTER_SET, unknown: term };
    return { decode: (bytes) => decoder(label).decode(bytes), cjk };
  }
  const first = (terms[0] ?? '').replace(/^ISO_IR /, 'ISO 2022 IR ');
  const unknown = terms.find((t) => t !== '' && !known(t.replace(/^ISO_IR /, 'ISO 2022 IR ')));
  // Value 1 sets the initial G0 (always ASCII-like) and G1; ISO 2022 IR 13 brings JIS X 0201 Roman.
  const initial = { g0: first === 'ISO 2022 IR 13' ? JIS_ROMAN : ASCII, g1: G1_SETS[first] as CodeElement | undefined };
  return { decode: (bytes, personName) => decode2022(bytes, initial, personName ?? false), cjk, ...(unknown ? { unknown } : {}) };
}

function known(term: string): boolean {
  return term === 'ISO 2022 IR 6' || term === 'ISO 2022 IR 87' || term === 'ISO 2022 IR 159' || term in G1_SETS;
}

const ESC = 0x1b;
/** Bytes at which the value 1 sets are active again: control characters, `\`, and PN's `^` and `=`. */
function resets(byte: number, personName: boolean): boolean {
  return byte < 0x20 || byte === 0x5c || (personName && (byte === 0x5e || byte === 0x3d));
}

function decode2022(bytes: Uint8Array, initial: { g0: CodeElement; g1?: CodeElement }, personName: boolean): string {
  let g0 = initial.g0;
  let g1 = initial.g1;
  let out = '';
  let run: number[] = [];
  let runElement: CodeElement | undefined;
  const flush = () => {
    if (runElement && run.length) out += runElement.decode(run);
    run = [];
  };
  const push = (element: CodeElement, ...b: number[]) => {
    if (element !== runElement) {
      flush();
      runElement = element;
    }
    run.push(...b);
  };
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === ESC) {
      const escape = ESCAPES.find(([sequence]) => matches(bytes, i, sequence));
      if (!escape) {
        push(ASCII, 0x3f); // '?' for an escape sequence no DICOM character set defines
        continue;
      }
      if (escape[1] === 'G0') g0 = escape[2];
      else g1 = escape[2];
      i += escape[0].length - 1;
      continue;
    }
    if (byte < 0x80) {
      if (g0.width === 2 && byte >= 0x21 && byte < 0x7f && i + 1 < bytes.length) {
        push(g0, byte, bytes[++i]);
        continue;
      }
      if (resets(byte, personName)) {
        g0 = initial.g0;
        g1 = initial.g1;
      }
      push(g0.width === 2 ? ASCII : g0, byte);
      continue;
    }
    if (!g1) {
      push(ASCII, 0x3f); // an 8-bit byte with no G1 set invoked
      continue;
    }
    if (g1.width === 2 && i + 1 < bytes.length) push(g1, byte, bytes[++i]);
    else push(g1, byte);
  }
  flush();
  return out;
}

function matches(bytes: Uint8Array, at: number, sequence: string): boolean {
  for (let k = 0; k < sequence.length; k++) if (bytes[at + k] !== sequence.charCodeAt(k)) return false;
  return true;
}
