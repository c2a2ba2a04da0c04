/**
 * Fixed-width UCS-2 little-endian fields of the card text block (research §4): right-padded with
 * U+0020; decoders strip trailing U+0020 and U+0000 but keep interior spaces (foreign names).
 * Runtime: pure.
 */

export function decodeUcs2Field(block: Uint8Array, offset: number, bytes: number): string {
  let out = '';
  for (let i = offset; i + 1 < offset + bytes && i + 1 < block.length; i += 2) {
    out += String.fromCharCode((block[i] ?? 0) | ((block[i + 1] ?? 0) << 8));
  }
  let end = out.length;
  while (end > 0 && (out[end - 1] === ' ' || out[end - 1] === '\u0000')) end--;
  return out.slice(0, end);
}

/** Writes `text` into `block` at `offset`, padded with spaces; refuses text that does not fit. */
export function encodeUcs2Field(block: Uint8Array, offset: number, bytes: number, text: string): void {
  if (text.length * 2 > bytes) throw new RangeError(`"${text}" needs ${text.length * 2} B, field has ${bytes}`);
  for (let i = 0; i < bytes / 2; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x20;
    block[offset + 2 * i] = code & 0xff;
    block[offset + 2 * i + 1] = code >> 8;
  }
}

/** A block of `bytes` spaces (how unused and reserved areas look on real cards). */
export function blankUcs2Block(bytes: number): Uint8Array {
  const block = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 2) block[i] = 0x20;
  return block;
}
