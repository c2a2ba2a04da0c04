/**
 * Feed storage: publishing (versions assigned inside the publishing transaction), incremental and
 * snapshot pulls with signed cursors, tombstones for unpublish and expiry, and the tombstone
 * horizon. Runtime: plain Node.
 */
import { z } from 'zod';
import { computeFeedDigest } from '../sync/protocol/digest.ts';
import { FEED_DOCS, type FeedDigest, type FeedName } from '../sync/protocol/feeds.ts';
import type { PokeHub } from './pokes.ts';
import { signPayload, verifyPayload } from './signing.ts';
import type { SqlDb, SqlExecutor } from './db/sql.ts';

export type WireChange = { op: 'upsert'; id: string; v: number; doc: unknown } | { op: 'delete'; id: string; v: number };
export type ResetReason = 'cursor_invalid' | 'cursor_expired' | 'epoch_changed' | 'cursor_ahead';

export type WirePage = {
  feed: FeedName;
  mode: 'changes' | 'snapshot';
  reset: { reason: ResetReason } | null;
  changes: WireChange[];
  cursor: string;
  hasMore: boolean;
  version: number;
  digest: FeedDigest | null;
  serverTime: string;
};

export type PublishInput = Readonly<{ upserts: readonly unknown[]; deletes: readonly string[] }>;
export type PublishResult = Readonly<{ version: number; upserted: number; deleted: number }>;

const CursorPayload = z.union([
  z.object({ f: z.string(), k: z.string(), e: z.number().int(), m: z.literal('c'), v: z.number().int().nonnegative() }),
  z.object({ f: z.string(), k: z.string(), e: z.number().int(), m: z.literal('s'), at: z.number().int().nonnegative(), after: z.string() }),
]);
type CursorPayload = z.infer<typeof CursorPayload>;

export const DEFAULT_PAGE_LIMIT = 500;

/** The document id per feed: 实施编码 for the catalogue, submissionId for status, `id` otherwise. */
export function docId(feed: FeedName, doc: unknown): string {
  const d = doc as Record<string, unknown>;
  const id = feed === 'catalog' ? d['code'] : feed === 'status' ? d['submissionId'] : d['id'];
  if (typeof id !== 'string' || id === '') throw new Error(`${feed} document has no id`);
  return id;
}

/** Notices end at validUntil, consultations at closesAt: the feed then sends a tombstone. */
export function expiryOf(feed: FeedName, doc: unknown): string | null {
  const d = doc as Record<string, unknown>;
  const value = feed === 'notices' ? d['validUntil'] : feed === 'consultations' ? d['closesAt'] : null;
  return typeof value === 'string' ? value : null;
}

/**
 * Publishes in the caller's transaction. Bumping the counter row takes its lock, so concurrent
 * publishers serialise and a version never becomes visible before a smaller one (the Replicache
 * sequence anomaly cannot happen).
 */
export async function publishInTx(tx: SqlExecutor, feed: FeedName, scope: string, input: PublishInput, now: Date): Promise<PublishResult> {
  const [state] = await tx.query<{ version: number }>('UPDATE feed_state SET version = version + 1 WHERE feed = $1 RETURNING version', [feed]);
  if (state === undefined) throw new Error(`unknown feed ${feed}`);
  const version = state.version;
  const live: { id: string; doc: unknown; expires_at: string | null }[] = [];
  const deletes = [...input.deletes];
  for (const doc of input.upserts) {
    const id = docId(feed, doc);
    const expiresAt = expiryOf(feed, doc);
    if (expiresAt !== null && Date.parse(expiresAt) <= now.getTime()) deletes.push(id);
    else live.push({ id, doc, expires_at: expiresAt });
  }
  if (live.length > 0) {
    await tx.query(
      `INSERT INTO feed_entries (feed, scope, id, version, deleted, doc, expires_at, changed_at)
       SELECT $1, $2, r.id, $3, false, r.doc, r.expires_at, $5
       FROM jsonb_to_recordset($4::jsonb) AS r(id text, doc jsonb, expires_at timestamptz)
       ON CONFLICT (feed, scope, id) DO UPDATE
         SET version = EXCLUDED.version, deleted = false, doc = EXCLUDED.doc, expires_at = EXCLUDED.expires_at, changed_at = EXCLUDED.changed_at`,
      [feed, scope, version, JSON.stringify(live), now.toISOString()],
    );
  }
  let deleted = 0;
  if (deletes.length > 0) {
    const rows = await tx.query(
      `UPDATE feed_entries SET deleted = true, doc = NULL, expires_at = NULL, version = $3, changed_at = $5
       WHERE feed = $1 AND scope = $2 AND NOT deleted AND id IN (SELECT jsonb_array_elements_text($4::jsonb))
       RETURNING id`,
      [feed, scope, version, JSON.stringify(deletes), now.toISOString()],
    );
    deleted = rows.length;
  }
  return { version, upserted: live.length, deleted };
}

