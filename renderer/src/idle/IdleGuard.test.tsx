import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { zhCN } from '../i18n/zh-CN.ts';
import { createFakeKiosk, FAKE_INFO } from '../test/fakeKiosk.ts';
import { IDLE_WARNING_MS, SESSION_END_EVENT } from './IdleGuard.tsx';

const IDLE_SECONDS = 60;

beforeEach(() => {
  window.location.hash = '';
  window.localStorage.clear();
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function openTechnicianScreen() {
  const kiosk = createFakeKiosk({ info: { ...FAKE_INFO, idleResetSeconds: IDLE_SECONDS } });
  render(<App kiosk={kiosk} />);
  await screen.findByText(FAKE_INFO.hallName, { selector: '.status-bar__hall' });
  act(() => {
    window.location.hash = '#/tech';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  await screen.findByRole('heading', { name: zhCN.tech.signInTitle });
  return kiosk;
}

describe('idle reset', () => {
  it('asks 您还在办理吗？ after the configured time, then returns home and ends the session', async () => {
    const kiosk = await openTechnicianScreen();
    const ended = vi.fn();
    window.addEventListener(SESSION_END_EVENT, ended);
    await act(async () => vi.advanceTimersByTimeAsync(IDLE_SECONDS * 1000));
    expect(screen.getByRole('alertdialog', { name: zhCN.idle.title })).toBeTruthy();
    await act(async () => vi.advanceTimersByTimeAsync(IDLE_WARNING_MS));
    expect(window.location.hash).toBe('#/');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(ended).toHaveBeenCalledOnce();
    expect(kiosk.callsOf('session.signOut').length).toBe(1);
    window.removeEventListener(SESSION_END_EVENT, ended);
  });

  it('a touch during the prompt keeps the resident where they were', async () => {
    await openTechnicianScreen();
    await act(async () => vi.advanceTimersByTimeAsync(IDLE_SECONDS * 1000));
    // The touch itself is the answer: the prompt closes on pointerdown.
    fireEvent.pointerDown(screen.getByRole('button', { name: zhCN.idle.continue }));
    await act(async () => vi.advanceTimersByTimeAsync(IDLE_WARNING_MS + 1000));
    expect(window.location.hash).toBe('#/tech');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('on the home screen with nobody signed in there is nothing to interrupt', async () => {
    const kiosk = createFakeKiosk({ info: { ...FAKE_INFO, idleResetSeconds: IDLE_SECONDS } });
    render(<App kiosk={kiosk} />);
    await screen.findByText(FAKE_INFO.hallName, { selector: '.status-bar__hall' });
    await act(async () => vi.advanceTimersByTimeAsync(IDLE_SECONDS * 1000 + 1000));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
