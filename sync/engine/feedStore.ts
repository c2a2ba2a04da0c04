/**
 * The Dexie side of pulling: every page and its cursor are written in ONE transaction (a crash
 * between pages resumes from the last committed cursor). A snapshot goes to `feedStaging` first and
 * is swapped into the live table in one transaction once its digest checks, so a reader sees either
 * the old full set or the new full set, never a half-built or empty table. The one exception is a
 * feed's FIRST snapshot (never synced, live table empty): there is nothing on screen to protect, so
 * its pages go straight into the live table (`snapshotDirect`) and the digest is checked at the end;
 * a mismatch empties the table again and the next pull starts over. That saves writing every row
 * twice on the kiosk's first (and largest) sync.
 *
 * Why a staging table and not a generation column: the UI's queries (catalogue search, notices by
 * date …) stay plain index lookups with no "active generation" filter everywhere, and a reset is
 * rare. The price is copying the snapshot once inside the swap transaction. Runtime: pure.
 */
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import type { FeedStateRecord, StagedRecord, SyncErrorRecord } from '../../renderer/src/db/records.ts';
import { computeFeedDigest, type DigestRow } from '../protocol/digest.ts';
import type { FeedChange, FeedDigest, FeedName, StatusItem } from '../protocol/feeds.ts';
import { applyStatusToSubmission, liveTable, rowOf, versionOf, type LiveRow, type Upsert } from './feedRows.ts';

export function initialFeedState(feed: FeedName): FeedStateRecord {
  return { feed, cursor: null, version: 0, lastSyncedAt: null, digestOk: null, lastError: null, stagingCursor: null, forceReset: false, snapshotDirect: false };
}

export async function readFeedState(db: HallKioskDB, feed: FeedName): Promise<FeedStateRecord> {
  return (await db.feedState.get(feed)) ?? initialFeedState(feed);
}

async function updateFeedState(db: HallKioskDB, feed: FeedName, patch: Partial<Omit<FeedStateRecord, 'feed'>>): Promise<void> {
  const current = (await db.feedState.get(feed)) ?? initialFeedState(feed);
  await db.feedState.put({ ...current, ...patch });
}

export async function setFeedError(db: HallKioskDB, feed: FeedName, error: SyncErrorRecord | null, extra: Partial<FeedStateRecord> = {}): Promise<void> {
  await db.transaction('rw', db.feedState, () => updateFeedState(db, feed, { ...extra, lastError: error }));
}

export type Page<F extends FeedName> = { changes: FeedChange<F>[]; cursor: string; version: number };

/** What a page application wrote: (id, v) put and ids deleted. */
export type Written = Readonly<{ puts: readonly DigestRow[]; deletes: readonly string[] }>;

function written(puts: readonly LiveRow[], deletes: readonly string[]): Written {
  return { puts: puts.map((row) => ({ id: row.id, v: versionOf(row) })), deletes };
}

/**
 * Newest v wins per id; returns the rows to put and the ids to delete. `existing` null = a snapshot
 * page into a table holding nothing newer (it states the rows as they are: put every upsert).
 */
function resolve<F extends FeedName>(feed: F, changes: readonly FeedChange<F>[], existing: ReadonlyMap<string, number> | null): { puts: LiveRow[]; deletes: string[]; statuses: StatusItem[] } {
  const latest = new Map<string, FeedChange<F>>();
  for (const change of changes) {
    const seen = latest.get(change.id);
    if (seen === undefined || seen.v <= change.v) latest.set(change.id, change);
  }
  const puts: LiveRow[] = [];
  const deletes: string[] = [];
  const statuses: StatusItem[] = [];
  for (const change of latest.values()) {
    const have = existing === null ? -1 : (existing.get(change.id) ?? -1);
    if (change.op === 'delete') {
      if (existing === null || (existing.has(change.id) && have <= change.v)) deletes.push(change.id);
    } else if (have < change.v) {
      puts.push(rowOf(feed, change as Upsert<F>));
      if (feed === 'status') statuses.push(change.doc as StatusItem);
    }
  }
  return { puts, deletes, statuses };
}

