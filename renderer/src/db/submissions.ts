/**
 * Writing a resident's submission: the record and the outbox command that will deliver it go in
 * one transaction, so a crash or error in between leaves neither (never a submission that is never
 * sent, never a command for a submission that does not exist).
 */
import { ensureStreamId, type HallKioskDB } from './database.ts';
import type { OutboxRecord, SubmissionRecord } from './records.ts';

/** Settings key of the last outbox sequence number handed out; never reused, even after the outbox drains. */
export const OUTBOX_SEQ_KEY = 'outbox.lastSeq';

export interface NewCommand {
  /** UUIDv7. */
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** Already validated for its type; personal fields already sealed. */
  readonly payload: unknown;
  readonly submissionId: string | null;
  readonly createdAt: string;
}

export type QueuedCommand = Readonly<{ command: OutboxRecord; streamId: string }>;

/**
 * Appends a command to the outbox with the next seq of this database's stream and, when given,
 * writes its submission in the same transaction.
 */
export async function enqueueCommand(db: HallKioskDB, command: NewCommand, submission?: SubmissionRecord): Promise<QueuedCommand> {
  return db.transaction('rw', db.submissions, db.outbox, db.settings, async () => {
    if (submission !== undefined) await db.submissions.add(submission);
    const streamId = await ensureStreamId(db.settings);
    const stored = await db.settings.get(OUTBOX_SEQ_KEY);
    const lastInTable = (await db.outbox.orderBy('seq').last())?.seq ?? 0;
    const seq = Math.max(typeof stored?.value === 'number' ? stored.value : 0, lastInTable) + 1;
    const entry: OutboxRecord = {
      id: command.id,
      seq,
      createdAt: command.createdAt,
      type: command.type,
      schemaVersion: command.schemaVersion,
      payload: command.payload,
      submissionId: command.submissionId,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      answer: null,
      acknowledgedAt: null,
    };
    await db.outbox.add(entry);
    await db.settings.put({ key: OUTBOX_SEQ_KEY, value: seq });
    return { command: entry, streamId };
  });
}

/** The submission and the command that creates it, together or not at all. */
export async function saveSubmissionWithCommand(db: HallKioskDB, submission: SubmissionRecord, command: NewCommand): Promise<OutboxRecord> {
  return (await enqueueCommand(db, command, submission)).command;
}
