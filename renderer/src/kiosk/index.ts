/**
 * Where the renderer gets `window.kiosk`: from the Electron preload when it exposed one, otherwise
 * from the browser host's WebSocket using the secret the host injected into index.html.
 * The rest of the renderer only ever sees `KioskApi` and cannot tell which transport it is on.
 */
import type { KioskApi } from '../../../contract/index.ts';
import { WS_PATH, WS_SECRET_META } from '../../../contract/wsProtocol.ts';
import { createWsKiosk } from './wsClient.ts';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

let instance: KioskApi | undefined;

export function getKiosk(): KioskApi {
  if (instance !== undefined) return instance;
  if (window.kiosk !== undefined) {
    instance = window.kiosk;
    return instance;
  }
  const secret = document.querySelector<HTMLMetaElement>(`meta[name="${WS_SECRET_META}"]`)?.content;
  if (secret === undefined || secret === '') {
    throw new Error('No kiosk API: not in Electron and no browser-host secret in the page.');
  }
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
  instance = createWsKiosk({ url, secret });
  return instance;
}

/** For tests: use a fake API. */
export function setKioskForTests(api: KioskApi | undefined): void {
  instance = api;
}
