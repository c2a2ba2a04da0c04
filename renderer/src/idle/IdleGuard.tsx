/**
 * Ends a resident's (or a signed-in staff member's) session when the kiosk is left alone: after the
 * configured idle time a large prompt asks 您还在办理吗？ with a countdown; without an answer the
 * screen returns home, any staff/technician sign-in ends, and screens holding personal data are told
 * to drop it (SESSION_END_EVENT). On the home screen with nobody signed in there is nothing to end.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { format, useStrings } from '../i18n/index.ts';
import { navigate, useRoute } from '../router/useRoute.ts';
import { useKioskState } from '../state/kioskState.tsx';
import { systemClock } from '../../../sync/engine/clock.ts';
import { createIdleTimer, type IdleTimer } from './idleTimer.ts';

/** Dispatched on window when a session ends; screens with personal data in state clear it. */
export const SESSION_END_EVENT = 'kiosk:session-end';
/** How long the "are you still there?" prompt waits. */
export const IDLE_WARNING_MS = 15_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

export function IdleGuard(): ReactNode {
  const strings = useStrings();
  const { kiosk, info, session } = useKioskState();
  const route = useRoute();
  const [warning, setWarning] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const timer = useRef<IdleTimer | undefined>(undefined);
  const sessionInUse = route !== 'home' || (session !== undefined && session.role !== 'resident');
  const inUse = useRef(sessionInUse);
  useEffect(() => {
    inUse.current = sessionInUse;
  }, [sessionInUse]);
  const idleMs = (info?.idleResetSeconds ?? 120) * 1000;

  useEffect(() => {
    const idle = createIdleTimer({
      idleMs,
      warnMs: IDLE_WARNING_MS,
      clock: systemClock,
      onPhase(phase) {
        if (phase === 'warning') setWarning(inUse.current);
        else setWarning(false);
        if (phase === 'reset' && inUse.current) {
          window.dispatchEvent(new Event(SESSION_END_EVENT));
          navigate('home');
          void kiosk.call('session.signOut', {});
        }
      },
    });
    timer.current = idle;
    const onActivity = (): void => idle.activity();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      idle.dispose();
    };
  }, [idleMs, kiosk]);

  useEffect(() => {
    if (!warning) return;
    const tick = (): void => setSecondsLeft(Math.max(0, Math.ceil(((timer.current?.resetAt ?? Date.now()) - Date.now()) / 1000)));
    tick();
    const id = window.setInterval(tick, 250);
    return () => window.clearInterval(id);
  }, [warning]);

  if (!warning) return null;
  return (
    <div className="idle-overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
      <div className="idle-dialog">
        <h2 id="idle-title">{strings.idle.title}</h2>
        <p id="idle-text">{format(strings.idle.countdown, { seconds: secondsLeft })}</p>
        {/* Any touch counts as activity; the button just gives the touch an obvious place. */}
        <button type="button" className="button button--primary idle-continue" onClick={() => setWarning(false)}>
          {strings.idle.continue}
        </button>
      </div>
    </div>
  );
}
