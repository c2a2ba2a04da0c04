/**
 * The local database and the sync engine for the whole app: created once at start-up (main.tsx),
 * provided here so screens read Dexie (useLiveQuery) and submit through the engine, never over
 * the network themselves.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { KioskApi } from '../../../contract/index.ts';
import type { SyncEngine } from '../../../sync/engine/engine.ts';
import type { HallKioskDB } from '../db/database.ts';
import { SyncProvider } from './SyncProvider.tsx';

export interface KioskSyncParts {
  readonly db: HallKioskDB;
  readonly engine: SyncEngine;
}

const DatabaseContext = createContext<HallKioskDB | null>(null);

export function KioskSync({ parts, kiosk, children }: { parts: KioskSyncParts; kiosk: KioskApi; children: ReactNode }): ReactNode {
  return (
    <DatabaseContext.Provider value={parts.db}>
      <SyncProvider engine={parts.engine} kiosk={kiosk}>
        {children}
      </SyncProvider>
    </DatabaseContext.Provider>
  );
}

export function useDatabase(): HallKioskDB {
  const db = useContext(DatabaseContext);
  if (db === null) throw new Error('useDatabase outside <KioskSync>');
  return db;
}
