/** Scenario: replies split into odd chunks, with garbage in front, at real line speed. */
import { describe, expect, it } from 'vitest';
import { SIMULATED_ID_CARDS, simulatedCardSource } from './simulator/simulatedCards.ts';
import { createReaderRig } from './testing/readerRig.ts';

function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const VALID = SIMULATED_ID_CARDS.filter((c) => c.id !== 'defect-check-digit');

describe('ID-card reader: split frames and garbage', () => {
  it('reads every built-in card with replies split at random and garbage before each reply', async () => {
    const rig = await createReaderRig({ simulator: { random: seeded(42) } });
    rig.simulator.injectFault('split-frames');
    rig.simulator.injectFault('garbage');
    rig.loop.start();
    for (const card of VALID) {
      rig.simulator.placeCard(card.id);
      await rig.clock.advance(300);
      rig.simulator.removeCard();
      await rig.clock.advance(900);
    }
    expect(rig.eventsOf('card.read').map((e) => e.reading.card)).toEqual(VALID.map((c) => simulatedCardSource(c.id)));
    expect(rig.eventsOf('card.error')).toEqual([]);
    expect(rig.frameLog.filter((e) => e.dir === 'skip').every((e) => e.note.startsWith('garbage'))).toBe(true);
  });

  it('reads with the link delivering one byte at a time in both directions', async () => {
    const rig = await createReaderRig({ splitter: (b) => Array.from(b, (x) => Uint8Array.of(x)) });
    rig.loop.start();
    rig.simulator.placeCard('foreign-2023-garcia');
    await rig.clock.advance(300);
    expect(rig.eventsOf('card.read')[0]?.masked).toMatchObject({ typeLabel: '外国人永久居留身份证（2023版）', name: '玛*亚' });
  });

  it('at 115200 baud a placed card is reported within one poll interval plus wire time', async () => {
    const rig = await createReaderRig({ simulator: { bytesPerSecond: 11520 }, loop: { pollIntervalMs: 300 } });
    rig.loop.start();
    await rig.clock.advance(0);
    rig.simulator.placeCard('la-jinan-chen');
    const placedAt = rig.clock.now();
    await rig.clock.advance(600);
    const read = rig.eventsOf('card.read')[0];
    expect(read).toBeDefined();
    const latency = (read?.reading.readAt ?? 0) - placedAt;
    // find (15 B) + select (19 B) + read (1295 B) + 3 requests ≈ 118 ms of line time
    expect(latency).toBeGreaterThan(110);
    expect(latency).toBeLessThan(300 + 130);
  });
});
