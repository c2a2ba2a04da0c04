import { describe, expect, it } from 'vitest';
import { FramedChannel } from './framedChannel.ts';
import type { DecodeStep, FrameDecoder } from './framer.ts';
import { LinkClosedError } from './link.ts';
import { createMemoryLinkPair, type MemoryLinkPair } from './memoryLink.ts';
import { backoffDelay, HeartbeatLostError, ReconnectingLink } from './reconnectingLink.ts';
import { ManualClock, settle } from './testing/manualClock.ts';

/** A cable that can be pulled: every attempt gets a brand-new link pair; while pulled, open fails. */
function cable() {
  const pairs: MemoryLinkPair[] = [];
  const received: number[][] = [];
  let plugged = true;
  return {
    pairs,
    received,
    plug(value: boolean) {
      plugged = value;
      if (!value) pairs.at(-1)?.unplug();
    },
    createLink() {
      const pair = createMemoryLinkPair(`dev${pairs.length}`);
      pairs.push(pair);
      const index = received.push([]) - 1;
      if (!plugged) pair.unplug();
      else void pair.deviceSide.open();
      pair.deviceSide.onData((chunk) => received[index]?.push(...chunk));
      return pair.driverSide;
    },
  };
}

/** Newline-terminated frames: enough protocol to test commands across reconnects. */
const lines: FrameDecoder<string> = {
  decode(buffer): DecodeStep<string> {
    const end = buffer.indexOf(0x0a);
    return end < 0 ? { kind: 'need-more' } : { kind: 'frame', frame: new TextDecoder().decode(buffer.subarray(0, end)), consumed: end + 1 };
  },
};
const bytes = (text: string) => new TextEncoder().encode(text);

describe('backoffDelay (full jitter)', () => {
  it('stays within [0, min(cap, base·2^n)] and reaches the cap', () => {
    const policy = { baseMs: 500, capMs: 30_000 };
    const ceilings = [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000];
    ceilings.forEach((ceiling, attempt) => {
      expect(backoffDelay(attempt, { ...policy, random: () => 0 })).toBe(0);
      expect(backoffDelay(attempt, { ...policy, random: () => 0.999999 })).toBe(ceiling - 1);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(attempt, { ...policy, random: Math.random });
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    });
    expect(backoffDelay(1000, { ...policy, random: () => 0.5 })).toBe(15_000);
  });
});

