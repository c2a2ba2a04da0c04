/**
 * The preload: exposes exactly one frozen object, `window.kiosk`. Never `ipcRenderer` itself, and
 * listeners get the payload only. Bundled to one CommonJS file because sandboxed preloads can
 * neither be ESM nor require anything but Electron's renderer modules.
 */
import { contextBridge, ipcRenderer, webFrame } from 'electron';
import { kioskApiFromIpc } from './kioskApiFromIpc.ts';

const api = kioskApiFromIpc({
  invoke: (channel, arg) => ipcRenderer.invoke(channel, arg),
  subscribe: (channel, listener) => {
    ipcRenderer.on(channel, (_event, message: unknown) => listener(message));
  },
});

contextBridge.exposeInMainWorld('kiosk', api);
// No pinch zoom on the touch screen (off by default in Electron; belt and braces).
webFrame.setVisualZoomLevelLimits(1, 1);