/** Applies a changes page to the live rows and moves the cursor, in one transaction. */
export async function applyLivePage<F extends FeedName>(db: HallKioskDB, feed: F, page: Page<F>): Promise<void> {
  const table = liveTable(db, feed);
  await db.transaction('rw', [table, db.feedState, db.submissions], async () => {
    const ids = [...new Set(page.changes.map((c) => c.id))];
    const rows = await table.bulkGet(ids);
    const existing = new Map<string, number>();
    rows.forEach((row, i) => {
      const id = ids[i];
      if (row !== undefined && id !== undefined) existing.set(id, versionOf(row));
    });
    const { puts, deletes, statuses } = resolve(feed, page.changes, existing);
    if (puts.length > 0) await table.bulkPut(puts);
    if (deletes.length > 0) await table.bulkDelete(deletes);
    for (const status of statuses) await applyStatusToSubmission(db, status);
    await updateFeedState(db, feed, { cursor: page.cursor, version: page.version });
  });
}

/** Where a snapshot goes: straight into the live table, or into staging until its digest checks. */
export type SnapshotTarget = 'live' | 'staging';

/**
 * Starts a snapshot with its first page: into the live table when the feed never completed a sync
 * and its live table is empty (or holds only our own unfinished first snapshot), else into staging.
 * Decided and written in one transaction.
 */
export async function startSnapshot<F extends FeedName>(db: HallKioskDB, feed: F, page: Page<F>): Promise<{ target: SnapshotTarget; written: Written }> {
  const table = liveTable(db, feed);
  return db.transaction('rw', [table, db.feedStaging, db.feedState, db.submissions], async () => {
    const state = await readFeedState(db, feed);
    const direct = state.cursor === null && (state.snapshotDirect === true || (await table.count()) === 0);
    if (!direct) return { target: 'staging' as const, written: await applyStagingPage(db, feed, page, true) };
    return { target: 'live' as const, written: await applyDirectSnapshotPage(db, feed, page, true) };
  });
}

/** A page of a first snapshot, straight into the live table (emptied first when `fresh`), with its resume cursor. */
export async function applyDirectSnapshotPage<F extends FeedName>(db: HallKioskDB, feed: F, page: Page<F>, fresh: boolean): Promise<Written> {
  const table = liveTable(db, feed);
  return db.transaction('rw', [table, db.feedState, db.submissions], async () => {
    if (fresh) await table.clear();
    const { puts, deletes, statuses } = resolve(feed, page.changes, null);
    if (puts.length > 0) await table.bulkPut(puts);
    if (deletes.length > 0) await table.bulkDelete(deletes);
    for (const status of statuses) await applyStatusToSubmission(db, status);
    await updateFeedState(db, feed, { stagingCursor: page.cursor, snapshotDirect: true });
    return written(puts, deletes);
  });
}

/** Applies a page to the staging rows of `feed` (clearing them first when `fresh`) and stores the resume cursor. */
export async function applyStagingPage<F extends FeedName>(db: HallKioskDB, feed: F, page: Page<F>, fresh: boolean): Promise<Written> {
  return db.transaction('rw', db.feedStaging, db.feedState, async () => {
    if (fresh) await db.feedStaging.where('feed').equals(feed).delete();
    const keys = [...new Set(page.changes.map((c) => c.id))].map((id): [string, string] => [feed, id]);
    const rows = fresh ? [] : await db.feedStaging.bulkGet(keys);
    const existing = new Map<string, number>();
    for (const row of rows) if (row !== undefined) existing.set(row.id, row.v);
    const { puts, deletes } = resolve(feed, page.changes, existing);
    if (puts.length > 0) await db.feedStaging.bulkPut(puts.map((row): StagedRecord => ({ feed, id: row.id, v: versionOf(row), row })));
    if (deletes.length > 0) await db.feedStaging.bulkDelete(deletes.map((id): [string, string] => [feed, id]));
    await updateFeedState(db, feed, { stagingCursor: page.cursor, snapshotDirect: false });
    return written(puts, deletes);
  });
}

