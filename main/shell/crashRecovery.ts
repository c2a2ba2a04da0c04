/**
 * What to do when the page dies. Electron leaves a blank window after its renderer process is
 * gone, which on an unattended kiosk means a dead screen until someone notices. The ladder:
 * first crash → reload; another soon after (or an out-of-memory/launch failure) → throw the window
 * away and make a new one; a crash loop → relaunch the whole app (an external supervisor —
 * systemd `Restart=always`, Windows Shell Launcher — covers a loop across relaunches).
 * A page that stays unresponsive is killed so the same ladder applies.
 * Runtime: pure (injectable clock, no Electron).
 */

/** Electron's `RenderProcessGoneDetails.reason`, plus anything newer as a string. */
export type GoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction'
  | (string & {});

export type RecoveryAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'reload' }
  | { readonly kind: 'recreate-window' }
  | { readonly kind: 'relaunch' }
  /** Call `webContents.forcefullyCrashRenderer()`; the resulting gone event goes through the ladder. */
  | { readonly kind: 'kill-renderer' };

export interface CrashRecoveryOptions {
  /** Milliseconds since some epoch; injectable for tests. */
  readonly now: () => number;
  /** How far back crashes count towards a loop. */
  readonly windowMs?: number;
  /** This many crashes inside `windowMs` is a loop. */
  readonly loopThreshold?: number;
  /** How long a page may stay unresponsive before it is killed. */
  readonly hangGraceMs?: number;
}

export interface CrashRecovery {
  onRenderProcessGone(reason: GoneReason): RecoveryAction;
  onUnresponsive(): void;
  onResponsive(): void;
  /** Call `hangGraceMs` after `onUnresponsive` (and periodically, if you like). */
  checkHang(): RecoveryAction;
  readonly hangGraceMs: number;
  /** Crash times still inside the window, oldest first (for diagnostics). */
  recentCrashes(): readonly number[];
}

/** Reasons after which the same renderer is unlikely to come back on a reload. */
const FRESH_WINDOW_REASONS: ReadonlySet<string> = new Set(['oom', 'launch-failed', 'integrity-failure']);

export function createCrashRecovery(options: CrashRecoveryOptions): CrashRecovery {
  const windowMs = options.windowMs ?? 60_000;
  const loopThreshold = options.loopThreshold ?? 3;
  const hangGraceMs = options.hangGraceMs ?? 15_000;
  let crashes: number[] = [];
  let unresponsiveSince: number | undefined;
  let relaunching = false;

  function prune(now: number): void {
    crashes = crashes.filter((t) => now - t < windowMs);
  }

  return {
    hangGraceMs,
    onRenderProcessGone(reason) {
      if (relaunching) return { kind: 'none' };
      const now = options.now();
      unresponsiveSince = undefined;
      prune(now);
      crashes.push(now);
      if (crashes.length >= loopThreshold) {
        relaunching = true;
        return { kind: 'relaunch' };
      }
      if (crashes.length >= 2 || FRESH_WINDOW_REASONS.has(reason)) return { kind: 'recreate-window' };
      return { kind: 'reload' };
    },
    onUnresponsive() {
      unresponsiveSince ??= options.now();
    },
    onResponsive() {
      unresponsiveSince = undefined;
    },
    checkHang() {
      if (relaunching || unresponsiveSince === undefined) return { kind: 'none' };
      if (options.now() - unresponsiveSince < hangGraceMs) return { kind: 'none' };
      unresponsiveSince = undefined;
      return { kind: 'kill-renderer' };
    },
    recentCrashes() {
      prune(options.now());
      return [...crashes];
    },
  };
}
