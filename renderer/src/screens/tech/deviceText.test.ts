import { describe, expect, it } from 'vitest';
import { zhCN } from '../../i18n/zh-CN.ts';
import { failedActionText, printerConditionWords, relativeTime } from './deviceText.ts';

describe('relativeTime', () => {
  const now = Date.parse('2025-03-08T06:00:00Z');
  const ago = (ms: number): string => new Date(now - ms).toISOString();
  it.each([
    [1_000, '刚刚'],
    [12_000, '12秒前'],
    [3 * 60_000 + 59_000, '3分钟前'],
    [2 * 3_600_000, '2小时前'],
    [5 * 86_400_000, '5天前'],
    [-30_000, '刚刚'],
  ])('%i ms ago reads %s', (ms, expected) => {
    expect(relativeTime(zhCN, ago(ms), now)).toBe(expected);
  });
  it('never contacted reads 从未', () => {
    expect(relativeTime(zhCN, null, now)).toBe('从未');
  });
});

describe('failedActionText', () => {
  it('puts the plain words for the code first, then the code and the host message', () => {
    expect(failedActionText(zhCN, '打印测试页', { code: 'COVER_OPEN', message: 'cover sensor' })).toBe(
      `打印测试页失败：${zhCN.errors.COVER_OPEN}（COVER_OPEN：cover sensor）`,
    );
  });
  it('an unknown code falls back to the general words, keeping the code for the technician', () => {
    expect(failedActionText(zhCN, '自检', { code: 'sam-fault', message: 'SAM 0x41' })).toBe(`自检失败：${zhCN.errorFallback}（sam-fault：SAM 0x41）`);
  });
});

describe('printerConditionWords', () => {
  const normal = { online: true, coverOpen: false, paperEnd: false, paperNearEnd: false, error: false };
  it.each([
    [normal, '正常'],
    [{ ...normal, online: false, paperEnd: true, paperNearEnd: true, error: true }, '缺纸、纸将尽'],
    [{ ...normal, online: false, coverOpen: true, error: true }, '纸仓盖打开'],
    [{ ...normal, online: false }, '脱机'],
    [{ ...normal, paperNearEnd: true }, '纸将尽'],
    [{ ...normal, error: true }, '故障'],
  ])('%o reads %s', (view, expected) => {
    expect(printerConditionWords(zhCN, view)).toBe(expected);
  });
});
