/**
 * Turning what a resident entered into a submission row + an outbox command, written together.
 * Personal fields are sealed to the platform key HERE, before anything reaches IndexedDB: the
 * outbox holds only the envelope, the submission row only masked display fields. Every payload is
 * validated with the protocol schema of its command first, so a bad form is refused at the kiosk
 * (with the field) instead of being rejected by the platform hours later. Runtime: pure.
 */
import { maskIdNumber, maskName, maskPhone } from '../../contract/privacy.ts';
import { err, ok, type Result } from '../../contract/result.ts';
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import type { SubmissionDisplay, SubmissionRecord } from '../../renderer/src/db/records.ts';
import { enqueueCommand } from '../../renderer/src/db/submissions.ts';
import {
  ApplicantPersonal,
  COMMAND_PAYLOADS,
  commandKey,
  ContactPersonal,
  type ApplicationSubmitV1,
  type ConsultationFeedbackV1,
} from '../protocol/commands.ts';
import type { SubmissionKind } from '../protocol/feeds.ts';
import { seal, type EcPublicJwk } from '../protocol/sealed.ts';

export type SubmitInput =
  | Readonly<{
      type: 'application.submit';
      serviceCode: string;
      serviceName?: string;
      materials: ApplicationSubmitV1['materials'];
      form: Record<string, string>;
      /** Plaintext; sealed before storage, never stored as is. */
      applicant: ApplicantPersonal;
    }>
  | Readonly<{ type: 'evaluation.submit'; serviceCode: string; serviceName?: string; level: number; tags: string[]; comment?: string; applicationId?: string }>
  | Readonly<{ type: 'consultation.feedback'; consultationId: string; title?: string; answers: ConsultationFeedbackV1['answers']; contact?: ContactPersonal }>
  | Readonly<{ type: 'application.withdraw'; applicationId: string; reason: string }>;

/** What the resident's receipt shows before the platform answers. */
export type SubmitReceipt = Readonly<{
  submissionId: string;
  commandId: string;
  seq: number;
  /** Short local code derived from the command id, printable on the receipt. */
  receiptCode: string;
  createdAt: string;
}>;

export type SubmitDeps = Readonly<{
  db: HallKioskDB;
  newId: () => string;
  now: () => number;
  /** The platform key, or null when it is not known yet. */
  platformKey: () => Promise<EcPublicJwk | null>;
}>;

type Built = { payload: unknown; submission: { id: string; kind: SubmissionKind; display: SubmissionDisplay } | null; submissionId: string };

const SCHEMA_VERSION = 1;

async function build(input: SubmitInput, deps: SubmitDeps): Promise<Result<Built>> {
  const needKey = async (): Promise<Result<EcPublicJwk>> => {
    const key = await deps.platformKey();
    return key === null
      ? err('PLATFORM_UNREACHABLE', 'the platform key is not known yet (the kiosk has never reached the platform): personal data cannot be stored safely')
      : ok(key);
  };
  switch (input.type) {
    case 'application.submit': {
      const applicant = ApplicantPersonal.safeParse(input.applicant);
      if (!applicant.success) return err('INVALID_ARGUMENT', applicant.error.issues[0]?.message ?? 'invalid applicant', `applicant.${applicant.error.issues[0]?.path.join('.') ?? ''}`);
      const key = await needKey();
      if (!key.ok) return key;
      const id = deps.newId();
      const a = applicant.data;
      return ok({
        payload: { applicationId: id, serviceCode: input.serviceCode, materials: input.materials, form: input.form, personal: await seal(key.value, a) },
        submissionId: id,
        submission: {
          id,
          kind: 'application',
          display: { applicantName: maskName(a.name), idNumber: maskIdNumber(a.idNumber), phone: maskPhone(a.phone), serviceCode: input.serviceCode, ...(input.serviceName === undefined ? {} : { serviceName: input.serviceName }) },
        },
      });
    }
    case 'evaluation.submit': {
      const id = deps.newId();
      const { type: _type, serviceName, ...rest } = input;
      return ok({
        payload: { evaluationId: id, ...rest },
        submissionId: id,
        submission: { id, kind: 'evaluation', display: { serviceCode: input.serviceCode, ...(serviceName === undefined ? {} : { serviceName }) } },
      });
    }
    case 'consultation.feedback': {
      const id = deps.newId();
      let contact: unknown;
      const display: SubmissionDisplay = { ...(input.title === undefined ? {} : { title: input.title }) };
      if (input.contact !== undefined) {
        const parsed = ContactPersonal.safeParse(input.contact);
        if (!parsed.success) return err('INVALID_ARGUMENT', parsed.error.issues[0]?.message ?? 'invalid contact', `contact.${parsed.error.issues[0]?.path.join('.') ?? ''}`);
        const key = await needKey();
        if (!key.ok) return key;
        contact = await seal(key.value, parsed.data);
        if (parsed.data.name !== undefined) Object.assign(display, { applicantName: maskName(parsed.data.name) });
        if (parsed.data.phone !== undefined) Object.assign(display, { phone: maskPhone(parsed.data.phone) });
      }
      return ok({
        payload: { feedbackId: id, consultationId: input.consultationId, answers: input.answers, ...(contact === undefined ? {} : { contact }) },
        submissionId: id,
        submission: { id, kind: 'consultation_feedback', display },
      });
    }
    case 'application.withdraw':
      return ok({ payload: { applicationId: input.applicationId, reason: input.reason }, submissionId: input.applicationId, submission: null });
  }
}

export async function submit(input: SubmitInput, deps: SubmitDeps): Promise<Result<SubmitReceipt>> {
  const built = await build(input, deps);
  if (!built.ok) return built;
  const key = commandKey(input.type, SCHEMA_VERSION) as keyof typeof COMMAND_PAYLOADS;
  const schema = COMMAND_PAYLOADS[key];
  const checked = schema.safeParse(built.value.payload);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return err('INVALID_ARGUMENT', `${input.type}: ${issue?.message ?? 'invalid'}`, issue?.path.join('.') ?? '');
  }
  const commandId = deps.newId();
  const createdAt = new Date(deps.now()).toISOString();
  const s = built.value.submission;
  const submission: SubmissionRecord | undefined =
    s === null
      ? undefined
      : { id: s.id, kind: s.kind, commandId, createdAt, updatedAt: createdAt, state: 'queued', acceptanceNumber: null, statusVersion: 0, stateLabel: null, statusMessage: null, display: s.display, rejection: null };
  try {
    const { command } = await enqueueCommand(
      deps.db,
      { id: commandId, type: input.type, schemaVersion: SCHEMA_VERSION, payload: checked.data, submissionId: built.value.submissionId, createdAt },
      submission,
    );
    return ok({ submissionId: built.value.submissionId, commandId, seq: command.seq, receiptCode: commandId.replace(/-/g, '').slice(-8).toUpperCase(), createdAt });
  } catch (error) {
    // IndexedDB refused the write (quota, closed database …): nothing was stored.
    return err('INTERNAL', `the submission could not be stored: ${error instanceof Error ? error.name : 'error'}`);
  }
}
