/**
 * For the lead's benchmark (not a test): load a catalogue snapshot through the engine's real write
 * path (SnapshotWriter, pages of the platform's default size, each page and its cursor in one
 * transaction, the digest checked at the end) versus one put per item, each in its own transaction.
 * Works in a Chromium page or over fake-indexeddb. Runtime: pure (browser).
 */
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import type { CatalogRecord } from '../../renderer/src/db/records.ts';
import { computeFeedDigest } from '../protocol/digest.ts';
import type { FeedChange } from '../protocol/feeds.ts';
import type { ServiceItem } from '../protocol/serviceItem.ts';
import { rowOf } from './feedRows.ts';
import { SnapshotWriter } from './snapshot.ts';

export type BenchResult = Readonly<{ items: number; ms: number; perItemMs: number; target: string }>;

/** platform/feeds.ts DEFAULT_PAGE_LIMIT (not imported: that module is the platform's, not the browser's). */
export const BENCH_PAGE_SIZE = 500;

function result(items: number, started: number, target: string): BenchResult {
  const ms = performance.now() - started;
  return { items, ms, perItemMs: items === 0 ? 0 : ms / items, target };
}

/**
 * The engine's path for a snapshot of `items`: on a database that never synced the catalogue this is
 * the first snapshot (straight into the live table); on one with a synced catalogue it is a reset
 * (staging, then one swap). The platform's digest is computed before the clock starts.
 */
export async function snapshotIntoDb(db: HallKioskDB, items: readonly ServiceItem[], version = 1, pageSize = BENCH_PAGE_SIZE): Promise<BenchResult> {
  const changes: FeedChange<'catalog'>[] = items.map((doc) => ({ op: 'upsert', id: doc.code, v: version, doc }));
  const digest = await computeFeedDigest(changes.map((c) => ({ id: c.id, v: c.v })));
  const started = performance.now();
  let writer: SnapshotWriter<'catalog'> | null = null;
  for (let at = 0; at < changes.length || writer === null; at += pageSize) {
    const page = { changes: changes.slice(at, at + pageSize), cursor: `bench-${version}-${at}`, version };
    if (writer === null) writer = await SnapshotWriter.start(db, 'catalog', page);
    else await writer.add(page);
  }
  const done = await writer.finish(`bench-${version}`, version, digest, new Date().toISOString());
  if (!done.ok) throw new Error(`bench snapshot failed: ${done.error.message}`);
  return result(items.length, started, done.target);
}

/** The naive path, for comparison: one put (one transaction) per item. */
export async function naiveOnePutPerItem(db: HallKioskDB, items: readonly ServiceItem[], version = 1): Promise<BenchResult> {
  const started = performance.now();
  for (const doc of items) await db.catalog.put(rowOf('catalog', { op: 'upsert', id: doc.code, v: version, doc }) as CatalogRecord);
  return result(items.length, started, 'live');
}
