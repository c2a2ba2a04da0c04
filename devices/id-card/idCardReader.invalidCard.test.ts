/** Scenario: a card whose data does not check out — reported once, never as a card, never retried. */
import { describe, expect, it } from 'vitest';
import { encodeTextBlock } from './textBlock.ts';
import { SIMULATED_ID_CARDS, simulatedCardSource } from './simulator/simulatedCards.ts';
import { createReaderRig } from './testing/readerRig.ts';
import { encodeUcs2Field } from './ucs2.ts';

describe('ID-card reader: invalid card data', () => {
  it('reports invalid-card-data for a wrong check digit, then waits for the card to go', async () => {
    const rig = await createReaderRig({ simulator: { consumeOnRead: false } });
    rig.loop.start();
    rig.simulator.placeCard('defect-check-digit');
    await rig.clock.advance(3000);
    expect(rig.eventsOf('card.read')).toEqual([]);
    const errors = rig.eventsOf('card.error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ phase: 'read', error: { kind: 'invalid-card-data', retryable: false } });
    expect(errors[0]?.error.zh).toContain('校验');
    expect(rig.loop.state).toBe('rejected');
    expect(rig.simulator.stats.requests).toBeLessThan(20); // polls only, no read storm

    rig.simulator.removeCard();
    await rig.clock.advance(600);
    expect(rig.eventsOf('card.removed')).toEqual([{ type: 'card.removed', at: expect.any(Number), hadValidRead: false }]);
    rig.simulator.placeCard('la-jinan-chen');
    await rig.clock.advance(300);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
  });

  it('refuses a card whose number is valid but belongs to another birth date', async () => {
    const base = SIMULATED_ID_CARDS[0];
    const source = simulatedCardSource(base?.id ?? '');
    if (base === undefined || source === undefined) throw new Error('no card');
    const text = encodeTextBlock(source);
    encodeUcs2Field(text, 36, 16, '19850313'); // birth field one day off the number
    const rig = await createReaderRig();
    rig.loop.start();
    rig.simulator.placeRawCard({ ...base, id: 'tampered', textBlock: text });
    await rig.clock.advance(300);
    expect(rig.eventsOf('card.read')).toEqual([]);
    expect(rig.eventsOf('card.error')[0]?.error.en).toMatch(/birth date/);
  });
});
