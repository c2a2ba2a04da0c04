/** Scenario: placement and removal — exactly one card.read per placement, card.removed debounced. */
import { describe, expect, it } from 'vitest';
import { simulatedCardSource } from './simulator/simulatedCards.ts';
import { createReaderRig } from './testing/readerRig.ts';

describe('ID-card presence loop: placement and removal', () => {
  it('reports one card.read per placement however long the card lies there, then card.removed', async () => {
    const rig = await createReaderRig({ loop: { pollIntervalMs: 300, removalMisses: 2 } });
    rig.loop.start();
    await rig.clock.advance(1000);
    expect(rig.events).toEqual([]);

    rig.simulator.placeCard('la-huoqiu-ma');
    await rig.clock.advance(300);
    const reads = rig.eventsOf('card.read');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.reading.card).toEqual(simulatedCardSource('la-huoqiu-ma'));
    expect(reads[0]?.masked).toMatchObject({ name: '马*国', nation: '回族', idNumber: '341522********0039' });
    expect(rig.loop.state).toBe('present');

    // The reader stops offering a card it has read (research §6.2): removal is reported after 2 misses.
    await rig.clock.advance(3000);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
    expect(rig.eventsOf('card.removed')).toEqual([{ type: 'card.removed', at: expect.any(Number), hadValidRead: true }]);
    rig.simulator.removeCard();

    rig.simulator.placeCard('la-yuan-wang');
    await rig.clock.advance(300);
    expect(rig.eventsOf('card.read').map((e) => e.masked.name)).toEqual(['马*国', '王*兰']);
    expect(rig.eventsOf('card.error')).toEqual([]);
  });

  it('with a repeat-read reader, waits for the card to actually leave (debounced over N misses)', async () => {
    const rig = await createReaderRig({ simulator: { consumeOnRead: false }, loop: { pollIntervalMs: 300, removalMisses: 3 } });
    rig.loop.start();
    rig.simulator.placeCard('la-shucheng-liu');
    await rig.clock.advance(5000);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
    expect(rig.eventsOf('card.removed')).toHaveLength(0);

    rig.simulator.removeCard();
    await rig.clock.advance(600); // two misses: not yet
    expect(rig.eventsOf('card.removed')).toHaveLength(0);
    await rig.clock.advance(300);
    expect(rig.eventsOf('card.removed')).toHaveLength(1);
    expect(rig.loop.state).toBe('waiting');
  });

  it('stops cleanly: no events after stop, polling resumes on start', async () => {
    const rig = await createReaderRig();
    rig.loop.start();
    await rig.clock.advance(300);
    rig.loop.stop();
    rig.simulator.placeCard('la-yeji-li');
    await rig.clock.advance(3000);
    expect(rig.events).toEqual([]);
    expect(rig.clock.pendingDelays()).toEqual([]);
    rig.loop.start();
    await rig.clock.advance(10);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
  });
});
