/** Scenario: the SAM module fails its self-test (0x60) — a technician fault, not a card problem. */
import { describe, expect, it } from 'vitest';
import { toKioskError } from './samStatus.ts';
import { createReaderRig } from './testing/readerRig.ts';

describe('ID-card reader: SAM fault', () => {
  it('reports sam-fault once while it lasts, then recovers and reads', async () => {
    const rig = await createReaderRig();
    rig.simulator.injectFault('sam-fault');
    const status = await rig.reader.samStatus();
    expect(status.ok).toBe(false);
    if (!status.ok) {
      expect(status.error).toMatchObject({ kind: 'sam-fault', sw3: 0x60, retryable: false });
      expect(toKioskError(status.error)).toEqual({ code: 'DEVICE_ERROR', message: expect.stringContaining('SAM自检失败') });
    }

    rig.loop.start();
    rig.simulator.placeCard('la-jinan-chen');
    await rig.clock.advance(3000);
    expect(rig.eventsOf('card.error')).toMatchObject([{ phase: 'poll', error: { kind: 'sam-fault', sw3: 0x60 } }]);
    expect(rig.eventsOf('card.read')).toHaveLength(0);

    rig.simulator.clearFaults();
    await rig.clock.advance(300);
    expect(rig.eventsOf('reader.recovered')).toHaveLength(1);
    expect(rig.eventsOf('card.read')).toHaveLength(1);
  });

  it('does not keep re-reading a card when the SAM fails in the middle of a read', async () => {
    const rig = await createReaderRig();
    rig.loop.start();
    rig.simulator.injectFault('sam-fault', { on: 'readTextAndPhoto' });
    rig.simulator.placeCard('la-jinan-chen');
    await rig.clock.advance(3000);
    expect(rig.eventsOf('card.error')).toMatchObject([{ phase: 'read', error: { kind: 'sam-fault' } }]);
    expect(rig.loop.state).toBe('rejected');
  });
});
