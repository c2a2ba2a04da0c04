/**
 * React glue for the sync engine: the provider starts it (and wires the host's events) for as long
 * as it is mounted; hooks read its state. Screens never talk to the network themselves.
 */
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { KioskApi } from '../../../contract/index.ts';
import type { SyncEngine } from '../../../sync/engine/engine.ts';
import type { SyncState } from '../../../sync/engine/syncState.ts';
import { connectKioskEvents } from './kioskTransport.ts';

const SyncContext = createContext<SyncEngine | null>(null);

/** `engine` may arrive after the first render (it loads at idle); the tree stays the same either way. */
export function SyncProvider({ engine, kiosk, children }: { engine: SyncEngine | null; kiosk?: KioskApi; children: ReactNode }): ReactNode {
  useEffect(() => {
    if (engine === null) return undefined;
    const disconnect = kiosk === undefined ? () => undefined : connectKioskEvents(kiosk, engine);
    engine.start();
    return () => {
      disconnect();
      engine.stop();
    };
  }, [engine, kiosk]);
  return <SyncContext.Provider value={engine}>{children}</SyncContext.Provider>;
}

export function useSyncEngine(): SyncEngine {
  const engine = useContext(SyncContext);
  if (engine === null) throw new Error('useSyncEngine outside <SyncProvider>');
  return engine;
}

/** The engine's state (null until its first read of the database); re-renders on every change. */
export function useSyncState(): SyncState | null {
  const engine = useSyncEngine();
  return useSyncExternalStore(
    (onChange) => engine.subscribe(() => onChange()),
    () => engine.state,
  );
}

/** The engine when the app runs with one (the kiosk always does; some component tests do not). */
export function useOptionalSyncEngine(): SyncEngine | null {
  return useContext(SyncContext);
}

const subscribeToNothing = (): (() => void) => () => undefined;

/** Like useSyncState, but null (not an error) outside <SyncProvider>. */
export function useOptionalSyncState(): SyncState | null {
  const engine = useOptionalSyncEngine();
  const snapshot = (): SyncState | null => engine?.state ?? null;
  return useSyncExternalStore(engine === null ? subscribeToNothing : (onChange) => engine.subscribe(() => onChange()), snapshot, snapshot);
}