describe('ReconnectingLink', () => {
  it('retries a missing device with growing delays and connects when it appears', async () => {
    const clock = new ManualClock();
    const c = cable();
    c.plug(false);
    const link = new ReconnectingLink('printer', () => c.createLink(), { clock, backoff: { random: () => 0.5 } });
    const delays: number[] = [];
    link.onAttemptFailed((f) => delays.push(f.retryInMs));
    await expect(link.open()).rejects.toThrow(/no such device/);
    for (let i = 0; i < 7; i++) await clock.advance(30_000);
    expect(delays.slice(0, 8)).toEqual([250, 500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(link.state).toBe('waiting');
    expect(link.isOpen).toBe(false);
    c.plug(true);
    await clock.advance(15_000);
    expect(link.state).toBe('connected');
    expect(link.connections).toBe(1);
    // Each attempt got a new link object.
    expect(new Set(c.pairs.map((p) => p.driverSide)).size).toBe(c.pairs.length);
    await link.close();
  });

  it('refuses writes while down and never delivers them after the reconnect', async () => {
    const clock = new ManualClock();
    const c = cable();
    const link = new ReconnectingLink('door', () => c.createLink(), { clock, backoff: { random: () => 0.5 } });
    await link.open();
    await link.write(bytes('A'));
    c.plug(false);
    await settle();
    expect(link.isOpen).toBe(false);
    await expect(link.write(bytes('UNLOCK'))).rejects.toBeInstanceOf(LinkClosedError);
    c.plug(true);
    await clock.advance(1000);
    expect(link.isOpen).toBe(true);
    await link.write(bytes('B'));
    await settle();
    expect(c.received.map((r) => String.fromCharCode(...r)).join('|')).toBe('A|B');
    await link.close();
  });

  it('fails the pending command with the close reason and starts the next connection with an empty framer', async () => {
    const clock = new ManualClock();
    const c = cable();
    const link = new ReconnectingLink('reader', () => c.createLink(), { clock, backoff: { random: () => 0 } });
    const closes: (Error | undefined)[] = [];
    link.onClose((r) => closes.push(r));
    await link.open();
    const channel = new FramedChannel(link, lines, {}, clock);
    const pending = channel.transact('status', bytes('S?\n'), { timeoutMs: 5000 });
    await settle();
    await c.pairs[0]?.deviceSide.write(bytes('half-a-fra')); // half a frame, then the cable goes
    await settle();
    c.plug(false);
    await expect(pending).rejects.toThrow(/unplugged/);
    expect(closes).toHaveLength(1);
    c.plug(true);
    await clock.advance(1);
    expect(link.isOpen).toBe(true);
    const answer = channel.transact('status', bytes('S?\n'), { timeoutMs: 5000 });
    await settle();
    await c.pairs[1]?.deviceSide.write(bytes('OK\n'));
    await expect(answer).resolves.toBe('OK');
    expect(c.received[1]).toEqual([...bytes('S?\n')]);
    await link.close();
  });

  it('declares the connection lost after missed heartbeats, counts it as a reconnect when it comes back', async () => {
    const clock = new ManualClock();
    const c = cable();
    let answering = true;
    const link = new ReconnectingLink('printer', () => c.createLink(), {
      clock,
      backoff: { random: () => 0.5 },
      heartbeat: { intervalMs: 5000, missesAllowed: 1, probe: async () => { if (!answering) throw new Error('no status byte'); } },
    });
    const opens: number[] = [];
    const closes: (Error | undefined)[] = [];
    link.onOpen((n) => opens.push(n));
    link.onClose((r) => closes.push(r));
    await link.open();
    await clock.advance(20_000);
    expect(link.isOpen).toBe(true);
    answering = false; // the device hangs silently: the port stays "open"
    await clock.advance(5000);
    expect(link.isOpen).toBe(true); // one miss is tolerated
    await clock.advance(5000);
    expect(link.isOpen).toBe(false);
    expect(closes[0]).toBeInstanceOf(HeartbeatLostError);
    expect(c.pairs[0]?.driverSide.isOpen).toBe(false); // the old link was closed, not leaked
    answering = true;
    await clock.advance(1000);
    expect(opens).toEqual([1, 2]);
    expect(c.pairs).toHaveLength(2);
    await link.close();
  });

  it('grows the back-off while the connection flaps and resets it after a stable period', async () => {
    const clock = new ManualClock();
    const c = cable();
    const link = new ReconnectingLink('x', () => c.createLink(), { clock, backoff: { random: () => 0.5 }, stableMs: 10_000 });
    await link.open();
    const retryDelays: number[] = [];
    const pullAndReplug = async (stayUpMs: number) => {
      await clock.advance(stayUpMs);
      c.plug(false);
      await settle();
      const delay = clock.pendingDelays()[0] ?? -1;
      retryDelays.push(delay);
      c.plug(true);
      await clock.advance(delay);
      expect(link.isOpen).toBe(true);
    };
    for (let i = 0; i < 4; i++) await pullAndReplug(10);
    await pullAndReplug(10_000);
    expect(retryDelays).toEqual([250, 500, 1000, 2000, 250]);
    await link.close();
  });

  it('stops retrying after close', async () => {
    const clock = new ManualClock();
    const c = cable();
    c.plug(false);
    const link = new ReconnectingLink('x', () => c.createLink(), { clock });
    link.start();
    await clock.advance(2000);
    const attempts = c.pairs.length;
    expect(attempts).toBeGreaterThan(1);
    await link.close();
    c.plug(true);
    await clock.advance(120_000);
    expect(c.pairs.length).toBe(attempts);
    expect(clock.pendingDelays()).toEqual([]);
    expect(link.state).toBe('stopped');
    await expect(link.write(bytes('x'))).rejects.toBeInstanceOf(LinkClosedError);
  });
});
