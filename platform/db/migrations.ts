/**
 * Schema migrations, applied in order at start; each runs once, in its own transaction, recorded
 * in schema_migrations. Append new entries; never edit an applied one. Runtime: plain Node.
 */
import type { SqlDb } from './sql.ts';

export type Migration = Readonly<{ id: number; name: string; sql: string }>;

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'feeds',
    sql: `
      CREATE TABLE platform_meta (key text PRIMARY KEY, value jsonb NOT NULL);
      -- One row per feed: the version counter is bumped inside each publishing transaction (the row
      -- lock serialises publishers, so versions become visible in commit order). purged_through:
      -- tombstones up to this version were purged; older cursors must reset.
      CREATE TABLE feed_state (
        feed text PRIMARY KEY,
        version integer NOT NULL DEFAULT 0,
        epoch integer NOT NULL DEFAULT 1,
        purged_through integer NOT NULL DEFAULT 0
      );
      INSERT INTO feed_state (feed) VALUES ('status'), ('notices'), ('consultations'), ('faq'), ('catalog');
      -- The current state of every document, tombstones included. scope = '' for shared feeds,
      -- the kiosk id for the status feed.
      CREATE TABLE feed_entries (
        feed text NOT NULL,
        scope text NOT NULL DEFAULT '',
        id text NOT NULL,
        version integer NOT NULL,
        deleted boolean NOT NULL,
        doc jsonb,
        expires_at timestamptz,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (feed, scope, id)
      );
      CREATE INDEX feed_entries_by_version ON feed_entries (feed, scope, version, id);
      CREATE INDEX feed_entries_expiring ON feed_entries (feed, expires_at) WHERE NOT deleted AND expires_at IS NOT NULL;
    `,
  },
  {
    id: 2,
    name: 'kiosks',
    sql: `
      CREATE TABLE enrolment_codes (
        code_hash text PRIMARY KEY,
        label text NOT NULL,
        hall_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        kiosk_id text
      );
      CREATE TABLE kiosks (
        id text PRIMARY KEY,
        secret_hash text NOT NULL,
        label text NOT NULL,
        hall_name text NOT NULL,
        device jsonb NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_seen_at timestamptz,
        last_heartbeat jsonb
      );
    `,
  },
  {
    id: 3,
    name: 'commands and submissions',
    sql: `
      CREATE TABLE kiosk_streams (
        kiosk_id text NOT NULL REFERENCES kiosks(id),
        stream_id text NOT NULL,
        last_seq integer NOT NULL DEFAULT 0,
        PRIMARY KEY (kiosk_id, stream_id)
      );
      -- Permanent dedupe: a command id is answered the same way forever.
      CREATE TABLE commands (
        id text PRIMARY KEY,
        kiosk_id text NOT NULL REFERENCES kiosks(id),
        stream_id text NOT NULL,
        kiosk_seq integer NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('applied', 'rejected')),
        answer jsonb NOT NULL,
        created_at_client timestamptz,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE submissions (
        id text PRIMARY KEY,
        command_id text NOT NULL UNIQUE, -- written before its commands row, same transaction
        kiosk_id text NOT NULL REFERENCES kiosks(id),
        kind text NOT NULL,
        service_code text,
        service_name text,
        acceptance_number text UNIQUE,
        state text NOT NULL,
        status_version integer NOT NULL,
        message text,
        -- Personal fields stay sealed at rest; only the admin API opens them.
        sealed jsonb,
        applicant_masked text,
        data jsonb NOT NULL,
        promised_by timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX submissions_by_state ON submissions (kind, state, created_at);
      CREATE TABLE submission_history (
        submission_id text NOT NULL REFERENCES submissions(id),
        status_version integer NOT NULL,
        state text NOT NULL,
        message text,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (submission_id, status_version)
      );
      CREATE TABLE acceptance_counters (day text PRIMARY KEY, last integer NOT NULL);
    `,
  },
];

export async function migrate(db: SqlDb, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    const done = await db.transaction(async (tx) => {
      // Two platform processes starting on one database: the advisory lock makes one wait.
      await tx.query('SELECT pg_advisory_xact_lock(84200001)');
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}

/** Comments stripped first; our migrations hold no semicolons inside strings or bodies, so a plain split is enough. */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
