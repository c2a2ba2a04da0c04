/**
 * Submissions (applications, evaluations, consultation feedback): the application state machine,
 * status-feed rows, acceptance numbers, and the admin's view with personal data opened.
 * Runtime: plain Node.
 */
import { maskIdNumber, maskName, maskPhone } from '../contract/privacy.ts';
import { SUBMISSION_STATE_LABELS, type StatusItem, type SubmissionKind, type SubmissionState } from '../sync/protocol/feeds.ts';
import { open, type SealKey } from '../sync/protocol/sealed.ts';
import type { TimeLimit } from '../sync/protocol/serviceItem.ts';
import type { SqlDb, SqlExecutor } from './db/sql.ts';
import { HttpError } from './errors.ts';
import { publishInTx } from './feeds.ts';
import type { PokeHub } from './pokes.ts';

/** 六安市 administrative division code: the prefix of every acceptance number issued here. */
export const REGION_CODE = '341500';

/** Which admin moves are allowed; withdrawal comes from the kiosk (application.withdraw). */
export const APPLICATION_TRANSITIONS: Readonly<Record<SubmissionState, readonly SubmissionState[]>> = {
  submitted: ['accepted', 'refused'],
  accepted: ['processing', 'completed', 'refused'],
  processing: ['completed'],
  completed: [],
  refused: [],
  withdrawn: [],
  received: [],
};
export const WITHDRAWABLE: readonly SubmissionState[] = ['submitted', 'accepted'];

export type SubmissionRow = {
  id: string;
  command_id: string;
  kiosk_id: string;
  kind: SubmissionKind;
  service_code: string | null;
  service_name: string | null;
  acceptance_number: string | null;
  state: SubmissionState;
  status_version: number;
  message: string | null;
  sealed: unknown;
  applicant_masked: string | null;
  data: unknown;
  promised_by: Date | null;
  created_at: Date;
  updated_at: Date;
};

/** China Standard Time calendar day, yyyymmdd. */
function cstDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** 341500 + yyyymmdd + 6-digit daily counter, e.g. 34150020250612000042. Allocated in the applying transaction. */
export async function nextAcceptanceNumber(tx: SqlExecutor, now: Date): Promise<string> {
  const day = cstDay(now);
  const [row] = await tx.query<{ last: number }>(
    `INSERT INTO acceptance_counters (day, last) VALUES ($1, 1)
     ON CONFLICT (day) DO UPDATE SET last = acceptance_counters.last + 1 RETURNING last`,
    [day],
  );
  return `${REGION_CODE}${day}${String(row?.last ?? 0).padStart(6, '0')}`;
}

/** 工作日 skips Saturdays and Sundays (public holidays are not modelled); 自然日 counts every day. */
export function promisedDate(from: Date, limit: TimeLimit): Date {
  const date = new Date(from.getTime());
  let left = limit.value;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = new Date(date.getTime() + 8 * 3600_000).getUTCDay();
    if (limit.unit === '自然日' || (weekday !== 0 && weekday !== 6)) left--;
  }
  return date;
}

