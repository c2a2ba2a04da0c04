/**
 * Push processing: every command is applied exactly once (permanent dedupe by id), in kioskSeq
 * order per (kiosk, stream), each in its own transaction together with the stream's lastSeq, and
 * answered individually. A rejected command is recorded and advances the stream, so it never
 * blocks the ones behind it. Runtime: plain Node.
 */
import type { z } from 'zod';
import { maskName } from '../contract/privacy.ts';
import {
  ApplicantPersonal,
  COMMAND_PAYLOADS,
  commandKey,
  ContactPersonal,
  type AppliedAnswer,
  type ApplicationSubmitV1,
  type ApplicationWithdrawV1,
  type Command,
  type CommandAnswer,
  type ConsultationFeedbackV1,
  type EvaluationSubmitV1,
  type PushRequest,
  type PushResponse,
  type RejectedAnswer,
} from '../sync/protocol/commands.ts';
import type { Consultation } from '../sync/protocol/feeds.ts';
import { open, type SealKey, type SealedEnvelope } from '../sync/protocol/sealed.ts';
import type { ServiceItem } from '../sync/protocol/serviceItem.ts';
import { DeadlineError, withDeadline, type SqlDb, type SqlExecutor } from './db/sql.ts';
import { describeZodError } from './errors.ts';
import type { Poke, PokeHub } from './pokes.ts';
import { nextAcceptanceNumber, promisedDate, recordStatus, WITHDRAWABLE, type SubmissionRow } from './submissions.ts';

type Rejection = { status: 'rejected'; code: string; message: string; field?: string };
type Outcome = { status: 'applied'; submissionId: string; acceptanceNumber: string | null; statusVersion: number } | Rejection;

function reject(code: string, message: string, field?: string): Rejection {
  return field === undefined ? { status: 'rejected', code, message } : { status: 'rejected', code, message, field };
}

/** Work done before the transaction (schema checks, opening sealed data): pure and possibly slow. */
type Prepared =
  | { key: 'application.submit@1'; payload: ApplicationSubmitV1; applicant: ApplicantPersonal }
  | { key: 'application.withdraw@1'; payload: ApplicationWithdrawV1 }
  | { key: 'evaluation.submit@1'; payload: EvaluationSubmitV1 }
  | { key: 'consultation.feedback@1'; payload: ConsultationFeedbackV1 };

type ApplyContext = { tx: SqlExecutor; kioskId: string; command: Command; now: Date; pokes: Poke[] };

export class CommandProcessor {
  constructor(
    private readonly db: SqlDb,
    private readonly sealPrivateKey: SealKey,
    private readonly pokes: PokeHub,
    private readonly now: () => Date,
    private readonly deadlineMs: number,
  ) {}

  async push(kioskId: string, request: PushRequest): Promise<PushResponse> {
    const ordered = [...request.commands].sort((a, b) => a.kioskSeq - b.kioskSeq);
    const results: CommandAnswer[] = [];
    let stopAt: { reason: 'SEQ_GAP' | 'TRANSIENT'; expectedSeq: number } | null = null;
    for (const command of ordered) {
      if (stopAt !== null) {
        results.push({ id: command.id, kioskSeq: command.kioskSeq, status: 'deferred', ...stopAt });
        continue;
      }
      try {
        const prepared = await this.#prepare(command);
        const { answer, pokes } = await withDeadline(
          this.db.transaction((tx) => this.#processOne(tx, kioskId, request.streamId, command, prepared)),
          this.deadlineMs,
          'command',
        );
        for (const poke of pokes) this.pokes.emit(poke);
        results.push(answer);
        if (answer.status === 'deferred') stopAt = { reason: answer.reason, expectedSeq: answer.expectedSeq };
      } catch (error) {
        // The platform's own trouble (database down or slow): stop here, the kiosk resends from this seq.
        if (!(error instanceof DeadlineError) && !isConnectionError(error)) throw error;
        stopAt = { reason: 'TRANSIENT', expectedSeq: command.kioskSeq };
        results.push({ id: command.id, kioskSeq: command.kioskSeq, status: 'deferred', ...stopAt });
      }
    }
    const [stream] = await this.db.query<{ last_seq: number }>('SELECT last_seq FROM kiosk_streams WHERE kiosk_id = $1 AND stream_id = $2', [kioskId, request.streamId]);
    return { results, ackSeq: stream?.last_seq ?? 0, serverTime: this.now().toISOString() };
  }

  async #prepare(command: Command): Promise<Prepared | Rejection> {
    const key = commandKey(command.type, command.schemaVersion);
    if (!(key in COMMAND_PAYLOADS)) return reject('UNKNOWN_COMMAND_TYPE', `this platform does not know ${key}`, 'type');
    const schema = COMMAND_PAYLOADS[key as keyof typeof COMMAND_PAYLOADS];
    const parsed = schema.safeParse(command.payload);
    if (!parsed.success) {
      const { field, message } = describeZodError(parsed.error);
      return reject('INVALID_PAYLOAD', message, `payload.${field}`);
    }
    switch (key) {
      case 'application.submit@1': {
        const payload = parsed.data as ApplicationSubmitV1;
        const applicant = await this.#openSealed(payload.personal, ApplicantPersonal, 'payload.personal');
        if ('status' in applicant) return applicant;
        return { key, payload, applicant };
      }
      case 'consultation.feedback@1': {
        const payload = parsed.data as ConsultationFeedbackV1;
        if (payload.contact !== undefined) {
          const contact = await this.#openSealed(payload.contact, ContactPersonal, 'payload.contact');
          if ('status' in contact) return contact;
        }
        return { key, payload };
      }
      case 'application.withdraw@1':
        return { key, payload: parsed.data as ApplicationWithdrawV1 };
      case 'evaluation.submit@1':
        return { key, payload: parsed.data as EvaluationSubmitV1 };
      default:
        return reject('UNKNOWN_COMMAND_TYPE', `this platform does not know ${key}`, 'type');
    }
  }

