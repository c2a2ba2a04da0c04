/**
 * For the lead's benchmark (not a test): load a catalogue snapshot through the engine's real bulk
 * path (staging + one swap transaction) versus one put per item, each in its own transaction.
 * Works in a Chromium page or over fake-indexeddb. Runtime: pure (browser).
 */
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import type { CatalogRecord } from '../../renderer/src/db/records.ts';
import type { FeedChange } from '../protocol/feeds.ts';
import type { ServiceItem } from '../protocol/serviceItem.ts';
import { rowOf } from './feedRows.ts';
import { applyStagingPage, swapStaging } from './feedStore.ts';

export type BenchResult = Readonly<{ items: number; ms: number; perItemMs: number }>;

function result(items: number, started: number): BenchResult {
  const ms = performance.now() - started;
  return { items, ms, perItemMs: items === 0 ? 0 : ms / items };
}

/** The engine's path: every item staged in one transaction, then swapped into `catalog` in another. */
export async function snapshotIntoDb(db: HallKioskDB, items: readonly ServiceItem[], version = 1): Promise<BenchResult> {
  const started = performance.now();
  const changes: FeedChange<'catalog'>[] = items.map((doc) => ({ op: 'upsert', id: doc.code, v: version, doc }));
  await applyStagingPage(db, 'catalog', { changes, cursor: 'bench', version }, true);
  await swapStaging(db, 'catalog', 'bench', version, new Date().toISOString());
  return result(items.length, started);
}

/** The naive path, for comparison: one put (one transaction) per item. */
export async function naiveOnePutPerItem(db: HallKioskDB, items: readonly ServiceItem[], version = 1): Promise<BenchResult> {
  const started = performance.now();
  for (const doc of items) await db.catalog.put(rowOf('catalog', { op: 'upsert', id: doc.code, v: version, doc }) as CatalogRecord);
  return result(items.length, started);
}
