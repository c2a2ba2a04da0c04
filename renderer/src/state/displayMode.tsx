/**
 * 标准版 / 长辈版. One tap switches; the choice is kept in localStorage so the kiosk stays in the mode
 * the hall last used, and written to <html> (data-mode + CSS variables) so every screen follows.
 */
import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { applyDisplayMode, MODES, type DisplayMode } from '../styles/tokens.ts';

export const DISPLAY_MODE_KEY = 'kiosk.displayMode';

export function readStoredMode(storage: Pick<Storage, 'getItem'> | undefined): DisplayMode {
  try {
    const value = storage?.getItem(DISPLAY_MODE_KEY);
    return (MODES as readonly string[]).includes(value ?? '') ? (value as DisplayMode) : 'standard';
  } catch {
    return 'standard'; // storage disabled or full: the mode still works for this page
  }
}

function storeMode(mode: DisplayMode): void {
  try {
    window.localStorage.setItem(DISPLAY_MODE_KEY, mode);
  } catch {
    // not persisted; nothing a resident can do about it
  }
}

interface DisplayModeValue {
  readonly mode: DisplayMode;
  readonly toggle: () => void;
}

const DisplayModeContext = createContext<DisplayModeValue>({ mode: 'standard', toggle: () => undefined });

export function DisplayModeProvider({ children }: { children: ReactNode }): ReactNode {
  // No window when the build prerenders the first frame (scripts/prerender-shell.tsx).
  const [mode, setMode] = useState<DisplayMode>(() => (typeof window === 'undefined' ? 'standard' : readStoredMode(window.localStorage)));

  // Layout effect: the page must never paint one frame in the wrong size.
  useLayoutEffect(() => {
    applyDisplayMode(mode);
  }, [mode]);

  const toggle = useCallback(() => {
    setMode((current) => {
      const next = current === 'elder' ? 'standard' : 'elder';
      storeMode(next);
      return next;
    });
  }, []);

  const value = useMemo(() => ({ mode, toggle }), [mode, toggle]);
  return <DisplayModeContext.Provider value={value}>{children}</DisplayModeContext.Provider>;
}

export function useDisplayMode(): DisplayModeValue {
  return useContext(DisplayModeContext);
}
