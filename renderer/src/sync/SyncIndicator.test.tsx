import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { err } from '../../../contract/result.ts';
import { ManualClock } from '../../../sync/engine/clock.ts';
import type { SyncState } from '../../../sync/engine/syncState.ts';
import { App } from '../App.tsx';
import { zhCN } from '../i18n/zh-CN.ts';
import { createFakeKiosk, FAKE_INFO } from '../test/fakeKiosk.ts';
import { syncIndicatorOf } from './indicator.ts';
import { serviceItems, testSync } from './testing.ts';

const base: SyncState = { level: 'green', oldestPendingAgeMs: null, pending: 0, rejected: 0, feeds: [], revoked: false, lastError: null, storage: { usage: null, quota: null, persisted: null } };

describe('syncIndicatorOf', () => {
  it.each([
    ['nothing pending', base, 'green', '已同步'],
    ['a fresh submission in flight', { ...base, pending: 1, oldestPendingAgeMs: 5_000 }, 'green', '正在上传'],
    ['waiting over the amber threshold', { ...base, level: 'amber', pending: 3, oldestPendingAgeMs: 5 * 60_000 }, 'amber', '待上传 3 件'],
    ['waiting over the red threshold', { ...base, level: 'red', pending: 2, oldestPendingAgeMs: 3_600_000 }, 'red', '上传滞后'],
    ['a rejected command', { ...base, level: 'red', rejected: 1 }, 'red', '同步异常'],
    ['a revoked kiosk', { ...base, level: 'red', revoked: true }, 'red', '同步异常'],
  ] as const)('%s → %s %s', (_name, state, level, words) => {
    const view = syncIndicatorOf(state, zhCN);
    expect(view.level).toBe(level);
    expect(view.words).toBe(words);
  });

  it('says it is starting before the engine has read its database', () => {
    expect(syncIndicatorOf(null, zhCN)).toMatchObject({ level: 'starting', words: zhCN.sync.starting });
  });
});

describe('the status bar sync light', () => {
  beforeEach(() => {
    window.location.hash = '';
  });
  afterEach(cleanup);

  it('follows the age of an undelivered submission: green, then amber after 2 minutes, red after 30, with words', async () => {
    const kiosk = createFakeKiosk();
    kiosk.handle('sync.push', () => err('PLATFORM_UNREACHABLE', 'platform down'));
    const clock = new ManualClock(Date.parse('2026-03-02T02:00:00Z'));
    const sync = await testSync(kiosk, { clock });
    render(<App kiosk={kiosk} sync={sync} />);
    await screen.findByText(FAKE_INFO.hallName, { selector: '.status-bar__hall' });
    const light = (): HTMLElement => document.querySelector<HTMLElement>('[data-sync-level]') ?? document.body;
    await act(async () => {
      await sync.engine.idle();
    });
    expect(light().dataset['syncLevel']).toBe('green');
    expect(light().textContent).toBe('已同步');

    const [item] = serviceItems(1, true);
    const submitted = await act(() =>
      sync.engine.submit({ type: 'application.submit', serviceCode: item?.code ?? '', materials: [], form: {}, applicant: { name: '张三明', idNumber: '341502199001011234', phone: '13800001234' } }),
    );
    expect(submitted.ok).toBe(true);
    await act(async () => {
      await sync.engine.idle();
    });
    expect(light().dataset['syncLevel']).toBe('green');
    expect(light().textContent).toBe('正在上传');

    await act(async () => {
      clock.advance(3 * 60_000);
      await sync.engine.refreshState();
    });
    expect(light().dataset['syncLevel']).toBe('amber');
    expect(light().textContent).toBe('待上传 1 件');
    expect(light().getAttribute('aria-label')).toBe('数据同步：待上传 1 件');

    await act(async () => {
      clock.advance(30 * 60_000);
      await sync.engine.refreshState();
    });
    expect(light().dataset['syncLevel']).toBe('red');
    expect(light().textContent).toBe('上传滞后');
    sync.engine.stop();
    await sync.engine.idle();
  });
});
