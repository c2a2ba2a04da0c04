/**
 * The device life cycle as a pure state machine, trimmed down from UnifiedPOS:
 * open → claim → enable → (operations) → disable → release → close.
 * `state` is what the technician reads; claim/enable are separate facts because UPOS keeps them
 * separate (a device can be open and online but not yet claimed by anyone).
 * Runtime: pure.
 */
import type { ErrorCode } from '../../contract/result.ts';

export const DEVICE_STATES = ['closed', 'opening', 'idle', 'busy', 'error', 'offline', 'misconfigured'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** Who holds the exclusive claim: the resident-facing flow, or a technician running tests. */
export type ClaimOwner = 'kiosk' | 'technician';

export type DeviceError = Readonly<{ code: ErrorCode; message: string; at: number }>;

export type DeviceStatus = Readonly<{
  state: DeviceState;
  /** When `state` began (epoch ms). */
  since: number;
  lastError: DeviceError | null;
  claimedBy: ClaimOwner | null;
  enabled: boolean;
}>;

export type DeviceEvent =
  | { type: 'open' }
  | { type: 'link-up' }
  | { type: 'link-down'; error: DeviceError }
  /** `force`: a technician takes the device away from the kiosk flow on purpose. */
  | { type: 'claim'; owner: ClaimOwner; force?: boolean }
  | { type: 'release'; owner: ClaimOwner }
  | { type: 'enable'; owner: ClaimOwner }
  | { type: 'disable'; owner: ClaimOwner }
  | { type: 'close' }
  | { type: 'op-start'; owner: ClaimOwner }
  /** An operation ended; `fault` means the device itself is in trouble (paper out, cover open). */
  | { type: 'op-end'; error?: DeviceError; fault?: boolean }
  /** The driver reports a device condition outside an operation (status poll saw paper out). */
  | { type: 'fault'; error: DeviceError }
  | { type: 'recovered' }
  | { type: 'misconfigure'; error: DeviceError };

export type Transition =
  | { ok: true; status: DeviceStatus }
  | { ok: false; code: ErrorCode; message: string };

export function initialStatus(now: number, misconfigured?: DeviceError): DeviceStatus {
  return misconfigured === undefined
    ? { state: 'closed', since: now, lastError: null, claimedBy: null, enabled: false }
    : { state: 'misconfigured', since: now, lastError: misconfigured, claimedBy: null, enabled: false };
}

const ONLINE: readonly DeviceState[] = ['idle', 'busy', 'error'];
const OPENED: readonly DeviceState[] = ['opening', 'idle', 'busy', 'error', 'offline'];

/** Applies one event. Illegal events are refused with a code, never half-applied. */
export function transition(status: DeviceStatus, event: DeviceEvent, now: number): Transition {
  const s = status.state;
  const next = (patch: Partial<DeviceStatus>): Transition => {
    const merged = { ...status, ...patch };
    if (merged.state !== s) merged.since = now;
    return { ok: true, status: merged };
  };
  const refuse = (code: ErrorCode, message: string): Transition => ({ ok: false, code, message });

  if (s === 'misconfigured' && event.type !== 'misconfigure' && event.type !== 'close') {
    return refuse('DEVICE_MISCONFIGURED', status.lastError?.message ?? 'device is misconfigured');
  }

  switch (event.type) {
    case 'open':
      return s === 'closed' ? next({ state: 'opening' }) : refuse('CONFLICT', 'device is already open');
    case 'link-up':
      return s === 'opening' || s === 'offline' ? next({ state: 'idle' }) : { ok: true, status };
    case 'link-down':
      return OPENED.includes(s) ? next({ state: 'offline', lastError: event.error }) : { ok: true, status };
    case 'claim': {
      if (!OPENED.includes(s)) return refuse('CONFLICT', 'device is not open');
      if (status.claimedBy === event.owner) return { ok: true, status };
      if (status.claimedBy !== null && !(event.force === true && event.owner === 'technician')) {
        return refuse('DEVICE_BUSY', `device is claimed by ${status.claimedBy}`);
      }
      return next({ claimedBy: event.owner, enabled: false });
    }
    case 'release':
      if (status.claimedBy !== event.owner) return refuse('CONFLICT', `device is not claimed by ${event.owner}`);
      return next({ claimedBy: null, enabled: false });
    case 'enable':
    case 'disable':
      if (status.claimedBy !== event.owner) return refuse('CONFLICT', `device is not claimed by ${event.owner}`);
      return next({ enabled: event.type === 'enable' });
    case 'close':
      if (s === 'misconfigured') return { ok: true, status: { ...status, claimedBy: null, enabled: false } };
      return next({ state: 'closed', claimedBy: null, enabled: false });
    case 'op-start':
      if (s === 'closed') return refuse('CONFLICT', 'device is not open');
      if (status.claimedBy !== event.owner) {
        return status.claimedBy === null
          ? refuse('CONFLICT', `device is not claimed by ${event.owner}`)
          : refuse('DEVICE_BUSY', `device is claimed by ${status.claimedBy}`);
      }
      if (!status.enabled) return refuse('CONFLICT', 'device is not enabled');
      if (s === 'opening' || s === 'offline') return refuse('DEVICE_OFFLINE', status.lastError?.message ?? 'device is not connected');
      if (s === 'busy') return refuse('DEVICE_BUSY', 'another operation is running');
      return next({ state: 'busy' });
    case 'op-end': {
      if (s !== 'busy') return event.error === undefined ? { ok: true, status } : next({ lastError: event.error });
      const state = event.fault === true ? 'error' : 'idle';
      return next(event.error === undefined ? { state } : { state, lastError: event.error });
    }
    case 'fault':
      return ONLINE.includes(s) ? next({ state: s === 'busy' ? 'busy' : 'error', lastError: event.error }) : { ok: true, status };
    case 'recovered':
      return s === 'error' ? next({ state: 'idle' }) : { ok: true, status };
    case 'misconfigure':
      return next({ state: 'misconfigured', lastError: event.error, claimedBy: null, enabled: false });
  }
}
