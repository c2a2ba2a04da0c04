/** Embedded PostgreSQL (PGlite, WASM) in a data folder, or in memory for tests. Runtime: plain Node. */
import { PGlite } from '@electric-sql/pglite';
import type { Isolation, Row, SqlDb, SqlExecutor } from './sql.ts';

export async function openPglite(dataDir?: string): Promise<SqlDb> {
  const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  const executor = (q: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await q.query<R>(sql, [...params]);
      return result.rows;
    },
  });
  return {
    kind: 'pglite',
    ...executor(db),
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: { isolation?: Isolation }): Promise<T> {
      // PGlite has one connection and serialises transactions, so every isolation level holds.
      void options;
      return db.transaction(async (tx) => fn(executor(tx)));
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
    async close(): Promise<void> {
      await db.close();
    },
  };
}
