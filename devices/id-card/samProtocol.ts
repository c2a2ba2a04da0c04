/**
 * The "AA AA AA 96 69" SAM frame protocol of 2nd-generation ID-card readers (GA 467), as
 * transcribed in shared research id-card-reader.md §1–§3:
 *
 *   request:  AA AA AA 96 69 | Len(2, BE) | CMD | PARA | DATA | CHK
 *   response: AA AA AA 96 69 | Len(2, BE) | SW1 | SW2 | SW3 | DATA | CHK
 *
 * Len counts everything after itself including CHK; CHK = XOR of Len..DATA. No byte stuffing, so the
 * preamble may legitimately occur inside a photo: frames are delimited by length, never by preamble.
 * Runtime: pure.
 */

export const SAM_PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble + two length bytes. */
export const SAM_HEADER_BYTES = 7;

/** Host commands (research §2). PARA 0xFF = "no parameter". */
export const SAM_COMMANDS = {
  resetSam: { command: 0x10, parameter: 0xff },
  samStatus: { command: 0x11, parameter: 0xff },
  readSamId: { command: 0x12, parameter: 0xff },
  findCard: { command: 0x20, parameter: 0x01 },
  selectCard: { command: 0x20, parameter: 0x02 },
  readTextAndPhoto: { command: 0x30, parameter: 0x01 },
  readAppendedAddress: { command: 0x30, parameter: 0x03 },
  readTextPhotoFingerprint: { command: 0x30, parameter: 0x10 },
  setMaxRfBytes: { command: 0x61, parameter: 0xff },
} as const satisfies Record<string, { command: number; parameter: number }>;

export type SamCommandName = keyof typeof SAM_COMMANDS;

export function samCommandName(command: number, parameter: number): SamCommandName | undefined {
  for (const [name, c] of Object.entries(SAM_COMMANDS)) {
    if (c.command === command && c.parameter === parameter) return name as SamCommandName;
  }
  return undefined;
}

/** XOR of every byte in `bytes[from, to)`. */
export function xorChecksum(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i] ?? 0;
  return x;
}

/** Wraps a body (CMD PARA DATA, or SW1 SW2 SW3 DATA) in preamble, length and checksum. */
export function encodeSamFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`SAM frame body too long: ${body.length} B`);
  const frame = new Uint8Array(SAM_HEADER_BYTES + len);
  frame.set(SAM_PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, SAM_HEADER_BYTES);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

export function encodeSamRequest(name: SamCommandName, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const { command, parameter } = SAM_COMMANDS[name];
  return encodeSamFrame(concatBytes(Uint8Array.of(command, parameter), data));
}

export function encodeSamResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  return encodeSamFrame(concatBytes(Uint8Array.of(sw1, sw2, sw3), data));
}

/** Read responses (30 01 / 30 10): BE u16 lengths, then the blocks (research §1.4). */
export interface CardDataBlocks {
  text: Uint8Array;
  photo: Uint8Array;
  /** Only for 30 10; may be empty (card without fingerprints). */
  fingerprint?: Uint8Array;
}

export function encodeCardDataBlocks(blocks: CardDataBlocks): Uint8Array {
  const withFp = blocks.fingerprint !== undefined;
  const lengths = new Uint8Array(withFp ? 6 : 4);
  const view = new DataView(lengths.buffer);
  view.setUint16(0, blocks.text.length);
  view.setUint16(2, blocks.photo.length);
  if (withFp) view.setUint16(4, blocks.fingerprint?.length ?? 0);
  return concatBytes(lengths, blocks.text, blocks.photo, blocks.fingerprint ?? new Uint8Array(0));
}

/**
 * Splits the data of a read response by its length words. Never trusts fixed offsets: a response
 * whose lengths do not add up exactly is refused (the XOR checksum is weak, so this is a second
 * line of defence against a corrupted frame).
 */
export function decodeCardDataBlocks(data: Uint8Array, withFingerprint: boolean): CardDataBlocks | { problem: string } {
  const headerLen = withFingerprint ? 6 : 4;
  if (data.length < headerLen) return { problem: `read response too short (${data.length} B)` };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const textLen = view.getUint16(0);
  const photoLen = view.getUint16(2);
  const fpLen = withFingerprint ? view.getUint16(4) : 0;
  if (textLen !== TEXT_BLOCK_BYTES) return { problem: `text block is ${textLen} B, expected ${TEXT_BLOCK_BYTES}` };
  if (photoLen > MAX_PHOTO_BYTES) return { problem: `photo block of ${photoLen} B is implausible` };
  if (fpLen > MAX_FINGERPRINT_BYTES) return { problem: `fingerprint block of ${fpLen} B is implausible` };
  if (headerLen + textLen + photoLen + fpLen !== data.length) {
    return { problem: `block lengths ${textLen}+${photoLen}+${fpLen} do not match ${data.length - headerLen} B of data` };
  }
  const text = data.slice(headerLen, headerLen + textLen);
  const photo = data.slice(headerLen + textLen, headerLen + textLen + photoLen);
  if (!withFingerprint) return { text, photo };
  return { text, photo, fingerprint: data.slice(headerLen + textLen + photoLen) };
}

export const TEXT_BLOCK_BYTES = 256;
export const PHOTO_BYTES = 1024;
export const APPENDED_ADDRESS_BYTES = 70;
const MAX_PHOTO_BYTES = 2048;
const MAX_FINGERPRINT_BYTES = 1024;

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
