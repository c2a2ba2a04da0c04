/** Picks the database: node-postgres when a URL is given, else PGlite (folder or memory); then migrates. */
import { migrate } from './migrations.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { SqlDb } from './sql.ts';

export async function openDatabase(options: { databaseUrl?: string; pgliteDir?: string; statementTimeoutMs?: number }): Promise<SqlDb> {
  const db =
    options.databaseUrl !== undefined && options.databaseUrl !== ''
      ? await openPostgres(options.databaseUrl, options.statementTimeoutMs === undefined ? {} : { statementTimeoutMs: options.statementTimeoutMs })
      : await openPglite(options.pgliteDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
