/**
 * Pulling one feed up to date: loop pages while `hasMore`; changes go straight to the live rows,
 * snapshots (first sync, `reset`, or our own forced reset after a digest mismatch) go through
 * staging and one swap. Every page is validated again with the protocol schema (defence in depth:
 * the host validates too); a bad page ends this feed's pull with an error, nothing else.
 * Runtime: pure.
 */
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import type { SyncErrorRecord } from '../../renderer/src/db/records.ts';
import type { KioskError } from '../../contract/result.ts';
import { FEED_PAGES, type FeedDigest, type FeedName, type FeedPage } from '../protocol/feeds.ts';
import { applyLivePage, applyStagingPage, discardStaging, liveDigest, markSynced, readFeedState, setFeedError, stagedDigest, swapStaging } from './feedStore.ts';
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
  let staging = state.stagingCursor !== null;
  let cursor = staging ? state.stagingCursor : state.forceReset ? null : state.cursor;
  let resetTaken = staging || cursor === null;
  for (let pages = 1; pages <= MAX_PAGES_PER_PULL; pages++) {
    const answer = await transport.pull(feed, cursor);
    if (!answer.ok) return fail(answer.error.code, answer.error.message, answer.error);
    const parsed = FEED_PAGES[feed].safeParse(answer.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('MALFORMED_PAGE', `page of ${feed} rejected: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
    const page = parsed.data as FeedPage<typeof feed>;
    // A snapshot page we did not ask to continue starts a new staging (reset, first sync, or cursor invalid).
    const startsSnapshot = page.reset !== null || (page.mode === 'snapshot' && (cursor === null || !staging));
    if (startsSnapshot) {
      staging = true;
      resetTaken = true;
      await applyStagingPage(db, feed, page, true);
    } else if (staging) {
      await applyStagingPage(db, feed, page, false);
    } else {
      await applyLivePage(db, feed, page);
    }
    cursor = page.cursor;
    if (page.hasMore) continue;

    if (staging) {
      const local = await stagedDigest(db, feed);
      if (page.digest !== null && !sameDigest(local, page.digest)) {
        const error = { code: 'DIGEST_MISMATCH', message: `staged ${feed} snapshot has ${local.count} rows, platform says ${page.digest.count}`, at: at() };
        await discardStaging(db, feed, error);
        return { ok: false, feed, error, transport: null };
      }
      await swapStaging(db, feed, page.cursor, page.version, at());
      return { ok: true, feed, pages, reset: true, digestOk: true };
    }
    const local = await liveDigest(db, feed);
    const digestOk = page.digest === null || sameDigest(local, page.digest);
    const error = digestOk ? null : { code: 'DIGEST_MISMATCH', message: `local ${feed} has ${local.count} rows, platform says ${page.digest?.count ?? '?'}: re-snapshot next time`, at: at() };
    await markSynced(db, feed, at(), digestOk, error);
    return digestOk ? { ok: true, feed, pages, reset: resetTaken, digestOk } : { ok: false, feed, error: error ?? { code: 'DIGEST_MISMATCH', message: '', at: at() }, transport: null };
  }
  return fail('TOO_MANY_PAGES', `${feed} still had more after ${MAX_PAGES_PER_PULL} pages`);
}
