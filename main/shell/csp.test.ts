import { describe, expect, it } from 'vitest';
import { developmentCsp, networkSourcesFor, parseCsp, productionCsp } from './csp.ts';

describe('productionCsp', () => {
  it('allows only our own files by default', () => {
    const csp = parseCsp(productionCsp());
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('font-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('never allows inline or evaluated script, or any wildcard', () => {
    const policy = productionCsp({ platformUrl: 'https://platform.example.gov.cn' });
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('*');
    expect(policy).not.toMatch(/\bhttps?:(?!\/\/)/); // no bare scheme sources like "https:"
  });

  it('adds the platform origin and its WebSocket twin to connect-src only', () => {
    const csp = parseCsp(productionCsp({ platformUrl: 'https://platform.example.gov.cn:8443/api/v1?x=1' }));
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://platform.example.gov.cn:8443', 'wss://platform.example.gov.cn:8443']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).not.toContain('https://platform.example.gov.cn:8443');
  });

  it('uses ws: for a plain-http platform (hall LAN)', () => {
    const csp = parseCsp(productionCsp({ platformUrl: 'http://10.0.0.5:3000' }));
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://10.0.0.5:3000', 'ws://10.0.0.5:3000']);
  });

  it.each([
    "https://p.example; script-src *",
    "https://p.example/'unsafe-inline'",
    'https://p.example/ https://evil.example',
    'javascript:alert(1)',
    'file:///etc',
    'not a url',
  ])('a hostile platform URL cannot add a directive or source: %s', (platformUrl) => {
    const csp = parseCsp(productionCsp({ platformUrl }));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect([...csp.keys()].filter((k) => k === 'script-src')).toHaveLength(1);
    for (const source of csp.get('connect-src') ?? []) {
      expect(source).toMatch(/^('self'|(https?|wss?):\/\/[a-z0-9.\-:[\]]+)$/);
    }
    expect(csp.get('connect-src')?.join(' ')).not.toContain('evil');
  });

  it('names every directive once', () => {
    const names = productionCsp().split(';').map((d) => d.trim().split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('developmentCsp', () => {
  it('lets Vite hot reload work but still blocks plugins, framing and forms', () => {
    const csp = parseCsp(developmentCsp({ devServerUrl: 'http://localhost:5173/' }));
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'", 'http://localhost:5173']);
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
  });
});

describe('networkSourcesFor', () => {
  it('is empty for nothing', () => {
    expect(networkSourcesFor(undefined)).toEqual([]);
    expect(networkSourcesFor('')).toEqual([]);
  });

  it('lower-cases and punycodes the host the way the browser compares it', () => {
    expect(networkSourcesFor('https://PLATFORM.Example/')).toEqual(['https://platform.example', 'wss://platform.example']);
    const [origin] = networkSourcesFor('https://六安.example/');
    expect(origin).toMatch(/^https:\/\/xn--[a-z0-9-]+\.example$/);
  });
});
