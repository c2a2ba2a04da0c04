/** Scenario: the reader does not answer — deadline, one card.error per streak, flush, recovery. */
import { describe, expect, it } from 'vitest';
import { createReaderRig } from './testing/readerRig.ts';

describe('ID-card reader: timeouts', () => {
  it('fails a silent find after its deadline (500 ms + wire time), reports once, recovers', async () => {
    const rig = await createReaderRig({ loop: { pollIntervalMs: 300 } });
    rig.loop.start();
    rig.simulator.injectFault('timeout', { on: 'findCard', times: 3 });
    await rig.clock.advance(500);
    expect(rig.eventsOf('card.error')).toEqual([]); // deadline not reached yet
    await rig.clock.advance(10);
    expect(rig.eventsOf('card.error')).toMatchObject([{ phase: 'poll', error: { kind: 'timeout', retryable: true } }]);
    expect(rig.eventsOf('card.error')[0]?.error.zh).toMatch(/无应答/);

    await rig.clock.advance(3000); // two more timeouts: same streak, no new event
    expect(rig.eventsOf('card.error')).toHaveLength(1);
    expect(rig.eventsOf('reader.recovered')).toEqual([{ type: 'reader.recovered', afterFailedPolls: 3 }]);
    expect(rig.reader.stats.timeouts).toBe(3);

    rig.simulator.placeCard('la-jinzhai-ouyang');
    await rig.clock.advance(300);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
  });

  it('re-asks once after a lost read reply; reports a read timeout when it is lost twice', async () => {
    const rig = await createReaderRig();
    rig.loop.start();
    rig.simulator.injectFault('timeout', { on: 'readTextAndPhoto', times: 1 });
    rig.simulator.placeCard('la-jinan-chen');
    await rig.clock.advance(3000);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
    expect(rig.eventsOf('card.error')).toEqual([]);

    rig.simulator.removeCard();
    await rig.clock.advance(1000);
    rig.simulator.injectFault('timeout', { on: 'readTextAndPhoto', times: 2 });
    rig.simulator.placeCard('la-yuan-wang');
    await rig.clock.advance(6000);
    expect(rig.eventsOf('card.error')).toMatchObject([{ phase: 'read', error: { kind: 'timeout' } }]);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
  });

  it('a late reply after a timeout does not poison the next command', async () => {
    const rig = await createReaderRig({ simulator: { responseDelayMs: 700 }, reader: { timeouts: { sam: 500, find: 1000 } } });
    const status = rig.reader.samStatus();
    await rig.clock.advance(520);
    const first = await status;
    expect(!first.ok && first.error.kind).toBe('timeout');
    // The late status reply (90, no data) lands at 700 ms while find is waiting: it is not find's answer.
    const found = rig.reader.findCard();
    await rig.clock.advance(1000);
    const second = await found;
    expect(!second.ok && second.error.kind).toBe('no-card');
    expect(rig.frameLog.filter((e) => e.dir === 'rx').map((e) => e.note)).toEqual(['SW3 0x90 success', 'SW3 0x80 no card on the reader']);
  });
});
