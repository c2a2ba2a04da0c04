/**
 * A big on-screen numeric keypad (no OS keyboard on a kiosk): 1–9, 删除, 0, 确定. A physical
 * keyboard, if a technician plugs one in, works too.
 */
import { useEffect, type ReactNode } from 'react';
import { format, useStrings } from '../i18n/index.ts';

interface Props {
  readonly onDigit: (digit: string) => void;
  readonly onDelete: () => void;
  readonly onConfirm: () => void;
  readonly confirmDisabled: boolean;
  readonly disabled?: boolean;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export function Keypad({ onDigit, onDelete, onConfirm, confirmDisabled, disabled = false }: Props): ReactNode {
  const strings = useStrings();

  useEffect(() => {
    if (disabled) return;
    const onKey = (event: KeyboardEvent): void => {
      if (/^\d$/.test(event.key)) onDigit(event.key);
      else if (event.key === 'Backspace') onDelete();
      else if (event.key === 'Enter' && !confirmDisabled) onConfirm();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onDigit, onDelete, onConfirm, confirmDisabled, disabled]);

  const digit = (d: string): ReactNode => (
    <button
      key={d}
      type="button"
      className="key"
      disabled={disabled}
      aria-label={format(strings.tech.digitLabel, { digit: d })}
      onClick={() => onDigit(d)}
    >
      {d}
    </button>
  );

  return (
    <div className="keypad">
      {DIGITS.map(digit)}
      <button type="button" className="key key--action" disabled={disabled} onClick={onDelete}>
        {strings.tech.delete}
      </button>
      {digit('0')}
      <button type="button" className="key key--confirm" disabled={disabled || confirmDisabled} onClick={onConfirm}>
        {strings.tech.confirm}
      </button>
    </div>
  );
}
