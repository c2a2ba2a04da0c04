/**
 * SerialLink and ReconnectingLink against real ptys (socat) with the real serialport binding:
 * the closest thing to a USB adapter being pulled and plugged back in that a CI machine has.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FramedChannel } from './framedChannel.ts';
import type { DecodeStep, FrameDecoder } from './framer.ts';
import { LinkClosedError } from './link.ts';
import { ReconnectingLink } from './reconnectingLink.ts';
import { createSerialPort, SerialLink, type SerialPortLike } from './serialLink.ts';
import { ptySkipReason, startPtyPair, type PtyPair } from './testing/ptyPair.ts';

const skipReason = ptySkipReason();
if (skipReason !== undefined) console.warn(`[serialLink.pty.test] SKIPPED: ${skipReason}`);

const lines: FrameDecoder<string> = {
  decode(buffer): DecodeStep<string> {
    const end = buffer.indexOf(0x0a);
    return end < 0 ? { kind: 'need-more' } : { kind: 'frame', frame: new TextDecoder().decode(buffer.subarray(0, end)), consumed: end + 1 };
  },
};
const text = (s: string) => new TextEncoder().encode(s);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, condition: () => boolean, timeoutMs = 3000): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
  return Date.now() - started;
}

/** Collects what arrives at a link until `length` bytes are there. */
function collect(link: SerialLink) {
  const got: number[] = [];
  link.onData((chunk) => got.push(...chunk));
  return { got, until: (length: number) => waitFor(`${length} bytes`, () => got.length >= length) };
}

describe.skipIf(skipReason !== undefined)('SerialLink over a real pty pair', () => {
  let pty: PtyPair | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    await pty?.dispose();
    pty = undefined;
  });

  async function openLink(path: string): Promise<SerialLink> {
    const link = new SerialLink({ path, baudRate: 115200 });
    cleanups.push(() => link.close());
    await link.open();
    return link;
  }

  it('carries every byte value 0..255 both ways, unchanged', async () => {
    pty = await startPtyPair();
    const a = await openLink(pty.pathA);
    const b = await openLink(pty.pathB);
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const atB = collect(b);
    const atA = collect(a);
    await a.write(all);
    await atB.until(256);
    await b.write(all.slice().reverse());
    await atA.until(256);
    expect(atB.got).toEqual([...all]);
    expect(atA.got).toEqual([...all].reverse());
  });

  it('runs a framed request/response through FramedChannel', async () => {
    pty = await startPtyPair();
    const host = await openLink(pty.pathA);
    const device = await openLink(pty.pathB);
    // Device: answers "STATUS?" in two separate writes, so the framer must join the chunks.
    device.onData((chunk) => {
      if (new TextDecoder().decode(chunk).includes('STATUS?')) void device.write(text('OK pap')).then(() => device.write(text('er=yes\n')));
    });
    const channel = new FramedChannel(host, lines);
    await expect(channel.transact('status', text('STATUS?\n'), { timeoutMs: 2000 })).resolves.toBe('OK paper=yes');
  });

  it('a second open of the same SerialLink is refused (one port object per connection)', async () => {
    pty = await startPtyPair();
    const link = await openLink(pty.pathA);
    await link.close();
    await expect(link.open()).rejects.toThrow(/opens once/);
    await expect(link.write(text('x'))).rejects.toBeInstanceOf(LinkClosedError);
  });

  it('reports an unplug within a bounded time, fails the pending command and refuses writes', async () => {
    pty = await startPtyPair();
    const host = await openLink(pty.pathA);
    await openLink(pty.pathB);
    const reasons: (Error | undefined)[] = [];
    host.onClose((r) => reasons.push(r));
    const channel = new FramedChannel(host, lines);
    const pending = channel.transact('status', text('STATUS?\n'), { timeoutMs: 10_000 });
    const unpluggedAt = Date.now();
    await pty.stop();
    await expect(pending).rejects.toThrow(/connection lost/);
    const detectedMs = Date.now() - unpluggedAt;
    expect(detectedMs).toBeLessThan(1000);
    console.info(`[pty] unplug detected after ${detectedMs} ms`);
    expect(host.isOpen).toBe(false);
    expect(reasons).toHaveLength(1);
    await expect(host.write(text('PRINT'))).rejects.toBeInstanceOf(LinkClosedError);
  });

  it('an unknown path fails to open with a message a technician can act on', async () => {
    const link = new SerialLink({ path: '/dev/ttyKIOSK-none', baudRate: 9600 });
    await expect(link.open()).rejects.toThrow(/no such port/);
  });
});

describe.skipIf(skipReason !== undefined)('ReconnectingLink over a real pty pair: unplug and replug', () => {
  let pty: PtyPair | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    await pty?.dispose();
    pty = undefined;
  });

  it('goes offline on unplug, reconnects with a new SerialPort, never delivers a command from the outage', async () => {
    pty = await startPtyPair();
    const p = pty;
    const portsMade: SerialPortLike[] = [];
    const link = new ReconnectingLink(
      'printer',
      () =>
        new SerialLink({
          path: p.pathA,
          baudRate: 115200,
          createPort: (o) => {
            const port = createSerialPort(o);
            portsMade.push(port);
            return port;
          },
        }),
      { backoff: { baseMs: 50, capMs: 200 } },
    );
    cleanups.push(() => link.close());
    const opens: number[] = [];
    link.onOpen((n) => opens.push(n));

    // The "device": a plain SerialLink on the other end, reopened by hand after each replug.
    const deviceReceived: string[] = [];
    const attachDevice = async () => {
      const device = new SerialLink({ path: p.pathB, baudRate: 115200 });
      cleanups.push(() => device.close());
      device.onData((chunk) => {
        const s = new TextDecoder().decode(chunk);
        deviceReceived.push(s);
        if (s.includes('STATUS?')) void device.write(text('OK\n')).catch(() => undefined);
      });
      await device.open();
    };
    await attachDevice();
    await link.open();
    const channel = new FramedChannel(link, lines);
    await expect(channel.transact('status', text('STATUS?\n'), { timeoutMs: 2000 })).resolves.toBe('OK');

    const started = Date.now();
    await pty.stop();
    await waitFor('offline', () => !link.isOpen, 2000);
    // A command issued during the outage fails at once and must never reach the device.
    await expect(channel.transact('unlock', text('UNLOCK-DOOR-1\n'), { timeoutMs: 2000 })).rejects.toBeInstanceOf(LinkClosedError);
    await expect(link.write(text('UNLOCK-DOOR-2\n'))).rejects.toBeInstanceOf(LinkClosedError);
    await sleep(300); // several failed reopen attempts while unplugged

    await pty.start();
    await attachDevice();
    const reconnectMs = await waitFor('reconnect', () => link.isOpen, 3000);
    await expect(channel.transact('status', text('STATUS?\n'), { timeoutMs: 2000 })).resolves.toBe('OK');
    await sleep(100); // room for any late, stale delivery to show up

    const wire = deviceReceived.join('');
    expect(wire).not.toContain('UNLOCK');
    expect(wire.match(/STATUS\?/g)).toHaveLength(2); // once per request: no duplicate delivery
    expect(opens).toEqual([1, 2]);
    expect(portsMade.length).toBeGreaterThanOrEqual(3); // first open, failed attempts, the reconnect
    expect(new Set(portsMade).size).toBe(portsMade.length);
    expect(Date.now() - started).toBeLessThan(5000);
    console.info(`[pty] reconnect ${reconnectMs} ms after socat restart; ${portsMade.length} SerialPort objects`);
  });
});