type StateRow = { version: number; epoch: number; purged_through: number };

export class FeedStore {
  constructor(
    private readonly db: SqlDb,
    private readonly hmacSecret: Buffer,
    private readonly pokes: PokeHub,
    private readonly now: () => Date,
  ) {}

  /** Validates every document against the feed's schema, then publishes them as ONE version. */
  async publish(feed: Exclude<FeedName, 'status'>, input: PublishInput): Promise<PublishResult> {
    const schema = FEED_DOCS[feed];
    const upserts = input.upserts.map((doc, index) => {
      const parsed = schema.safeParse(doc);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new PublishValidationError(`upserts.${index}.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid');
      }
      return parsed.data;
    });
    const result = await this.db.transaction((tx) => publishInTx(tx, feed, '', { upserts, deletes: input.deletes }, this.now()));
    this.pokes.emit({ feed, version: result.version });
    return result;
  }

  /** Turns notices and consultations past their end into tombstones (one publication per feed). */
  async expireDue(feeds: readonly FeedName[] = ['notices', 'consultations']): Promise<number> {
    let total = 0;
    for (const feed of feeds) {
      const now = this.now();
      const due = await this.db.query<{ id: string }>(
        `SELECT id FROM feed_entries WHERE feed = $1 AND scope = '' AND NOT deleted AND expires_at IS NOT NULL AND expires_at <= $2`,
        [feed, now.toISOString()],
      );
      if (due.length === 0) continue;
      const result = await this.db.transaction((tx) => publishInTx(tx, feed, '', { upserts: [], deletes: due.map((r) => r.id) }, now));
      total += result.deleted;
      this.pokes.emit({ feed, version: result.version });
    }
    return total;
  }

  /** Forgets tombstones older than the horizon; cursors from before them will get `reset`. */
  async purgeTombstones(olderThan: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const purged = await tx.query<{ feed: string; version: number }>(
        `DELETE FROM feed_entries WHERE deleted AND changed_at <= $1 RETURNING feed, version`,
        [olderThan.toISOString()],
      );
      const maxByFeed = new Map<string, number>();
      for (const row of purged) maxByFeed.set(row.feed, Math.max(maxByFeed.get(row.feed) ?? 0, row.version));
      for (const [feed, version] of maxByFeed) {
        await tx.query('UPDATE feed_state SET purged_through = GREATEST(purged_through, $2) WHERE feed = $1', [feed, version]);
      }
      return purged.length;
    });
  }

  /** A rebuilt feed: every kiosk's next pull of it resets to a snapshot. */
  async bumpEpoch(feed: FeedName): Promise<void> {
    await this.db.query('UPDATE feed_state SET epoch = epoch + 1 WHERE feed = $1', [feed]);
  }

  async currentVersions(): Promise<Record<string, number>> {
    const rows = await this.db.query<{ feed: string; version: number }>('SELECT feed, version FROM feed_state');
    return Object.fromEntries(rows.map((r) => [r.feed, r.version]));
  }

  async pull(feed: FeedName, kioskId: string, cursorText: string | undefined, limit = DEFAULT_PAGE_LIMIT): Promise<WirePage> {
    if (feed === 'notices' || feed === 'consultations') await this.expireDue([feed]);
    const scope = feed === 'status' ? kioskId : '';
    return this.db.transaction(
      async (tx) => {
        const [state] = await tx.query<StateRow>('SELECT version, epoch, purged_through FROM feed_state WHERE feed = $1', [feed]);
        if (state === undefined) throw new Error(`unknown feed ${feed}`);
        const base = { feed, kioskId, scope, limit, state };
        if (cursorText === undefined) return this.#snapshotPage(tx, base, state.version, '', null);
        const cursor = CursorPayload.safeParse(verifyPayload(this.hmacSecret, 'cursor', cursorText));
        if (!cursor.success || cursor.data.f !== feed || cursor.data.k !== kioskId) return this.#snapshotPage(tx, base, state.version, '', 'cursor_invalid');
        const c = cursor.data;
        if (c.e !== state.epoch) return this.#snapshotPage(tx, base, state.version, '', 'epoch_changed');
        if (c.m === 's') {
          if (c.at < state.purged_through || c.at > state.version) return this.#snapshotPage(tx, base, state.version, '', 'cursor_expired');
          return this.#snapshotPage(tx, base, c.at, c.after, null);
        }
        if (c.v < state.purged_through) return this.#snapshotPage(tx, base, state.version, '', 'cursor_expired');
        if (c.v > state.version) return this.#snapshotPage(tx, base, state.version, '', 'cursor_ahead');
        return this.#changesPage(tx, base, c.v);
      },
      { isolation: 'repeatable read' },
    );
  }

  #cursor(feed: FeedName, kioskId: string, epoch: number, payload: { m: 'c'; v: number } | { m: 's'; at: number; after: string }): string {
    return signPayload(this.hmacSecret, 'cursor', { f: feed, k: kioskId, e: epoch, ...payload } satisfies CursorPayload);
  }

  async #digest(tx: SqlExecutor, feed: FeedName, scope: string): Promise<FeedDigest> {
    const rows = await tx.query<{ id: string; version: number }>('SELECT id, version FROM feed_entries WHERE feed = $1 AND scope = $2 AND NOT deleted', [feed, scope]);
    return computeFeedDigest(rows.map((r) => ({ id: r.id, v: r.version })));
  }

  /** The live state at version `at`, by id. Rows changed after `at` come in the catch-up that follows. */
  async #snapshotPage(tx: SqlExecutor, base: PullBase, at: number, after: string, reset: ResetReason | null): Promise<WirePage> {
    const { feed, kioskId, scope, limit, state } = base;
    const rows = await tx.query<{ id: string; version: number; doc: unknown }>(
      `SELECT id, version, doc FROM feed_entries
       WHERE feed = $1 AND scope = $2 AND NOT deleted AND version <= $3 AND id COLLATE "C" > $4
       ORDER BY id COLLATE "C" LIMIT $5`,
      [feed, scope, at, after, limit + 1],
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const changes: WireChange[] = page.map((r) => ({ op: 'upsert', id: r.id, v: r.version, doc: r.doc }));
    const last = page[page.length - 1];
    let cursor: string;
    let hasMore: boolean;
    let digest: FeedDigest | null = null;
    if (more && last !== undefined) {
      cursor = this.#cursor(feed, kioskId, state.epoch, { m: 's', at, after: last.id });
      hasMore = true;
    } else {
      // Snapshot complete: continue with changes after `at`; if nothing was published since, we are done.
      cursor = this.#cursor(feed, kioskId, state.epoch, { m: 'c', v: at });
      hasMore = state.version > at;
      if (!hasMore) digest = await this.#digest(tx, feed, scope);
    }
    return { feed, mode: 'snapshot', reset: reset === null ? null : { reason: reset }, changes, cursor, hasMore, version: at, digest, serverTime: this.now().toISOString() };
  }

  /** Changes after version `since`, ordered by (v, id); a page always ends on a whole version. */
  async #changesPage(tx: SqlExecutor, base: PullBase, since: number): Promise<WirePage> {
    const { feed, kioskId, scope, limit, state } = base;
    const [boundary] = await tx.query<{ version: number }>(
      `SELECT version FROM feed_entries WHERE feed = $1 AND scope = $2 AND version > $3
       ORDER BY version, id COLLATE "C" OFFSET $4 LIMIT 1`,
      [feed, scope, since, limit - 1],
    );
    const upTo = boundary?.version ?? state.version;
    const rows = await tx.query<{ id: string; version: number; deleted: boolean; doc: unknown }>(
      `SELECT id, version, deleted, doc FROM feed_entries
       WHERE feed = $1 AND scope = $2 AND version > $3 AND version <= $4
       ORDER BY version, id COLLATE "C"`,
      [feed, scope, since, upTo],
    );
    const hasMore = upTo < state.version && boundary !== undefined && (await tx.query('SELECT 1 FROM feed_entries WHERE feed = $1 AND scope = $2 AND version > $3 LIMIT 1', [feed, scope, upTo])).length > 0;
    // Nothing newer for this scope: the kiosk has seen everything through the feed's version.
    const reached = hasMore ? upTo : state.version;
    const changes: WireChange[] = rows.map((r) => (r.deleted ? { op: 'delete', id: r.id, v: r.version } : { op: 'upsert', id: r.id, v: r.version, doc: r.doc }));
    return {
      feed,
      mode: 'changes',
      reset: null,
      changes,
      cursor: this.#cursor(feed, kioskId, state.epoch, { m: 'c', v: reached }),
      hasMore,
      version: reached,
      digest: hasMore ? null : await this.#digest(tx, feed, scope),
      serverTime: this.now().toISOString(),
    };
  }
}

type PullBase = { feed: FeedName; kioskId: string; scope: string; limit: number; state: StateRow };

export class PublishValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
