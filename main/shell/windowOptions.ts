/**
 * The one BrowserWindow the kiosk opens, as plain data so its security settings are tested rather
 * than hoped for. Every hardening flag is set explicitly even where Electron's default already
 * agrees, so a default changing in an upgrade cannot loosen it silently.
 * Runtime: pure (no Electron); the shell passes the result to `new BrowserWindow`.
 */

export interface KioskWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly enableWebSQL: false;
  /** alert()/confirm() would block an unattended screen behind a dialog nobody can dismiss. */
  readonly disableDialogs: true;
  readonly spellcheck: false;
  readonly devTools: boolean;
  /** Voice guidance ("请将身份证放在感应区") must play before the first touch. */
  readonly autoplayPolicy: 'no-user-gesture-required';
}

export interface KioskWindowOptions {
  readonly title: string;
  readonly show: false;
  readonly kiosk: boolean;
  readonly fullscreen: boolean;
  readonly frame: boolean;
  readonly autoHideMenuBar: true;
  readonly backgroundColor: string;
  readonly width: number;
  readonly height: number;
  readonly webPreferences: KioskWebPreferences;
}

export interface WindowOptionsInput {
  /** `config.ui.kioskWindow`: full-screen kiosk window, or a normal window for development. */
  readonly kioskWindow: boolean;
  /** `app.isPackaged`: DevTools only exist in unpackaged (development) runs. */
  readonly packaged: boolean;
  /** Absolute path of the built preload (out/preload/index.cjs). */
  readonly preloadPath: string;
  readonly title?: string;
  /** Shown until the first paint; matches the renderer's background so there is no white flash. */
  readonly backgroundColor?: string;
}

export const DEFAULT_BACKGROUND = '#f4f7fb';

export function kioskWindowOptions(input: WindowOptionsInput): KioskWindowOptions {
  return {
    title: input.title ?? '政务服务自助终端',
    show: false, // shown on 'ready-to-show'
    kiosk: input.kioskWindow,
    fullscreen: input.kioskWindow,
    frame: !input.kioskWindow,
    autoHideMenuBar: true,
    backgroundColor: input.backgroundColor ?? DEFAULT_BACKGROUND,
    // Used only for the windowed development run: a portrait 1080×1920 kiosk at half size.
    width: 540,
    height: 960,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      enableWebSQL: false,
      disableDialogs: true,
      spellcheck: false,
      devTools: !input.packaged,
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}
