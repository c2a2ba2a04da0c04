import { describe, expect, it } from 'vitest';
import { createCrashRecovery } from './crashRecovery.ts';

function setup(overrides: { windowMs?: number; loopThreshold?: number; hangGraceMs?: number } = {}) {
  let now = 1_000_000;
  const recovery = createCrashRecovery({ now: () => now, ...overrides });
  return { recovery, advance: (ms: number) => (now += ms) };
}

describe('crash recovery ladder', () => {
  it('reloads after a single crash', () => {
    const { recovery } = setup();
    expect(recovery.onRenderProcessGone('crashed')).toEqual({ kind: 'reload' });
  });

  it('recreates the window when the reload did not help, then relaunches a crash loop', () => {
    const { recovery, advance } = setup();
    expect(recovery.onRenderProcessGone('crashed').kind).toBe('reload');
    advance(5_000);
    expect(recovery.onRenderProcessGone('crashed').kind).toBe('recreate-window');
    advance(5_000);
    expect(recovery.onRenderProcessGone('abnormal-exit').kind).toBe('relaunch');
  });

  it('does nothing more once a relaunch is under way', () => {
    const { recovery } = setup({ loopThreshold: 1 });
    expect(recovery.onRenderProcessGone('crashed').kind).toBe('relaunch');
    expect(recovery.onRenderProcessGone('crashed').kind).toBe('none');
    recovery.onUnresponsive();
    expect(recovery.checkHang().kind).toBe('none');
  });

  it.each(['oom', 'launch-failed', 'integrity-failure'])('goes straight to a fresh window after %s', (reason) => {
    const { recovery } = setup();
    expect(recovery.onRenderProcessGone(reason).kind).toBe('recreate-window');
  });

  it('forgets crashes older than the window: occasional crashes over a day only ever reload', () => {
    const { recovery, advance } = setup({ windowMs: 60_000 });
    for (let i = 0; i < 24; i += 1) {
      expect(recovery.onRenderProcessGone('crashed').kind).toBe('reload');
      advance(60 * 60_000);
    }
    expect(recovery.recentCrashes()).toHaveLength(0);
  });

  it('counts a crash exactly at the window edge as old', () => {
    const { recovery, advance } = setup({ windowMs: 60_000 });
    recovery.onRenderProcessGone('crashed');
    advance(60_000);
    expect(recovery.onRenderProcessGone('crashed').kind).toBe('reload');
  });

  it('treats an unknown future reason like a crash', () => {
    const { recovery } = setup();
    expect(recovery.onRenderProcessGone('some-new-reason').kind).toBe('reload');
  });
});

describe('hang detection', () => {
  it('kills a page that stays unresponsive past the grace period', () => {
    const { recovery, advance } = setup({ hangGraceMs: 10_000 });
    recovery.onUnresponsive();
    advance(9_999);
    expect(recovery.checkHang().kind).toBe('none');
    advance(1);
    expect(recovery.checkHang().kind).toBe('kill-renderer');
    expect(recovery.checkHang().kind).toBe('none'); // only once
  });

  it('does not kill a page that recovered in time', () => {
    const { recovery, advance } = setup({ hangGraceMs: 10_000 });
    recovery.onUnresponsive();
    advance(5_000);
    recovery.onResponsive();
    advance(20_000);
    expect(recovery.checkHang().kind).toBe('none');
  });

  it('measures from the first unresponsive event, not the latest', () => {
    const { recovery, advance } = setup({ hangGraceMs: 10_000 });
    recovery.onUnresponsive();
    advance(6_000);
    recovery.onUnresponsive();
    advance(4_000);
    expect(recovery.checkHang().kind).toBe('kill-renderer');
  });

  it('the kill then goes through the ladder like any crash', () => {
    const { recovery, advance } = setup({ hangGraceMs: 1_000 });
    recovery.onUnresponsive();
    advance(1_000);
    expect(recovery.checkHang().kind).toBe('kill-renderer');
    expect(recovery.onRenderProcessGone('killed').kind).toBe('reload');
  });
});
