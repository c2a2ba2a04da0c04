/**
 * Guards the packaging configuration: a careless edit that re-enables ELECTRON_RUN_AS_NODE, drops
 * asar, turns native rebuilds on (which cannot work offline) or installs per-machine fails CI here,
 * long before a release machine builds an installer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const configText = readFileSync(path.join(root, 'build', 'electron-builder.yml'), 'utf8');
const config = parse(configText) as Configuration;
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };

type TargetEntry = { target: string; arch?: string[] };
const targetsOf = (platform: { target?: unknown } | null | undefined): TargetEntry[] =>
  (Array.isArray(platform?.target) ? platform.target : []) as TargetEntry[];

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder’s own schema (no misspelt or misplaced keys)', async () => {
    const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
    const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (c: Configuration, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // …and the validator does catch a misspelling, so the check above means something.
    await expect(validateConfiguration({ ...config, npmRebulid: false } as Configuration, new DebugLogger(false))).rejects.toThrow(/npmRebulid/);
  });

  it('flips every security fuse the kiosk relies on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('packs the app into asar and unpacks native addons', () => {
    expect(config.asar).not.toBe(false);
    expect(config.asar).toBeTruthy();
    if (typeof config.asar === 'object' && config.asar !== null) expect(config.asar.smartUnpack).not.toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('never rebuilds native modules (offline build machines; N-API prebuilds are used)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).not.toBe(true);
    expect(config.buildDependenciesFromSource).not.toBe(true);
    expect(packageJson.scripts['postinstall'] ?? '').not.toMatch(/install-app-deps|electron-rebuild/);
  });

  it('ships only the build output, and that output contains package.json "main"', () => {
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(path.posix.normalize(packageJson.main)).toMatch(/^out\/main\/index\.js$/);
    expect(config.directories?.output).toBe('dist');
  });

  it('builds AppImage and deb for x64 and arm64', () => {
    const linux = targetsOf(config.linux);
    for (const name of ['AppImage', 'deb']) {
      const entry = linux.find((t) => t.target === name);
      expect(entry?.arch?.slice().sort()).toEqual(['arm64', 'x64']);
    }
  });

  it('keeps electron-builder’s default deb dependencies and adds what node-hid and serialport need', () => {
    const depends = config.deb?.depends ?? [];
    // electron-builder 26 FpmTarget defaults: an explicit list replaces them, so they must be repeated.
    for (const pkg of ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0']) {
      expect(depends).toContain(pkg);
    }
    for (const pkg of ['libusb-1.0-0', 'libudev1', 'udev']) expect(depends).toContain(pkg);
  });

  it('installs per user on Windows, so unattended updates need no UAC prompt', () => {
    expect(targetsOf(config.win).map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false });
    expect(config.nsis?.allowElevation).not.toBe(true);
  });

  it('ships extra resources that exist in the repository', () => {
    const resources = (config.linux?.extraResources ?? []) as Array<{ from: string; to: string }>;
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) expect(existsSync(path.join(root, resource.from)), resource.from).toBe(true);
  });
});

describe('build/linux/99-hall-kiosk.rules', () => {
  const rules = readFileSync(path.join(root, 'build', 'linux', '99-hall-kiosk.rules'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('gives the dialout group access to each supported USB-serial chip', () => {
    for (const [vendor, product] of [
      ['1a86', '7523'], // CH340
      ['10c4', 'ea60'], // CP210x
      ['0403', '6001'], // FTDI
      ['067b', '2303'], // Prolific
    ]) {
      const rule = rules.find(
        (r) => r.includes(`ATTRS{idVendor}=="${vendor}"`) && r.includes(`ATTRS{idProduct}=="${product}"`) && r.includes('GROUP="dialout"'),
      );
      expect(rule, `${vendor}:${product}`).toBeDefined();
      expect(rule).toContain('SUBSYSTEM=="tty"');
      expect(rule).toContain('MODE="0660"');
    }
  });

  it('grants hidraw access for the emergency button and offers stable /dev/kiosk names', () => {
    expect(rules.some((r) => r.includes('KERNEL=="hidraw*"') && r.includes('MODE="0660"'))).toBe(true);
    expect(rules.some((r) => r.includes('SYMLINK+="kiosk/'))).toBe(true);
  });

  it('never makes a device world-writable, and writes hex IDs in lower case as udev requires', () => {
    for (const rule of rules) {
      expect(rule).not.toMatch(/MODE:?="0?6[67]6"/);
      for (const match of rule.matchAll(/ATTRS\{id(?:Vendor|Product)\}=="([^"]*)"/g)) expect(match[1]).toMatch(/^[0-9a-f]{4}$/);
    }
  });

  it('is syntactically plausible: every key is compared (==) or assigned (=, +=, :=)', () => {
    for (const rule of rules) {
      for (const pair of rule.split(/,\s*/)) expect(pair, rule).toMatch(/^[A-Z_]+(\{[^}]+\})?(==|!=|\+=|:=|=)"[^"]*"$/);
    }
  });
});
