/**
 * Streaming ESC/POS tokenizer: the printer's side of escposCommands.ts. Given the start of a byte
 * buffer it returns one token and how many bytes it used, or "need more" — never a guess on short
 * input. Used by the simulator (to print onto virtual paper) and by the device log (to describe a
 * job by its commands and lengths without its text).
 * Lengths follow printing.md §7.1 (fixed, length-prefixed, computed forms).
 * Runtime: pure.
 */

export type EscPosToken =
  /** Printable bytes: ASCII, and in Chinese mode whole 2- or 4-byte GB18030 characters. */
  | { kind: 'text'; bytes: Uint8Array }
  /** A control byte or command; `name` like `LF`, `ESC a`, `GS ( k`; `bytes` = the whole command. */
  | { kind: 'command'; name: string; bytes: Uint8Array }
  /** Bytes this tokenizer does not know; recorded by the simulator, never a crash. */
  | { kind: 'unknown'; bytes: Uint8Array; reason: string };

export type TokenStep = { kind: 'need-more' } | { kind: 'token'; token: EscPosToken; consumed: number };

const NEED_MORE: TokenStep = { kind: 'need-more' };

/** Parameter bytes after `ESC x` (fixed-length forms). */
const ESC_PARAMS: Readonly<Record<number, number>> = byChar({
  '@': 0, E: 1, G: 1, '-': 1, a: 1, d: 1, J: 1, '!': 1, t: 1, M: 1, R: 1, '2': 0, '3': 1, p: 3, V: 1,
  '{': 1, i: 0, m: 0, ' ': 1, '=': 1, e: 1, U: 1, r: 1, L: 0, S: 0, T: 1, $: 2, '\\': 2, c: 2,
});
/** Parameter bytes after `GS x` (fixed-length forms; `(`, `V`, `v`, `k` are computed). */
const GS_PARAMS: Readonly<Record<number, number>> = byChar({
  '!': 1, B: 1, r: 1, a: 1, h: 1, w: 1, H: 1, f: 1, L: 2, W: 2, I: 1, P: 2, $: 2, '\\': 2, b: 1, ':': 0,
});
/** Parameter bytes after `FS x`. */
const FS_PARAMS: Readonly<Record<number, number>> = byChar({
  '&': 0, '.': 0, '!': 1, '-': 1, C: 1, W: 1, S: 2, T: 2, p: 2,
});

const PREFIX_NAMES: Readonly<Record<number, string>> = { 0x1b: 'ESC', 0x1d: 'GS', 0x1c: 'FS', 0x10: 'DLE' };
const CONTROL_NAMES: Readonly<Record<number, string>> = { 0x0a: 'LF', 0x0d: 'CR', 0x09: 'HT', 0x0c: 'FF', 0x00: 'NUL' };

/**
 * Reads one token at the start of `buffer`. `chineseMode` decides how bytes ≥ 0x80 group into
 * characters (in 汉字 mode a lead byte 0x81–0xFE takes the next 1 or 3 bytes, §7.1).
 */
export function nextToken(buffer: Uint8Array, chineseMode: boolean): TokenStep {
  const first = buffer[0];
  if (first === undefined) return NEED_MORE;
  if (first >= 0x20) return textRun(buffer, chineseMode);
  const prefix = PREFIX_NAMES[first];
  if (prefix === undefined) {
    const control = CONTROL_NAMES[first];
    return control === undefined
      ? unknown(buffer, 1, `control byte 0x${hex(first)}`)
      : command(buffer, control, 1);
  }
  const second = buffer[1];
  if (second === undefined) return NEED_MORE;
  const name = `${prefix} ${printableName(second)}`;
  switch (first) {
    case 0x1b:
      return fixed(buffer, name, ESC_PARAMS[second]);
    case 0x1c:
      if (second === 0x28) return lengthPrefixed(buffer, prefix);
      if (second === 0x32) return fixedTotal(buffer, name, 4 + 72); // FS 2 c1 c2 + 24×24 glyph
      return fixed(buffer, name, FS_PARAMS[second]);
    case 0x1d:
      if (second === 0x28) return lengthPrefixed(buffer, prefix);
      if (second === 0x56) return cutCommand(buffer, name);
      if (second === 0x76) return rasterImage(buffer);
      if (second === 0x6b) return barcode(buffer, name);
      return fixed(buffer, name, GS_PARAMS[second]);
    default:
      return dleCommand(buffer, second);
  }
}

