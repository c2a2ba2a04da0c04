/**
 * Streaming decoders for SAM frames, one for each direction (the driver reads responses, the
 * simulator reads requests). They implement devices/core FrameDecoder: stateless, look at the start
 * of the buffer, and on anything wrong skip to the next preamble so the following frame is not lost.
 * Skip reasons start with a stable tag (`garbage`, `bad checksum`, `bad length`) that the simulator
 * keys on to answer 0x10 / 0x11 like a real reader.
 * Runtime: pure.
 */
import type { DecodeStep, FrameDecoder } from '../core/framer.ts';
import { SAM_HEADER_BYTES, SAM_PREAMBLE, xorChecksum } from './samProtocol.ts';
import { SW3_FIND_SUCCESS, SW3_SUCCESS } from './samStatus.ts';

export interface SamResponseFrame {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
  /** The whole frame as received, for the (masked) raw log. */
  readonly raw: Uint8Array;
}

export interface SamRequestFrame {
  readonly command: number;
  readonly parameter: number;
  readonly data: Uint8Array;
  readonly raw: Uint8Array;
}

export const SKIP_GARBAGE = 'garbage';
export const SKIP_BAD_CHECKSUM = 'bad checksum';
export const SKIP_BAD_LENGTH = 'bad length';

/** Largest legal Len: text+photo+two fingerprints is 0x090A; leave room for other firmware. */
const MAX_RESPONSE_LEN = 0x0c00;
/** Requests are tiny (the longest known carries one data byte). */
const MAX_REQUEST_LEN = 0x40;
/**
 * Shapes every public capture agrees on (research §1.3, §3): error statuses carry no data (Len 4) and
 * find-card success carries the 4-byte IIN (Len 8). Checking them right after the header means a
 * corrupted Len is caught at once instead of swallowing the next frames while waiting for bytes.
 */
function expectedResponseLen(sw3: number): number | undefined {
  if (sw3 === SW3_FIND_SUCCESS) return 8;
  if (sw3 === SW3_SUCCESS) return undefined;
  return 4;
}

type Direction = 'request' | 'response';

function decodeEnvelope(buffer: Uint8Array, direction: Direction): DecodeStep<Uint8Array> {
  const start = indexOfPreamble(buffer, 0);
  if (start !== 0) {
    // Keep a possible partial preamble at the end: its rest may be in the next chunk.
    const keep = start === -1 ? partialPreambleSuffix(buffer) : 0;
    if (keep === buffer.length) return { kind: 'need-more' };
    const consumed = start === -1 ? buffer.length - keep : start;
    return { kind: 'skip', consumed, reason: `${SKIP_GARBAGE}: ${consumed} B before a preamble` };
  }
  if (buffer.length < SAM_HEADER_BYTES) return { kind: 'need-more' };
  const len = ((buffer[5] ?? 0) << 8) | (buffer[6] ?? 0);
  const minLen = direction === 'request' ? 3 : 4;
  const maxLen = direction === 'request' ? MAX_REQUEST_LEN : MAX_RESPONSE_LEN;
  if (len < minLen || len > maxLen) {
    return { kind: 'skip', consumed: resyncPoint(buffer), reason: `${SKIP_BAD_LENGTH}: Len ${len} outside ${minLen}..${maxLen}` };
  }
  if (direction === 'response' && buffer.length >= SAM_HEADER_BYTES + 3) {
    const sw3 = buffer[9] ?? 0;
    const expectedLen = expectedResponseLen(sw3);
    if (expectedLen !== undefined && len !== expectedLen) {
      return { kind: 'skip', consumed: resyncPoint(buffer), reason: `${SKIP_BAD_LENGTH}: Len ${len} with status 0x${sw3.toString(16)}, expected ${expectedLen}` };
    }
  }
  const total = SAM_HEADER_BYTES + len;
  if (buffer.length < total) return { kind: 'need-more' };
  const expected = xorChecksum(buffer, 5, total - 1);
  const actual = buffer[total - 1] ?? 0;
  if (expected !== actual) {
    return {
      kind: 'skip',
      consumed: resyncPoint(buffer),
      reason: `${SKIP_BAD_CHECKSUM}: got 0x${actual.toString(16)}, computed 0x${expected.toString(16)} over ${total} B`,
    };
  }
  return { kind: 'frame', frame: buffer.slice(0, total), consumed: total };
}

export class SamResponseDecoder implements FrameDecoder<SamResponseFrame> {
  decode(buffer: Uint8Array): DecodeStep<SamResponseFrame> {
    const step = decodeEnvelope(buffer, 'response');
    if (step.kind !== 'frame') return step;
    const raw = step.frame;
    return {
      kind: 'frame',
      consumed: step.consumed,
      frame: { sw1: raw[7] ?? 0, sw2: raw[8] ?? 0, sw3: raw[9] ?? 0, data: raw.subarray(10, raw.length - 1), raw },
    };
  }
}

export class SamRequestDecoder implements FrameDecoder<SamRequestFrame> {
  decode(buffer: Uint8Array): DecodeStep<SamRequestFrame> {
    const step = decodeEnvelope(buffer, 'request');
    if (step.kind !== 'frame') return step;
    const raw = step.frame;
    return {
      kind: 'frame',
      consumed: step.consumed,
      frame: { command: raw[7] ?? 0, parameter: raw[8] ?? 0, data: raw.subarray(9, raw.length - 1), raw },
    };
  }
}

/** Where to continue after a frame at 0 turned out bad: the next preamble after it, or the end. */
function resyncPoint(buffer: Uint8Array): number {
  const next = indexOfPreamble(buffer, 1);
  if (next !== -1) return next;
  return Math.max(1, buffer.length - partialPreambleSuffix(buffer));
}

export function indexOfPreamble(buffer: Uint8Array, from: number): number {
  const last = buffer.length - SAM_PREAMBLE.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < SAM_PREAMBLE.length; j++) {
      if (buffer[i + j] !== SAM_PREAMBLE[j]) continue outer;
    }
    return i;
  }
  return -1;
}

/** Length of the longest buffer suffix that is a proper prefix of the preamble (0..4). */
function partialPreambleSuffix(buffer: Uint8Array): number {
  for (let n = Math.min(SAM_PREAMBLE.length - 1, buffer.length); n > 0; n--) {
    let match = true;
    for (let j = 0; j < n; j++) {
      if (buffer[buffer.length - n + j] !== SAM_PREAMBLE[j]) {
        match = false;
        break;
      }
    }
    if (match) return n;
  }
  return 0;
}
