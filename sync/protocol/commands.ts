/**
 * Push: the kiosk's outbox sends domain commands (not row diffs). Each is applied exactly once
 * (dedupe by id), in kioskSeq order per outbox stream, and answered individually. Runtime: pure.
 */
import { z } from 'zod';
import { SealedEnvelope } from './sealed.ts';

/** RFC 9562 UUIDv7: time-ordered, generated on the kiosk. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const UuidV7 = z.string().regex(UUID_V7, 'must be a UUIDv7');
export const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

export const MAX_COMMANDS_PER_PUSH = 100;

export const Command = z.object({
  id: UuidV7,
  /** 1, 2, 3 … per outbox stream, no gaps. */
  kioskSeq: z.number().int().positive(),
  /** e.g. "application.submit". Unknown types are answered `rejected`, never 400, so the queue moves on. */
  type: z.string().min(1).max(64),
  schemaVersion: z.number().int().positive(),
  createdAtClient: z.iso.datetime().optional(),
  /** Validated per type and version on apply; a bad payload rejects this command only. */
  payload: z.unknown(),
});
export type Command = z.infer<typeof Command>;

export const PushRequest = z.object({
  /** A UUID created with the kiosk's local database; a recreated database starts a new stream at seq 1. */
  streamId: Uuid,
  commands: z.array(Command).min(1).max(MAX_COMMANDS_PER_PUSH),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const AppliedAnswer = z.object({
  id: z.string(),
  kioskSeq: z.number().int(),
  status: z.literal('applied'),
  submissionId: z.string(),
  acceptanceNumber: z.string().nullable(),
  statusVersion: z.number().int().positive(),
});
export const RejectedAnswer = z.object({
  id: z.string(),
  kioskSeq: z.number().int(),
  status: z.literal('rejected'),
  /** Stable, e.g. SERVICE_NOT_AVAILABLE, INVALID_PAYLOAD, SEALED_UNREADABLE, INVALID_STATE. */
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export const CommandAnswer = z.discriminatedUnion('status', [
  AppliedAnswer,
  RejectedAnswer,
  /** Seen before (same id): nothing applied again; `original` is the first answer, unchanged. */
  z.object({
    id: z.string(),
    kioskSeq: z.number().int(),
    status: z.literal('duplicate'),
    original: z.discriminatedUnion('status', [AppliedAnswer, RejectedAnswer]),
  }),
  /** Not processed: a gap before it (SEQ_GAP) or a transient platform problem (TRANSIENT). Resend from expectedSeq. */
  z.object({
    id: z.string(),
    kioskSeq: z.number().int(),
    status: z.literal('deferred'),
    reason: z.enum(['SEQ_GAP', 'TRANSIENT']),
    expectedSeq: z.number().int().positive(),
  }),
]);
export type CommandAnswer = z.infer<typeof CommandAnswer>;
export type AppliedAnswer = z.infer<typeof AppliedAnswer>;
export type RejectedAnswer = z.infer<typeof RejectedAnswer>;

export const PushResponse = z.object({
  /** Answers in kioskSeq order. */
  results: z.array(CommandAnswer),
  /** Highest seq of this stream the platform has processed (applied or rejected). */
  ackSeq: z.number().int().nonnegative(),
  serverTime: z.iso.datetime(),
});
export type PushResponse = z.infer<typeof PushResponse>;

// ---- personal data: the plaintext inside a SealedEnvelope ----

export const ApplicantPersonal = z.object({
  name: z.string().min(1).max(50),
  idNumber: z.string().regex(/^\d{17}[\dXx]$/, 'idNumber must be an 18-character resident ID number'),
  phone: z.string().regex(/^1\d{10}$/, 'phone must be an 11-digit mobile number'),
  address: z.string().max(200).optional(),
  /** Form fields that are personal (e.g. 工作单位, 银行账号). */
  fields: z.record(z.string(), z.string().max(500)).optional(),
});
export type ApplicantPersonal = z.infer<typeof ApplicantPersonal>;

export const ContactPersonal = z.object({ name: z.string().max(50).optional(), phone: z.string().regex(/^1\d{10}$/).optional() });
export type ContactPersonal = z.infer<typeof ContactPersonal>;

// ---- command payloads, by type and schemaVersion ----

export const ApplicationSubmitV1 = z.object({
  applicationId: Uuid,
  /** 实施编码 of a published, terminal-capable service item. */
  serviceCode: z.string().min(1),
  materials: z.array(z.object({ name: z.string().min(1), provided: z.boolean(), pages: z.number().int().nonnegative().optional() })),
  /** Non-personal form answers (e.g. 申领类型: 首次申领). */
  form: z.record(z.string(), z.string().max(500)),
  /** ApplicantPersonal, sealed to the platform key. */
  personal: SealedEnvelope,
});
export type ApplicationSubmitV1 = z.infer<typeof ApplicationSubmitV1>;

export const ApplicationWithdrawV1 = z.object({ applicationId: Uuid, reason: z.string().min(1).max(200) });
export type ApplicationWithdrawV1 = z.infer<typeof ApplicationWithdrawV1>;

/** 好差评: 5 非常满意 … 1 非常不满意; 差评 (≤ 2) needs a reason. */
export const EvaluationSubmitV1 = z.object({
  evaluationId: Uuid,
  applicationId: Uuid.optional(),
  serviceCode: z.string().min(1),
  level: z.number().int().min(1).max(5),
  tags: z.array(z.string().max(40)).max(10),
  comment: z.string().max(500).optional(),
});
export type EvaluationSubmitV1 = z.infer<typeof EvaluationSubmitV1>;

export const ConsultationFeedbackV1 = z.object({
  feedbackId: Uuid,
  consultationId: z.string().min(1),
  answers: z.array(z.object({ questionId: z.string().min(1), choices: z.array(z.string()).optional(), text: z.string().max(2000).optional() })),
  /** ContactPersonal, sealed; optional (anonymous feedback). */
  contact: SealedEnvelope.optional(),
});
export type ConsultationFeedbackV1 = z.infer<typeof ConsultationFeedbackV1>;

/** Every command type the platform accepts, keyed `type@schemaVersion`. Old versions stay here for ≥ 12 months. */
export const COMMAND_PAYLOADS = {
  'application.submit@1': ApplicationSubmitV1,
  'application.withdraw@1': ApplicationWithdrawV1,
  'evaluation.submit@1': EvaluationSubmitV1,
  'consultation.feedback@1': ConsultationFeedbackV1,
} as const;
export type CommandKey = keyof typeof COMMAND_PAYLOADS;

export function commandKey(type: string, schemaVersion: number): string {
  return `${type}@${schemaVersion}`;
}
