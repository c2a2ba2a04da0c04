/**
 * What every screen needs from the service host: who and where this kiosk is (system.info), the
 * heartbeat (system.status event: online, host clock, service state) and the connection's role
 * (session.changed). Loaded once here so screens do not each subscribe.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { KioskApi, KioskError } from '../../../contract/index.ts';
import type { SessionInfo } from '../../../contract/session.ts';
import type { ServiceState, SystemInfo, SystemStatus } from '../../../contract/system.ts';

/** Without a heartbeat for this long the kiosk shows itself as offline. The host beats every second. */
export const STATUS_STALE_MS = 10_000;
/** How long to wait before asking again when the first system.info fails. */
export const INFO_RETRY_MS = 3_000;

export interface ReceivedStatus {
  readonly status: SystemStatus;
  /** Local Date.now() when it arrived; the difference to status.now corrects the local clock. */
  readonly receivedAt: number;
}

export interface KioskState {
  readonly kiosk: KioskApi;
  readonly info: SystemInfo | undefined;
  readonly infoError: KioskError | undefined;
  readonly status: ReceivedStatus | undefined;
  /** Undefined until the host has told us; screens must not guess a role. */
  readonly session: SessionInfo | undefined;
  /** For screens that changed the role themselves (sign-in result) before the event arrives. */
  readonly updateSession: (session: SessionInfo) => void;
}

const KioskContext = createContext<KioskState | undefined>(undefined);

export function KioskProvider({ kiosk, children }: { kiosk: KioskApi; children: ReactNode }): ReactNode {
  const [info, setInfo] = useState<SystemInfo>();
  const [infoError, setInfoError] = useState<KioskError>();
  const [status, setStatus] = useState<ReceivedStatus>();
  const [session, setSession] = useState<SessionInfo>();

  useEffect(() => {
    let active = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const loadInfo = async (): Promise<void> => {
      const result = await kiosk.call('system.info', {});
      if (!active) return;
      if (result.ok) {
        setInfo(result.value);
        setInfoError(undefined);
      } else {
        setInfoError(result.error);
        retry = setTimeout(() => void loadInfo(), INFO_RETRY_MS);
      }
    };
    void loadInfo();
    void kiosk.call('system.status', {}).then((result) => {
      // An event may already have delivered a newer status; keep whichever came first.
      if (active && result.ok) setStatus((current) => current ?? { status: result.value, receivedAt: Date.now() });
    });
    void kiosk.call('session.get', {}).then((result) => {
      if (active && result.ok) setSession((current) => current ?? result.value);
    });
    const offStatus = kiosk.on('system.status', (next) => setStatus({ status: next, receivedAt: Date.now() }));
    const offSession = kiosk.on('session.changed', (next) => setSession(next));
    return () => {
      active = false;
      if (retry !== undefined) clearTimeout(retry);
      offStatus();
      offSession();
    };
  }, [kiosk]);

  const updateSession = useCallback((next: SessionInfo) => setSession(next), []);
  const value = useMemo(
    () => ({ kiosk, info, infoError, status, session, updateSession }),
    [kiosk, info, infoError, status, session, updateSession],
  );
  return <KioskContext.Provider value={value}>{children}</KioskContext.Provider>;
}

export function useKioskState(): KioskState {
  const state = useContext(KioskContext);
  if (state === undefined) throw new Error('useKioskState outside <KioskProvider>');
  return state;
}

/** The freshest service state: the heartbeat's if any, else system.info's. */
export function currentServiceState(state: Pick<KioskState, 'info' | 'status'>): ServiceState | undefined {
  return state.status?.status.service ?? state.info?.service;
}

export type NetworkState = 'online' | 'offline' | 'unknown';

export function networkState(status: ReceivedStatus | undefined, localNow: number): NetworkState {
  if (status === undefined) return 'unknown';
  if (localNow - status.receivedAt > STATUS_STALE_MS) return 'offline';
  return status.status.online ? 'online' : 'offline';
}

/** The host's clock carried forward with the local one; the local clock alone before any heartbeat. */
export function correctedNow(status: ReceivedStatus | undefined, localNow: number): Date {
  if (status === undefined) return new Date(localNow);
  const hostAtReceipt = Date.parse(status.status.now);
  // Never before the heartbeat itself: the caller's localNow may be from a tick just before it arrived.
  return Number.isNaN(hostAtReceipt) ? new Date(localNow) : new Date(hostAtReceipt + Math.max(0, localNow - status.receivedAt));
}
