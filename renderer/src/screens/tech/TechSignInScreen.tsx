/**
 * Technician sign-in with a PIN on the on-screen keypad. The host checks the PIN and counts
 * failures (LOCKED_OUT); this screen only collects digits, masks them and shows the outcome.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { Keypad } from '../../components/Keypad.tsx';
import { errorText, format, useStrings } from '../../i18n/index.ts';
import { navigate } from '../../router/useRoute.ts';
import { useKioskState } from '../../state/kioskState.tsx';

export const PIN_MIN = 4;
export const PIN_MAX = 12;

export function TechSignInScreen(): ReactNode {
  const strings = useStrings();
  const { kiosk, updateSession } = useKioskState();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const addDigit = useCallback((digit: string) => {
    setError(undefined);
    setPin((current) => (current.length < PIN_MAX ? current + digit : current));
  }, []);
  const deleteDigit = useCallback(() => setPin((current) => current.slice(0, -1)), []);

  const confirm = useCallback(() => {
    if (busy || pin.length < PIN_MIN) return;
    setBusy(true);
    setPin(''); // the digits leave the screen at once, whatever the answer
    void kiosk.call('session.signIn', { role: 'technician', pin }).then((result) => {
      setBusy(false);
      if (result.ok) {
        updateSession(result.value);
        navigate('techDiagnostics');
      } else {
        setError(errorText(strings, result.error));
      }
    });
  }, [busy, pin, kiosk, updateSession, strings]);

  const exit = (): void => {
    setPin('');
    void kiosk.call('session.signOut', {});
    navigate('home');
  };

  return (
    <section className="tech-sign-in" aria-labelledby="tech-sign-in-title">
      <h1 id="tech-sign-in-title">{strings.tech.signInTitle}</h1>
      <p>{busy ? strings.tech.signingIn : strings.tech.pinPrompt}</p>
      <div className="pin-dots" role="img" aria-label={format(strings.tech.pinLabel, { count: pin.length })}>
        {Array.from({ length: Math.max(PIN_MIN, pin.length) }, (_, i) => (
          <span key={i} className={i < pin.length ? 'pin-dot pin-dot--filled' : 'pin-dot'} />
        ))}
      </div>
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
      <Keypad
        onDigit={addDigit}
        onDelete={deleteDigit}
        onConfirm={confirm}
        confirmDisabled={pin.length < PIN_MIN}
        disabled={busy}
      />
      <button type="button" className="button button--secondary" onClick={exit}>
        {strings.tech.exit}
      </button>
    </section>
  );
}