  async #openSealed<T>(envelope: SealedEnvelope, schema: z.ZodType<T>, field: string): Promise<T | Rejection> {
    let plain: unknown;
    try {
      plain = await open(this.sealPrivateKey, envelope);
    } catch {
      return reject('SEALED_UNREADABLE', 'personal data cannot be opened with the platform key (sealed to another key, or damaged)', field);
    }
    const parsed = schema.safeParse(plain);
    if (!parsed.success) {
      const { field: inner, message } = describeZodError(parsed.error);
      return reject('INVALID_PERSONAL_DATA', message, `${field}.${inner}`);
    }
    return parsed.data;
  }

  async #processOne(tx: SqlExecutor, kioskId: string, streamId: string, command: Command, prepared: Prepared | Rejection): Promise<{ answer: CommandAnswer; pokes: Poke[] }> {
    const base = { id: command.id, kioskSeq: command.kioskSeq };
    await tx.query('INSERT INTO kiosk_streams (kiosk_id, stream_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [kioskId, streamId]);
    // The row lock serialises concurrent pushes of one stream.
    const [stream] = await tx.query<{ last_seq: number }>('SELECT last_seq FROM kiosk_streams WHERE kiosk_id = $1 AND stream_id = $2 FOR UPDATE', [kioskId, streamId]);
    const lastSeq = stream?.last_seq ?? 0;
    const [known] = await tx.query<{ kiosk_id: string; answer: AppliedAnswer | RejectedAnswer }>('SELECT kiosk_id, answer FROM commands WHERE id = $1', [command.id]);
    if (known !== undefined) {
      if (known.kiosk_id !== kioskId) return { answer: { ...base, ...reject('ID_CONFLICT', 'this command id belongs to another kiosk', 'id') }, pokes: [] };
      // A journal replay on a fresh stream still moves that stream forward.
      if (command.kioskSeq === lastSeq + 1) await this.#advance(tx, kioskId, streamId, command.kioskSeq);
      return { answer: { ...base, status: 'duplicate', original: known.answer }, pokes: [] };
    }
    if (command.kioskSeq <= lastSeq) {
      return { answer: { ...base, ...reject('SEQ_REUSED', `seq ${command.kioskSeq} was already used by another command on this stream`, 'kioskSeq') }, pokes: [] };
    }
    if (command.kioskSeq > lastSeq + 1) return { answer: { ...base, status: 'deferred', reason: 'SEQ_GAP', expectedSeq: lastSeq + 1 }, pokes: [] };

    const ctx: ApplyContext = { tx, kioskId, command, now: this.now(), pokes: [] };
    const outcome = 'status' in prepared ? prepared : await this.#apply(ctx, prepared);
    const answer: AppliedAnswer | RejectedAnswer = { ...base, ...outcome };
    await tx.query(
      `INSERT INTO commands (id, kiosk_id, stream_id, kiosk_seq, type, schema_version, outcome, answer, created_at_client, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
      [command.id, kioskId, streamId, command.kioskSeq, command.type, command.schemaVersion, answer.status, JSON.stringify(answer), command.createdAtClient ?? null, ctx.now.toISOString()],
    );
    await this.#advance(tx, kioskId, streamId, command.kioskSeq);
    return { answer, pokes: ctx.pokes };
  }

  async #advance(tx: SqlExecutor, kioskId: string, streamId: string, seq: number): Promise<void> {
    await tx.query('UPDATE kiosk_streams SET last_seq = $3 WHERE kiosk_id = $1 AND stream_id = $2', [kioskId, streamId, seq]);
  }

  async #apply(ctx: ApplyContext, prepared: Prepared): Promise<Outcome> {
    switch (prepared.key) {
      case 'application.submit@1':
        return this.#submitApplication(ctx, prepared.payload, prepared.applicant);
      case 'application.withdraw@1':
        return this.#withdraw(ctx, prepared.payload);
      case 'evaluation.submit@1':
        return this.#evaluate(ctx, prepared.payload);
      case 'consultation.feedback@1':
        return this.#feedback(ctx, prepared.payload);
    }
  }

  async #insertSubmission(ctx: ApplyContext, values: {
    id: string; kind: SubmissionRow['kind']; serviceCode: string | null; serviceName: string | null; acceptanceNumber: string | null;
    state: SubmissionRow['state']; sealed: unknown; applicantMasked: string | null; data: unknown; promisedBy: Date | null;
  }): Promise<Outcome> {
    const [exists] = await ctx.tx.query('SELECT 1 FROM submissions WHERE id = $1', [values.id]);
    if (exists !== undefined) return reject('DUPLICATE_SUBMISSION_ID', `a submission ${values.id} already exists under another command`);
    await ctx.tx.query(
      `INSERT INTO submissions (id, command_id, kiosk_id, kind, service_code, service_name, acceptance_number, state, status_version, sealed, applicant_masked, data, promised_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9::jsonb, $10, $11::jsonb, $12, $13, $13)`,
      [values.id, ctx.command.id, ctx.kioskId, values.kind, values.serviceCode, values.serviceName, values.acceptanceNumber, values.state,
        values.sealed === null ? null : JSON.stringify(values.sealed), values.applicantMasked, JSON.stringify(values.data),
        values.promisedBy?.toISOString() ?? null, ctx.now.toISOString()],
    );
    const { version } = await recordStatus(ctx.tx, values.id, ctx.now);
    ctx.pokes.push({ feed: 'status', version, kioskId: ctx.kioskId });
    return { status: 'applied', submissionId: values.id, acceptanceNumber: values.acceptanceNumber, statusVersion: 1 };
  }

  async #service(ctx: ApplyContext, code: string): Promise<ServiceItem | null> {
    const [row] = await ctx.tx.query<{ doc: ServiceItem }>(`SELECT doc FROM feed_entries WHERE feed = 'catalog' AND scope = '' AND id = $1 AND NOT deleted`, [code]);
    return row?.doc ?? null;
  }

  async #submitApplication(ctx: ApplyContext, payload: ApplicationSubmitV1, applicant: ApplicantPersonal): Promise<Outcome> {
    const service = await this.#service(ctx, payload.serviceCode);
    if (service === null) return reject('SERVICE_NOT_AVAILABLE', `service ${payload.serviceCode} is not published`, 'payload.serviceCode');
    if (!service.terminalCapable) return reject('SERVICE_NOT_TERMINAL_CAPABLE', `${service.name} cannot be applied for at a self-service terminal`, 'payload.serviceCode');
    const provided = new Set(payload.materials.filter((m) => m.provided).map((m) => m.name));
    const missing = service.materials.filter((m) => m.required && !provided.has(m.name)).map((m) => m.name);
    if (missing.length > 0) return reject('MATERIALS_INCOMPLETE', `required materials missing: ${missing.join('、')}`, 'payload.materials');
    return this.#insertSubmission(ctx, {
      id: payload.applicationId,
      kind: 'application',
      serviceCode: service.code,
      serviceName: service.name,
      acceptanceNumber: await nextAcceptanceNumber(ctx.tx, ctx.now),
      state: 'submitted',
      sealed: payload.personal,
      applicantMasked: maskName(applicant.name),
      data: { materials: payload.materials, form: payload.form, createdAtClient: ctx.command.createdAtClient ?? null },
      promisedBy: promisedDate(ctx.now, service.promisedTimeLimit),
    });
  }

  async #withdraw(ctx: ApplyContext, payload: ApplicationWithdrawV1): Promise<Outcome> {
    const [row] = await ctx.tx.query<SubmissionRow>(`SELECT * FROM submissions WHERE id = $1 AND kind = 'application' AND kiosk_id = $2 FOR UPDATE`, [payload.applicationId, ctx.kioskId]);
    if (row === undefined) return reject('APPLICATION_NOT_FOUND', `no application ${payload.applicationId} from this kiosk`, 'payload.applicationId');
    if (!WITHDRAWABLE.includes(row.state)) return reject('INVALID_STATE', `an application in state ${row.state} can no longer be withdrawn`, 'payload.applicationId');
    await ctx.tx.query('UPDATE submissions SET state = $2, status_version = status_version + 1, message = $3, updated_at = $4 WHERE id = $1', [row.id, 'withdrawn', `申请人撤回：${payload.reason}`, ctx.now.toISOString()]);
    const { row: updated, version } = await recordStatus(ctx.tx, row.id, ctx.now);
    ctx.pokes.push({ feed: 'status', version, kioskId: ctx.kioskId });
    return { status: 'applied', submissionId: row.id, acceptanceNumber: row.acceptance_number, statusVersion: updated.status_version };
  }

  async #evaluate(ctx: ApplyContext, payload: EvaluationSubmitV1): Promise<Outcome> {
    if (payload.level <= 2 && (payload.comment ?? '').trim() === '' && payload.tags.length === 0) {
      return reject('EVALUATION_REASON_REQUIRED', '差评 (level 1–2) needs a reason: tags or a comment', 'payload.comment');
    }
    const [service] = await ctx.tx.query<{ doc: ServiceItem | null }>(`SELECT doc FROM feed_entries WHERE feed = 'catalog' AND scope = '' AND id = $1`, [payload.serviceCode]);
    if (service === undefined) return reject('SERVICE_NOT_AVAILABLE', `unknown service ${payload.serviceCode}`, 'payload.serviceCode');
    if (payload.applicationId !== undefined) {
      const [app] = await ctx.tx.query(`SELECT 1 FROM submissions WHERE id = $1 AND kind = 'application'`, [payload.applicationId]);
      if (app === undefined) return reject('APPLICATION_NOT_FOUND', `no application ${payload.applicationId}`, 'payload.applicationId');
    }
    return this.#insertSubmission(ctx, {
      id: payload.evaluationId, kind: 'evaluation', serviceCode: payload.serviceCode, serviceName: service.doc?.name ?? null,
      acceptanceNumber: null, state: 'received', sealed: null, applicantMasked: null,
      data: { level: payload.level, tags: payload.tags, comment: payload.comment ?? null, applicationId: payload.applicationId ?? null }, promisedBy: null,
    });
  }

  async #feedback(ctx: ApplyContext, payload: ConsultationFeedbackV1): Promise<Outcome> {
    const [row] = await ctx.tx.query<{ doc: Consultation }>(`SELECT doc FROM feed_entries WHERE feed = 'consultations' AND scope = '' AND id = $1 AND NOT deleted`, [payload.consultationId]);
    const consultation = row?.doc;
    const nowMs = ctx.now.getTime();
    if (consultation === undefined || Date.parse(consultation.closesAt) <= nowMs || Date.parse(consultation.opensAt) > nowMs) {
      return reject('CONSULTATION_CLOSED', `consultation ${payload.consultationId} is not open`, 'payload.consultationId');
    }
    const answers = new Map(payload.answers.map((a) => [a.questionId, a]));
    for (const [index, answer] of payload.answers.entries()) {
      const question = consultation.questions.find((q) => q.id === answer.questionId);
      if (question === undefined) return reject('INVALID_PAYLOAD', `unknown question ${answer.questionId}`, `payload.answers.${index}.questionId`);
      const bad = (answer.choices ?? []).find((c) => !question.options.includes(c));
      if (bad !== undefined) return reject('INVALID_PAYLOAD', `"${bad}" is not an option of ${question.id}`, `payload.answers.${index}.choices`);
    }
    for (const question of consultation.questions) {
      const answer = answers.get(question.id);
      const empty = answer === undefined || ((answer.choices ?? []).length === 0 && (answer.text ?? '').trim() === '');
      if (question.required && empty) return reject('INVALID_PAYLOAD', `question ${question.id} must be answered`, 'payload.answers');
    }
    return this.#insertSubmission(ctx, {
      id: payload.feedbackId, kind: 'consultation_feedback', serviceCode: null, serviceName: consultation.title,
      acceptanceNumber: null, state: 'received', sealed: payload.contact ?? null, applicantMasked: null,
      data: { consultationId: payload.consultationId, answers: payload.answers }, promisedBy: null,
    });
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('08') || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '57014');
}
