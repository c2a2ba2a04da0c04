/**
 * For renderer tests: a fresh Dexie database (fake-indexeddb), a real SyncEngine over a fake kiosk
 * (its timers pushed far out so only the test moves it), a platform key pair to open what was
 * sealed, and catalogue rows from the seed generator, written the way the sync engine writes them.
 */
import { ok } from '../../../contract/result.ts';
import { generateCatalog } from '../../../platform/seed/catalog.ts';
import type { SyncEngine, SyncEngineOptions } from '../../../sync/engine/engine.ts';
import { rowOf } from '../../../sync/engine/feedRows.ts';
import type { EcPublicJwk } from '../../../sync/protocol/sealed.ts';
import type { ServiceItem } from '../../../sync/protocol/serviceItem.ts';
import { openDatabase, type HallKioskDB } from '../db/database.ts';
import type { CatalogRecord } from '../db/records.ts';
import type { FakeKiosk } from '../test/fakeKiosk.ts';
import { createKioskSyncEngine } from './index.ts';

let counter = 0;

export interface TestSync {
  readonly db: HallKioskDB;
  readonly engine: SyncEngine;
  readonly privateKey: CryptoKey;
}

/** A platform key pair; the fake kiosk hands out the public half like sync.platformKey does. */
export async function testSync(kiosk: FakeKiosk, options: Partial<Pick<SyncEngineOptions, 'clock'>> = {}): Promise<TestSync> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk: EcPublicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' };
  kiosk.handle('sync.platformKey', () => ok({ jwk: publicJwk }));
  kiosk.handle('sync.state', () =>
    ok({ online: true, enrolled: true, revoked: false, kioskId: 'K-test', platformUrl: 'http://127.0.0.1:1', embedded: true, tokenExpiresAt: null, clockSkewMs: 0, lastError: null, lastContactAt: null }),
  );
  const db = await openDatabase(`sync-ui-test-${Date.now()}-${counter++}`);
  const engine = createKioskSyncEngine(db, kiosk, { storage: null, pollIntervalMs: 3_600_000, reportIntervalMs: 3_600_000, stateRefreshMs: 3_600_000, ...options });
  return { db, engine, privateKey: pair.privateKey };
}

/** Seed services as catalogue rows; `terminal` picks terminal-capable ones first. */
export function serviceItems(n: number, terminal?: boolean): ServiceItem[] {
  const all = generateCatalog(157);
  const picked = terminal === undefined ? all : all.filter((i) => i.terminalCapable === terminal);
  return picked.slice(0, n);
}

export async function putServices(db: HallKioskDB, items: readonly ServiceItem[], v = 1): Promise<void> {
  await db.catalog.bulkPut(items.map((doc) => rowOf('catalog', { op: 'upsert', id: doc.code, v, doc }) as CatalogRecord));
}
