import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.join(import.meta.dirname, 'start-electron.mjs');
const temp = mkdtempSync(path.join(os.tmpdir(), 'start-electron-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function run(scriptPath: string, env: Record<string, string | undefined>) {
  const merged: Record<string, string | undefined> = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: undefined, ...env };
  const clean = Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined));
  return spawnSync(process.execPath, [scriptPath, '--flag-for-app'], { env: clean, encoding: 'utf8', timeout: 15_000 });
}

/** A throw-away app folder with the script, a fake `electron` package (path.txt + dist/) and, optionally, a build. */
function fakeApp(name: string, { built }: { built: boolean }) {
  const app = path.join(temp, name);
  mkdirSync(path.join(app, 'scripts'), { recursive: true });
  copyFileSync(script, path.join(app, 'scripts', 'start-electron.mjs'));
  const electronDir = path.join(app, 'node_modules', 'electron');
  mkdirSync(path.join(electronDir, 'dist'), { recursive: true });
  writeFileSync(path.join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.0.0', main: 'index.js' }));
  writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
  const binary = path.join(electronDir, 'dist', 'electron');
  writeFileSync(binary, '#!/bin/sh\necho "cwd=$(pwd) args=$* runAsNode=${ELECTRON_RUN_AS_NODE:-unset}"\nexit 7\n');
  chmodSync(binary, 0o755);
  if (built) {
    mkdirSync(path.join(app, 'out', 'main'), { recursive: true });
    writeFileSync(path.join(app, 'out', 'main', 'index.js'), '');
  }
  return { app, script: path.join(app, 'scripts', 'start-electron.mjs') };
}

describe('scripts/start-electron.mjs', () => {
  it('explains in Chinese and English and exits 3 when there is no Electron binary', () => {
    const result = run(script, { ELECTRON_OVERRIDE_DIST_PATH: path.join(temp, 'no-such-dir') });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('本机没有 Electron 可执行文件');
    expect(result.stderr).toContain('no Electron binary');
    expect(result.stderr).toContain('npm run start:web');
  });

  it.skipIf(process.platform === 'win32')(
    'starts the binary named by path.txt on the app folder, passes arguments and the exit code through, drops ELECTRON_RUN_AS_NODE',
    () => {
      const { app, script: copied } = fakeApp('built', { built: true });
      const result = run(copied, { ELECTRON_RUN_AS_NODE: '1' });
      expect(result.status).toBe(7);
      expect(result.stdout).toContain(`cwd=${app}`);
      expect(result.stdout).toContain('args=. --flag-for-app');
      expect(result.stdout).toContain('runAsNode=unset');
    },
  );

  it.skipIf(process.platform === 'win32')('refuses with exit 2 when the app has not been built', () => {
    const { script: copied } = fakeApp('unbuilt', { built: false });
    const result = run(copied, {});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('npm run build');
  });
});
