/**
 * When a kiosk has been left alone: after `idleMs` without a touch the resident is asked whether they
 * are still there; `warnMs` later the session ends (home screen, sign-out, personal data cleared).
 * A pure state machine with an injected clock, so tests need not wait.
 */
import type { EngineClock } from '../../../sync/engine/clock.ts';

export type IdlePhase = 'active' | 'warning' | 'reset';

export interface IdleTimer {
  /** A touch, a key, a pointer: the resident is here. */
  activity(): void;
  readonly phase: IdlePhase;
  /** When the current warning ends, epoch ms; undefined unless warning. */
  readonly resetAt: number | undefined;
  dispose(): void;
}

export function createIdleTimer(options: {
  idleMs: number;
  warnMs: number;
  clock: EngineClock;
  onPhase: (phase: IdlePhase) => void;
}): IdleTimer {
  const { idleMs, warnMs, clock, onPhase } = options;
  let phase: IdlePhase = 'active';
  let resetAt: number | undefined;
  let cancel: () => void = () => undefined;
  const after = (ms: number, fn: () => void): (() => void) => clock.schedule(ms, fn).cancel;

  function enter(next: IdlePhase): void {
    phase = next;
    onPhase(next);
  }

  function armIdle(): void {
    cancel();
    resetAt = undefined;
    cancel = after(idleMs, () => {
      resetAt = clock.now() + warnMs;
      enter('warning');
      cancel = after(warnMs, () => {
        resetAt = undefined;
        enter('reset');
        // After a reset the kiosk is fresh: count again from now.
        phase = 'active';
        armIdle();
      });
    });
  }

  armIdle();
  return {
    activity() {
      const wasWarning = phase === 'warning';
      phase = 'active';
      armIdle();
      if (wasWarning) onPhase('active');
    },
    get phase() {
      return phase;
    },
    get resetAt() {
      return resetAt;
    },
    dispose() {
      cancel();
    },
  };
}
