/**
 * `npm run platform`: starts the reference central platform on 127.0.0.1:PORT (default 8420).
 * Env: PORT, PLATFORM_DATA_DIR (default ./.data/platform), DATABASE_URL (optional: real PostgreSQL),
 * PLATFORM_ADMIN_TOKEN (optional: else generated and printed). Seeds Lu'an demo data on first start.
 */
import { resolve } from 'node:path';
import { startPlatform } from './startPlatform.ts';

const port = Number(process.env['PORT'] ?? 8420);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`PORT must be an integer 0–65535, got ${process.env['PORT'] ?? ''}\n`);
  process.exit(2);
}
const dataDir = resolve(process.env['PLATFORM_DATA_DIR'] ?? '.data/platform');
const databaseUrl = process.env['DATABASE_URL'];

const platform = await startPlatform({ port, dataDir, ...(databaseUrl === undefined || databaseUrl === '' ? {} : { databaseUrl }) });
process.stdout.write(
  [
    `central platform listening on ${platform.url}`,
    `  data folder: ${dataDir}${databaseUrl ? ' (database: DATABASE_URL)' : ' (database: embedded PGlite)'}`,
    `  admin token: ${platform.adminToken}`,
    `  create an enrolment code: curl -X POST -H 'authorization: Bearer <admin token>' -H 'content-type: application/json' -d '{"label":"1号机","hallName":"六安市政务服务中心"}' ${platform.url}/admin/enrolment-codes`,
    '',
  ].join('\n'),
);

const stop = (): void => {
  void platform.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
