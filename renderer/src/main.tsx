/** Renderer entry: harden the surface, find window.kiosk, mount the app (or a fatal notice). */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { FatalScreen } from './components/FatalScreen.tsx';
import { getKiosk } from './kiosk/index.ts';
import { hardenKioskSurface } from './kioskSurface.ts';
import { readStoredMode } from './state/displayMode.tsx';
import { applyDisplayMode } from './styles/tokens.ts';
import './styles/global.css';

hardenKioskSurface();
applyDisplayMode(readStoredMode(window.localStorage));

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');

let app: ReactNode;
try {
  app = <App kiosk={getKiosk()} />;
} catch (error) {
  console.error('no kiosk API', error);
  app = <FatalScreen />;
}
createRoot(container).render(<StrictMode>{app}</StrictMode>);
