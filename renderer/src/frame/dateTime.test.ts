import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { formatDateTime } from './dateTime.ts';

describe('formatDateTime', () => {
  it('shows China time in Chinese whatever the machine zone is', () => {
    // 11:40 UTC is 19:40 in Beijing, a Monday.
    expect(formatDateTime(zhCN, new Date('2026-11-23T11:40:00Z'))).toBe('2026年11月23日 星期一 19:40');
  });

  it('rolls over to the next day in China before UTC does', () => {
    expect(formatDateTime(zhCN, new Date('2026-12-31T16:05:00Z'))).toBe('2027年1月1日 星期五 00:05');
  });

  it('follows the language', () => {
    expect(formatDateTime(en, new Date('2026-11-23T11:40:00Z'))).toBe('Monday 23/11/2026 19:40');
  });

  it('can use another zone when a deployment needs it', () => {
    expect(formatDateTime(zhCN, new Date('2026-11-23T11:40:00Z'), 'UTC')).toBe('2026年11月23日 星期一 11:40');
  });
});
