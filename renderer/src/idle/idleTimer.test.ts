import { describe, expect, it } from 'vitest';
import { createIdleTimer, type IdleClock, type IdlePhase } from './idleTimer.ts';

function manualClock(): IdleClock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return () => (timers = timers.filter((t) => t.id !== id));
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers = timers.filter((t) => t.id !== due.id);
        now = due.at;
        due.fn();
      }
      now = end;
    },
  };
}

describe('idle timer', () => {
  it('warns after the idle time, then resets, then starts counting again', () => {
    const clock = manualClock();
    const phases: IdlePhase[] = [];
    const timer = createIdleTimer({ idleMs: 120_000, warnMs: 15_000, clock, onPhase: (p) => phases.push(p) });
    clock.advance(119_999);
    expect(phases).toEqual([]);
    clock.advance(1);
    expect(phases).toEqual(['warning']);
    expect(timer.resetAt).toBe(135_000);
    clock.advance(15_000);
    expect(phases).toEqual(['warning', 'reset']);
    expect(timer.phase).toBe('active');
    clock.advance(120_000);
    expect(phases).toEqual(['warning', 'reset', 'warning']);
  });

  it('a touch during the warning keeps the session', () => {
    const clock = manualClock();
    const phases: IdlePhase[] = [];
    const timer = createIdleTimer({ idleMs: 1_000, warnMs: 500, clock, onPhase: (p) => phases.push(p) });
    clock.advance(1_200);
    timer.activity();
    clock.advance(800);
    expect(phases).toEqual(['warning', 'active']);
    clock.advance(300);
    expect(phases).toEqual(['warning', 'active', 'warning']);
  });

  it('activity keeps pushing the deadline away; dispose stops everything', () => {
    const clock = manualClock();
    const phases: IdlePhase[] = [];
    const timer = createIdleTimer({ idleMs: 1_000, warnMs: 500, clock, onPhase: (p) => phases.push(p) });
    for (let i = 0; i < 10; i++) {
      clock.advance(900);
      timer.activity();
    }
    expect(phases).toEqual([]);
    timer.dispose();
    clock.advance(10_000);
    expect(phases).toEqual([]);
  });
});
