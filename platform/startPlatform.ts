/**
 * Starts the reference central platform: database (PGlite in a folder or memory, or PostgreSQL via
 * URL), keys, seed data on first start, HTTP server. Used by platform/main.ts, by the kiosk's browser
 * host / Electron main to run it embedded, and by tests on port 0. Runtime: plain Node.
 */
import { join } from 'node:path';
import { createLogger, type Logger } from '../main/host/logger.ts';
import type { EcPublicJwk } from '../sync/protocol/sealed.ts';
import { CommandProcessor } from './commands.ts';
import { openDatabase } from './db/open.ts';
import type { SqlDb } from './db/sql.ts';
import { FeedStore } from './feeds.ts';
import { loadOrCreateKeys } from './keys.ts';
import { KioskRegistry } from './kiosks.ts';
import { PokeHub } from './pokes.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { buildApp, DEFAULT_LIMITS, type AppLimits } from './server/app.ts';
import { randomSecret } from './signing.ts';
import { SubmissionDesk } from './submissions.ts';

export type StartPlatformOptions = {
  /** Keys and PGlite data live here; omitted = everything in memory (tests). */
  dataDir?: string;
  /** Use a real PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  /** Default 8420; 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seed the Lu'an demo data on first start (default true). */
  seed?: boolean;
  /** Default: env PLATFORM_ADMIN_TOKEN, else generated. */
  adminToken?: string;
  limits?: Partial<AppLimits>;
  /** Access token lifetime, seconds (default 900). */
  tokenSeconds?: number;
  /** Sweep expired notices/consultations every N ms (default 60 000; 0 = never). */
  expirySweepMs?: number;
  now?: () => Date;
  logger?: Logger;
};

export type PlatformHandle = Readonly<{
  url: string;
  port: number;
  adminToken: string;
  sealPublicJwk: EcPublicJwk;
  db: SqlDb;
  close(): Promise<void>;
}>;

export async function startPlatform(options: StartPlatformOptions = {}): Promise<PlatformHandle> {
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? createLogger({ module: 'platform' });
  const limits: AppLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const keys = await loadOrCreateKeys(options.dataDir);
  const db = await openDatabase({
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
    ...(options.dataDir === undefined ? {} : { pgliteDir: join(options.dataDir, 'pglite') }),
    statementTimeoutMs: limits.dbDeadlineMs,
  });
  const pokes = new PokeHub();
  const feeds = new FeedStore(db, keys.hmacSecret, pokes, now);
  if (options.seed !== false) {
    const seeded = await seedIfEmpty(db, feeds, now());
    if (seeded) log.info('seeded Lu\'an demo data');
  }
  const adminToken = options.adminToken ?? process.env['PLATFORM_ADMIN_TOKEN'] ?? randomSecret(24);
  const app = buildApp(
    {
      db,
      feeds,
      kiosks: new KioskRegistry(db, keys.hmacSecret, now, options.tokenSeconds),
      commands: new CommandProcessor(db, keys.sealPrivateKey, pokes, now, limits.dbDeadlineMs),
      desk: new SubmissionDesk(db, keys.sealPrivateKey, pokes, now),
      pokes,
      sealPublicJwk: keys.sealPublicJwk,
      adminToken,
      now,
    },
    limits,
    log,
  );
  const host = options.host ?? '127.0.0.1';
  try {
    await app.listen({ port: options.port ?? 8420, host });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 8420);
  const sweepMs = options.expirySweepMs ?? 60_000;
  const sweep = sweepMs > 0 ? setInterval(() => void feeds.expireDue().catch((error: unknown) => log.warn('expiry sweep failed', { error: String(error) })), sweepMs) : undefined;
  sweep?.unref();
  let closed = false;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    adminToken,
    sealPublicJwk: keys.sealPublicJwk,
    db,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweep);
      await app.close();
      await db.close();
    },
  };
}
