/**
 * How bootstrapHost finds its platform: the embedded reference platform when nothing is configured
 * (started, self-enrolled, stopped with the host), or KIOSK_PLATFORM_URL + KIOSK_PLATFORM_ENROLMENT_CODE.
 */
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlatformLinkState } from '../../../contract/sync.ts';
import { bootstrapHost } from '../bootstrap.ts';
import { createMemoryLogger } from '../logger.ts';
import { typed, waitFor } from './testing.ts';

describe('bootstrapHost and the platform', () => {
  it('starts the embedded platform when none is configured, enrols itself once, is online, and stops it on dispose', async () => {
    const appDataDir = await mkdtemp(path.join(tmpdir(), 'kiosk-embedded-'));
    const logger = createMemoryLogger();
    const first = await bootstrapHost({ transport: 'websocket', appDataDir, env: {}, logger });
    const conn = typed(first.host.connect({ senderTrusted: true, deliver: () => undefined }));
    const state = await conn.call('sync.state', {});
    expect(state).toMatchObject({ ok: true, value: { embedded: true, enrolled: true, revoked: false, online: true } });
    const { kioskId, platformUrl } = (state as { value: PlatformLinkState }).value;
    expect(platformUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await conn.call('system.status', {})).toMatchObject({ ok: true, value: { online: true } });
    const catalog = await conn.call('sync.pull', { feed: 'catalog', cursor: null });
    expect(catalog.ok && catalog.value.changes.length).toBeGreaterThan(10);
    await first.host.dispose();
    await expect(fetch(`${platformUrl}/health`)).rejects.toThrow();

    // Next start: same data, same kiosk, no second enrolment.
    const second = await bootstrapHost({ transport: 'websocket', appDataDir, env: {}, logger });
    try {
      expect(second.host.context.connectivity.online()).toBe(true);
      const again = await second.host.connect({ senderTrusted: true, deliver: () => undefined }).call('sync.state', {});
      expect(again).toMatchObject({ ok: true, value: { kioskId, embedded: true } });
      expect(logger.lines.filter((l) => l.includes('enrolled with the platform'))).toHaveLength(1);
    } finally {
      await second.host.dispose();
    }
  });

  it('uses KIOSK_PLATFORM_URL and KIOSK_PLATFORM_ENROLMENT_CODE instead, sending hostname, OS and app version', async () => {
    const enrolments: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.url === '/v1/enrol') enrolments.push(JSON.parse(body));
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'ENROLMENT_CODE_INVALID', message: 'no such code', field: 'enrolmentCode' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const appDataDir = await mkdtemp(path.join(tmpdir(), 'kiosk-remote-'));
    const started = await bootstrapHost({
      transport: 'websocket',
      appDataDir,
      env: { KIOSK_PLATFORM_URL: url, KIOSK_PLATFORM_ENROLMENT_CODE: 'abcd-efgh-jkmn' },
      logger: createMemoryLogger(),
    });
    try {
      await waitFor(() => enrolments.length > 0);
      expect(enrolments[0]).toMatchObject({ enrolmentCode: 'ABCDEFGHJKMN', device: { appVersion: expect.any(String), hostname: expect.any(String), os: expect.any(String) } });
      const conn = typed(started.host.connect({ senderTrusted: true, deliver: () => undefined }));
      const pulled = await conn.call('sync.pull', { feed: 'faq', cursor: null });
      expect(pulled).toMatchObject({ ok: false, error: { code: 'NOT_ENROLLED', message: expect.stringContaining('ENROLMENT_CODE_INVALID') } });
      expect(await conn.call('sync.state', {})).toMatchObject({ ok: true, value: { platformUrl: url, embedded: false, enrolled: false } });
    } finally {
      await started.host.dispose();
      server.closeAllConnections();
      server.close();
    }
  });
});
