/**
 * Which characters the printer can really print, and their GB18030 bytes. iconv-lite silently
 * writes `?` for anything it cannot encode (printing.md §2.2), and a printer font only holds part of
 * what GB18030 can encode, so every character is checked against a configurable printable set
 * before a single byte goes out. Nothing is ever replaced by `?`.
 * Runtime: plain Node (iconv-lite).
 */
import iconv from 'iconv-lite';

/**
 * The printer font's coverage (per printer model, see printing.md §1.2/§2.4):
 * - `gb2312`: ASCII + GB2312 (rows A1–A9 symbols, B0–F7 汉字) — older / cheap firmware;
 * - `gbk`: ASCII + any 2-byte GB18030 code (= GBK) — the default for current printers;
 * - `gb18030`: also 4-byte codes, but only for 汉字 (the font has no emoji or other scripts).
 * Private-use code points are never printable: no font has glyphs there.
 */
export type PrintableCharset = 'gb2312' | 'gbk' | 'gb18030';

export interface PrintableSet {
  charset: PrintableCharset;
  /** Extra characters the model is known to lack (e.g. found on its self-test page). */
  deny?: ReadonlySet<string>;
}

export interface UnprintableChar {
  char: string;
  /** `U+1F600` */
  codePoint: string;
  /** Position in the field, counted in characters (code points), from 0. */
  index: number;
  /** Which part of the receipt (`title`, `lines.3.value`, `qr.payload` …) or `text`. */
  field: string;
}

/**
 * Look-alikes replaced before checking (printing.md §2.2 [rec]): ¥ has only a 4-byte GB18030 code
 * (a 2-byte printer prints `0 6`), • and ・ have none in GBK; NBSP is a plain space on paper.
 */
const NORMALISE: Readonly<Record<string, string>> = {
  '\u00a5': '\uffe5', // ¥ → ￥
  '\u2022': '\u00b7', // • → ·
  '\u30fb': '\u00b7', // ・ → ·
  '\u00a0': ' ',
};

export function normaliseForPrinter(text: string): string {
  return text.replace(/[\u00a5\u2022\u30fb\u00a0]/g, (c) => NORMALISE[c] ?? c);
}

const HAN = /^\p{Script=Han}$/u;

/** GB18030 bytes of one printable character, or undefined when this printer cannot print it. */
export function encodePrintableChar(char: string, set: PrintableSet): Uint8Array | undefined {
  const cp = char.codePointAt(0);
  if (cp === undefined) return undefined;
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f ? Uint8Array.of(cp) : undefined; // no control codes in text
  if (set.deny?.has(char) === true) return undefined;
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return undefined; // private use
  const bytes = gb18030Bytes(char);
  if (bytes === undefined) return undefined;
  if (bytes.length === 2) {
    if (set.charset !== 'gb2312') return bytes;
    return isGb2312(bytes) ? bytes : undefined;
  }
  if (bytes.length === 4 && set.charset === 'gb18030' && HAN.test(char)) return bytes;
  return undefined;
}

/** Encoding one character through iconv-lite is slow; the set of characters on receipts is small. */
const gbCache = new Map<string, Uint8Array | null>();
const GB_CACHE_LIMIT = 30_000;

function gb18030Bytes(char: string): Uint8Array | undefined {
  const cached = gbCache.get(char);
  if (cached !== undefined) return cached ?? undefined;
  const encoded = iconv.encode(char, 'gb18030');
  // Round trip: iconv-lite's `?` for unencodable input must never pass as a real character.
  const bytes = iconv.decode(encoded, 'gb18030') === char ? new Uint8Array(encoded) : null;
  if (gbCache.size < GB_CACHE_LIMIT) gbCache.set(char, bytes);
  return bytes ?? undefined;
}

function isGb2312(bytes: Uint8Array): boolean {
  const lead = bytes[0] ?? 0;
  const trail = bytes[1] ?? 0;
  const row = (lead >= 0xa1 && lead <= 0xa9) || (lead >= 0xb0 && lead <= 0xf7);
  return row && trail >= 0xa1 && trail <= 0xfe;
}

export type EncodeTextResult =
  | { ok: true; bytes: Uint8Array; columns: number }
  | { ok: false; unprintable: UnprintableChar[] };

/**
 * Encodes `text` (after normalisation) to GB18030 for Chinese mode. `columns` is the width on paper
 * at normal size: a 1-byte character takes one column, every multi-byte character two.
 */
export function encodePrintableText(text: string, set: PrintableSet, field = 'text'): EncodeTextResult {
  const chars = Array.from(normaliseForPrinter(text));
  const parts: Uint8Array[] = [];
  const unprintable: UnprintableChar[] = [];
  let length = 0;
  let columns = 0;
  chars.forEach((char, index) => {
    const bytes = encodePrintableChar(char, set);
    if (bytes === undefined) {
      unprintable.push({ char, codePoint: formatCodePoint(char), index, field });
      return;
    }
    parts.push(bytes);
    length += bytes.length;
    columns += bytes.length === 1 ? 1 : 2;
  });
  if (unprintable.length > 0) return { ok: false, unprintable };
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return { ok: true, bytes: out, columns };
}

/** Columns one character takes at normal size (2 for anything that is not 1-byte ASCII). */
export function charColumns(char: string): number {
  const cp = char.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : 2;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of normaliseForPrinter(text)) width += charColumns(char);
  return width;
}

export function formatCodePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One readable sentence for logs and error messages: `😀 (U+1F600) at title[3]`. */
export function describeUnprintable(chars: readonly UnprintableChar[]): string {
  const shown = chars.slice(0, 10).map((c) => `${c.char} (${c.codePoint}) at ${c.field}[${c.index}]`);
  const more = chars.length > 10 ? ` and ${chars.length - 10} more` : '';
  return `the printer cannot print ${shown.join(', ')}${more}`;
}
