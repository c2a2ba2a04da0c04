/**
 * The same platform suite against a real PostgreSQL 15 (temp cluster on loopback). Gated: set
 * PLATFORM_PG=1 (the CI script does); otherwise skipped with a message.
 */
import { describe, it } from 'vitest';
import { pgTestsEnabled, startPgCluster, type PgCluster } from '../testing/pgCluster.ts';
import { definePlatformSuite } from './platformSuite.ts';

if (pgTestsEnabled()) {
  let cluster: PgCluster | undefined;
  definePlatformSuite('PostgreSQL', {
    options: async () => {
      cluster = await startPgCluster();
      return { databaseUrl: await cluster.createDatabase('platform_suite') };
    },
    cleanup: async () => cluster?.stop(),
  });
} else {
  describe('platform over HTTP (PostgreSQL)', () => {
    it.skip('skipped: set PLATFORM_PG=1 to run the platform suite against a temporary PostgreSQL 15 cluster', () => undefined);
  });
}
