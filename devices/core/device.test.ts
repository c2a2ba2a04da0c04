import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CounterStore } from './counters.ts';
import { Device } from './device.ts';
import { FramedChannel } from './framedChannel.ts';
import type { DecodeStep, FrameDecoder } from './framer.ts';
import { createMemoryLinkPair } from './memoryLink.ts';
import { ReconnectingLink } from './reconnectingLink.ts';
import { ManualClock, settle } from './testing/manualClock.ts';

const lines: FrameDecoder<string> = {
  decode(buffer): DecodeStep<string> {
    const end = buffer.indexOf(0x0a);
    return end < 0 ? { kind: 'need-more' } : { kind: 'frame', frame: new TextDecoder().decode(buffer.subarray(0, end)), consumed: end + 1 };
  },
};

describe('Device', () => {
  let dir = '';
  let store: CounterStore | undefined;
  afterEach(async () => {
    await store?.dispose(); // no debounced write racing the folder removal
    await rm(dir, { recursive: true, force: true });
  });

  async function setup(options: { answer: boolean }) {
    dir = await mkdtemp(path.join(tmpdir(), 'kiosk-device-'));
    const clock = new ManualClock();
    const pair = createMemoryLinkPair('lamp');
    await pair.deviceSide.open();
    let probes = 0;
    pair.deviceSide.onData(() => {
      if (options.answer) void pair.deviceSide.write(new TextEncoder().encode('OK\n'));
    });
    const link = new ReconnectingLink('memory:lamp', () => pair.driverSide, { clock, backoff: { random: () => 0.5 } });
    const counters = await CounterStore.open({ file: path.join(dir, 'c.json'), clock });
    store = counters;
    const device = new Device({ identity: { id: 'lamp', kind: 'lamp', label: '状态灯', transport: 'simulated', port: null }, link, counters, clock });
    const channel = new FramedChannel(link, lines, {}, clock);
    const status = () => channel.transact('status', new TextEncoder().encode('S?\n'), { timeoutMs: 300 });
    device.attachDriver({
      heartbeat: { intervalMs: 1000, probe: async () => { probes++; await status(); } },
      health: { internal: async () => ({ ok: true, text: `正常：${await status()}` }) },
    });
    return { clock, pair, device, status, probes: () => probes, counters };
  }

  it('health says why it cannot check a closed or offline device', async () => {
    const { device, pair } = await setup({ answer: true });
    expect(await device.checkHealth('internal')).toEqual({ level: 'internal', ok: false, text: '设备未打开' });
    device.open();
    await settle();
    expect(await device.checkHealth('internal')).toEqual({ level: 'internal', ok: true, text: '正常：OK' });
    pair.unplug();
    await settle();
    expect(device.status.state).toBe('offline');
    expect(await device.checkHealth('internal')).toMatchObject({ ok: false, text: expect.stringMatching(/^设备离线：.*unplugged/) });
    await device.dispose();
  });

  it('a command timeout is TIMEOUT and counted; an operation while offline is DEVICE_OFFLINE', async () => {
    const { device, status, clock, pair } = await setup({ answer: false });
    device.open();
    device.claim('kiosk');
    device.enable('kiosk');
    await settle();
    const pending = device.run('kiosk', 'status', status);
    await clock.advance(300);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: 'status: status: no answer within 300 ms' } });
    expect(device.counters).toMatchObject({ failures: 1, commandTimeouts: 1 });
    expect(device.status).toMatchObject({ state: 'idle', lastError: { code: 'TIMEOUT' } });
    pair.unplug();
    await settle();
    expect(await device.run('kiosk', 'print', status)).toMatchObject({ ok: false, error: { code: 'DEVICE_OFFLINE' } });
    await device.dispose();
  });

  it('skips the heartbeat while an operation runs', async () => {
    const { device, clock, probes } = await setup({ answer: true });
    device.open();
    device.claim('kiosk');
    device.enable('kiosk');
    await settle();
    let finish: () => void = () => undefined;
    const long = device.run('kiosk', 'print', () => new Promise<void>((resolve) => (finish = resolve)));
    await clock.advance(3500);
    expect(device.status.state).toBe('busy');
    const during = probes();
    finish();
    await long;
    await clock.advance(1000);
    expect(during).toBe(0); // the wrapper returned before calling the driver's probe
    expect(probes()).toBe(1);
    expect(device.status.state).toBe('idle');
    await device.dispose();
  });
});
