/** What the HTTP layer needs from the platform core, assembled once by startPlatform. */
import type { EcPublicJwk } from '../../sync/protocol/sealed.ts';
import type { CommandProcessor } from '../commands.ts';
import type { SqlDb } from '../db/sql.ts';
import type { FeedStore } from '../feeds.ts';
import type { KioskRegistry } from '../kiosks.ts';
import type { PokeHub } from '../pokes.ts';
import type { SubmissionDesk } from '../submissions.ts';

export type PlatformServices = Readonly<{
  db: SqlDb;
  feeds: FeedStore;
  kiosks: KioskRegistry;
  commands: CommandProcessor;
  desk: SubmissionDesk;
  pokes: PokeHub;
  sealPublicJwk: EcPublicJwk;
  adminToken: string;
  now: () => Date;
}>;
