/**
 * Property tests for the SAM stream decoder (devices.md §7.5): arbitrary chunking, frames merged in
 * one chunk, garbage in between, corrupted bytes. The decoder must never throw, never turn a
 * corrupted read reply into a card with an invalid number, and resync on the frames that follow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Framer } from '../core/framer.ts';
import { indexOfPreamble, SamResponseDecoder, type SamResponseFrame } from './samFrameDecoder.ts';
import { concatBytes, decodeCardDataBlocks, encodeCardDataBlocks, encodeSamResponse } from './samProtocol.ts';
import { SIMULATED_ID_CARDS } from './simulator/simulatedCards.ts';
import { cardNumber, decodeTextBlock } from './textBlock.ts';
import { isValidForeignPermitNumber15, isValidMod11_2Number } from './idNumber.ts';

const VALID_CARDS = SIMULATED_ID_CARDS.filter((c) => c.id !== 'defect-check-digit');
const READ_REPLIES = VALID_CARDS.map((c) => encodeSamResponse(0x90, encodeCardDataBlocks({ text: c.textBlock, photo: c.photo })));
const SMALL_REPLIES = [
  encodeSamResponse(0x9f, new Uint8Array(4)),
  encodeSamResponse(0x90, new Uint8Array(8)),
  encodeSamResponse(0x90),
  encodeSamResponse(0x80),
  encodeSamResponse(0x41),
  encodeSamResponse(0x60),
  encodeSamResponse(0x90, Uint8Array.from({ length: 16 }, (_, i) => i)),
];
const ALL_REPLIES = [...READ_REPLIES, ...SMALL_REPLIES];

const frameArb = fc.constantFrom(...ALL_REPLIES);
/** Garbage that cannot contain a whole preamble (it may still contain AA AA AA 96 and the like). */
const garbageArb = fc
  .uint8Array({ minLength: 1, maxLength: 40 })
  .map((g) => g.map((b) => (b < 96 ? [0xaa, 0x96, 0x69][b % 3] ?? b : b)))
  .filter((g) => indexOfPreamble(g, 0) === -1);

function decodeAll(stream: Uint8Array, cuts: number[]): { frames: SamResponseFrame[]; skippedBytes: number } {
  const framer = new Framer(new SamResponseDecoder());
  const frames: SamResponseFrame[] = [];
  let skippedBytes = 0;
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...points, stream.length]) {
    const out = framer.push(stream.subarray(from, to));
    frames.push(...out.frames);
    skippedBytes += out.skipped.reduce((n, s) => n + s.bytes.length, 0);
    from = to;
  }
  return { frames, skippedBytes };
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What the driver would make of a frame: undefined unless it is a read reply with a decodable card. */
function cardFrom(frame: SamResponseFrame) {
  if (frame.sw3 !== 0x90) return undefined;
  const blocks = decodeCardDataBlocks(frame.data, false);
  if (!('text' in blocks)) return undefined;
  const card = decodeTextBlock(blocks.text);
  return card.ok ? card.value : undefined;
}

describe('SAM decoder properties', () => {
  it('yields exactly the frames sent, whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 30 }), (frames, cuts) => {
        const { frames: out, skippedBytes } = decodeAll(concatBytes(...frames), cuts);
        expect(skippedBytes).toBe(0);
        expect(out.map((f) => f.raw)).toEqual(frames);
      }),
      { numRuns: 200 },
    );
  });

  it('loses no frame to garbage between frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(garbageArb, { nil: undefined }), frameArb), { minLength: 1, maxLength: 6 }),
        fc.option(garbageArb, { nil: undefined }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (items, trailing, cuts) => {
          const parts = items.flatMap(([g, f]) => (g === undefined ? [f] : [g, f]));
          const stream = concatBytes(...parts, trailing ?? new Uint8Array(0));
          expect(decodeAll(stream, cuts).frames.map((f) => f.raw)).toEqual(items.map(([, f]) => f));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(), { maxLength: 20 }), (junk, cuts) => {
        const { frames } = decodeAll(junk, cuts);
        for (const f of frames) cardFrom(f);
      }),
      { numRuns: 300 },
    );
  });

  it('with corrupted bytes: no wrong card, never an invalid number, and resync on the frames behind', () => {
    // Long enough that no corrupted length (max 0x0C00) can reach the last two frames.
    const tail = [READ_REPLIES[0], READ_REPLIES[1], READ_REPLIES[2], READ_REPLIES[3], SMALL_REPLIES[0]].filter((f) => f !== undefined);
    fc.assert(
      fc.property(
        fc.array(frameArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (frames, corruptions, cuts) => {
          const head = concatBytes(...frames);
          for (const [at, flip] of corruptions) {
            const i = at % head.length;
            head[i] = (head[i] ?? 0) ^ flip;
          }
          const { frames: out } = decodeAll(concatBytes(head, ...tail), cuts);
          for (const frame of out) {
            if (ALL_REPLIES.some((r) => same(r, frame.raw))) continue;
            // A corrupted frame that slipped through the checksum must still not become a card.
            const card = cardFrom(frame);
            if (card !== undefined) {
              const n = cardNumber(card);
              expect(isValidMod11_2Number(n) || isValidForeignPermitNumber15(n)).toBe(true);
            }
          }
          expect(out.slice(-2).map((f) => f.raw)).toEqual(tail.slice(-2));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('drops a read reply with exactly one corrupted byte and keeps every other frame', () => {
    const flush = [READ_REPLIES[4], READ_REPLIES[5]].filter((f) => f !== undefined);
    fc.assert(
      fc.property(
        fc.array(frameArb, { minLength: 0, maxLength: 3 }),
        fc.constantFrom(...READ_REPLIES),
        fc.array(frameArb, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (before, victim, after, at, flip, cuts) => {
          const corrupted = Uint8Array.from(victim);
          const i = at % corrupted.length;
          corrupted[i] = (corrupted[i] ?? 0) ^ flip;
          // A corrupted Len may make the decoder wait for bytes that never come; on a live line the
          // driver's deadline flushes that. Here the stream goes on long enough to complete it.
          const expectedAfter = [...after, ...flush];
          const { frames: out } = decodeAll(concatBytes(...before, corrupted, ...expectedAfter), cuts);
          expect(out.some((f) => same(f.raw, corrupted) || (cardFrom(f) !== undefined && !ALL_REPLIES.some((r) => same(r, f.raw))))).toBe(false);
          expect(out.slice(0, before.length).map((f) => f.raw)).toEqual(before);
          expect(out.slice(-expectedAfter.length).map((f) => f.raw)).toEqual(expectedAfter);
        },
      ),
      { numRuns: 200 },
    );
  });
});
