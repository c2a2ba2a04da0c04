/**
 * The traffic light and the numbers behind it. The level comes from the AGE of the oldest unsent
 * command, not from "connected": a kiosk that is online but cannot deliver is not green, and an
 * offline kiosk with nothing waiting is not red. Runtime: pure.
 */
import { Dexie } from 'dexie';
import type { QueueReport } from '../../contract/sync.ts';
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import type { SyncErrorRecord } from '../../renderer/src/db/records.ts';
import { FEEDS, type FeedName } from '../protocol/feeds.ts';
import { initialFeedState } from './feedStore.ts';

/** green: nothing pending or oldest < amberAfterMs; amber: < redAfterMs; red: older, revoked, or an unacknowledged rejection. */
export const SYNC_LEVEL_THRESHOLDS = { amberAfterMs: 2 * 60_000, redAfterMs: 30 * 60_000 } as const;

export type SyncLevel = 'green' | 'amber' | 'red';

export type FeedSyncState = Readonly<{
  feed: FeedName;
  version: number;
  lastSyncedAt: string | null;
  lastError: SyncErrorRecord | null;
  digestOk: boolean | null;
  /** A snapshot is being staged (first sync or reset). */
  resetting: boolean;
}>;

export type StorageState = Readonly<{ usage: number | null; quota: number | null; persisted: boolean | null }>;

export type SyncState = Readonly<{
  level: SyncLevel;
  /** null when nothing is pending. */
  oldestPendingAgeMs: number | null;
  pending: number;
  /** Rejected commands staff have not acknowledged yet. */
  rejected: number;
  feeds: readonly FeedSyncState[];
  revoked: boolean;
  /** Last push problem (null after a successful delivery). */
  lastError: SyncErrorRecord | null;
  storage: StorageState;
}>;

export function levelOf(oldestPendingAgeMs: number | null, rejected: number, revoked: boolean): SyncLevel {
  if (revoked || rejected > 0) return 'red';
  if (oldestPendingAgeMs === null || oldestPendingAgeMs < SYNC_LEVEL_THRESHOLDS.amberAfterMs) return 'green';
  return oldestPendingAgeMs < SYNC_LEVEL_THRESHOLDS.redAfterMs ? 'amber' : 'red';
}

export async function readSyncState(
  db: HallKioskDB,
  nowMs: number,
  extra: Readonly<{ revoked: boolean; lastError: SyncErrorRecord | null; storage: StorageState }>,
): Promise<SyncState> {
  return db.transaction('r', db.outbox, db.feedState, async () => {
    const pendingRange = db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]);
    const pending = await pendingRange.count();
    const oldest = await pendingRange.first();
    const rejected = await db.outbox.where('state').equals('rejected').filter((r) => r.acknowledgedAt === null).count();
    const states = await db.feedState.toArray();
    const byFeed = new Map(states.map((s) => [s.feed, s]));
    const oldestPendingAgeMs = oldest === undefined ? null : Math.max(0, nowMs - Date.parse(oldest.createdAt));
    return {
      level: levelOf(oldestPendingAgeMs, rejected, extra.revoked),
      oldestPendingAgeMs,
      pending,
      rejected,
      feeds: FEEDS.map((feed) => {
        const s = byFeed.get(feed) ?? initialFeedState(feed);
        return { feed, version: s.version, lastSyncedAt: s.lastSyncedAt, lastError: s.lastError, digestOk: s.digestOk, resetting: s.stagingCursor !== null };
      }),
      revoked: extra.revoked,
      lastError: extra.lastError,
      storage: extra.storage,
    };
  });
}

/** The heartbeat's queue summary: counts and ages only, nothing personal. */
export function queueReportOf(state: SyncState): QueueReport {
  return {
    pendingCommands: state.pending,
    rejectedCommands: state.rejected,
    oldestPendingAgeSeconds: state.oldestPendingAgeMs === null ? null : Math.floor(state.oldestPendingAgeMs / 1000),
    feedVersions: Object.fromEntries(state.feeds.map((f) => [f.feed, f.version])),
    storageUsedBytes: state.storage.usage,
    storagePersisted: state.storage.persisted,
  };
}
