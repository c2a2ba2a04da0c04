/**
 * A byte-exact ID-card reader on the device side of a ByteLink (an in-memory pair, or a pty that a
 * real serial driver opens). It parses host frames with the same codec as the driver and answers
 * like a SAM module (research §9): find → select → read, "consumed" after a read until the card is
 * removed, 0x10/0x11/0x21 for bad frames, and injectable faults for the scenario tests.
 * Runtime: plain Node.
 */
import { realDeviceClock, type DeviceClock } from '../../core/deviceClock.ts';
import { Framer } from '../../core/framer.ts';
import type { ByteLink } from '../../core/link.ts';
import { SKIP_BAD_CHECKSUM, SKIP_BAD_LENGTH, SamRequestDecoder, type SamRequestFrame } from '../samFrameDecoder.ts';
import {
  APPENDED_ADDRESS_BYTES,
  concatBytes,
  encodeCardDataBlocks,
  encodeSamResponse,
  samCommandName,
  type SamCommandName,
} from '../samProtocol.ts';
import { SW3_FIND_SUCCESS, SW3_NO_CARD, SW3_NO_CONTENT, SW3_SUCCESS } from '../samStatus.ts';
import { blankUcs2Block, encodeUcs2Field } from '../ucs2.ts';
import { SIMULATED_ID_CARDS, type SimulatedIdCard } from './simulatedCards.ts';

export type SimulatorFault =
  /** The reply's checksum byte is flipped. */
  | 'bad-checksum'
  /** No reply at all. */
  | 'timeout'
  /** Every command answered with 0x60 (SAM self-test failed). */
  | 'sam-fault'
  /** Replies go out in random 1–64-byte chunks. */
  | 'split-frames'
  /** 1–16 random bytes before each reply. */
  | 'garbage';

export interface FaultOptions {
  /** How many replies the fault affects; default 1 for bad-checksum/timeout, until cleared otherwise. */
  times?: number;
  /** Only replies to this command (default: any). */
  on?: SamCommandName;
}

export interface IdCardReaderSimulatorOptions {
  clock?: DeviceClock;
  /** Line speed for latency benchmarks; 115200 baud 8N1 ≈ 11520 B/s. Default: instant. */
  bytesPerSecond?: number;
  /** Card processing time before the first reply byte. Default 0. */
  responseDelayMs?: number;
  cards?: readonly SimulatedIdCard[];
  /** Real readers do not find a card again after a read until it is lifted (research §6.2). Default true. */
  consumeOnRead?: boolean;
  /** Deterministic randomness for split/garbage faults. */
  random?: () => number;
}

const SAM_ID = Uint8Array.of(0x05, 0x00, 0x01, 0x00, 0x0f, 0x3f, 0x34, 0x01, 0xd2, 0x02, 0x96, 0x49, 0x14, 0x6a, 0x0a, 0xce);
const SW3_SAM_SELF_TEST_FAILED = 0x60;

interface ActiveFault {
  remaining: number;
  on: SamCommandName | undefined;
}

export class IdCardReaderSimulator {
  readonly #framer = new Framer(new SamRequestDecoder());
  readonly #clock: DeviceClock;
  readonly #random: () => number;
  readonly #cards: Map<string, SimulatedIdCard>;
  readonly #faults = new Map<SimulatorFault, ActiveFault>();
  readonly #unsubscribe: (() => void)[];
  #placed: SimulatedIdCard | undefined;
  #found = false;
  #selected = false;
  #consumed = false;
  /** Clock time at which the line is free again (paced output keeps replies in order). */
  #lineFreeAt = 0;
  /** Counters the tests and the benchmark look at. */
  readonly stats = { requests: 0, replies: 0, badRequests: 0 };

  constructor(
    private readonly link: ByteLink,
    private readonly options: IdCardReaderSimulatorOptions = {},
  ) {
    this.#clock = options.clock ?? realDeviceClock;
    this.#random = options.random ?? Math.random;
    this.#cards = new Map((options.cards ?? SIMULATED_ID_CARDS).map((c) => [c.id, c]));
    this.#unsubscribe = [link.onData((chunk) => this.#receive(chunk))];
  }

  get placedCardId(): string | undefined {
    return this.#placed?.id;
  }

  /** Puts a known card on the reader; false (and nothing changes) for an unknown id. */
  placeCard(id: string): boolean {
    const card = this.#cards.get(id);
    if (card === undefined) return false;
    this.placeRawCard(card);
    return true;
  }

  /** Puts any card on the reader, e.g. one a test built with a tampered text block. */
  placeRawCard(card: SimulatedIdCard): void {
    this.#placed = card;
    this.#found = false;
    this.#selected = false;
    this.#consumed = false;
  }

  removeCard(): void {
    this.#placed = undefined;
    this.#found = false;
    this.#selected = false;
    this.#consumed = false;
  }

