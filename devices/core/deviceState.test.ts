import { describe, expect, it } from 'vitest';
import { initialStatus, transition, type DeviceEvent, type DeviceStatus } from './deviceState.ts';

function run(events: DeviceEvent[], start: DeviceStatus = initialStatus(0)): { status: DeviceStatus; refusals: string[] } {
  let status = start;
  const refusals: string[] = [];
  events.forEach((event, i) => {
    const t = transition(status, event, i + 1);
    if (t.ok) status = t.status;
    else refusals.push(`${event.type}:${t.code}`);
  });
  return { status, refusals };
}
const offline = { code: 'DEVICE_OFFLINE' as const, message: 'ttyUSB0 gone', at: 0 };

describe('device life cycle', () => {
  it('walks open → claim → enable → operate → disable → release → close', () => {
    const { status, refusals } = run([
      { type: 'open' },
      { type: 'link-up' },
      { type: 'claim', owner: 'kiosk' },
      { type: 'enable', owner: 'kiosk' },
      { type: 'op-start', owner: 'kiosk' },
    ]);
    expect(refusals).toEqual([]);
    expect(status).toMatchObject({ state: 'busy', claimedBy: 'kiosk', enabled: true, since: 5 });
    const after = run([{ type: 'op-end' }, { type: 'disable', owner: 'kiosk' }, { type: 'release', owner: 'kiosk' }, { type: 'close' }], status);
    expect(after.refusals).toEqual([]);
    expect(after.status).toMatchObject({ state: 'closed', claimedBy: null, enabled: false });
  });

  it('refuses operations out of order with the code the caller needs', () => {
    const { refusals } = run([
      { type: 'op-start', owner: 'kiosk' }, // closed
      { type: 'open' },
      { type: 'open' }, // twice
      { type: 'enable', owner: 'kiosk' }, // not claimed
      { type: 'claim', owner: 'kiosk' },
      { type: 'op-start', owner: 'kiosk' }, // not enabled
      { type: 'enable', owner: 'kiosk' },
      { type: 'op-start', owner: 'kiosk' }, // still opening: offline
      { type: 'link-up' },
      { type: 'op-start', owner: 'technician' }, // someone else's claim
      { type: 'op-start', owner: 'kiosk' },
      { type: 'op-start', owner: 'kiosk' }, // busy
    ]);
    expect(refusals).toEqual(['op-start:CONFLICT', 'open:CONFLICT', 'enable:CONFLICT', 'op-start:CONFLICT', 'op-start:DEVICE_OFFLINE', 'op-start:DEVICE_BUSY', 'op-start:DEVICE_BUSY']);
  });

  it('lets a technician take the device over only on purpose', () => {
    const base = run([{ type: 'open' }, { type: 'link-up' }, { type: 'claim', owner: 'kiosk' }, { type: 'enable', owner: 'kiosk' }]).status;
    expect(run([{ type: 'claim', owner: 'technician' }], base).refusals).toEqual(['claim:DEVICE_BUSY']);
    const taken = run([{ type: 'claim', owner: 'technician', force: true }], base);
    expect(taken.status).toMatchObject({ claimedBy: 'technician', enabled: false });
    expect(run([{ type: 'claim', owner: 'kiosk', force: true }], taken.status).refusals).toEqual(['claim:DEVICE_BUSY']);
  });

  it('goes offline with the reason, keeps the claim, and comes back idle; since marks each change', () => {
    const base = run([{ type: 'open' }, { type: 'link-up' }, { type: 'claim', owner: 'kiosk' }, { type: 'enable', owner: 'kiosk' }]).status;
    const down = transition(base, { type: 'link-down', error: offline }, 100);
    expect(down.ok && down.status).toMatchObject({ state: 'offline', since: 100, lastError: offline, claimedBy: 'kiosk', enabled: true });
    if (!down.ok) return;
    const again = transition(down.status, { type: 'link-down', error: { ...offline, at: 150 } }, 150);
    expect(again.ok && again.status.since).toBe(100); // still offline since 100
    const up = transition(down.status, { type: 'link-up' }, 200);
    expect(up.ok && up.status).toMatchObject({ state: 'idle', since: 200 });
  });

  it('a device fault is state error until recovered; a misconfigured device refuses everything but close', () => {
    const base = run([{ type: 'open' }, { type: 'link-up' }, { type: 'claim', owner: 'kiosk' }, { type: 'enable', owner: 'kiosk' }, { type: 'op-start', owner: 'kiosk' }]).status;
    const paperOut = { code: 'PAPER_OUT' as const, message: 'paper end', at: 9 };
    const faulted = run([{ type: 'op-end', error: paperOut, fault: true }], base).status;
    expect(faulted).toMatchObject({ state: 'error', lastError: paperOut });
    expect(run([{ type: 'recovered' }], faulted).status.state).toBe('idle');
    const bad = initialStatus(0, { code: 'DEVICE_MISCONFIGURED', message: 'devices.receiptPrinter.baudRate: expected number', at: 0 });
    const tried = run([{ type: 'open' }, { type: 'claim', owner: 'kiosk' }, { type: 'link-up' }, { type: 'close' }], bad);
    expect(tried.refusals).toEqual(['open:DEVICE_MISCONFIGURED', 'claim:DEVICE_MISCONFIGURED', 'link-up:DEVICE_MISCONFIGURED']);
    expect(tried.status.state).toBe('misconfigured');
  });
});
