/**
 * The technician's 打印测试页: shows at a glance that Chinese text, bold, double size, alignment,
 * the QR code and the cutter all work, and which kiosk printed it when.
 * Runtime: pure.
 */
import type { Receipt } from './receipt.ts';

export interface TestPageInfo {
  kioskName: string;
  hall: string;
  /** Kiosk id, goes into the QR payload (ASCII). */
  kioskId: string;
  printedAt: Date;
  /** IANA zone for the printed time; the halls are in China. */
  timeZone?: string;
}

export const TEST_PAGE_CHINESE_LINE = '中文打印测试：六安市政务服务中心';

export function testPageReceipt(info: TestPageInfo): Receipt {
  const time = formatLocalTime(info.printedAt, info.timeZone ?? 'Asia/Shanghai');
  const qrPayload = `KIOSK-TEST:${asciiOnly(info.kioskId)}:${info.printedAt.getTime()}`;
  return {
    title: '打印测试页',
    subtitle: info.kioskName,
    lines: [
      { kind: 'field', label: '终端', value: info.kioskName },
      { kind: 'field', label: '大厅', value: info.hall },
      { kind: 'field', label: '时间', value: time },
      { kind: 'separator' },
      { kind: 'text', text: TEST_PAGE_CHINESE_LINE },
      { kind: 'text', text: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789' },
      { kind: 'emphasis', text: '粗体：请确认字迹清晰' },
      { kind: 'emphasis', text: 'A023', large: true },
      { kind: 'text', text: '居中对齐', align: 'center' },
      { kind: 'text', text: '右对齐', align: 'right' },
      { kind: 'separator', char: '=' },
    ],
    qr: { payload: qrPayload, caption: '请用手机扫码，确认二维码可识别' },
    footer: ['字迹清晰、二维码可扫、切纸整齐即为正常'],
  };
}

/** `2025-03-08 14:05:09` in the given zone. */
export function formatLocalTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

function asciiOnly(text: string): string {
  return text.replace(/[^\x21-\x7e]/g, '_');
}
