import { describe, expect, it } from 'vitest';
import { createReaderRig } from './testing/readerRig.ts';
import { SIMULATED_ID_CARDS, simulatedCardSource } from './simulator/simulatedCards.ts';
import { encodeSamResponse } from './samProtocol.ts';
import type { PhotoDecoder } from './photo.ts';

const chen = SIMULATED_ID_CARDS[0];
if (chen === undefined) throw new Error('no cards');

describe('IdCardReader against the simulator', () => {
  it('checks the SAM and reads its id as vendor tools print it', async () => {
    const { reader } = await createReaderRig();
    expect(await reader.samStatus()).toEqual({ ok: true, value: undefined });
    expect(await reader.resetSam()).toEqual({ ok: true, value: undefined });
    expect(await reader.readSamId()).toEqual({ ok: true, value: '05.01-20201231-1234567890-3456789012' });
  });

  it('reports no card as the normal no-card result, not a failure of the reader', async () => {
    const { reader } = await createReaderRig();
    const found = await reader.findCard();
    expect(found.ok).toBe(false);
    if (!found.ok) expect(found.error).toMatchObject({ kind: 'no-card', sw3: 0x80 });
  });

  it('reads a placed card: decoded text, photo as opaque bytes', async () => {
    const { reader, simulator } = await createReaderRig();
    simulator.placeCard(chen.id);
    expect((await reader.findCard()).ok).toBe(true);
    expect((await reader.selectCard()).ok).toBe(true);
    const read = await reader.readCard();
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.card).toEqual(simulatedCardSource(chen.id));
    expect(read.value.photo.bytes()).toEqual(chen.photo);
    expect(JSON.stringify(read.value)).toContain('"<photo 1024 B>"');
    expect(JSON.stringify(read.value)).not.toContain('87,76,102'); // the WLT header never leaks
    expect(read.value.fingerprint).toBeUndefined();
  });

  it('reads fingerprints with 30 10 and the appended address with 30 03', async () => {
    const { reader, simulator } = await createReaderRig();
    simulator.placeCard(chen.id);
    await reader.findCard();
    const read = await reader.selectAndRead(true);
    expect(read.ok && read.value.fingerprint?.length).toBe(1024);
    expect(await reader.readAppendedAddress()).toEqual({ ok: true, value: undefined });
    simulator.placeCard('la-huoshan-zhang');
    await reader.findCard();
    await reader.selectCard();
    expect(await reader.readAppendedAddress()).toEqual({ ok: true, value: '安徽省六安市金安区皖西大道288号' });
  });

  it('refuses a card whose ID number fails its check digit', async () => {
    const { reader, simulator } = await createReaderRig();
    simulator.placeCard('defect-check-digit');
    await reader.findCard();
    const read = await reader.selectAndRead(false);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.kind).toBe('invalid-card-data');
  });

  it('maps reader status errors to typed errors (read before select → 0x41)', async () => {
    const { reader, simulator } = await createReaderRig();
    simulator.placeCard(chen.id);
    const read = await reader.readCard();
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatchObject({ kind: 'card-rejected', sw3: 0x41 });
  });

  it('fails at once with link-closed when the cable is gone', async () => {
    const { reader, pair } = await createReaderRig();
    pair.unplug();
    const status = await reader.samStatus();
    expect(!status.ok && status.error.kind).toBe('link-closed');
  });

  it('does not take a late reply to another command as its answer', async () => {
    const { reader, pair, simulator, clock } = await createReaderRig();
    simulator.dispose(); // nobody answers but us
    let sent = 0;
    pair.deviceSide.onData(() => {
      sent++;
      // A stray read-success frame without card data, then the real find answer.
      void pair.deviceSide.write(encodeSamResponse(0x90));
      void pair.deviceSide.write(encodeSamResponse(0x80));
    });
    const found = await reader.findCard();
    expect(sent).toBe(1);
    expect(!found.ok && found.error.kind).toBe('no-card');
    await clock.advance(1000);
  });

  it('hands the photo to a pluggable decoder and survives a decoder that throws', async () => {
    const decoder: PhotoDecoder = {
      name: 'fake',
      decode: async (wlt) => ({ mimeType: 'image/bmp', bytes: wlt.subarray(0, 2), width: 102, height: 126 }),
    };
    const { simulator, pair, clock } = await createReaderRig();
    const { IdCardReader } = await import('./idCardReader.ts');
    const reader = new IdCardReader(pair.driverSide, { clock, photoDecoder: decoder });
    simulator.placeCard(chen.id);
    await reader.findCard();
    const read = await reader.selectAndRead(false);
    if (!read.ok) throw new Error(read.error.en);
    expect(await reader.decodePhoto(read.value)).toMatchObject({ width: 102, bytes: chen.photo.subarray(0, 2) });
    const broken = new IdCardReader(pair.driverSide, { clock, photoDecoder: { name: 'broken', decode: () => Promise.reject(new Error('licence')) } });
    expect(await broken.decodePhoto(read.value)).toBeUndefined();
  });

  it('logs frames with the text block hashed, the photo by size, and no personal data', async () => {
    const { reader, simulator, frameLog } = await createReaderRig();
    simulator.placeCard(chen.id);
    await reader.findCard();
    await reader.selectAndRead(true);
    const lines = frameLog.map((e) => `${e.dir} ${e.hex} ${e.note}`);
    expect(lines[0]).toBe('tx aa aa aa 96 69 00 03 20 01 22 findCard');
    const readLine = lines.find((l) => l.includes('<text 256 B'));
    expect(readLine).toMatch(/^rx aa aa aa 96 69 09 0a 00 00 90 01 00 04 00 04 00 <text 256 B, sha256:[0-9a-f]{16}> <photo 1024 B> <fingerprint 1024 B> [0-9a-f]{2} /);
    const all = lines.join('\n');
    const card = simulatedCardSource(chen.id);
    if (card?.type !== 'resident') throw new Error('expected resident');
    // Neither the digits of the ID number nor the UCS-2 bytes of the name appear anywhere.
    expect(all).not.toContain(card.idNumber);
    const nameHex = Array.from(chen.textBlock.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(' ');
    expect(all).not.toContain(nameHex);
    const idHex = Array.from(chen.textBlock.subarray(122, 130), (b) => b.toString(16).padStart(2, '0')).join(' ');
    expect(all).not.toContain(idHex);
  });
});
