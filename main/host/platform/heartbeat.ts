/**
 * What the kiosk tells central operations every minute: queue health from the renderer's engine,
 * device states from the device manager, version and clock. Counts and states only: the protocol's
 * HeartbeatRequest is strict, so nothing personal can ride along. Runtime: plain Node.
 */
import type { z } from 'zod';
import type { QueueReport } from '../../../contract/sync.ts';
import type { DeviceState } from '../../../devices/core/deviceState.ts';
import { FeedName } from '../../../sync/protocol/feeds.ts';
import { HeartbeatRequest, type DeviceHealthState } from '../../../sync/protocol/kioskHealth.ts';

export type DeviceHealth = z.infer<typeof DeviceHealthState>;

const BY_STATE: Readonly<Record<DeviceState, DeviceHealth>> = {
  idle: 'ok',
  busy: 'ok',
  opening: 'unknown',
  error: 'degraded',
  offline: 'offline',
  closed: 'offline',
  misconfigured: 'offline',
};

/** A device the technician switched off is `disabled`, whatever its link does. */
export function deviceHealth(devices: readonly { id: string; state: DeviceState; enabled: boolean }[]): Record<string, DeviceHealth> {
  const out: Record<string, DeviceHealth> = {};
  for (const device of devices) out[device.id.slice(0, 40)] = device.enabled || device.state === 'misconfigured' ? BY_STATE[device.state] : 'disabled';
  return out;
}

export function heartbeatRequest(input: {
  appVersion: string;
  report: QueueReport | undefined;
  devices: Record<string, DeviceHealth>;
  now: Date;
}): HeartbeatRequest {
  const { report } = input;
  const feeds: Partial<Record<FeedName, number>> = {};
  for (const [feed, version] of Object.entries(report?.feedVersions ?? {})) {
    const name = FeedName.safeParse(feed);
    if (name.success) feeds[name.data] = version;
  }
  return HeartbeatRequest.parse({
    appVersion: input.appVersion.slice(0, 40),
    // Before the engine's first report the queue is unknown; 0 is sent, and the platform's
    // last-seen time still shows the kiosk is alive.
    queueLength: report?.pendingCommands ?? 0,
    oldestPendingAgeSeconds: report?.oldestPendingAgeSeconds === undefined || report.oldestPendingAgeSeconds === null ? null : Math.floor(report.oldestPendingAgeSeconds),
    needsAttention: report?.rejectedCommands ?? 0,
    devices: input.devices,
    feeds,
    clock: input.now.toISOString(),
  });
}
