/**
 * The submit step: fetch the card holder once (idCard.holder), hand the full fields straight to the
 * engine (which seals them before anything reaches IndexedDB), print the receipt, and let the
 * holder go out of scope. A failed print never undoes the submission. Runtime: pure (browser).
 */
import type { ErrorCode, KioskApi, MethodOutput, Result } from '../../../../contract/index.ts';
import type { SyncEngine } from '../../../../sync/engine/engine.ts';
import type { SubmitReceipt } from '../../../../sync/engine/submit.ts';
import type { Strings } from '../../i18n/index.ts';
import { applicationReceipt } from './applicationReceipt.ts';
import type { ChosenService } from './applyFlow.ts';

export interface ApplicationRequest {
  readonly service: ChosenService;
  readonly readingToken: string;
  readonly phone: string;
  /** Materials the resident declared provided. */
  readonly provided: readonly string[];
  readonly hallName?: string;
}

export type SubmitStep =
  | { readonly ok: true; readonly receipt: SubmitReceipt; readonly printed: Result<MethodOutput<'printer.print'>> }
  | { readonly ok: false; readonly stage: 'holder' | 'submit'; readonly code: ErrorCode };

function materialsOf(service: ChosenService, provided: readonly string[]): { name: string; provided: boolean }[] {
  return service.materials.map((m) => ({ name: m.name, provided: provided.includes(m.name) }));
}

export async function submitApplication(deps: Readonly<{ kiosk: KioskApi; engine: SyncEngine; strings: Strings }>, request: ApplicationRequest): Promise<SubmitStep> {
  const holder = await deps.kiosk.call('idCard.holder', { readingToken: request.readingToken });
  if (!holder.ok) return { ok: false, stage: 'holder', code: holder.error.code };
  const { name, idNumber, address } = holder.value;
  const submitted = await deps.engine.submit({
    type: 'application.submit',
    serviceCode: request.service.code,
    serviceName: request.service.name,
    materials: materialsOf(request.service, request.provided),
    form: { channel: '自助终端' },
    applicant: { name, idNumber, phone: request.phone, ...(address === undefined || address === '' ? {} : { address: address.slice(0, 200) }) },
  });
  if (!submitted.ok) return { ok: false, stage: 'submit', code: submitted.error.code };
  const receipt = applicationReceipt(deps.strings, {
    serviceName: request.service.name,
    ...(request.hallName === undefined ? {} : { hallName: request.hallName }),
    applicant: { kind: 'full', name, idNumber, phone: request.phone },
    receipt: submitted.value,
  });
  const printed = await deps.kiosk.call('printer.print', { receipt });
  return { ok: true, receipt: submitted.value, printed };
}