export function statusItemOf(row: SubmissionRow, now: Date): StatusItem {
  return {
    submissionId: row.id,
    kind: row.kind,
    commandId: row.command_id,
    serviceCode: row.service_code,
    serviceName: row.service_name,
    acceptanceNumber: row.acceptance_number,
    state: row.state,
    stateLabel: SUBMISSION_STATE_LABELS[row.state],
    statusVersion: row.status_version,
    message: row.message,
    applicantMasked: row.applicant_masked,
    promisedBy: row.promised_by === null ? null : new Date(row.promised_by).toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** Appends the submission's current state to history and to its kiosk's status feed. */
export async function recordStatus(tx: SqlExecutor, submissionId: string, now: Date): Promise<{ row: SubmissionRow; version: number }> {
  const [row] = await tx.query<SubmissionRow>('SELECT * FROM submissions WHERE id = $1', [submissionId]);
  if (row === undefined) throw new Error(`submission ${submissionId} vanished`);
  await tx.query('INSERT INTO submission_history (submission_id, status_version, state, message, at) VALUES ($1, $2, $3, $4, $5)', [
    row.id,
    row.status_version,
    row.state,
    row.message,
    now.toISOString(),
  ]);
  const published = await publishInTx(tx, 'status', row.kiosk_id, { upserts: [statusItemOf(row, now)], deletes: [] }, now);
  return { row, version: published.version };
}

export type AdminSubmission = {
  id: string;
  kind: SubmissionKind;
  kioskId: string;
  commandId: string;
  serviceCode: string | null;
  serviceName: string | null;
  acceptanceNumber: string | null;
  state: SubmissionState;
  stateLabel: string;
  statusVersion: number;
  message: string | null;
  promisedBy: string | null;
  createdAt: string;
  data: unknown;
  /** Opened only here, for the administrator; null when nothing was sealed. */
  personal: unknown;
  personalError?: string;
  history: { statusVersion: number; state: SubmissionState; message: string | null; at: string }[];
};

export class SubmissionDesk {
  constructor(
    private readonly db: SqlDb,
    private readonly sealPrivateKey: SealKey,
    private readonly pokes: PokeHub,
    private readonly now: () => Date,
  ) {}

  /** 受理 → 办理中 → 办结 / 不予受理, each step appended to the kiosk's status feed. */
  async transition(submissionId: string, to: SubmissionState, message: string | null): Promise<AdminSubmission> {
    const now = this.now();
    const { row, version } = await this.db.transaction(async (tx) => {
      const [current] = await tx.query<SubmissionRow>('SELECT * FROM submissions WHERE id = $1 FOR UPDATE', [submissionId]);
      if (current === undefined) throw new HttpError(404, 'NOT_FOUND', `no submission ${submissionId}`, 'id');
      if (current.kind !== 'application') throw new HttpError(409, 'CONFLICT', `${current.kind} has no states to move through`, 'id');
      if (!APPLICATION_TRANSITIONS[current.state].includes(to)) {
        throw new HttpError(409, 'CONFLICT', `cannot move an application from ${current.state} to ${to}`, 'to');
      }
      await tx.query('UPDATE submissions SET state = $2, status_version = status_version + 1, message = $3, updated_at = $4 WHERE id = $1', [
        submissionId,
        to,
        message,
        now.toISOString(),
      ]);
      return recordStatus(tx, submissionId, now);
    });
    this.pokes.emit({ feed: 'status', version, kioskId: row.kiosk_id });
    const full = await this.get(submissionId);
    if (full === null) throw new HttpError(404, 'NOT_FOUND', `no submission ${submissionId}`);
    return full;
  }

  async get(id: string): Promise<AdminSubmission | null> {
    const [row] = await this.db.query<SubmissionRow>('SELECT * FROM submissions WHERE id = $1', [id]);
    return row === undefined ? null : this.#present(row);
  }

  async list(filter: { kind?: SubmissionKind; state?: SubmissionState; limit: number }): Promise<AdminSubmission[]> {
    const rows = await this.db.query<SubmissionRow>(
      `SELECT * FROM submissions WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR state = $2)
       ORDER BY created_at DESC, id LIMIT $3`,
      [filter.kind ?? null, filter.state ?? null, filter.limit],
    );
    return Promise.all(rows.map((row) => this.#present(row)));
  }

  async #present(row: SubmissionRow): Promise<AdminSubmission> {
    const history = await this.db.query<{ status_version: number; state: SubmissionState; message: string | null; at: Date }>(
      'SELECT status_version, state, message, at FROM submission_history WHERE submission_id = $1 ORDER BY status_version',
      [row.id],
    );
    let personal: unknown = null;
    let personalError: string | undefined;
    if (row.sealed !== null) {
      try {
        personal = await open(this.sealPrivateKey, row.sealed);
      } catch (error) {
        personalError = error instanceof Error ? error.message : 'cannot open';
      }
    }
    return {
      id: row.id,
      kind: row.kind,
      kioskId: row.kiosk_id,
      commandId: row.command_id,
      serviceCode: row.service_code,
      serviceName: row.service_name,
      acceptanceNumber: row.acceptance_number,
      state: row.state,
      stateLabel: SUBMISSION_STATE_LABELS[row.state],
      statusVersion: row.status_version,
      message: row.message,
      promisedBy: row.promised_by === null ? null : new Date(row.promised_by).toISOString(),
      createdAt: new Date(row.created_at).toISOString(),
      data: row.data,
      personal,
      ...(personalError === undefined ? {} : { personalError }),
      history: history.map((h) => ({ statusVersion: h.status_version, state: h.state, message: h.message, at: new Date(h.at).toISOString() })),
    };
  }
}

/** For log lines about a submission: never the full name, ID number or phone. */
export function maskedApplicant(personal: { name: string; idNumber: string; phone: string }): string {
  return `${maskName(personal.name)} ${maskIdNumber(personal.idNumber)} ${maskPhone(personal.phone)}`;
}
