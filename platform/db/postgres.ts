/** A real PostgreSQL through node-postgres (DATABASE_URL). Runtime: plain Node. */
import pg from 'pg';
import type { Isolation, Row, SqlDb, SqlExecutor } from './sql.ts';

// node-postgres returns int8/numeric as strings; our schema uses integer columns and casts counts
// to int, so nothing else needs parsing.

export async function openPostgres(databaseUrl: string, options: { statementTimeoutMs?: number; maxConnections?: number } = {}): Promise<SqlDb> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    connectionTimeoutMillis: 5_000,
  });
  // A dropped idle connection must not crash the platform; the next query reconnects.
  pool.on('error', () => undefined);
  const probe = await pool.connect();
  probe.release();
  const executor = (q: Pick<pg.Pool | pg.PoolClient, 'query'>): SqlExecutor => ({
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await q.query<R>(sql, [...params]);
      return result.rows;
    },
  });
  return {
    kind: 'postgres',
    ...executor(pool),
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, opts?: { isolation?: Isolation }): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${(opts?.isolation ?? 'read committed').toUpperCase()}`);
        const value = await fn(executor(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql);
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
