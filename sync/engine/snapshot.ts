/**
 * One snapshot of a feed being written, page by page, then checked against the platform's digest
 * and made live: a first snapshot straight into the live table, any later one through staging and
 * one swap (feedStore.ts says why). The puller drives it; the benchmark drives the same code.
 *
 * The digest is computed over the (id, v) this pull wrote, after checking that the stored ids are
 * exactly those (a keys-only read): re-reading ~2 KB per row only to hash its id and v cost as much
 * as a third of the whole snapshot. A snapshot resumed from an earlier run did not see every write,
 * so it hashes the stored rows instead. Runtime: pure.
 */
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import type { SyncErrorRecord } from '../../renderer/src/db/records.ts';
import { computeFeedDigest } from '../protocol/digest.ts';
import type { FeedDigest, FeedName } from '../protocol/feeds.ts';
import {
  applyDirectSnapshotPage,
  applyStagingPage,
  completeDirectSnapshot,
  discardDirectSnapshot,
  discardStaging,
  liveDigest,
  snapshotIds,
  stagedDigest,
  startSnapshot,
  swapStaging,
  type Page,
  type SnapshotTarget,
  type Written,
} from './feedStore.ts';

export type SnapshotDone = Readonly<{ ok: true; target: SnapshotTarget }> | Readonly<{ ok: false; error: SyncErrorRecord }>;

function sameDigest(a: FeedDigest, b: FeedDigest): boolean {
  return a.count === b.count && a.sha256 === b.sha256;
}

export class SnapshotWriter<F extends FeedName> {
  readonly #db: HallKioskDB;
  readonly #feed: F;
  readonly target: SnapshotTarget;
  /** id → v of every row this pull wrote; null when resumed (earlier pages were written by another run). */
  readonly #rows: Map<string, number> | null;

  private constructor(db: HallKioskDB, feed: F, target: SnapshotTarget, rows: Map<string, number> | null) {
    this.#db = db;
    this.#feed = feed;
    this.target = target;
    this.#rows = rows;
  }

  /** A new snapshot from its first page (reset, first sync, or our own forced re-snapshot). */
  static async start<F extends FeedName>(db: HallKioskDB, feed: F, page: Page<F>): Promise<SnapshotWriter<F>> {
    const { target, written } = await startSnapshot(db, feed, page);
    const writer = new SnapshotWriter(db, feed, target, new Map());
    writer.#note(written);
    return writer;
  }

  /** Continues a snapshot an earlier run left at its staging cursor. */
  static resume<F extends FeedName>(db: HallKioskDB, feed: F, target: SnapshotTarget): SnapshotWriter<F> {
    return new SnapshotWriter(db, feed, target, null);
  }

  async add(page: Page<F>): Promise<void> {
    this.#note(this.target === 'live' ? await applyDirectSnapshotPage(this.#db, this.#feed, page, false) : await applyStagingPage(this.#db, this.#feed, page, false));
  }

  #note(written: Written): void {
    if (this.#rows === null) return;
    for (const row of written.puts) this.#rows.set(row.id, row.v);
    for (const id of written.deletes) this.#rows.delete(id);
  }

  /** The digest of what the snapshot stored. */
  async #localDigest(): Promise<FeedDigest> {
    const rows = this.#rows;
    if (rows !== null) {
      const ids = await snapshotIds(this.#db, this.#feed, this.target);
      if (ids.length === rows.size && ids.every((id) => rows.has(id))) return computeFeedDigest([...rows].map(([id, v]) => ({ id, v })));
    }
    return this.target === 'live' ? liveDigest(this.#db, this.#feed) : stagedDigest(this.#db, this.#feed);
  }

  /** Last page written: check the digest (null = the platform sent none), then make the snapshot the live state. */
  async finish(cursor: string, version: number, digest: FeedDigest | null, syncedAt: string): Promise<SnapshotDone> {
    const local = digest === null ? null : await this.#localDigest();
    if (digest !== null && local !== null && !sameDigest(local, digest)) {
      const what = this.target === 'live' ? `first ${this.#feed} snapshot` : `staged ${this.#feed} snapshot`;
      const error = { code: 'DIGEST_MISMATCH', message: `${what} has ${local.count} rows, platform says ${digest.count}`, at: syncedAt };
      if (this.target === 'live') await discardDirectSnapshot(this.#db, this.#feed, error);
      else await discardStaging(this.#db, this.#feed, error);
      return { ok: false, error };
    }
    if (this.target === 'live') await completeDirectSnapshot(this.#db, this.#feed, cursor, version, syncedAt);
    else await swapStaging(this.#db, this.#feed, cursor, version, syncedAt);
    return { ok: true, target: this.target };
  }
}