/** Ids of the rows a snapshot has written so far (keys only: no row is read). */
export async function snapshotIds(db: HallKioskDB, feed: FeedName, target: SnapshotTarget): Promise<string[]> {
  if (target === 'live') return liveTable(db, feed).toCollection().primaryKeys();
  return (await db.feedStaging.where('feed').equals(feed).primaryKeys()).map((key) => key[1]);
}

export async function stagedDigest(db: HallKioskDB, feed: FeedName): Promise<FeedDigest> {
  const rows = await db.feedStaging.where('feed').equals(feed).toArray();
  return computeFeedDigest(rows.map((r) => ({ id: r.id, v: r.v })));
}

export async function liveDigest(db: HallKioskDB, feed: FeedName): Promise<FeedDigest> {
  const rows = await liveTable(db, feed).toArray();
  return computeFeedDigest(rows.map((r) => ({ id: r.id, v: versionOf(r) })));
}

/** Drops a staged snapshot (digest mismatch): the next pull starts over. */
export async function discardStaging(db: HallKioskDB, feed: FeedName, error: SyncErrorRecord): Promise<void> {
  await db.transaction('rw', db.feedStaging, db.feedState, async () => {
    await db.feedStaging.where('feed').equals(feed).delete();
    await updateFeedState(db, feed, { stagingCursor: null, snapshotDirect: false, forceReset: true, digestOk: false, lastError: error });
  });
}

/** A first snapshot whose digest did not check: the live table is emptied again, the next pull starts over. */
export async function discardDirectSnapshot(db: HallKioskDB, feed: FeedName, error: SyncErrorRecord): Promise<void> {
  const table = liveTable(db, feed);
  await db.transaction('rw', table, db.feedState, async () => {
    await table.clear();
    await updateFeedState(db, feed, { stagingCursor: null, snapshotDirect: false, forceReset: true, digestOk: false, lastError: error });
  });
}

/** A first snapshot complete and checked: its cursor becomes the live cursor. */
export async function completeDirectSnapshot(db: HallKioskDB, feed: FeedName, cursor: string, version: number, syncedAt: string): Promise<void> {
  await db.transaction('rw', db.feedState, () =>
    updateFeedState(db, feed, { cursor, version, stagingCursor: null, snapshotDirect: false, forceReset: false, digestOk: true, lastError: null, lastSyncedAt: syncedAt }),
  );
}

/** The swap: live rows replaced by the staged snapshot, cursor moved, staging emptied — one transaction. */
export async function swapStaging(db: HallKioskDB, feed: FeedName, cursor: string, version: number, syncedAt: string): Promise<void> {
  const table = liveTable(db, feed);
  await db.transaction('rw', [table, db.feedStaging, db.feedState, db.submissions], async () => {
    const staged = await db.feedStaging.where('feed').equals(feed).toArray();
    await table.clear();
    await table.bulkAdd(staged.map((s) => s.row));
    await db.feedStaging.where('feed').equals(feed).delete();
    if (feed === 'status') for (const s of staged) await applyStatusToSubmission(db, (s.row as unknown as { doc: StatusItem }).doc);
    await updateFeedState(db, feed, { cursor, version, stagingCursor: null, snapshotDirect: false, forceReset: false, digestOk: true, lastError: null, lastSyncedAt: syncedAt });
  });
}

export async function markSynced(db: HallKioskDB, feed: FeedName, syncedAt: string, digestOk: boolean, error: SyncErrorRecord | null): Promise<void> {
  await db.transaction('rw', db.feedState, () =>
    updateFeedState(db, feed, digestOk ? { lastSyncedAt: syncedAt, digestOk, lastError: error } : { digestOk, forceReset: true, lastError: error }),
  );
}
