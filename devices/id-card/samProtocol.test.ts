import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCardDataBlocks, encodeCardDataBlocks, encodeSamRequest, encodeSamResponse, type SamCommandName } from './samProtocol.ts';
import { encodeTextBlock } from './textBlock.ts';
import { blankUcs2Block, encodeUcs2Field } from './ucs2.ts';
import { T6_CARD, T6_FRAME_SHA256, bytes, t6Photo } from './testing/researchVectors.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('SAM request frames (research §1.3, §11)', () => {
  it.each<[SamCommandName, string]>([
    ['samStatus', 'AA AA AA 96 69 00 03 11 FF ED'],
    ['resetSam', 'AA AA AA 96 69 00 03 10 FF EC'],
    ['readSamId', 'AA AA AA 96 69 00 03 12 FF EE'],
    ['findCard', 'AA AA AA 96 69 00 03 20 01 22'],
    ['selectCard', 'AA AA AA 96 69 00 03 20 02 21'],
    ['readTextAndPhoto', 'AA AA AA 96 69 00 03 30 01 32'],
    ['readTextPhotoFingerprint', 'AA AA AA 96 69 00 03 30 10 23'],
    ['readAppendedAddress', 'AA AA AA 96 69 00 03 30 03 30'],
  ])('%s encodes byte for byte as %s', (name, hex) => {
    expect(encodeSamRequest(name)).toEqual(bytes(hex));
  });

  it('carries request data inside length and checksum (set max RF bytes = 80, T11)', () => {
    expect(encodeSamRequest('setMaxRfBytes', Uint8Array.of(0x50))).toEqual(bytes('AA AA AA 96 69 00 04 61 FF 50 CA'));
  });
});

describe('SAM response frames', () => {
  it.each([
    [0x90, '', 'AA AA AA 96 69 00 04 00 00 90 94'],
    [0x9f, '00000000', 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'],
    [0x80, '', 'AA AA AA 96 69 00 04 00 00 80 84'],
    [0x90, '0000000000000000', 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'],
    [0x41, '', 'AA AA AA 96 69 00 04 00 00 41 45'],
    [0x10, '', 'AA AA AA 96 69 00 04 00 00 10 14'],
    [0x90, '050001000F3F3401D2029649146A0ACE', 'AA AA AA 96 69 00 14 00 00 90 05 00 01 00 0F 3F 34 01 D2 02 96 49 14 6A 0A CE 30'],
  ])('status 0x%s with data %s matches the research vector', (sw3, data, hex) => {
    expect(encodeSamResponse(sw3, bytes(data))).toEqual(bytes(hex));
  });

  it.each([
    [0x11, 0x15], [0x21, 0x25], [0x23, 0x27], [0x24, 0x20], [0x31, 0x35], [0x32, 0x36], [0x33, 0x37],
    [0x40, 0x44], [0x47, 0x43], [0x60, 0x64], [0x66, 0x62], [0x81, 0x85], [0x91, 0x95],
  ])('error status 0x%s has checksum 0x%s', (sw3, chk) => {
    const frame = encodeSamResponse(sw3);
    expect(frame.length).toBe(11);
    expect(frame[10]).toBe(chk);
  });

  it('rebuilds the 1295-byte T6 read reply exactly (checksum 0x87, published SHA-256)', () => {
    const frame = encodeSamResponse(0x90, encodeCardDataBlocks({ text: encodeTextBlock(T6_CARD), photo: t6Photo() }));
    expect(frame.length).toBe(1295);
    expect(frame.subarray(0, 14)).toEqual(bytes('AA AA AA 96 69 05 08 00 00 90 01 00 04 00'));
    expect(frame[1294]).toBe(0x87);
    expect(sha(frame)).toBe(T6_FRAME_SHA256);
  });

  it.each([
    [1024, 'AA AA AA 96 69 09 0A 00 00 90 01 00 04 00 04 00', 2321],
    [512, 'AA AA AA 96 69 07 0A 00 00 90 01 00 04 00 02 00', 1809],
    [0, 'AA AA AA 96 69 05 0A 00 00 90 01 00 04 00 00 00', 1297],
  ])('read with %s fingerprint bytes has the T9 header and total length', (fpLen, head, total) => {
    const frame = encodeSamResponse(
      0x90,
      encodeCardDataBlocks({ text: new Uint8Array(256), photo: new Uint8Array(1024), fingerprint: new Uint8Array(fpLen) }),
    );
    expect(frame.length).toBe(total);
    expect(frame.subarray(0, 16)).toEqual(bytes(head));
  });

  it('encodes the T10 appended-address reply (81 bytes, checksum 0x1A)', () => {
    const block = blankUcs2Block(70);
    encodeUcs2Field(block, 0, 70, '北京市朝阳区测试路2号');
    const frame = encodeSamResponse(0x90, block);
    expect(frame.length).toBe(81);
    expect(frame.subarray(0, 10)).toEqual(bytes('AA AA AA 96 69 00 4A 00 00 90'));
    expect(frame[80]).toBe(0x1a);
  });
});

describe('read reply block splitting', () => {
  const text = new Uint8Array(256).fill(1);
  const photo = new Uint8Array(1024).fill(2);

  it('splits by the length words, with and without fingerprints', () => {
    expect(decodeCardDataBlocks(encodeCardDataBlocks({ text, photo }), false)).toEqual({ text, photo });
    const fingerprint = new Uint8Array(512).fill(3);
    expect(decodeCardDataBlocks(encodeCardDataBlocks({ text, photo, fingerprint }), true)).toEqual({ text, photo, fingerprint });
  });

  it('refuses data whose lengths do not add up, instead of slicing at fixed offsets', () => {
    const data = encodeCardDataBlocks({ text, photo });
    expect(decodeCardDataBlocks(data.subarray(0, data.length - 1), false)).toHaveProperty('problem');
    const wrongTextLen = Uint8Array.from(data);
    wrongTextLen[1] = 0x02;
    expect(decodeCardDataBlocks(wrongTextLen, false)).toHaveProperty('problem');
    expect(decodeCardDataBlocks(data, true)).toHaveProperty('problem');
    expect(decodeCardDataBlocks(new Uint8Array(2), false)).toHaveProperty('problem');
  });
});
