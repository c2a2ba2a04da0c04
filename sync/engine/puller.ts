/**
 * Pulling one feed up to date: loop pages while `hasMore`; changes go straight to the live rows,
 * snapshots (first sync, `reset`, or our own forced reset after a digest mismatch) go through a
 * SnapshotWriter (staging and one swap; a feed's very first snapshot straight into its empty table). Every page is validated again with the protocol schema (defence in depth:
 * the host validates too); a bad page ends this feed's pull with an error, nothing else.
 * Runtime: pure.
 */
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import type { SyncErrorRecord } from '../../renderer/src/db/records.ts';
import type { KioskError } from '../../contract/result.ts';
import { FEED_PAGES, type FeedDigest, type FeedName, type FeedPage } from '../protocol/feeds.ts';
import { applyLivePage, liveDigest, markSynced, readFeedState, setFeedError } from './feedStore.ts';
import { SnapshotWriter } from './snapshot.ts';
import type { SyncTransport } from './transport.ts';

/** A feed that never stops saying hasMore is a platform bug; stop and report it. */
export const MAX_PAGES_PER_PULL = 10_000;

export type PullOutcome =
  | Readonly<{ ok: true; feed: FeedName; pages: number; reset: boolean; digestOk: boolean }>
  | Readonly<{ ok: false; feed: FeedName; error: SyncErrorRecord; transport: KioskError | null }>;

function sameDigest(a: FeedDigest, b: FeedDigest): boolean {
  return a.count === b.count && a.sha256 === b.sha256;
}

export async function pullFeed(db: HallKioskDB, transport: SyncTransport, feed: FeedName, now: () => number): Promise<PullOutcome> {
  const at = (): string => new Date(now()).toISOString();
  const fail = async (code: string, message: string, transportError: KioskError | null = null): Promise<PullOutcome> => {
    const error = { code, message, at: at() };
    await setFeedError(db, feed, error);
    return { ok: false, feed, error, transport: transportError };
  };

  const state = await readFeedState(db, feed);
  let snapshot: SnapshotWriter<typeof feed> | null = state.stagingCursor !== null ? SnapshotWriter.resume(db, feed, state.snapshotDirect === true ? 'live' : 'staging') : null;
  let cursor = snapshot !== null ? state.stagingCursor : state.forceReset ? null : state.cursor;
  let resetTaken = snapshot !== null || cursor === null;
  for (let pages = 1; pages <= MAX_PAGES_PER_PULL; pages++) {
    const answer = await transport.pull(feed, cursor);
    if (!answer.ok) return fail(answer.error.code, answer.error.message, answer.error);
    const parsed = FEED_PAGES[feed].safeParse(answer.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('MALFORMED_PAGE', `page of ${feed} rejected: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
    const page = parsed.data as FeedPage<typeof feed>;
    // A snapshot page we did not ask to continue starts a new snapshot (reset, first sync, or cursor invalid).
    const startsSnapshot = page.reset !== null || (page.mode === 'snapshot' && (cursor === null || snapshot === null));
    if (startsSnapshot) {
      resetTaken = true;
      snapshot = await SnapshotWriter.start(db, feed, page);
    } else if (snapshot !== null) {
      await snapshot.add(page);
    } else {
      await applyLivePage(db, feed, page);
    }
    cursor = page.cursor;
    if (page.hasMore) continue;

    if (snapshot !== null) {
      const done = await snapshot.finish(page.cursor, page.version, page.digest, at());
      return done.ok ? { ok: true, feed, pages, reset: true, digestOk: true } : { ok: false, feed, error: done.error, transport: null };
    }
    const local = await liveDigest(db, feed);
    const digestOk = page.digest === null || sameDigest(local, page.digest);
    const error = digestOk ? null : { code: 'DIGEST_MISMATCH', message: `local ${feed} has ${local.count} rows, platform says ${page.digest?.count ?? '?'}: re-snapshot next time`, at: at() };
    await markSynced(db, feed, at(), digestOk, error);
    return digestOk ? { ok: true, feed, pages, reset: resetTaken, digestOk } : { ok: false, feed, error: error ?? { code: 'DIGEST_MISMATCH', message: '', at: at() }, transport: null };
  }
  return fail('TOO_MANY_PAGES', `${feed} still had more after ${MAX_PAGES_PER_PULL} pages`);
}
