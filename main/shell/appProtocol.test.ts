import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppRequest, serveAppRequest } from './appProtocol.ts';

const CSP = "default-src 'none'";
let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
  root = path.join(base, 'out', 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  mkdirSync(path.join(base, 'out', 'renderer-evil'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>自助终端</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', '汉字 名.svg'), '<svg/>');
  writeFileSync(path.join(base, 'out', 'renderer-evil', 'secret.js'), 'SECRET-SIBLING');
  writeFileSync(path.join(base, 'secret.txt'), 'SECRET-PARENT');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string) => serveAppRequest({ method: 'GET', url }, { rendererRoot: root, csp: CSP });
const text = (body: Uint8Array | string) => (typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));

describe('serveAppRequest', () => {
  it.each(['app://kiosk/', 'app://kiosk', 'app://kiosk/index.html', 'app://kiosk/?reset=1#/home'])(
    'serves index.html for %s',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers['Content-Type']).toBe('text/html; charset=utf-8');
      expect(text(response.body)).toContain('自助终端');
    },
  );

  it('serves built assets with their MIME types', async () => {
    const js = await get('app://kiosk/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    const css = await get('app://kiosk/assets/index-abc.css');
    expect(css.headers['Content-Type']).toBe('text/css; charset=utf-8');
  });

  it('decodes percent-encoded file names (Chinese, spaces)', async () => {
    const response = await get(`app://kiosk/assets/${encodeURIComponent('汉字 名.svg')}`);
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('image/svg+xml');
  });

  it('sends the CSP and nosniff on every response, errors included', async () => {
    for (const response of [await get('app://kiosk/'), await get('app://kiosk/missing.js'), await serveAppRequest({ method: 'POST', url: 'app://kiosk/' }, { rendererRoot: root, csp: CSP })]) {
      expect(response.headers['Content-Security-Policy']).toBe(CSP);
      expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
    }
  });

  it('answers 404 for a missing file and for a folder (no SPA fallback)', async () => {
    expect((await get('app://kiosk/nope.html')).status).toBe(404);
    expect((await get('app://kiosk/assets')).status).toBe(404);
    expect((await get('app://kiosk/assets/')).status).toBe(404);
  });

  it.each(['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'get'])('refuses method %s with 405', async (method) => {
    const response = await serveAppRequest({ method, url: 'app://kiosk/index.html' }, { rendererRoot: root, csp: CSP });
    expect(response.status).toBe(405);
    expect(response.headers['Allow']).toBe('GET');
  });

  it.each([
    'app://kiosk/..%2f..%2fsecret.txt',
    'app://kiosk/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://kiosk/..%2F..%2Fsecret.txt',
    'app://kiosk/assets/..%2f..%2f..%2fsecret.txt',
    'app://kiosk/..%2frenderer-evil/secret.js', // sibling folder that startsWith(root) would let through
    'app://kiosk/..%5c..%5csecret.txt',
    'app://kiosk/index.html%00.png',
    'app://kiosk/%2fetc%2fpasswd',
    '/etc/passwd',
    'app://kiosk.evil/index.html',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('never leaks a file outside the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(text(response.body)).not.toContain('SECRET');
  });

  it('treats an encoded absolute path as relative to the root, so it cannot reach the real file', async () => {
    const response = await get(`app://kiosk/${encodeURIComponent(path.join(base, 'secret.txt'))}`);
    expect(response.status).toBe(404);
  });

  it('answers 400 for malformed percent-encoding', async () => {
    expect((await get('app://kiosk/%E4%B8')).status).toBe(400);
  });

  it('answers 500 (not a crash) when reading fails for another reason', async () => {
    const response = await serveAppRequest(
      { method: 'GET', url: 'app://kiosk/index.html' },
      { rendererRoot: root, csp: CSP, readFile: () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })) },
    );
    expect(response.status).toBe(500);
  });
});

describe('resolveAppRequest (pure)', () => {
  it('keeps paths with a leading double slash inside the root', () => {
    const resolution = resolveAppRequest({ method: 'GET', url: 'app://kiosk//etc/passwd' }, '/srv/out/renderer', path.posix);
    expect(resolution).toMatchObject({ ok: true, filePath: '/srv/out/renderer/etc/passwd' });
  });

  describe('with Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Kiosk\\resources\\app.asar\\out\\renderer';
    const resolve = (url: string) => resolveAppRequest({ method: 'GET', url }, winRoot, path.win32);

    it('maps a URL to a file under the root', () => {
      expect(resolve('app://kiosk/assets/a.js')).toMatchObject({ ok: true, filePath: `${winRoot}\\assets\\a.js` });
    });

    it.each([
      'app://kiosk/..%2f..%2fwin.ini',
      'app://kiosk/C:%2fWindows%2fwin.ini',
      'app://kiosk/C:/Windows/win.ini',
      'app://kiosk/D:%2fsecret.txt',
      'app://kiosk/..%5cwin.ini',
      'app://kiosk/..%2frenderer-evil%2fa.js',
    ])('refuses %s', (url) => {
      expect(resolve(url).ok).toBe(false);
    });
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['a.HTML', 'text/html; charset=utf-8'],
    ['font.woff2', 'font/woff2'],
    ['x.wasm', 'application/wasm'],
    ['voice.mp3', 'audio/mpeg'],
    ['unknown.bin', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('%s → %s', (file, mime) => {
    expect(mimeTypeFor(file)).toBe(mime);
  });
});
