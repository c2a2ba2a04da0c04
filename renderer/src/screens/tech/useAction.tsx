/**
 * One technician action (a button) and its outcome: running, done with a value, or failed with the
 * host's error. The outcome is shown next to the button that caused it, never swallowed.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { KioskError, Result } from '../../../../contract/index.ts';
import { useStrings } from '../../i18n/index.ts';
import { failedActionText } from './deviceText.ts';

export type ActionState<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'running' }
  | { readonly state: 'ok'; readonly value: T }
  | { readonly state: 'failed'; readonly error: KioskError };

export interface Action<T> {
  readonly outcome: ActionState<T>;
  readonly running: boolean;
  /** Starts the action unless it is already running; resolves with its result. */
  readonly run: () => Promise<Result<T> | undefined>;
}

export function useAction<T>(perform: () => Promise<Result<T>>): Action<T> {
  const [outcome, setOutcome] = useState<ActionState<T>>({ state: 'idle' });
  const mounted = useRef(true);
  const running = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async () => {
    if (running.current) return undefined; // a second tap while the first runs does nothing
    running.current = true;
    setOutcome({ state: 'running' });
    try {
      const result = await perform();
      if (mounted.current) setOutcome(result.ok ? { state: 'ok', value: result.value } : { state: 'failed', error: result.error });
      return result;
    } finally {
      running.current = false;
    }
  }, [perform]);

  return { outcome, running: outcome.state === 'running', run };
}

/**
 * The line under an action: 正在执行…, what it returned (rendered by the caller), or the Chinese
 * error text for its code plus the technical detail, as an alert.
 */
export function ActionOutcome<T>({
  action,
  label,
  children,
}: {
  action: Action<T>;
  label: string;
  children?: (value: T) => ReactNode;
}): ReactNode {
  const strings = useStrings();
  const { outcome } = action;
  switch (outcome.state) {
    case 'idle':
      return null;
    case 'running':
      return (
        <p className="action-outcome action-outcome--running" role="status">
          {label}：{strings.devices.running}
        </p>
      );
    case 'ok':
      return children === undefined ? null : <div className="action-outcome action-outcome--ok">{children(outcome.value)}</div>;
    case 'failed':
      return (
        <p className="action-outcome action-outcome--failed" role="alert">
          {failedActionText(strings, label, outcome.error)}
        </p>
      );
  }
}
