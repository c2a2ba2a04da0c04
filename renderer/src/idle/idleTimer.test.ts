import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../sync/engine/clock.ts';
import { createIdleTimer, type IdlePhase } from './idleTimer.ts';

describe('idle timer', () => {
  it('warns after the idle time, then resets, then starts counting again', () => {
    const clock = new ManualClock(0);
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
    const clock = new ManualClock(0);
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
    const clock = new ManualClock(0);
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
