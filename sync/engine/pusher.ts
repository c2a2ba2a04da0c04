/**
 * Draining the outbox: up to MAX_COMMANDS_PER_PUSH pending commands in seq order per request, each
 * answered on its own. applied → delivered (acceptance number onto the submission); duplicate →
 * its original answer; rejected → rejected, kept for staff, never blocks the commands behind it;
 * deferred SEQ_GAP → resend from expectedSeq; deferred TRANSIENT or a failed request → full-jitter
 * backoff (honouring Retry-After); KIOSK_REVOKED → stop, keep everything. The caller guarantees
 * one drain at a time. Runtime: pure.
 */
import { Dexie } from 'dexie';
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import { STREAM_ID_KEY, ensureStreamId } from '../../renderer/src/db/database.ts';
import type { OutboxRecord, SubmissionRecord, SyncErrorRecord } from '../../renderer/src/db/records.ts';
import { MAX_COMMANDS_PER_PUSH, PushResponse, type AppliedAnswer, type Command, type CommandAnswer, type RejectedAnswer } from '../protocol/commands.ts';
import { fullJitterDelay } from './clock.ts';
import type { SyncTransport } from './transport.ts';

export type BackoffPolicy = Readonly<{ baseMs: number; capMs: number }>;
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

export type DrainStep =
  | Readonly<{ kind: 'idle' }>
  | Readonly<{ kind: 'progress'; delivered: number; rejected: number; sealedKeyRejected: boolean }>
  | Readonly<{ kind: 'waiting'; untilMs: number }>
  | Readonly<{ kind: 'retry'; untilMs: number; error: SyncErrorRecord }>
  | Readonly<{ kind: 'revoked'; error: SyncErrorRecord }>;

export type DrainContext = Readonly<{
  db: HallKioskDB;
  transport: SyncTransport;
  now: () => number;
  random: () => number;
  backoff: BackoffPolicy;
}>;

export async function pendingBatch(db: HallKioskDB, limit = MAX_COMMANDS_PER_PUSH): Promise<OutboxRecord[]> {
  return db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).limit(limit).toArray();
}

async function streamIdOf(db: HallKioskDB): Promise<string> {
  const row = await db.settings.get(STREAM_ID_KEY);
  if (typeof row?.value === 'string') return row.value;
  return db.transaction('rw', db.settings, () => ensureStreamId(db.settings));
}

function toCommand(record: OutboxRecord): Command {
  return { id: record.id, kioskSeq: record.seq, type: record.type, schemaVersion: record.schemaVersion, createdAtClient: record.createdAt, payload: record.payload };
}

/** Failed attempt for the whole batch: attempts+1 and the next allowed time on every command in it. */
async function backOff(ctx: DrainContext, batch: readonly OutboxRecord[], error: SyncErrorRecord, retryAfterMs: number | undefined): Promise<DrainStep> {
  const head = batch[0];
  const delay = Math.max(retryAfterMs ?? 0, fullJitterDelay(head?.attempts ?? 0, ctx.random, ctx.backoff.baseMs, ctx.backoff.capMs));
  const untilMs = ctx.now() + delay;
  await ctx.db.transaction('rw', ctx.db.outbox, async () => {
    for (const record of batch) {
      const current = await ctx.db.outbox.get(record.id);
      if (current?.state === 'pending') await ctx.db.outbox.put({ ...current, attempts: current.attempts + 1, nextAttemptAt: untilMs, lastError: error });
    }
  });
  return { kind: 'retry', untilMs, error };
}

async function settleSubmission(db: HallKioskDB, record: OutboxRecord, answer: AppliedAnswer | RejectedAnswer, at: string): Promise<void> {
  if (record.submissionId === null) return;
  const local = await db.submissions.get(record.submissionId);
  if (local === undefined) return;
  let next: SubmissionRecord;
  if (answer.status === 'applied') {
    if (local.statusVersion >= answer.statusVersion && local.acceptanceNumber !== null) return;
    // A creating command lands in the platform's first state; a later command (withdraw) only bumps the version.
    const firstState = local.kind === 'application' ? 'submitted' : 'received';
    next = {
      ...local,
      state: local.state === 'queued' ? firstState : local.state,
      acceptanceNumber: answer.acceptanceNumber ?? local.acceptanceNumber,
      statusVersion: Math.max(local.statusVersion, local.state === 'queued' ? answer.statusVersion : 0),
      updatedAt: at,
    };
  } else {
    // Only the command that created the submission makes it "rejected"; a refused withdraw leaves it as it was.
    if (local.commandId !== record.id) return;
    next = { ...local, state: 'rejected', rejection: { code: answer.code, message: answer.message, ...(answer.field === undefined ? {} : { field: answer.field }) }, updatedAt: at };
  }
  await db.submissions.put(next);
}

