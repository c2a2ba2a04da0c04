/**
 * Writing a resident's submission: the record and the outbox command that will deliver it go in
 * one transaction, so a crash or error in between leaves neither (never a submission that is never
 * sent, never a command for a submission that does not exist).
 */
import type { HallKioskDB } from './database.ts';
import type { OutboxRecord, SubmissionRecord } from './records.ts';

/** Settings key of the last outbox sequence number handed out; never reused, even after the outbox drains. */
export const OUTBOX_SEQ_KEY = 'outbox.lastSeq';

export interface NewCommand {
  readonly id: string;
  readonly kind: string;
  readonly payload: unknown;
}

export async function saveSubmissionWithCommand(
  db: HallKioskDB,
  submission: SubmissionRecord,
  command: NewCommand,
): Promise<OutboxRecord> {
  return db.transaction('rw', db.submissions, db.outbox, db.settings, async () => {
    await db.submissions.add(submission);
    const stored = await db.settings.get(OUTBOX_SEQ_KEY);
    const lastInTable = (await db.outbox.orderBy('seq').last())?.seq ?? 0;
    const seq = Math.max(typeof stored?.value === 'number' ? stored.value : 0, lastInTable) + 1;
    const entry: OutboxRecord = {
      id: command.id,
      seq,
      createdAt: submission.updatedAt,
      kind: command.kind,
      payload: command.payload,
      attempts: 0,
    };
    await db.outbox.add(entry);
    await db.settings.put({ key: OUTBOX_SEQ_KEY, value: seq });
    return entry;
  });
}
