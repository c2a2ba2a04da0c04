/** Creating the kiosk's sync engine over the service host. */
import type { KioskApi } from '../../../contract/index.ts';
import type { HallKioskDB } from '../db/database.ts';
import { SyncEngine, type SyncEngineOptions } from '../../../sync/engine/engine.ts';
import { createKioskTransport } from './kioskTransport.ts';

export function createKioskSyncEngine(db: HallKioskDB, kiosk: KioskApi, options: Partial<Omit<SyncEngineOptions, 'db' | 'transport'>> = {}): SyncEngine {
  return new SyncEngine({ ...options, db, transport: createKioskTransport(kiosk) });
}

export { SyncProvider, useSyncEngine, useSyncState } from './SyncProvider.tsx';
export { connectKioskEvents, createKioskTransport } from './kioskTransport.ts';
