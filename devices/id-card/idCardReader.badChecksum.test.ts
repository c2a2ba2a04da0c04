/** Scenario: replies with a bad checksum — resend once, report bad-frame if it persists, recover. */
import { describe, expect, it } from 'vitest';
import { createReaderRig } from './testing/readerRig.ts';

describe('ID-card reader: corrupted replies', () => {
  it('re-asks once for a corrupted read reply and reports the card without an error', async () => {
    const rig = await createReaderRig();
    rig.loop.start();
    rig.simulator.injectFault('bad-checksum', { on: 'readTextAndPhoto', times: 1 });
    rig.simulator.placeCard('la-jinan-chen');
    await rig.clock.advance(300);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
    expect(rig.eventsOf('card.error')).toEqual([]);
    expect(rig.frameLog.some((e) => e.dir === 'skip' && e.note.startsWith('bad checksum'))).toBe(true);
    expect(rig.reader.stats.badFrames).toBe(1);
  });

  it('reports card.error bad-frame at once (no waiting for the deadline) when the read stays corrupted', async () => {
    const rig = await createReaderRig();
    rig.loop.start();
    rig.simulator.injectFault('bad-checksum', { on: 'readTextAndPhoto', times: 2 });
    rig.simulator.placeCard('la-jinan-chen');
    await rig.clock.advance(10); // far below the 2 s read deadline
    const errors = rig.eventsOf('card.error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ phase: 'read', attempt: 1, error: { kind: 'bad-frame', retryable: true } });
    expect(rig.eventsOf('card.read')).toHaveLength(0);

    // The reader considers the card read; the resident lifts and re-places it.
    rig.simulator.removeCard();
    await rig.clock.advance(900);
    rig.simulator.placeCard('la-jinan-chen');
    await rig.clock.advance(300);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
  });

  it('reports a corrupted find reply once as a poll error and recovers on the next poll', async () => {
    const rig = await createReaderRig();
    rig.loop.start();
    rig.simulator.injectFault('bad-checksum', { on: 'findCard', times: 1 });
    await rig.clock.advance(300);
    expect(rig.eventsOf('card.error')).toMatchObject([{ phase: 'poll', error: { kind: 'bad-frame' } }]);
    await rig.clock.advance(300);
    expect(rig.eventsOf('reader.recovered')).toEqual([{ type: 'reader.recovered', afterFailedPolls: 1 }]);
    rig.simulator.placeCard('la-yeji-li');
    await rig.clock.advance(300);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
  });

  it('answers a host frame with a bad checksum with 0x10, which the driver reports as command-rejected', async () => {
    const rig = await createReaderRig();
    const replies: number[] = [];
    rig.pair.driverSide.onData((c) => replies.push(...c));
    await rig.pair.driverSide.write(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x21));
    await rig.clock.advance(1);
    expect(replies).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x10, 0x14]);
    expect(rig.simulator.stats.badRequests).toBe(1);
  });
});
