/** Renderer entry: harden the surface, find window.kiosk, create the local database and sync engine, mount the app (or a fatal notice). */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { FatalScreen } from './components/FatalScreen.tsx';
import { HallKioskDB } from './db/database.ts';
import { getKiosk } from './kiosk/index.ts';
import { hardenKioskSurface } from './kioskSurface.ts';
import { readStoredMode } from './state/displayMode.tsx';
import { applyDisplayMode } from './styles/tokens.ts';
import { createKioskSyncEngine } from './sync/index.ts';
import './styles/global.css';

hardenKioskSurface();
applyDisplayMode(readStoredMode(window.localStorage));

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');

let app: ReactNode;
try {
  const kiosk = getKiosk();
  // One database and one sync engine for the app's lifetime; Dexie opens on first use.
  const db = new HallKioskDB();
  app = <App kiosk={kiosk} sync={{ db, engine: createKioskSyncEngine(db, kiosk) }} />;
} catch (error) {
  console.error('no kiosk API', error);
  app = <FatalScreen />;
}
createRoot(container).render(<StrictMode>{app}</StrictMode>);
