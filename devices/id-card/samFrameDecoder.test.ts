import { describe, expect, it } from 'vitest';
import { Framer } from '../core/framer.ts';
import { SamRequestDecoder, SamResponseDecoder, type SamResponseFrame } from './samFrameDecoder.ts';
import { concatBytes, encodeCardDataBlocks, encodeSamRequest, encodeSamResponse } from './samProtocol.ts';
import { encodeTextBlock } from './textBlock.ts';
import { T6_CARD, bytes, t6Photo } from './testing/researchVectors.ts';

const FIND_OK = bytes('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
const SELECT_OK = bytes('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');
const READ_FAILED = bytes('AA AA AA 96 69 00 04 00 00 41 45');
const NO_CARD = bytes('AA AA AA 96 69 00 04 00 00 80 84');
const T6_REPLY = encodeSamResponse(0x90, encodeCardDataBlocks({ text: encodeTextBlock(T6_CARD), photo: t6Photo() }));

function feed(stream: Uint8Array, chunkSizes: (i: number) => number) {
  const framer = new Framer(new SamResponseDecoder());
  const frames: SamResponseFrame[] = [];
  const skipped: string[] = [];
  for (let at = 0, i = 0; at < stream.length; i++) {
    const size = chunkSizes(i);
    const out = framer.push(stream.subarray(at, at + size));
    frames.push(...out.frames);
    skipped.push(...out.skipped.map((s) => s.reason));
    at += size;
  }
  return { frames, skipped, buffered: framer.buffered };
}

describe('SamResponseDecoder', () => {
  it('passes the research stream test: 5 frames out of garbage, a bad checksum and random chunking', () => {
    const badChecksum = bytes('AA AA AA 96 69 00 04 00 00 90 95');
    const stream = concatBytes(bytes('00 FF AA AA'), FIND_OK, SELECT_OK, T6_REPLY, READ_FAILED, badChecksum, NO_CARD);
    let seed = 7;
    const { frames, skipped } = feed(stream, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 1 + (seed % 64);
    });
    expect(frames.map((f) => [f.raw.length, f.sw3])).toEqual([
      [15, 0x9f],
      [19, 0x90],
      [1295, 0x90],
      [11, 0x41],
      [11, 0x80],
    ]);
    expect(skipped.some((r) => r.startsWith('garbage'))).toBe(true);
    expect(skipped.some((r) => r.startsWith('bad checksum'))).toBe(true);
  });

  it('frames by length, so the preamble planted inside the photo does not cut the frame', () => {
    const { frames } = feed(T6_REPLY, () => 1);
    expect(frames).toHaveLength(1);
    expect(frames[0]?.data.length).toBe(4 + 256 + 1024);
  });

  it('keeps a partial preamble at the end of a chunk for the next chunk', () => {
    const framer = new Framer(new SamResponseDecoder());
    expect(framer.push(bytes('11 22 AA AA AA 96')).frames).toHaveLength(0);
    expect(framer.buffered).toBe(4);
    expect(framer.push(NO_CARD.subarray(4)).frames.map((f) => f.sw3)).toEqual([0x80]);
  });

  it('rejects an impossible length at once instead of waiting for bytes that belong to the next frame', () => {
    // Error status with a corrupted Len of 0x0404: must not swallow the frame behind it.
    const corrupted = bytes('AA AA AA 96 69 04 04 00 00 41 45');
    const { frames, skipped } = feed(concatBytes(corrupted, FIND_OK), () => 1000);
    expect(frames.map((f) => f.sw3)).toEqual([0x9f]);
    expect(skipped[0]).toMatch(/^bad length/);
  });

  it.each([
    ['Len below minimum', 'AA AA AA 96 69 00 02 00 00'],
    ['Len above maximum', 'AA AA AA 96 69 FF FF 00 00 90'],
    ['find-card success with wrong Len', 'AA AA AA 96 69 00 04 00 00 9F 9B'],
  ])('skips a frame with %s and resyncs on the next one', (_label, hex) => {
    const { frames, skipped } = feed(concatBytes(bytes(hex), NO_CARD), () => 3);
    expect(frames.map((f) => f.sw3)).toEqual([0x80]);
    expect(skipped.some((r) => r.startsWith('bad length'))).toBe(true);
  });

  it('recovers the frames a corrupted (too large) success Len swallowed, once the checksum fails', () => {
    const corrupted = Uint8Array.from(SELECT_OK);
    corrupted[6] = 0x40; // claims 64 bytes: eats the next frames while waiting
    const tail = concatBytes(FIND_OK, NO_CARD, READ_FAILED, FIND_OK, NO_CARD);
    const { frames } = feed(concatBytes(corrupted, tail), () => 5);
    expect(frames.map((f) => f.sw3)).toEqual([0x9f, 0x80, 0x41, 0x9f, 0x80]);
  });

  it('accepts non-zero SW1/SW2 on error frames (card APDU status, research §3)', () => {
    const frame = encodeSamResponse(0x41, new Uint8Array(0), 0x6a, 0x82);
    const { frames } = feed(frame, () => 100);
    expect(frames[0]).toMatchObject({ sw1: 0x6a, sw2: 0x82, sw3: 0x41 });
  });
});

describe('SamRequestDecoder', () => {
  it('parses host commands, including their data byte', () => {
    const framer = new Framer(new SamRequestDecoder());
    const out = framer.push(concatBytes(encodeSamRequest('findCard'), encodeSamRequest('setMaxRfBytes', Uint8Array.of(0x50))));
    expect(out.frames.map((f) => [f.command, f.parameter, Array.from(f.data)])).toEqual([
      [0x20, 0x01, []],
      [0x61, 0xff, [0x50]],
    ]);
  });

  it('reports a request with a bad checksum (so the simulator can answer 0x10)', () => {
    const bad = bytes('AA AA AA 96 69 00 03 20 01 21'); // the copy-pasted wrong checksum from research §8.5
    const out = new Framer(new SamRequestDecoder()).push(bad);
    expect(out.frames).toHaveLength(0);
    expect(out.skipped[0]?.reason).toMatch(/^bad checksum/);
  });
});
