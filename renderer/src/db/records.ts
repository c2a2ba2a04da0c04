/**
 * What the kiosk keeps in IndexedDB. Feed documents are checked against sync/protocol before they
 * are written (the sync engine parses every page); command payloads are checked per type before
 * they enter the outbox. Personal data never lands here in clear: only sealed envelopes (in
 * outbox payloads) and masked display fields (on submissions).
 */
import type { CommandAnswer } from '../../../sync/protocol/commands.ts';
import type { Consultation, FaqEntry, FeedName, Notice, StatusItem, SubmissionKind, SubmissionState as PlatformSubmissionState } from '../../../sync/protocol/feeds.ts';
import type { ServiceItem } from '../../../sync/protocol/serviceItem.ts';

/** Small kiosk-local settings (stream id, cached platform key, last outbox seq …). */
export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

/** Every row of a synced feed carries the feed version `v` it was published at (since schema v3). */
export interface FeedRow {
  readonly id: string;
  readonly v: number;
}

/** One published service item (事项), as pulled from the catalogue feed. */
export interface CatalogRecord {
  /** 实施编码 (task_code) or the platform's item id. */
  readonly id: string;
  /** Feed version (since schema v3; rows from older schemas have none and are replaced by the first snapshot). */
  readonly v?: number;
  /** ISO 8601; the platform's last change. */
  readonly updatedAt: string;
  /** 实施主体, shown on screen and receipts. */
  readonly department: string;
  /** 事项名称. */
  readonly name: string;
  /**
   * Rows written by schema v2/v3 still carry a `terms` array; since v4 it is neither indexed nor
   * written (search scans the [department+name] keys, see screens/guide/catalogQuery.ts).
   */
  readonly terms?: readonly string[];
  /** The full published item (a ServiceItem when it came from the feed). */
  readonly item: ServiceItem;
}

export interface NoticeRecord extends FeedRow {
  readonly publishedAt: string;
  readonly validUntil: string | null;
  readonly doc: Notice;
}

export interface ConsultationRecord extends FeedRow {
  readonly closesAt: string;
  readonly doc: Consultation;
}

export interface FaqRecord extends FeedRow {
  readonly order: number;
  readonly doc: FaqEntry;
}

/** The platform's status row of one of this kiosk's submissions (the `status` feed); id = submissionId. */
export interface StatusRecord extends FeedRow {
  readonly commandId: string;
  readonly updatedAt: string;
  readonly doc: StatusItem;
}

/** Live table of each feed. */
export const FEED_TABLES = {
  catalog: 'catalog',
  notices: 'notices',
  consultations: 'consultations',
  faq: 'faq',
  status: 'statuses',
} as const satisfies Record<FeedName, string>;
export type FeedTableName = (typeof FEED_TABLES)[FeedName];

/**
 * A snapshot being downloaded (first sync or `reset`): rows wait here, already in their live
 * shape, until the whole snapshot is in and its digest checks; then one transaction swaps them in.
 */
export interface StagedRecord {
  readonly feed: FeedName;
  readonly id: string;
  readonly v: number;
  readonly row: FeedRow | CatalogRecord;
}

export type SyncErrorRecord = Readonly<{ code: string; message: string; at: string }>;

/** Where each feed stands (since schema v3; replaces v1's feedCursors). */
export interface FeedStateRecord {
  readonly feed: FeedName;
  /** Cursor of the live rows; null = never synced (the next pull starts a snapshot). */
  readonly cursor: string | null;
  /** Feed version the live rows are at. */
  readonly version: number;
  readonly lastSyncedAt: string | null;
  /** Whether the live rows matched the platform's digest at the end of the last complete pull. */
  readonly digestOk: boolean | null;
  readonly lastError: SyncErrorRecord | null;
  /** Non-null while a snapshot is being staged: the cursor to resume it from. */
  readonly stagingCursor: string | null;
  /** Set after a digest mismatch: the next pull ignores the cursor and re-snapshots. */
  readonly forceReset: boolean;
  /**
   * True while the feed's FIRST snapshot is written straight into its (empty) live table instead of
   * staging: nothing is on screen yet to protect. Absent on records from before it existed (= false).
   */
  readonly snapshotDirect?: boolean;
}

/**
 * Display state of a submission: `queued` until the platform has it, `rejected` when the platform
 * refused the command (needs staff attention), otherwise the platform's own state.
 */
export type SubmissionState = 'queued' | 'rejected' | PlatformSubmissionState;

/** Masked fields for screens and receipt reprints; never a full name, ID number or phone. */
export interface SubmissionDisplay {
  readonly applicantName?: string;
  readonly idNumber?: string;
  readonly phone?: string;
  readonly serviceCode?: string;
  readonly serviceName?: string;
  readonly title?: string;
}

/** A resident's application, evaluation or feedback, written locally together with its outbox command. */
export interface SubmissionRecord {
  /** = the payload's applicationId / evaluationId / feedbackId = the platform's submissionId. */
  readonly id: string;
  readonly kind: SubmissionKind;
  /** The outbox command that creates it. */
  readonly commandId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly state: SubmissionState;
  /** 受理编号, once the platform assigned it. */
  readonly acceptanceNumber: string | null;
  /** Newest platform status version applied (0 = none yet); older status rows are ignored. */
  readonly statusVersion: number;
  readonly stateLabel: string | null;
  readonly statusMessage: string | null;
  readonly display: SubmissionDisplay;
  /** Why the platform refused the command. */
  readonly rejection: Readonly<{ code: string; message: string; field?: string }> | null;
}

export const OUTBOX_STATES = ['pending', 'delivered', 'rejected'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** A command for the platform; `id` (UUIDv7) is the idempotency key, `seq` the send order of this stream. */
export interface OutboxRecord {
  readonly id: string;
  readonly seq: number;
  /** ISO 8601, kiosk clock (informational; ordering is `seq`). */
  readonly createdAt: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** Personal fields inside are SealedEnvelopes. */
  readonly payload: unknown;
  /** The submission this command creates or acts on. */
  readonly submissionId: string | null;
  readonly state: OutboxState;
  readonly attempts: number;
  /** Epoch ms before which the engine does not resend (backoff). */
  readonly nextAttemptAt: number;
  readonly lastError: SyncErrorRecord | null;
  /** The platform's answer (applied or rejected; duplicates are stored as their original). */
  readonly answer: CommandAnswer | null;
  /** For rejected commands: when staff acknowledged them (the red light stays on until then). */
  readonly acknowledgedAt: string | null;
}
