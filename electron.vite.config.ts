/**
 * electron-vite build: three bundles into out/{main,preload,renderer}.
 * - main: ESM (package.json "type": "module"; "main": "./out/main/index.js"); dependencies such as
 *   serialport/node-hid/zod stay external and load from node_modules (native addons cannot be bundled).
 * - preload: ONE CommonJS file with everything inlined: a sandboxed preload can be neither ESM nor
 *   require anything but Electron's renderer modules.
 * - renderer: relative asset paths (`base: './'`), because the same build is served from app://kiosk/
 *   by Electron and from a plain HTTP server by the browser host.
 * Targets are set explicitly: electron-vite 6.0.0's table stops at Electron 44 and would guess for 45.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;
/** Electron 45 ships Node 24 and Chromium 142+; lower bounds only decide which syntax gets down-levelled. */
const NODE_TARGET = 'node24';
const CHROME_TARGET = 'chrome140';

export default defineConfig({
  main: {
    build: {
      target: NODE_TARGET,
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: { index: resolve(root, 'main/shell/index.main.ts') },
      },
    },
  },
  preload: {
    build: {
      target: NODE_TARGET,
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      target: CHROME_TARGET,
      // Minified: the initial JS budget is 250 KB gzipped (npm run bench reports it).
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
