/**
 * The local database and the sync engine for the whole app: created once at start-up (main.tsx),
 * provided here so screens read Dexie (useLiveQuery) and submit through the engine, never over
 * the network themselves.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { KioskApi } from '../../../contract/index.ts';
import type { SyncEngine } from '../../../sync/engine/engine.ts';
import type { HallKioskDB } from '../db/database.ts';
import { SyncProvider } from './SyncProvider.tsx';

export interface KioskSyncParts {
  readonly db: HallKioskDB;
  readonly engine: SyncEngine;
}

const DatabaseContext = createContext<HallKioskDB | null>(null);

/**
 * `parts` when they exist already (tests), or `load` to create them after the first screen is up:
 * Dexie and the sync engine are not needed to show the home screen, so they load in their own chunk
 * once it has rendered. Until then the database context is empty and screens that need it wait.
 */
export function KioskSync({ parts, load, kiosk, children }: { parts?: KioskSyncParts; load?: () => Promise<KioskSyncParts>; kiosk: KioskApi; children: ReactNode }): ReactNode {
  const [loaded, setLoaded] = useState<KioskSyncParts>();
  useEffect(() => {
    if (parts !== undefined || load === undefined) return;
    let active = true;
    // When the browser is idle after the first screen (at the latest after a second): nothing a
    // resident sees first waits for the database.
    const start = (): void => {
      load().then(
        (created) => {
          if (active) setLoaded(created);
        },
        (error: unknown) => console.error('local database and sync failed to load', error),
      );
    };
    const idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(start, { timeout: 1_000 }) : window.setTimeout(start, 200);
    return () => {
      active = false;
      if (typeof window.cancelIdleCallback === 'function') window.cancelIdleCallback(idle);
      else window.clearTimeout(idle);
    };
  }, [parts, load]);
  const current = parts ?? loaded;
  return (
    // Same tree before and after the engine arrives: nothing below remounts when it does.
    <DatabaseContext.Provider value={current?.db ?? null}>
      <SyncProvider engine={current?.engine ?? null} kiosk={kiosk}>
        {children}
      </SyncProvider>
    </DatabaseContext.Provider>
  );
}

/** Whether the local database is there yet (it loads right after the first render). */
export function useDatabaseReady(): boolean {
  return useContext(DatabaseContext) !== null;
}

export function useDatabase(): HallKioskDB {
  const db = useContext(DatabaseContext);
  if (db === null) throw new Error('useDatabase outside <KioskSync>');
  return db;
}