  injectFault(fault: SimulatorFault, options: FaultOptions = {}): void {
    const oneShot = fault === 'bad-checksum' || fault === 'timeout';
    this.#faults.set(fault, { remaining: options.times ?? (oneShot ? 1 : Number.POSITIVE_INFINITY), on: options.on });
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  dispose(): void {
    for (const off of this.#unsubscribe) off();
  }

  #receive(chunk: Uint8Array): void {
    const { frames, skipped } = this.#framer.push(chunk);
    for (const s of skipped) {
      // A real SAM answers a frame it could not accept; plain line noise gets no answer.
      if (s.reason.startsWith(SKIP_BAD_CHECKSUM)) this.#reply(undefined, encodeSamResponse(0x10));
      else if (s.reason.startsWith(SKIP_BAD_LENGTH)) this.#reply(undefined, encodeSamResponse(0x11));
      if (!s.reason.startsWith('garbage')) this.stats.badRequests++;
    }
    for (const frame of frames) {
      this.stats.requests++;
      const name = samCommandName(frame.command, frame.parameter);
      this.#reply(name, this.#answer(name, frame));
    }
  }

  #answer(name: SamCommandName | undefined, frame: SamRequestFrame): Uint8Array {
    if (name === undefined) return encodeSamResponse(0x21);
    if (this.#takeFault('sam-fault', name)) return encodeSamResponse(SW3_SAM_SELF_TEST_FAILED);
    const card = this.#placed;
    switch (name) {
      case 'resetSam':
        this.#found = false;
        this.#selected = false;
        return encodeSamResponse(SW3_SUCCESS);
      case 'samStatus':
        return encodeSamResponse(SW3_SUCCESS);
      case 'readSamId':
        return encodeSamResponse(SW3_SUCCESS, SAM_ID);
      case 'setMaxRfBytes': {
        const n = frame.data[0];
        return n !== undefined && n >= 24 && frame.data.length === 1 ? encodeSamResponse(SW3_SUCCESS) : encodeSamResponse(0x21);
      }
      case 'findCard':
        this.#found = card !== undefined && !this.#consumed;
        this.#selected = false;
        return this.#found ? encodeSamResponse(SW3_FIND_SUCCESS, new Uint8Array(4)) : encodeSamResponse(SW3_NO_CARD);
      case 'selectCard':
        this.#selected = this.#found;
        return this.#selected ? encodeSamResponse(SW3_SUCCESS, new Uint8Array(8)) : encodeSamResponse(0x81);
      case 'readTextAndPhoto':
      case 'readTextPhotoFingerprint': {
        if (card === undefined || !this.#selected) return encodeSamResponse(0x41);
        if (this.options.consumeOnRead ?? true) this.#consumed = true;
        const fingerprint = name === 'readTextPhotoFingerprint' ? card.fingerprint : undefined;
        const blocks = fingerprint === undefined ? { text: card.textBlock, photo: card.photo } : { text: card.textBlock, photo: card.photo, fingerprint };
        return encodeSamResponse(SW3_SUCCESS, encodeCardDataBlocks(blocks));
      }
      case 'readAppendedAddress': {
        if (card === undefined || !this.#selected) return encodeSamResponse(0x41);
        if (card.appendedAddress === undefined) return encodeSamResponse(SW3_NO_CONTENT);
        const block = blankUcs2Block(APPENDED_ADDRESS_BYTES);
        encodeUcs2Field(block, 0, APPENDED_ADDRESS_BYTES, card.appendedAddress);
        return encodeSamResponse(SW3_SUCCESS, block);
      }
    }
  }

  #takeFault(fault: SimulatorFault, name: SamCommandName | undefined): boolean {
    const active = this.#faults.get(fault);
    if (active === undefined || active.remaining <= 0) return false;
    if (active.on !== undefined && active.on !== name) return false;
    active.remaining--;
    if (active.remaining <= 0) this.#faults.delete(fault);
    return true;
  }

  #reply(name: SamCommandName | undefined, frame: Uint8Array): void {
    if (this.#takeFault('timeout', name)) return;
    let bytes = frame;
    if (this.#takeFault('bad-checksum', name)) {
      bytes = Uint8Array.from(frame);
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x5a;
    }
    if (this.#takeFault('garbage', name)) {
      const garbage = Uint8Array.from({ length: 1 + Math.floor(this.#random() * 16) }, () => Math.floor(this.#random() * 256));
      bytes = concatBytes(garbage, bytes);
    }
    const chunks = this.#takeFault('split-frames', name) ? this.#split(bytes) : [bytes];
    this.stats.replies++;
    this.#send(chunks);
  }

  #split(bytes: Uint8Array): Uint8Array[] {
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; ) {
      const size = 1 + Math.floor(this.#random() * 64);
      chunks.push(bytes.slice(at, at + size));
      at += size;
    }
    return chunks;
  }

  #send(chunks: Uint8Array[]): void {
    const bps = this.options.bytesPerSecond;
    const delay = this.options.responseDelayMs ?? 0;
    if (bps === undefined && delay === 0) {
      for (const c of chunks) this.#write(c);
      return;
    }
    const now = this.#clock.now();
    let at = Math.max(now + delay, this.#lineFreeAt);
    for (const c of chunks) {
      // Paced: a chunk is handed over when its last byte would have crossed the wire.
      const pieces = bps === undefined ? [c] : splitEvery(c, Math.max(1, Math.round(bps / 1000)));
      for (const piece of pieces) {
        if (bps !== undefined) at += (piece.length * 1000) / bps;
        this.#clock.setTimeout(() => this.#write(piece), Math.max(0, at - now));
      }
    }
    this.#lineFreeAt = at;
  }

  #write(chunk: Uint8Array): void {
    // A closed line just loses the bytes, as a real wire would.
    if (this.link.isOpen) this.link.write(chunk).catch(() => undefined);
  }
}

/** Pieces of about one millisecond of line time each. */
function splitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}
