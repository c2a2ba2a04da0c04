/**
 * A receipt described as data. Personal data is masked BEFORE it becomes part of a receipt: a
 * `PersonalValue` can only be made by the `personal.*` helpers below, which run the house masking
 * rules from contract/privacy.ts — so raw ID numbers, names, phones or addresses cannot be passed as
 * a field value by accident. Plain strings are still run through `maskPersonalDataInText` by the
 * renderer as a last line of defence (it catches ID and mobile numbers, not names).
 * Runtime: pure.
 */
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../contract/privacy.ts';
import type { Align } from './escposCommands.ts';

declare const personalBrand: unique symbol;

/** A masked piece of personal data. Build it with `personal.idNumber(raw)` etc., never by hand. */
export type PersonalValue = Readonly<{
  kind: 'personal';
  /** The masked text that is printed, e.g. `341502********1234`. */
  masked: string;
  [personalBrand]: true;
}>;

function personalValue(masked: string): PersonalValue {
  return Object.freeze({ kind: 'personal', masked }) as PersonalValue;
}

export const personal = {
  idNumber: (raw: string): PersonalValue => personalValue(maskIdNumber(raw)),
  name: (raw: string): PersonalValue => personalValue(maskName(raw)),
  phone: (raw: string): PersonalValue => personalValue(maskPhone(raw)),
  address: (raw: string): PersonalValue => personalValue(maskAddress(raw)),
} as const;

export type ReceiptLine =
  /** `办理事项          户籍证明`: label left, value right; wraps under the label when too long. */
  | { kind: 'field'; label: string; value: string | PersonalValue }
  /** Plain text, wrapped to the paper width. */
  | { kind: 'text'; text: string; align?: Align }
  /** Bold text; `large` doubles width and height (queue numbers). */
  | { kind: 'emphasis'; text: string; large?: boolean; align?: Align }
  | { kind: 'separator'; char?: '-' | '=' | '*' }
  | { kind: 'blank' };

export interface Receipt {
  title: string;
  subtitle?: string;
  lines: ReceiptLine[];
  /** Printable-ASCII payload (URL, ticket id); the caption may be Chinese. */
  qr?: { payload: string; caption?: string };
  footer?: string[];
}

export function isPersonalValue(value: unknown): value is PersonalValue {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'personal';
}
