/**
 * Reference and status feeds pulled by the kiosk: the document shape per feed and the page shape.
 * Runtime: pure.
 */
import { z } from 'zod';
import { ServiceItem } from './serviceItem.ts';

export const FEEDS = ['status', 'notices', 'consultations', 'faq', 'catalog'] as const;
export const FeedName = z.enum(FEEDS);
export type FeedName = z.infer<typeof FeedName>;
/** Feeds the platform's administrators publish; `status` is written only by the platform itself. */
export const PUBLISHED_FEEDS = ['notices', 'consultations', 'faq', 'catalog'] as const;
export const PublishedFeedName = z.enum(PUBLISHED_FEEDS);
export type PublishedFeedName = z.infer<typeof PublishedFeedName>;

export const Notice = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  body: z.string().min(1),
  category: z.enum(['通知', '公告', '温馨提示', '政策解读']),
  department: z.string().optional(),
  publishedAt: z.iso.datetime(),
  /** After this moment the notice disappears: the kiosk hides it even offline, the feed sends a tombstone. */
  validUntil: z.iso.datetime().nullable(),
  pinned: z.boolean(),
});
export type Notice = z.infer<typeof Notice>;

export const ConsultationQuestion = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  kind: z.enum(['single', 'multiple', 'text']),
  options: z.array(z.string().min(1)),
  required: z.boolean(),
});
export type ConsultationQuestion = z.infer<typeof ConsultationQuestion>;

/** 政策征询: a policy consultation residents can answer at the kiosk while it is open. */
export const Consultation = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  summary: z.string().min(1),
  department: z.string().min(1),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  questions: z.array(ConsultationQuestion).min(1),
});
export type Consultation = z.infer<typeof Consultation>;

export const FaqEntry = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  answer: z.string().min(1),
  department: z.string().optional(),
  /** 实施编码 of the service items this answer belongs to, if any. */
  serviceCodes: z.array(z.string()),
  tags: z.array(z.string()),
  order: z.number().int(),
});
export type FaqEntry = z.infer<typeof FaqEntry>;

export const SUBMISSION_KINDS = ['application', 'evaluation', 'consultation_feedback'] as const;
export const SubmissionKind = z.enum(SUBMISSION_KINDS);
export type SubmissionKind = z.infer<typeof SubmissionKind>;

/**
 * Where a submission stands. Applications: submitted → accepted (受理) → processing (办理中) →
 * completed (办结), or refused (不予受理); withdrawn by the resident before processing.
 * Evaluations and consultation feedback stop at `received`.
 */
export const SUBMISSION_STATES = ['submitted', 'accepted', 'processing', 'completed', 'refused', 'withdrawn', 'received'] as const;
export const SubmissionState = z.enum(SUBMISSION_STATES);
export type SubmissionState = z.infer<typeof SubmissionState>;

export const SUBMISSION_STATE_LABELS: Readonly<Record<SubmissionState, string>> = {
  submitted: '已提交，待受理',
  accepted: '已受理',
  processing: '办理中',
  completed: '已办结',
  refused: '不予受理',
  withdrawn: '已撤回',
  received: '已收到',
};

/** One status row per submission of THIS kiosk; the newest statusVersion wins. No personal data. */
export const StatusItem = z.object({
  submissionId: z.string().min(1),
  kind: SubmissionKind,
  /** The command that created the submission, so the kiosk can match its outbox entry. */
  commandId: z.string(),
  serviceCode: z.string().nullable(),
  serviceName: z.string().nullable(),
  /** 受理编号, assigned when the platform applies the application. */
  acceptanceNumber: z.string().nullable(),
  state: SubmissionState,
  stateLabel: z.string(),
  statusVersion: z.number().int().positive(),
  message: z.string().nullable(),
  /** Masked (张*), for the kiosk's receipt reprint; never the full name. */
  applicantMasked: z.string().nullable(),
  promisedBy: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
});
export type StatusItem = z.infer<typeof StatusItem>;

export const FEED_DOCS = {
  status: StatusItem,
  notices: Notice,
  consultations: Consultation,
  faq: FaqEntry,
  catalog: ServiceItem,
} as const;
export type FeedDoc<F extends FeedName> = z.infer<(typeof FEED_DOCS)[F]>;

function changeSchema<D extends z.ZodType>(doc: D) {
  return z.discriminatedUnion('op', [
    z.object({ op: z.literal('upsert'), id: z.string().min(1), v: z.number().int().positive(), doc }),
    /** Tombstone: unpublished, expired or closed. */
    z.object({ op: z.literal('delete'), id: z.string().min(1), v: z.number().int().positive() }),
  ]);
}

/** Order-independent fingerprint of a feed's live rows; see digest.ts. */
export const FeedDigest = z.object({ count: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type FeedDigest = z.infer<typeof FeedDigest>;

export const RESET_REASONS = ['cursor_invalid', 'cursor_expired', 'epoch_changed', 'cursor_ahead'] as const;
export const ResetReason = z.enum(RESET_REASONS);

export function feedPageSchema<F extends FeedName>(feed: F) {
  return z.object({
    feed: z.literal(feed),
    /**
     * `changes`: rows changed after the cursor, ordered by (v, id), tombstones included.
     * `snapshot`: the full live state ordered by id (first pull, or after `reset`).
     */
    mode: z.enum(['changes', 'snapshot']),
    /** Non-null: the kiosk's cursor was unusable; this page starts a snapshot the kiosk must stage and swap in. */
    reset: z.object({ reason: ResetReason }).nullable(),
    changes: z.array(changeSchema(FEED_DOCS[feed])),
    /** Opaque; store it with the page in the same local transaction and send it back. */
    cursor: z.string().min(1),
    hasMore: z.boolean(),
    /** The feed version this page brings the kiosk up to (informational; ordering lives in the cursor). */
    version: z.number().int().nonnegative(),
    /** Present only when hasMore=false: what the kiosk's live rows must hash to now. */
    digest: FeedDigest.nullable(),
    serverTime: z.iso.datetime(),
  });
}

export const FEED_PAGES = {
  status: feedPageSchema('status'),
  notices: feedPageSchema('notices'),
  consultations: feedPageSchema('consultations'),
  faq: feedPageSchema('faq'),
  catalog: feedPageSchema('catalog'),
} as const;
export type FeedPage<F extends FeedName> = z.infer<(typeof FEED_PAGES)[F]>;
export type FeedChange<F extends FeedName> = FeedPage<F>['changes'][number];

/** Query string of GET /v1/feeds/:feed. No cursor = start a snapshot. */
export const FeedPullQuery = z.object({
  cursor: z.string().min(1).max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(2000).optional(),
});
export type FeedPullQuery = z.infer<typeof FeedPullQuery>;
