/** Starts the app (loaded by main.tsx after the first frame): harden the surface, find window.kiosk, mount the app (or a fatal notice); the database and sync engine load after it. */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { FatalScreen } from './components/FatalScreen.tsx';
import { getKiosk } from './kiosk/index.ts';
import { hardenKioskSurface } from './kioskSurface.ts';
import { readStoredMode } from './state/displayMode.tsx';
import { applyDisplayMode } from './styles/tokens.ts';
import type { KioskSyncParts } from './sync/KioskSync.tsx';

hardenKioskSurface();
applyDisplayMode(readStoredMode(window.localStorage));

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');

let app: ReactNode;
try {
  const kiosk = getKiosk();
  // One database and one sync engine for the app's lifetime, loaded in their own chunk once the
  // first screen is up (the home screen needs neither).
  const loadSync = async (): Promise<KioskSyncParts> => {
    const [{ HallKioskDB }, { createKioskSyncEngine }] = await Promise.all([import('./db/database.ts'), import('./sync/index.ts')]);
    const db = new HallKioskDB();
    return { db, engine: createKioskSyncEngine(db, kiosk) };
  };
  app = <App kiosk={kiosk} loadSync={loadSync} />;
} catch (error) {
  console.error('no kiosk API', error);
  app = <FatalScreen />;
}
createRoot(container).render(<StrictMode>{app}</StrictMode>);
