/** The SQL layer on both backends: migrations, transactions, and commit-ordered feed versions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishInTx } from '../feeds.ts';
import { pgTestsEnabled, startPgCluster, type PgCluster } from '../testing/pgCluster.ts';
import { migrate } from './migrations.ts';
import { openDatabase } from './open.ts';
import type { SqlDb } from './sql.ts';

function defineDbSuite(label: string, open: () => Promise<SqlDb>, cleanup: () => Promise<void>): void {
  describe(`SQL layer (${label})`, () => {
    let db: SqlDb;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      await db?.close();
      await cleanup();
    });

    it('applies migrations once and records them', async () => {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
    });

    it('rolls a failed transaction back completely', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO platform_meta (key, value) VALUES ('rollback-probe', '1'::jsonb)`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.query(`SELECT 1 FROM platform_meta WHERE key = 'rollback-probe'`)).toEqual([]);
    });

    it('gives concurrent publications distinct, gap-free versions, each visible whole', async () => {
      const now = new Date();
      const [before] = await db.query<{ version: number }>(`SELECT version FROM feed_state WHERE feed = 'faq'`);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, p) =>
          db.transaction((tx) =>
            publishInTx(tx, 'faq', '', { upserts: Array.from({ length: 5 }, (_, i) => ({ id: `c-${p}-${i}`, question: 'q', answer: 'a', serviceCodes: [], tags: [], order: i })), deletes: [] }, now),
          ),
        ),
      );
      const versions = results.map((r) => r.version).sort((a, b) => a - b);
      const start = before?.version ?? 0;
      expect(versions).toEqual([1, 2, 3, 4, 5, 6].map((n) => start + n));
      const counts = await db.query<{ version: number; n: number }>(`SELECT version, count(*)::int AS n FROM feed_entries WHERE feed = 'faq' AND id LIKE 'c-%' GROUP BY version`);
      expect(counts.every((c) => c.n === 5)).toBe(true);
    });
  });
}

defineDbSuite('PGlite', () => openDatabase({}), async () => undefined);

if (pgTestsEnabled()) {
  let cluster: PgCluster | undefined;
  defineDbSuite(
    'PostgreSQL',
    async () => {
      cluster = await startPgCluster();
      return openDatabase({ databaseUrl: await cluster.createDatabase('db_suite') });
    },
    async () => cluster?.stop(),
  );
} else {
  describe('SQL layer (PostgreSQL)', () => {
    it.skip('skipped: set PLATFORM_PG=1 to run against a temporary PostgreSQL 15 cluster', () => undefined);
  });
}
