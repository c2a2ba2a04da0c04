/**
 * Feed documents → the live rows the UI reads: the catalogue keeps department and name (searched
 * through the [department+name] index) plus `v`; other feeds keep the document and the fields their lists sort by.
 * Runtime: pure.
 */
import type { Table } from 'dexie';
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import type { CatalogRecord, FeedRow, SubmissionRecord } from '../../renderer/src/db/records.ts';
import { FEED_TABLES } from '../../renderer/src/db/records.ts';
import type { FeedChange, FeedName, StatusItem } from '../protocol/feeds.ts';
import type { ServiceItem } from '../protocol/serviceItem.ts';

export type LiveRow = FeedRow | CatalogRecord;
export type Upsert<F extends FeedName> = Extract<FeedChange<F>, { op: 'upsert' }>;

export function rowOf<F extends FeedName>(feed: F, change: Upsert<F>): LiveRow {
  const { id, v } = change;
  const doc: unknown = change.doc;
  switch (feed) {
    case 'catalog': {
      const item = doc as ServiceItem;
      return { id, v, updatedAt: item.updatedAt, department: item.department.name, name: item.name, item } satisfies CatalogRecord;
    }
    case 'notices': {
      const notice = doc as { publishedAt: string; validUntil: string | null };
      return { id, v, publishedAt: notice.publishedAt, validUntil: notice.validUntil, doc } as FeedRow;
    }
    case 'consultations':
      return { id, v, closesAt: (doc as { closesAt: string }).closesAt, doc } as FeedRow;
    case 'faq':
      return { id, v, order: (doc as { order: number }).order, doc } as FeedRow;
    case 'status': {
      const status = doc as StatusItem;
      return { id, v, commandId: status.commandId, updatedAt: status.updatedAt, doc } as FeedRow;
    }
  }
  throw new Error(`unknown feed ${String(feed)}`);
}

/** The live table of a feed, typed loosely: every row has id and v. */
export function liveTable(db: HallKioskDB, feed: FeedName): Table<LiveRow, string> {
  return db.table(FEED_TABLES[feed]);
}

/** v of a stored row; rows from before schema v3 have none and lose against anything. */
export function versionOf(row: { v?: number } | undefined): number {
  return typeof row?.v === 'number' ? row.v : -1;
}

/**
 * A status row from the platform onto the local submission it belongs to (matched by
 * submissionId, else by the command that created it). The newest statusVersion wins.
 */
export async function applyStatusToSubmission(db: HallKioskDB, status: StatusItem): Promise<void> {
  const local = (await db.submissions.get(status.submissionId)) ?? (await db.submissions.where('commandId').equals(status.commandId).first());
  if (local === undefined || local.statusVersion > status.statusVersion) return;
  const next: SubmissionRecord = {
    ...local,
    state: status.state,
    stateLabel: status.stateLabel,
    statusMessage: status.message,
    acceptanceNumber: status.acceptanceNumber ?? local.acceptanceNumber,
    statusVersion: status.statusVersion,
    updatedAt: status.updatedAt,
  };
  await db.submissions.put(next);
}