/** One request's worth of draining. */
export async function drainOnce(ctx: DrainContext, force: boolean): Promise<DrainStep> {
  const { db } = ctx;
  const batch = await pendingBatch(db);
  const head = batch[0];
  if (head === undefined) return { kind: 'idle' };
  if (!force && head.nextAttemptAt > ctx.now()) return { kind: 'waiting', untilMs: head.nextAttemptAt };
  const at = (): string => new Date(ctx.now()).toISOString();

  const answer = await ctx.transport.push({ streamId: await streamIdOf(db), commands: batch.map(toCommand) });
  if (!answer.ok) {
    const error = { code: answer.error.code, message: answer.error.message, at: at() };
    if (answer.error.code === 'KIOSK_REVOKED') return { kind: 'revoked', error };
    return backOff(ctx, batch, error, answer.error.retryAfterMs);
  }
  const parsed = PushResponse.safeParse(answer.value);
  if (!parsed.success) return backOff(ctx, batch, { code: 'MALFORMED_ANSWER', message: `push answer rejected: ${parsed.error.issues[0]?.path.join('.') ?? ''}`, at: at() }, undefined);

  const byId = new Map(batch.map((r) => [r.id, r]));
  let delivered = 0;
  let rejected = 0;
  let sealedKeyRejected = false;
  let stop: Extract<CommandAnswer, { status: 'deferred' }> | null = null;
  await db.transaction('rw', db.outbox, db.submissions, async () => {
    for (const result of parsed.data.results) {
      const record = byId.get(result.id);
      if (record === undefined) continue;
      if (result.status === 'deferred') {
        stop ??= result;
        continue;
      }
      const final = result.status === 'duplicate' ? result.original : result;
      const current = (await db.outbox.get(record.id)) ?? record;
      if (final.status === 'applied') {
        delivered++;
        await db.outbox.put({ ...current, state: 'delivered', answer: final, lastError: null });
      } else {
        rejected++;
        if (final.code === 'SEALED_UNREADABLE') sealedKeyRejected = true;
        await db.outbox.put({ ...current, state: 'rejected', answer: final, lastError: { code: final.code, message: final.message, at: at() } });
      }
      await settleSubmission(db, record, final, at());
    }
  });
  const deferred = stop as Extract<CommandAnswer, { status: 'deferred' }> | null;
  if (deferred !== null) {
    if (deferred.reason === 'TRANSIENT') {
      const rest = (await pendingBatch(db)).filter((r) => r.seq >= deferred.expectedSeq);
      return backOff(ctx, rest.length > 0 ? rest : batch, { code: 'PLATFORM_TRANSIENT', message: 'the platform deferred the rest of the batch', at: at() }, undefined);
    }
    // SEQ_GAP: the platform expects an earlier seq than we sent. Commands we hold from there are
    // sent again (the platform answers `duplicate` for any it already has, by id).
    let rewound = 0;
    if (deferred.expectedSeq < head.seq) {
      rewound = await db.transaction('rw', db.outbox, () =>
        db.outbox
          .where('seq')
          .between(deferred.expectedSeq, head.seq)
          .modify((r: { state: string }) => {
            r.state = 'pending';
          }),
      );
    }
    if (delivered + rejected + rewound === 0) {
      // Nothing moved and nothing to rewind: the platform and we disagree; back off instead of spinning.
      return backOff(ctx, batch, { code: 'SEQ_GAP', message: `platform expects seq ${deferred.expectedSeq}`, at: at() }, undefined);
    }
  }
  return { kind: 'progress', delivered, rejected, sealedKeyRejected };
}
