#!/usr/bin/env node
// Starts Electron on the built app (`electron .`). Electron 45's npm package downloads its binary
// the first time `require('electron')` runs, which cannot work on machines without internet; so
// this script finds the binary the same way that package does, but never triggers a download. No
// binary → a clear message and exit code 3 (the browser host runs the same kiosk without Electron).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXIT_NO_ELECTRON = 3;
const EXIT_NOT_BUILT = 2;
const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the Electron binary would be, or undefined when the package itself is missing. */
function electronBinaryPath(env) {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  return relative === '' ? undefined : path.join(packageDir, 'dist', relative);
}

const binary = electronBinaryPath(process.env);
if (binary === undefined || !existsSync(binary)) {
  process.stderr.write(
    [
      '',
      '本机没有 Electron 可执行文件（无法联网下载），因此不能以桌面窗口启动自助终端。',
      '请改用浏览器宿主运行同一套自助终端界面：  npm run start:web',
      '（在可联网或已提供 Electron 的机器上：npx install-electron，或设置 ELECTRON_OVERRIDE_DIST_PATH 指向 Electron 目录。）',
      '',
      'This machine has no Electron binary (it cannot be downloaded here), so the kiosk cannot start as a desktop window.',
      'Run the same kiosk in the browser host instead:  npm run start:web',
      '(On a machine that has Electron: npx install-electron, or set ELECTRON_OVERRIDE_DIST_PATH to an Electron folder.)',
      binary === undefined ? '' : `Looked for: ${binary}`,
      '',
    ].join('\n'),
  );
  process.exit(EXIT_NO_ELECTRON);
}

if (!existsSync(path.join(appRoot, 'out', 'main', 'index.js'))) {
  process.stderr.write('应用尚未构建 / The app is not built yet: run `npm run build` (or `npm start`, which builds first).\n');
  process.exit(EXIT_NOT_BUILT);
}

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE; // would make the binary a plain Node and ignore the app
const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: appRoot, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  process.stderr.write(`Electron could not be started: ${error.message}\n`);
  process.exit(EXIT_NO_ELECTRON);
});
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
