/**
 * Electron main-process entry: the thin shell. Glue only — every decision it applies (window
 * options, URL trust, CSP, the app:// file mapping, permissions, crash recovery, IPC sender
 * checks) lives in a pure, tested module beside it. The service host behind `window.kiosk` is
 * the same plain-Node one the browser host uses.
 * Runtime: Electron main process (built to out/main/index.js).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, session, type Session, type WebContents } from 'electron';
import { bootstrapHost } from '../host/bootstrap.ts';
import type { LoadedConfig } from '../host/config.ts';
import { createLogger } from '../host/logger.ts';
import type { ServiceHost } from '../host/serviceHost.ts';
import { serveAppRequest } from './appProtocol.ts';
import { createCrashRecovery, type RecoveryAction } from './crashRecovery.ts';
import { developmentCsp, productionCsp } from './csp.ts';
import { attachIpcTransport, type IpcTransport } from './ipcTransport.main.ts';
import { DENY_ALL, decideDevicePermission, decidePermissionCheck, decidePermissionRequest, describePermissionRefusal } from './permissions.ts';
import { APP_INDEX_URL, APP_SCHEME, isTrustedUrl, originForLog } from './trustedUrl.ts';
import { kioskWindowOptions } from './windowOptions.ts';

const here = path.dirname(fileURLToPath(import.meta.url)); // out/main
const PRELOAD_PATH = path.join(here, '..', 'preload', 'index.cjs');
const RENDERER_ROOT = path.join(here, '..', 'renderer');

const logger = createLogger({ module: 'shell', minLevel: app.isPackaged ? 'info' : 'debug' });
/** Set by `electron-vite dev` only; a packaged app always loads app://kiosk. */
const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const devOrigin = devUrl !== undefined && devUrl !== '' ? new URL(devUrl).origin : undefined;
const permissionPolicy = { ...DENY_ALL, devOrigin };

// Before 'ready': `standard` gives the origin IndexedDB/localStorage; `secure` makes it a secure context.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.commandLine.appendSwitch('disable-pinch');
app.commandLine.appendSwitch('overscroll-history-navigation', '0');
app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

if (app.isPackaged && (app.commandLine.hasSwitch('remote-debugging-port') || app.commandLine.hasSwitch('remote-debugging-pipe'))) {
  // Fuses cannot turn this Chromium switch off; a production kiosk must not be remotely debuggable.
  logger.error('refusing to start: remote debugging switch present in a packaged build');
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  logger.info('another instance is running; exiting');
  app.quit();
} else {
  start().catch((error: unknown) => {
    logger.error('start-up failed', { error: error instanceof Error ? error.message : String(error) });
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null); // removes reload/devtools/zoom accelerators

  // The same start-up as the browser host: config, logger, service host.
  const { host, loaded } = await bootstrapHost({ transport: 'electron-ipc', appDataDir: app.getPath('userData'), logger: logger.child('host') });

  const platformUrl = loaded.config.platform.url;
  const csp = productionCsp({ platformUrl });
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await serveAppRequest({ method: request.method, url: request.url }, { rendererRoot: RENDERER_ROOT, csp });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
  lockDownSession(session.defaultSession, devUrl !== undefined ? developmentCsp({ devServerUrl: devUrl, platformUrl }) : undefined);

  const transport = attachIpcTransport({ ipcMain, host, logger: logger.child('ipc'), devOrigin });
  const windows = createWindowKeeper(loaded, transport);
  windows.open();

  app.on('second-instance', () => windows.focus());
  app.on('before-quit', () => windows.allowClose());
  app.on('window-all-closed', () => app.quit());
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    // Wait (at most 3 s) for the host: it stops the embedded platform, whose database is on disk.
    event.preventDefault();
    void shutdown(host, transport).finally(() => {
      stopped = true;
      app.quit();
    });
  });
}

