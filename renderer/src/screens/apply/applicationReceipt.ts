/**
 * The resident's paper receipt as data (printer.print). Personal values go as `personal` lines so
 * the host masks them whatever we pass; a reprint, which no longer has the full values, uses the
 * already-masked display fields. The QR code carries only the local receipt code. Runtime: pure.
 */
import type { ReceiptInput } from '../../../../contract/devices.ts';
import type { SubmitReceipt } from '../../../../sync/engine/submit.ts';
import type { Strings } from '../../i18n/index.ts';
import { shortDateTime } from '../progress/shortTime.ts';

export type ReceiptApplicant =
  | { readonly kind: 'full'; readonly name: string; readonly idNumber: string; readonly phone: string }
  | { readonly kind: 'masked'; readonly name?: string; readonly idNumber?: string; readonly phone?: string };

export const RECEIPT_QR_PREFIX = 'KIOSK-RECEIPT:';

export function applicationReceipt(
  strings: Strings,
  input: Readonly<{ serviceName: string; hallName?: string; applicant: ReceiptApplicant; receipt: Pick<SubmitReceipt, 'receiptCode' | 'createdAt'> }>,
): ReceiptInput {
  const words = strings.apply;
  const { applicant } = input;
  const lines: ReceiptInput['lines'] = [{ kind: 'field', label: words.service, value: input.serviceName.slice(0, 200) }];
  if (applicant.kind === 'full') {
    lines.push(
      { kind: 'personal', label: words.applicant, personal: 'name', value: applicant.name },
      { kind: 'personal', label: words.idNumber, personal: 'idNumber', value: applicant.idNumber },
      { kind: 'personal', label: words.phone, personal: 'phone', value: applicant.phone },
    );
  } else {
    if (applicant.name !== undefined) lines.push({ kind: 'field', label: words.applicant, value: applicant.name });
    if (applicant.idNumber !== undefined) lines.push({ kind: 'field', label: words.idNumber, value: applicant.idNumber });
    if (applicant.phone !== undefined) lines.push({ kind: 'field', label: words.phone, value: applicant.phone });
  }
  lines.push(
    { kind: 'field', label: words.submittedAt, value: shortDateTime(input.receipt.createdAt) },
    { kind: 'separator' },
    { kind: 'emphasis', text: `${words.receiptCode}：${input.receipt.receiptCode}`, align: 'center' },
    { kind: 'text', text: words.receiptStatus, align: 'center' },
  );
  return {
    title: words.receiptTitle,
    ...(input.hallName === undefined ? {} : { subtitle: input.hallName.slice(0, 60) }),
    lines,
    qr: { payload: `${RECEIPT_QR_PREFIX}${input.receipt.receiptCode}`, caption: words.receiptQrCaption },
    footer: [words.receiptFooterProgress, words.receiptFooterHotline],
  };
}
