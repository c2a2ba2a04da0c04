/**
 * Raw-frame log lines for the technician screen with personal data masked in the codec, the only
 * place that knows which bytes are personal (devices.md §7.6): header, status, lengths and checksum
 * in hex; the text block as `<text 256 B, sha256:…>` (the hash lets support tell two reads apart
 * without seeing them); photo and fingerprint by size only; skipped bytes by size, hash and reason.
 * Runtime: plain Node (node:crypto).
 */
import { createHash } from 'node:crypto';
import { toHex } from '../core/framer.ts';
import { indexOfPreamble } from './samFrameDecoder.ts';
import { APPENDED_ADDRESS_BYTES, decodeCardDataBlocks, samCommandName } from './samProtocol.ts';
import { SW3_FIND_SUCCESS, SW3_SUCCESS, samStatusInfo } from './samStatus.ts';

export interface SamFrameLogEntry {
  readonly at: number;
  readonly dir: 'tx' | 'rx' | 'skip';
  /** Hex with personal blocks replaced by placeholders. */
  readonly hex: string;
  /** Command name, status meaning or skip reason. */
  readonly note: string;
}

export type SamFrameLogObserver = (entry: SamFrameLogEntry) => void;

const HEADER = 10; // preamble(5) + len(2) + SW1 SW2 SW3 / CMD PARA + first data byte

function hash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

function hx(bytes: Uint8Array): string {
  return toHex(bytes, Number.MAX_SAFE_INTEGER);
}

/** Requests carry no personal data: logged whole. */
export function describeRequest(raw: Uint8Array, at: number): SamFrameLogEntry {
  const name = samCommandName(raw[7] ?? -1, raw[8] ?? -1) ?? 'unknown command';
  return { at, dir: 'tx', hex: hx(raw), note: name };
}

export function describeResponse(raw: Uint8Array, at: number): SamFrameLogEntry {
  const sw3 = raw[9] ?? 0;
  const data = raw.subarray(HEADER, raw.length - 1);
  const head = hx(raw.subarray(0, HEADER));
  const chk = hx(raw.subarray(raw.length - 1));
  const note = `SW3 0x${sw3.toString(16).padStart(2, '0')} ${samStatusInfo(sw3).en}`;
  const body = data.length === 0 ? [] : [maskedData(sw3, data)];
  return { at, dir: 'rx', hex: [head, ...body, chk].join(' '), note };
}

function maskedData(sw3: number, data: Uint8Array): string {
  if (sw3 === SW3_SUCCESS) {
    for (const withFp of [false, true]) {
      const blocks = decodeCardDataBlocks(data, withFp);
      if ('text' in blocks) {
        const lengths = hx(data.subarray(0, withFp ? 6 : 4));
        const parts = [lengths, `<text ${blocks.text.length} B, sha256:${hash(blocks.text)}>`, `<photo ${blocks.photo.length} B>`];
        if (blocks.fingerprint !== undefined) parts.push(`<fingerprint ${blocks.fingerprint.length} B>`);
        return parts.join(' ');
      }
    }
    if (data.length === APPENDED_ADDRESS_BYTES) return `<text ${data.length} B, sha256:${hash(data)}>`;
    if (data.length === 16) return hx(data); // SAM ID: the reader's own serial, not personal
  }
  if (sw3 === SW3_FIND_SUCCESS) return `<iin ${data.length} B>`;
  return `<data ${data.length} B, sha256:${hash(data)}>`;
}

/** Skipped bytes may be a corrupted read response: only a frame header is shown in the clear. */
export function describeSkipped(bytes: Uint8Array, reason: string, at: number): SamFrameLogEntry {
  const startsWithFrame = indexOfPreamble(bytes.subarray(0, 5), 0) === 0;
  const head = startsWithFrame ? `${hx(bytes.subarray(0, Math.min(HEADER, bytes.length)))} ` : '';
  return { at, dir: 'skip', hex: `${head}<${bytes.length} B, sha256:${hash(bytes)}>`, note: reason };
}