function textRun(buffer: Uint8Array, chineseMode: boolean): TokenStep {
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i] ?? 0;
    if (b < 0x20) break;
    if (!chineseMode || b < 0x80) {
      i += 1;
      continue;
    }
    const size = gbCharSize(buffer, i);
    if (size === 'need-more') {
      if (i === 0) return NEED_MORE;
      break;
    }
    if (size === 'invalid') {
      if (i === 0) return unknown(buffer, 1, `0x${hex(b)} is no GB18030 character start`);
      break;
    }
    i += size;
  }
  return { kind: 'token', token: { kind: 'text', bytes: buffer.slice(0, i) }, consumed: i };
}

/** Size of the GB18030 character starting at `i` (lead byte ≥ 0x80). */
function gbCharSize(buffer: Uint8Array, i: number): number | 'need-more' | 'invalid' {
  const lead = buffer[i] ?? 0;
  if (lead === 0x80 || lead === 0xff) return 'invalid';
  const second = buffer[i + 1];
  if (second === undefined) return 'need-more';
  if (second >= 0x30 && second <= 0x39) {
    if (i + 3 >= buffer.length) return 'need-more';
    const third = buffer[i + 2] ?? 0;
    const fourth = buffer[i + 3] ?? 0;
    return third >= 0x81 && third <= 0xfe && fourth >= 0x30 && fourth <= 0x39 ? 4 : 'invalid';
  }
  return second >= 0x40 && second <= 0xfe && second !== 0x7f ? 2 : 'invalid';
}

function fixed(buffer: Uint8Array, name: string, params: number | undefined): TokenStep {
  if (params === undefined) return unknown(buffer, 2, `unknown command ${name}`);
  return fixedTotal(buffer, name, 2 + params);
}

function fixedTotal(buffer: Uint8Array, name: string, total: number): TokenStep {
  return buffer.length < total ? NEED_MORE : command(buffer, name, total);
}

/** `GS ( x pL pH …` / `FS ( x pL pH …`: QR, graphics, encoding settings. */
function lengthPrefixed(buffer: Uint8Array, prefix: string): TokenStep {
  if (buffer.length < 5) return NEED_MORE;
  const total = 5 + (buffer[3] ?? 0) + (buffer[4] ?? 0) * 256;
  return fixedTotal(buffer, `${prefix} ( ${printableName(buffer[2] ?? 0)}`, total);
}

/** `GS V m` or `GS V m n` (m = 65/66/97/98/103/104 take a feed amount). */
function cutCommand(buffer: Uint8Array, name: string): TokenStep {
  const m = buffer[2];
  if (m === undefined) return NEED_MORE;
  const withFeed = [0x41, 0x42, 0x61, 0x62, 0x67, 0x68].includes(m);
  return fixedTotal(buffer, name, withFeed ? 4 : 3);
}

/** `GS v 0 m xL xH yL yH d1…dk`, k = x·y. */
function rasterImage(buffer: Uint8Array): TokenStep {
  if (buffer.length < 8) return NEED_MORE;
  if (buffer[2] !== 0x30) return unknown(buffer, 3, 'GS v without 0');
  const x = (buffer[4] ?? 0) + (buffer[5] ?? 0) * 256;
  const y = (buffer[6] ?? 0) + (buffer[7] ?? 0) * 256;
  return fixedTotal(buffer, 'GS v 0', 8 + x * y);
}

