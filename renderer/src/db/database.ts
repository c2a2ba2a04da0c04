/**
 * The kiosk's IndexedDB database, HallKioskDB. Schema changes are appended to SCHEMA_VERSIONS, never
 * edited: Dexie replays the versions a device has not seen yet, each with its upgrade, so a kiosk
 * that was offline for months still lands on the current schema with its data intact.
 *
 * To change the schema: add { version: N+1, stores: {only the tables that change}, upgrade } below,
 * and a test that opens an N database with data and checks it after the upgrade.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { CatalogRecord, FeedCursorRecord, OutboxRecord, SettingRecord, SubmissionRecord } from './records.ts';
import { searchTerms } from './searchTerms.ts';

export const DATABASE_NAME = 'HallKioskDB';

export interface SchemaVersion {
  readonly version: number;
  /** Dexie store specs; a table not listed keeps its previous spec, `null` deletes it. */
  readonly stores: Readonly<Record<string, string | null>>;
  readonly upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      settings: 'key',
      catalog: 'id, updatedAt, department, name',
      submissions: 'id, createdAt, state',
      outbox: 'id, &seq, createdAt',
      feedCursors: 'feed',
    },
  },
  {
    // v2: catalogue search keys (multi-entry) and per-department listing; submissions get an
    // updatedAt and a [state+createdAt] index so the sync engine lists "queued, oldest first" directly.
    version: 2,
    stores: {
      catalog: 'id, updatedAt, department, name, *terms, [department+name]',
      submissions: 'id, createdAt, state, updatedAt, [state+createdAt]',
    },
    upgrade: async (tx) => {
      await tx
        .table('catalog')
        .toCollection()
        .modify((row: { name?: unknown; department?: unknown; terms?: unknown }) => {
          const text = (value: unknown): string => (typeof value === 'string' ? value : '');
          row.terms = searchTerms(text(row.name), text(row.department));
        });
      await tx
        .table('submissions')
        .toCollection()
        .modify((row: { createdAt?: unknown; updatedAt?: unknown }) => {
          if (typeof row.updatedAt !== 'string') row.updatedAt = row.createdAt;
        });
    },
  },
];

export const LATEST_VERSION = Math.max(...SCHEMA_VERSIONS.map((v) => v.version));

/** Declares versions 1..upTo on a Dexie instance (tests use upTo to build an old database). */
export function declareVersions(db: Dexie, upTo: number = LATEST_VERSION): void {
  for (const step of SCHEMA_VERSIONS) {
    if (step.version > upTo) break;
    const version = db.version(step.version).stores(step.stores);
    if (step.upgrade !== undefined) version.upgrade(step.upgrade);
  }
}

export class HallKioskDB extends Dexie {
  declare settings: EntityTable<SettingRecord, 'key'>;
  declare catalog: EntityTable<CatalogRecord, 'id'>;
  declare submissions: EntityTable<SubmissionRecord, 'id'>;
  declare outbox: EntityTable<OutboxRecord, 'id'>;
  declare feedCursors: EntityTable<FeedCursorRecord, 'feed'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    declareVersions(this);
  }
}

/** Opens (creating or upgrading) the database; tests pass a fresh name each. */
export async function openDatabase(name: string = DATABASE_NAME): Promise<HallKioskDB> {
  const db = new HallKioskDB(name);
  await db.open();
  return db;
}