async function shutdown(host: ServiceHost, transport: IpcTransport): Promise<void> {
  transport.dispose();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, 3_000)));
  await Promise.race([host.dispose().catch((error: unknown) => logger.warn('host dispose failed', { error: String(error) })), deadline]);
  clearTimeout(timer);
}

/** Owns the kiosk window: creates it, keeps it closed only on purpose, recovers it after crashes. */
function createWindowKeeper(loaded: LoadedConfig, transport: IpcTransport) {
  const recovery = createCrashRecovery({ now: () => Date.now() });
  const kioskWindow = loaded.config.ui.kioskWindow;
  let current: BrowserWindow | undefined;
  let closing = false;

  function open(): BrowserWindow {
    const win = new BrowserWindow(kioskWindowOptions({ kioskWindow, packaged: app.isPackaged, preloadPath: PRELOAD_PATH }));
    current = win;
    const contents = win.webContents;
    transport.attach(contents);
    win.once('ready-to-show', () => win.show());
    win.on('close', (event) => {
      if (kioskWindow && !closing) event.preventDefault(); // Alt+F4 does not end a kiosk
    });
    contents.on('render-process-gone', (_event, details) => {
      transport.reset(contents); // the page's role and session die with it
      const action = recovery.onRenderProcessGone(details.reason);
      logger.error('renderer gone', { reason: details.reason, exitCode: details.exitCode, action: action.kind });
      apply(action, win);
    });
    contents.on('unresponsive', () => {
      recovery.onUnresponsive();
      setTimeout(() => apply(recovery.checkHang(), win), recovery.hangGraceMs);
    });
    contents.on('responsive', () => recovery.onResponsive());
    win.loadURL(devUrl ?? APP_INDEX_URL).catch((error: unknown) => logger.error('page failed to load', { error: String(error) }));
    return win;
  }

  function apply(action: RecoveryAction, win: BrowserWindow): void {
    if (win.isDestroyed() && action.kind !== 'relaunch') return;
    switch (action.kind) {
      case 'none':
        return;
      case 'reload':
        win.webContents.reload();
        return;
      case 'kill-renderer':
        win.webContents.forcefullyCrashRenderer();
        return;
      case 'recreate-window':
        open(); // first, so 'window-all-closed' never fires in between
        win.destroy();
        return;
      case 'relaunch':
        app.relaunch();
        app.exit(0);
        return;
    }
  }

  return {
    open,
    focus() {
      if (current === undefined || current.isDestroyed()) return;
      if (current.isMinimized()) current.restore();
      current.focus();
    },
    allowClose() {
      closing = true;
    },
  };
}

/** Every webContents, whoever creates it: no navigation away, no new windows, no <webview>. */
function lockDownWebContents(contents: WebContents): void {
  const blockUntrusted = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isTrustedUrl(event.url, devOrigin)) return;
    event.preventDefault();
    logger.warn('navigation blocked', { kind, origin: originForLog(event.url) });
  };
  contents.on('will-navigate', blockUntrusted('will-navigate'));
  contents.on('will-frame-navigate', blockUntrusted('will-frame-navigate'));
  contents.on('will-redirect', blockUntrusted('will-redirect'));
  contents.setWindowOpenHandler((details) => {
    logger.warn('window.open blocked', { origin: originForLog(details.url) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Deny every web permission and device chooser; devices are driven from the main process. */
function lockDownSession(ses: Session, devCsp: string | undefined): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = decidePermissionRequest(permission, details.requestingUrl, permissionPolicy);
    if (!allowed) logger.warn('permission refused', describePermissionRefusal(permission, details.requestingUrl));
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => decidePermissionCheck(permission, requestingOrigin, permissionPolicy));
  ses.setDevicePermissionHandler(() => decideDevicePermission());
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  if (devCsp !== undefined) {
    // Development pages come from the Vite server, not app://, so the CSP is added to its responses.
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [devCsp] } });
    });
  }
}