/** `GS k m d… NUL` (m 0–6) or `GS k m n d1…dn` (m 65–79). */
function barcode(buffer: Uint8Array, name: string): TokenStep {
  const m = buffer[2];
  if (m === undefined) return NEED_MORE;
  if (m <= 6) {
    const end = buffer.indexOf(0x00, 3);
    return end < 0 ? NEED_MORE : command(buffer, name, end + 1);
  }
  const n = buffer[3];
  if (n === undefined) return NEED_MORE;
  return fixedTotal(buffer, name, 4 + n);
}

/** DLE EOT n (n = 7, 8, 18 take one more byte), DLE ENQ n, DLE DC4 fn a b. */
function dleCommand(buffer: Uint8Array, second: number): TokenStep {
  if (second === 0x04) {
    const n = buffer[2];
    if (n === undefined) return NEED_MORE;
    return fixedTotal(buffer, 'DLE EOT', n === 7 || n === 8 || n === 18 ? 4 : 3);
  }
  if (second === 0x05) return fixedTotal(buffer, 'DLE ENQ', 3);
  if (second === 0x14) return fixedTotal(buffer, 'DLE DC4', 5);
  return unknown(buffer, 2, `unknown command DLE 0x${hex(second)}`);
}

function command(buffer: Uint8Array, name: string, length: number): TokenStep {
  return { kind: 'token', token: { kind: 'command', name, bytes: buffer.slice(0, length) }, consumed: length };
}

function unknown(buffer: Uint8Array, length: number, reason: string): TokenStep {
  const n = Math.min(length, buffer.length);
  return { kind: 'token', token: { kind: 'unknown', bytes: buffer.slice(0, n), reason }, consumed: n };
}

function printableName(byte: number): string {
  return byte >= 0x21 && byte < 0x7f ? String.fromCharCode(byte) : `0x${hex(byte)}`;
}

function byChar(table: Record<string, number>): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [char, params] of Object.entries(table)) out[char.charCodeAt(0)] = params;
  return out;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/**
 * One log line for a block of printer bytes without its content: command names with counts and
 * the number of text / QR data bytes, e.g. `1234 B: ESC @ ×1, ESC a ×6, … text 480 B, QR data 31 B`.
 * Receipt text and QR payloads never appear (devices.md §7.6).
 */
export function summarizeEscPos(bytes: Uint8Array): string {
  const counts = new Map<string, number>();
  let textBytes = 0;
  let qrBytes = 0;
  let unknownBytes = 0;
  let offset = 0;
  let chinese = true;
  while (offset < bytes.length) {
    const step = nextToken(bytes.subarray(offset), chinese);
    if (step.kind === 'need-more') {
      unknownBytes += bytes.length - offset;
      break;
    }
    const { token } = step;
    if (token.kind === 'text') textBytes += token.bytes.length;
    else if (token.kind === 'unknown') unknownBytes += token.bytes.length;
    else {
      if (token.name === 'FS &') chinese = true;
      if (token.name === 'FS .') chinese = false;
      if (token.name === 'GS ( k' && token.bytes[6] === 0x50) qrBytes += token.bytes.length - 8;
      counts.set(token.name, (counts.get(token.name) ?? 0) + 1);
    }
    offset += step.consumed;
  }
  const parts = [...counts].map(([name, n]) => `${name} ×${n}`);
  if (textBytes > 0) parts.push(`text ${textBytes} B`);
  if (qrBytes > 0) parts.push(`QR data ${qrBytes} B`);
  if (unknownBytes > 0) parts.push(`other ${unknownBytes} B`);
  return `${bytes.length} B: ${parts.join(', ')}`;
}

/** True when `bytes` hold only commands (no text, no QR data) and can be logged as hex. */
export function isControlOnly(bytes: Uint8Array): boolean {
  let offset = 0;
  while (offset < bytes.length) {
    const step = nextToken(bytes.subarray(offset), true);
    if (step.kind === 'need-more' || step.token.kind !== 'command') return false;
    if (step.token.name.startsWith('GS (') || step.token.name.startsWith('FS (') || step.token.name === 'GS k') {
      return false;
    }
    offset += step.consumed;
  }
  return true;
}
