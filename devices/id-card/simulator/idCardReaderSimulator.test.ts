import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../core/memoryLink.ts';
import { ManualClock, settle } from '../../core/testing/manualClock.ts';
import { concatBytes, encodeCardDataBlocks, encodeSamRequest, encodeSamResponse } from '../samProtocol.ts';
import { bytes } from '../testing/researchVectors.ts';
import { IdCardReaderSimulator, type IdCardReaderSimulatorOptions } from './idCardReaderSimulator.ts';
import { SIMULATED_ID_CARDS } from './simulatedCards.ts';

async function wire(options: IdCardReaderSimulatorOptions = {}) {
  const pair = createMemoryLinkPair('sim-test');
  await pair.driverSide.open();
  await pair.deviceSide.open();
  const simulator = new IdCardReaderSimulator(pair.deviceSide, options);
  const received: Uint8Array[] = [];
  pair.driverSide.onData((c) => received.push(c));
  /** Sends raw bytes, returns everything the simulator answered. */
  async function exchange(request: Uint8Array | string): Promise<Uint8Array> {
    received.length = 0;
    await pair.driverSide.write(typeof request === 'string' ? bytes(request) : request);
    await settle(3);
    return concatBytes(...received);
  }
  return { simulator, exchange, pair };
}

const first = SIMULATED_ID_CARDS[0];
if (first === undefined) throw new Error('no cards');

describe('IdCardReaderSimulator answers byte-exactly', () => {
  it('answers the research request frames with the research replies (T1, T3, T4, T12, unknown command)', async () => {
    const { exchange } = await wire();
    expect(await exchange('AA AA AA 96 69 00 03 11 FF ED')).toEqual(bytes('AA AA AA 96 69 00 04 00 00 90 94'));
    expect(await exchange('AA AA AA 96 69 00 03 20 01 22')).toEqual(bytes('AA AA AA 96 69 00 04 00 00 80 84'));
    expect(await exchange('AA AA AA 96 69 00 03 12 FF EE')).toEqual(
      bytes('AA AA AA 96 69 00 14 00 00 90 05 00 01 00 0F 3F 34 01 D2 02 96 49 14 6A 0A CE 30'),
    );
    expect(await exchange('AA AA AA 96 69 00 03 20 01 21')).toEqual(bytes('AA AA AA 96 69 00 04 00 00 10 14'));
    expect(await exchange('AA AA AA 96 69 00 03 55 01 57')).toEqual(encodeSamResponse(0x21));
    expect(await exchange('AA AA AA 96 69 00 04 61 FF 50 CA')).toEqual(bytes('AA AA AA 96 69 00 04 00 00 90 94'));
  });

  it('runs find → select → read with the placed card, then stops offering it until it is lifted', async () => {
    const { simulator, exchange } = await wire();
    expect(await exchange(encodeSamRequest('selectCard'))).toEqual(encodeSamResponse(0x81));
    expect(simulator.placeCard(first.id)).toBe(true);
    expect(await exchange(encodeSamRequest('readTextAndPhoto'))).toEqual(bytes('AA AA AA 96 69 00 04 00 00 41 45'));
    expect(await exchange(encodeSamRequest('findCard'))).toEqual(bytes('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'));
    expect(await exchange(encodeSamRequest('selectCard'))).toEqual(bytes('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'));
    const read = await exchange(encodeSamRequest('readTextAndPhoto'));
    expect(read).toEqual(encodeSamResponse(0x90, encodeCardDataBlocks({ text: first.textBlock, photo: first.photo })));
    expect(read.length).toBe(1295);
    const withFp = await exchange(encodeSamRequest('readTextPhotoFingerprint'));
    expect(withFp.length).toBe(1297 + first.fingerprint.length);
    expect(await exchange(encodeSamRequest('findCard'))).toEqual(encodeSamResponse(0x80));
    simulator.removeCard();
    simulator.placeCard(first.id);
    expect((await exchange(encodeSamRequest('findCard')))[9]).toBe(0x9f);
  });

  it('keeps offering a read card when configured like a repeat-read reader', async () => {
    const { simulator, exchange } = await wire({ consumeOnRead: false });
    simulator.placeCard(first.id);
    await exchange(concatBytes(encodeSamRequest('findCard'), encodeSamRequest('selectCard'), encodeSamRequest('readTextAndPhoto')));
    expect((await exchange(encodeSamRequest('findCard')))[9]).toBe(0x9f);
  });

  it('answers the appended address, or 0x91 when the card has none', async () => {
    const { simulator, exchange } = await wire();
    const mover = SIMULATED_ID_CARDS.find((c) => c.appendedAddress !== undefined);
    if (mover === undefined) throw new Error('no card with appended address');
    simulator.placeCard(mover.id);
    const reply = await exchange(concatBytes(encodeSamRequest('findCard'), encodeSamRequest('selectCard'), encodeSamRequest('readAppendedAddress')));
    expect(reply.subarray(-81, -71)).toEqual(bytes('AA AA AA 96 69 00 4A 00 00 90'));
    simulator.placeCard(first.id);
    const none = await exchange(concatBytes(encodeSamRequest('findCard'), encodeSamRequest('selectCard'), encodeSamRequest('readAppendedAddress')));
    expect(none.subarray(-11)).toEqual(bytes('AA AA AA 96 69 00 04 00 00 91 95'));
  });

  it('refuses unknown card ids without changing the placed card', async () => {
    const { simulator } = await wire();
    simulator.placeCard(first.id);
    expect(simulator.placeCard('no-such-card')).toBe(false);
    expect(simulator.placedCardId).toBe(first.id);
  });

  it('paces replies at the configured line speed (115200 baud ≈ 11.5 B/ms)', async () => {
    const clock = new ManualClock();
    const { simulator, pair } = await wire({ clock, bytesPerSecond: 11520 });
    simulator.placeCard(first.id);
    let got = 0;
    pair.driverSide.onData((c) => (got += c.length));
    await pair.driverSide.write(concatBytes(encodeSamRequest('findCard'), encodeSamRequest('selectCard'), encodeSamRequest('readTextAndPhoto')));
    await settle(3);
    await clock.advance(50);
    const after50 = got;
    await clock.advance(150);
    expect(after50).toBeGreaterThan(400);
    expect(after50).toBeLessThan(15 + 19 + 1295);
    expect(got).toBe(15 + 19 + 1295); // 1329 B ≈ 115 ms of line time
  });
});
