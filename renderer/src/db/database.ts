/**
 * The kiosk's IndexedDB database, HallKioskDB. Schema changes are appended to SCHEMA_VERSIONS, never
 * edited: Dexie replays the versions a device has not seen yet, each with its upgrade, so a kiosk
 * that was offline for months still lands on the current schema with its data intact.
 *
 * To change the schema: add { version: N+1, stores: {only the tables that change}, upgrade } below,
 * and a test that opens an N database with data and checks it after the upgrade.
 */
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type {
  CatalogRecord,
  ConsultationRecord,
  FaqRecord,
  FeedStateRecord,
  NoticeRecord,
  OutboxRecord,
  SettingRecord,
  StagedRecord,
  StatusRecord,
  SubmissionRecord,
} from './records.ts';
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
  {
    // v3: the sync engine. One live table per feed (rows carry their feed version `v`), one staging
    // table where a snapshot waits until its digest checks and is swapped in, per-feed sync state
    // (replaces feedCursors), an outbox with delivery state, and submissions reduced to masked
    // display fields. The outbox keeps its payloads untouched (queued commands are never rewritten).
    version: 3,
    stores: {
      notices: 'id, publishedAt, validUntil',
      consultations: 'id, closesAt',
      faq: 'id, order',
      statuses: 'id, commandId, updatedAt',
      feedStaging: '[feed+id], feed',
      feedState: 'feed',
      feedCursors: null,
      outbox: 'id, &seq, createdAt, state, [state+seq]',
      submissions: 'id, createdAt, state, updatedAt, [state+createdAt], commandId',
    },
    upgrade: async (tx) => {
      await ensureStreamId(tx.table('settings'));
      await tx
        .table('outbox')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          if (typeof row['state'] === 'string') return;
          row['state'] = 'pending';
          row['type'] = typeof row['kind'] === 'string' ? row['kind'] : 'unknown';
          row['schemaVersion'] = 1;
          row['submissionId'] = null;
          row['nextAttemptAt'] = 0;
          row['lastError'] = null;
          row['answer'] = null;
          row['acknowledgedAt'] = null;
        });
      // Before v3 nothing could send a submission, and `data` had no rule against plaintext
      // personal fields: it is dropped, the rest becomes an (empty) display record.
      await tx
        .table('submissions')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          delete row['data'];
          row['display'] ??= {};
          row['commandId'] ??= '';
          row['acceptanceNumber'] ??= null;
          row['statusVersion'] ??= 0;
          row['stateLabel'] ??= null;
          row['statusMessage'] ??= null;
          row['rejection'] ??= null;
        });
    },
  },
  {
    // v4: the catalogue drops its multi-entry `terms` index: ~40 index entries per ~2 KB row made
    // writing a 10,000-item snapshot 2-3x slower than the rows themselves. Search now matches over the
    // [department+name] index keys (screens/guide/catalogQuery.ts), which needs no extra entry.
    // updatedAt and name were never queried. Rows keep their fields: nothing to rewrite.
    version: 4,
    stores: {
      catalog: 'id, department, [department+name]',
    },
  },
];

/** Settings key of this database's outbox stream id (a UUID created once with the database). */
export const STREAM_ID_KEY = 'sync.streamId';

/** Creates the stream id if missing; returns it. Call inside a transaction that includes settings. */
type SettingsStore = Readonly<{
  get(key: string): PromiseLike<SettingRecord | undefined>;
  put(record: SettingRecord): PromiseLike<unknown>;
}>;

export async function ensureStreamId(settings: SettingsStore): Promise<string> {
  const existing = await settings.get(STREAM_ID_KEY);
  if (typeof existing?.value === 'string') return existing.value;
  const streamId = globalThis.crypto.randomUUID();
  await settings.put({ key: STREAM_ID_KEY, value: streamId });
  return streamId;
}

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
  declare notices: EntityTable<NoticeRecord, 'id'>;
  declare consultations: EntityTable<ConsultationRecord, 'id'>;
  declare faq: EntityTable<FaqRecord, 'id'>;
  declare statuses: EntityTable<StatusRecord, 'id'>;
  declare feedStaging: Table<StagedRecord, [string, string]>;
  declare feedState: EntityTable<FeedStateRecord, 'feed'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    declareVersions(this);
    // A brand-new database starts its own outbox stream (upgrades get one in v3's upgrade).
    this.on('populate', async (tx) => {
      await ensureStreamId(tx.table('settings'));
    });
  }
}

/** Opens (creating or upgrading) the database; tests pass a fresh name each. */
export async function openDatabase(name: string = DATABASE_NAME): Promise<HallKioskDB> {
  const db = new HallKioskDB(name);
  await db.open();
  return db;
}
