/**
 * SW3 status codes of the SAM protocol (research id-card-reader.md §3) and the typed failures the
 * ID-card driver reports. Every failure carries a Chinese text for the technician screen, an
 * English text for logs, and the contract error code the service layer passes on.
 * Runtime: pure.
 */
import type { ErrorCode, KioskError } from '../../contract/result.ts';

export const SW3_SUCCESS = 0x90;
export const SW3_FIND_SUCCESS = 0x9f;
export const SW3_NO_CONTENT = 0x91;
export const SW3_NO_CARD = 0x80;

/**
 * What a failure means for the caller:
 * - no-card: the normal answer to find-card while nothing lies on the reader
 * - card: this card could not be read (re-place it / try again)
 * - sam: the reader's security module is broken or unauthorised (technician)
 * - protocol: the reader refused our frame (host bug or line noise; resend once)
 */
export type SamStatusClass = 'ok' | 'no-card' | 'no-content' | 'card' | 'sam' | 'protocol';

export interface SamStatusInfo {
  readonly sw3: number;
  readonly zh: string;
  readonly en: string;
  readonly class: SamStatusClass;
}

const STATUS_ROWS: readonly SamStatusInfo[] = [
  { sw3: 0x90, zh: '操作成功', en: 'success', class: 'ok' },
  { sw3: 0x9f, zh: '寻找证/卡成功', en: 'card found', class: 'ok' },
  { sw3: 0x91, zh: '证/卡中此项无内容', en: 'no content for this item', class: 'no-content' },
  { sw3: 0x10, zh: '接收数据校验和错', en: 'reader received a bad checksum', class: 'protocol' },
  { sw3: 0x11, zh: '接收数据长度错', en: 'reader received a bad length', class: 'protocol' },
  { sw3: 0x21, zh: '接收数据命令错', en: 'reader rejected the command or parameter', class: 'protocol' },
  { sw3: 0x23, zh: '越权操作', en: 'operation not permitted', class: 'protocol' },
  { sw3: 0x24, zh: '无法识别的错误', en: 'unrecognised reader error', class: 'sam' },
  { sw3: 0x31, zh: '证/卡认证SAM失败', en: 'card failed to authenticate the SAM', class: 'card' },
  { sw3: 0x32, zh: 'SAM认证证/卡失败', en: 'SAM failed to authenticate the card', class: 'card' },
  { sw3: 0x33, zh: '信息验证错误', en: 'card data verification error', class: 'card' },
  { sw3: 0x34, zh: '尚未找卡，不能进行对卡的操作', en: 'no card found yet (select/read before find)', class: 'card' },
  { sw3: 0x37, zh: '指纹信息验证错误', en: 'fingerprint data verification error', class: 'card' },
  { sw3: 0x3f, zh: '信息长度错误', en: 'card data length error', class: 'card' },
  { sw3: 0x40, zh: '无法识别的卡类型', en: 'unknown or wrong card type', class: 'card' },
  { sw3: 0x41, zh: '读证/卡操作失败', en: 'card read failed', class: 'card' },
  { sw3: 0x47, zh: '取随机数失败', en: 'get-challenge failed', class: 'card' },
  { sw3: 0x50, zh: '写卡操作失败', en: 'card write failed', class: 'card' },
  { sw3: 0x60, zh: 'SAM自检失败，不能接收命令', en: 'SAM self-test failed', class: 'sam' },
  { sw3: 0x61, zh: '用户登录失败', en: 'user login failed', class: 'sam' },
  { sw3: 0x66, zh: 'SAM未经授权', en: 'SAM not authorised', class: 'sam' },
  { sw3: 0x80, zh: '寻找证/卡失败（无卡）', en: 'no card on the reader', class: 'no-card' },
  { sw3: 0x81, zh: '选取证/卡失败', en: 'card select failed', class: 'card' },
];

export const SAM_STATUS_TABLE: ReadonlyMap<number, SamStatusInfo> = new Map(STATUS_ROWS.map((r) => [r.sw3, r]));

export function samStatusInfo(sw3: number): SamStatusInfo {
  return (
    SAM_STATUS_TABLE.get(sw3) ?? {
      sw3,
      zh: `未知状态码 0x${hex2(sw3)}`,
      en: `unknown status 0x${hex2(sw3)}`,
      class: 'sam',
    }
  );
}

/** Every way an ID-card operation can fail, one kind per thing a caller would handle differently. */
export type IdCardErrorKind =
  /** find-card said 0x80: nothing (new) on the reader. */
  | 'no-card'
  /** The reader answered with an error status about the card (0x31–0x41, 0x81…). */
  | 'card-rejected'
  /** 0x91: the card has no such item (e.g. no appended address). */
  | 'no-content'
  /** SAM self-test / authorisation failures (0x60, 0x66, 0x24…): needs a technician. */
  | 'sam-fault'
  /** The reader refused our frame (0x10/0x11/0x21/0x23). */
  | 'command-rejected'
  /** Bytes arrived but not as a valid frame (bad checksum, lengths that do not add up). */
  | 'bad-frame'
  | 'timeout'
  | 'link-closed'
  /** The frame was fine but the card text is not a valid card (ID number check digit, birth date…). */
  | 'invalid-card-data';

export interface IdCardError {
  readonly kind: IdCardErrorKind;
  /** SW3 when the reader itself reported the failure. */
  readonly sw3?: number;
  readonly zh: string;
  readonly en: string;
  /** True when simply trying again (same card, next poll) may succeed. */
  readonly retryable: boolean;
}

export type IdCardResult<T> = { ok: true; value: T } | { ok: false; error: IdCardError };

export function idCardError(kind: IdCardErrorKind, zh: string, en: string, sw3?: number): IdCardError {
  const retryable = kind !== 'sam-fault' && kind !== 'invalid-card-data' && kind !== 'link-closed';
  return sw3 === undefined ? { kind, zh, en, retryable } : { kind, sw3, zh, en, retryable };
}

/** The typed failure for a non-success SW3. */
export function errorForStatus(sw3: number): IdCardError {
  const info = samStatusInfo(sw3);
  const kind: IdCardErrorKind =
    info.class === 'no-card'
      ? 'no-card'
      : info.class === 'no-content'
        ? 'no-content'
        : info.class === 'protocol'
          ? 'command-rejected'
          : info.class === 'sam'
            ? 'sam-fault'
            : 'card-rejected';
  return idCardError(kind, `读卡器返回 0x${hex2(sw3)}：${info.zh}`, `reader status 0x${hex2(sw3)}: ${info.en}`, sw3);
}

const CONTRACT_CODES: Record<IdCardErrorKind, ErrorCode> = {
  'no-card': 'NO_CARD',
  'card-rejected': 'CARD_READ_FAILED',
  'no-content': 'NOT_FOUND',
  'sam-fault': 'DEVICE_ERROR',
  'command-rejected': 'DEVICE_ERROR',
  'bad-frame': 'CARD_READ_FAILED',
  timeout: 'TIMEOUT',
  'link-closed': 'DEVICE_OFFLINE',
  'invalid-card-data': 'CARD_DATA_INVALID',
};

/** For the service layer: the contract error (Chinese first, English after, as the logs want both). */
export function toKioskError(error: IdCardError): KioskError {
  return { code: CONTRACT_CODES[error.kind], message: `${error.zh} (${error.en})` };
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
