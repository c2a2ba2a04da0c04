/**
 * What the kiosk keeps in IndexedDB. Payloads stay `unknown` here: their schemas belong to the
 * features and the sync wire protocol that write them, and are checked there.
 */

/** Small kiosk-local settings (e.g. the last catalogue version shown). */
export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

/** One published service item (事项), as pulled from the catalogue feed. */
export interface CatalogRecord {
  /** 实施编码 (task_code) or the platform's item id. */
  readonly id: string;
  /** ISO 8601; the platform's last change. */
  readonly updatedAt: string;
  /** 实施主体, shown on screen and receipts. */
  readonly department: string;
  /** 事项名称. */
  readonly name: string;
  /** Search keys derived from name and department (since schema v2); see searchTerms.ts. */
  readonly terms: readonly string[];
  /** The full published item. */
  readonly item: unknown;
}

export const SUBMISSION_STATES = ['draft', 'queued', 'sent', 'accepted', 'rejected'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** A resident's application, complaint, report …, written locally before anything is sent. */
export interface SubmissionRecord {
  readonly id: string;
  readonly createdAt: string;
  /** Since schema v2; v1 rows were given their createdAt. */
  readonly updatedAt: string;
  readonly state: SubmissionState;
  readonly kind: string;
  readonly data: unknown;
}

/** A command waiting to reach the platform; `id` is the idempotency key, `seq` the send order. */
export interface OutboxRecord {
  readonly id: string;
  readonly seq: number;
  readonly createdAt: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly attempts: number;
}

/** Where each pull feed (catalogue, statuses, …) stopped. */
export interface FeedCursorRecord {
  readonly feed: string;
  readonly cursor: string;
  readonly updatedAt: string;
}
