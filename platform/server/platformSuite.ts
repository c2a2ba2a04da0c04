/**
 * The platform's behaviour over real HTTP, defined once and run against PGlite (platform.test.ts)
 * and a real PostgreSQL (platform.pg.test.ts). Runtime: vitest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFeedDigest } from '../../sync/protocol/digest.ts';
import { FEEDS, type StatusItem } from '../../sync/protocol/feeds.ts';
import { seal, type SealKey } from '../../sync/protocol/sealed.ts';
import type { ServiceItem } from '../../sync/protocol/serviceItem.ts';
import { buildServiceItem, luanCatalog } from '../seed/catalog.ts';
import { startPlatform, type PlatformHandle, type StartPlatformOptions } from '../startPlatform.ts';
import { call, localFeed, TestAdmin, TestKiosk, uuidv7, type Json } from '../testing/testClient.ts';
import { createMemoryLogger } from '../../main/host/logger.ts';

export type SuiteBackend = { options(): Promise<Partial<StartPlatformOptions>>; cleanup(): Promise<void> };

const applicant = { name: '张三丰', idNumber: '341502199001011234', phone: '13812345678', address: '六安市金安区梅山南路88号' };

export function definePlatformSuite(label: string, backend: SuiteBackend): void {
  describe(`platform over HTTP (${label})`, () => {
    let platform: PlatformHandle;
    let admin: TestAdmin;
    const logger = createMemoryLogger();
    const catalog = luanCatalog();
    const terminalItem = catalog.find((i) => i.terminalCapable && i.name === '社会保障卡申领') as ServiceItem;
    const windowOnly = catalog.find((i) => !i.terminalCapable) as ServiceItem;

    beforeAll(async () => {
      platform = await startPlatform({ ...(await backend.options()), port: 0, adminToken: 'admin-secret-for-tests', logger, expirySweepMs: 0 });
      admin = new TestAdmin(platform.url, platform.adminToken);
    });
    afterAll(async () => {
      await platform?.close();
      await backend.cleanup();
    });

    async function submitPayload(kiosk: TestKiosk, item: ServiceItem = terminalItem): Promise<Json> {
      return {
        applicationId: crypto.randomUUID(),
        serviceCode: item.code,
        materials: item.materials.map((m) => ({ name: m.name, provided: true })),
        form: { 申领类型: '首次申领' },
        personal: await seal(await kiosk.platformKey(), applicant),
      };
    }

    it('answers /health and serves the sealing key without auth', async () => {
      expect((await call(`${platform.url}/health`)).body).toMatchObject({ ok: true });
      const key = await call<{ jwk: { crv: string; d?: string } }>(`${platform.url}/v1/platform-key`);
      expect(key.body.jwk.crv).toBe('P-256');
      expect(key.body.jwk.d).toBeUndefined();
    });

    it('enrols with a one-time code, issues tokens, refuses reuse, wrong secrets and missing tokens', async () => {
      const code = await admin.enrolmentCode();
      const enrol = await call<{ kioskId: string; secret: string }>(`${platform.url}/v1/enrol`, { body: { enrolmentCode: code.toLowerCase(), device: { appVersion: '0.1.0' } } });
      expect(enrol.status).toBe(201);
      const again = await call(`${platform.url}/v1/enrol`, { body: { enrolmentCode: code, device: { appVersion: '0.1.0' } } });
      expect(again.status).toBe(403);
      expect(again.body).toMatchObject({ error: { code: 'ENROLMENT_CODE_INVALID' } });
      const token = await call<{ expiresIn: number; accessToken: string }>(`${platform.url}/v1/token`, { body: { kioskId: enrol.body.kioskId, secret: enrol.body.secret } });
      expect(token.status).toBe(200);
      expect(token.body.expiresIn).toBe(900);
      const wrong = await call(`${platform.url}/v1/token`, { body: { kioskId: enrol.body.kioskId, secret: 'x'.repeat(43) } });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ error: { code: 'INVALID_CREDENTIAL' } });
      expect((await call(`${platform.url}/v1/feeds/faq`)).status).toBe(401);
      expect((await call(`${platform.url}/v1/feeds/faq`, { token: `${token.body.accessToken}x` })).status).toBe(401);
      const [row] = await platform.db.query<{ secret_hash: string }>('SELECT secret_hash FROM kiosks WHERE id = $1', [enrol.body.kioskId]);
      expect(row?.secret_hash).not.toContain(enrol.body.secret);
    });

    it('pulls every feed from empty to current, with pages that match the digest', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      for (const feed of FEEDS) {
        const state = localFeed();
        const pages = await kiosk.sync(feed, state, 40);
        const last = pages[pages.length - 1];
        expect(last?.digest).not.toBeNull();
        const local = await computeFeedDigest([...state.rows].map(([id, r]) => ({ id, v: r.v })));
        expect(local).toEqual(last?.digest);
        if (feed === 'catalog') {
          expect(state.rows.size).toBe(catalog.length);
          expect(pages.length).toBeGreaterThan(3);
        }
        if (feed === 'status') expect(state.rows.size).toBe(0);
        // Caught up: the next pull is empty and still digest-consistent.
        const next = await kiosk.pull(feed, state.cursor);
        expect(next.body.changes).toEqual([]);
        expect(next.body.digest).toEqual(last?.digest);
      }
    });

    it('brings a publish, an unpublish (tombstone) and an expiry incrementally', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      const notices = localFeed();
      await kiosk.sync('notices', notices);
      const fresh = { id: 'notice-test-1', title: '测试通知', body: '正文', category: '通知', publishedAt: new Date().toISOString(), validUntil: null, pinned: false };
      expect((await admin.call('/feeds/notices/items/notice-test-1', { method: 'PUT', body: fresh })).status).toBe(200);
      let pages = await kiosk.sync('notices', notices);
      expect(pages[0]?.mode).toBe('changes');
      expect(pages[0]?.changes).toEqual([expect.objectContaining({ op: 'upsert', id: 'notice-test-1' })]);
      expect((await admin.call('/feeds/notices/items/notice-test-1', { method: 'DELETE' })).status).toBe(200);
      pages = await kiosk.sync('notices', notices);
      expect(pages[0]?.changes).toEqual([expect.objectContaining({ op: 'delete', id: 'notice-test-1' })]);
      expect(notices.rows.has('notice-test-1')).toBe(false);
      // A notice whose validUntil passes becomes a tombstone on the next pull.
      const soon = { ...fresh, id: 'notice-test-2', validUntil: new Date(Date.now() + 300).toISOString() };
      await admin.call('/feeds/notices/items/notice-test-2', { method: 'PUT', body: soon });
      await kiosk.sync('notices', notices);
      expect(notices.rows.has('notice-test-2')).toBe(true);
      await new Promise((r) => setTimeout(r, 350));
      pages = await kiosk.sync('notices', notices);
      expect(pages[0]?.changes).toEqual([expect.objectContaining({ op: 'delete', id: 'notice-test-2' })]);
    });

    it('never splits one publication across pages', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      const faq = localFeed();
      await kiosk.sync('faq', faq, 500);
      const batch = Array.from({ length: 30 }, (_, i) => ({ id: `faq-batch-${i}`, question: `问题${i}`, answer: `答案${i}`, serviceCodes: [], tags: [], order: 1000 + i }));
      await admin.call('/feeds/faq/publish', { body: { upserts: batch.slice(0, 3) } });
      await admin.call('/feeds/faq/publish', { body: { upserts: batch.slice(3) } });
      await admin.call('/feeds/faq/publish', { body: { upserts: [{ ...batch[0], answer: '新答案' }] } });
      const pages = await kiosk.sync('faq', faq, 5);
      const versionsPerPage = pages.map((p) => new Set(p.changes.map((c) => c.v)));
      const allVersions = pages.flatMap((p) => [...new Set(p.changes.map((c) => c.v))]);
      expect(new Set(allVersions).size).toBe(allVersions.length); // no version appears on two pages
      // The 27-item publication came whole on one page despite limit 5.
      const bigVersion = faq.rows.get('faq-batch-3')?.v;
      const bigPage = pages.find((p) => p.changes.some((c) => c.v === bigVersion));
      expect(bigPage?.changes.filter((c) => c.v === bigVersion)).toHaveLength(27);
      expect(versionsPerPage.length).toBeGreaterThanOrEqual(2);
      expect((faq.rows.get('faq-batch-0')?.doc as { answer: string }).answer).toBe('新答案');
    });

    it('answers reset (and a fresh snapshot) for a tampered, foreign or expired cursor', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      const other = await TestKiosk.enrol(platform.url, admin);
      const state = localFeed();
      await kiosk.sync('faq', state);
      const cursor = state.cursor ?? '';
      const [body, mac] = cursor.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body ?? '', 'base64url').toString()), v: 0 })).toString('base64url');
      for (const bad of [`${forged}.${mac}`, 'garbage', `${cursor.slice(0, -2)}AA`]) {
        const page = await kiosk.pull('faq', bad);
        expect(page.status).toBe(200);
        expect(page.body.reset).toEqual({ reason: 'cursor_invalid' });
        expect(page.body.mode).toBe('snapshot');
        expect(page.body.changes.length).toBeGreaterThan(0);
      }
      expect((await other.pull('faq', cursor)).body.reset).toEqual({ reason: 'cursor_invalid' });
      // Past the tombstone horizon: a tombstone the old cursor would need is gone.
      await admin.call('/feeds/faq/publish', { body: { upserts: [{ id: 'faq-gone', question: 'q', answer: 'a', serviceCodes: [], tags: [], order: 1 }] } });
      await admin.call('/feeds/faq/items/faq-gone', { method: 'DELETE' });
      expect((await admin.call<{ purged: number }>('/maintenance/purge-tombstones', { body: { olderThanSeconds: 0 } })).body.purged).toBeGreaterThan(0);
      expect((await kiosk.pull('faq', cursor)).body.reset).toEqual({ reason: 'cursor_expired' });
    });

    it('applies a pushed batch once: duplicates, rejections that do not block, seq order, lost responses', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      const a = kiosk.command('application.submit', await submitPayload(kiosk));
      const bad = kiosk.command('application.submit', await submitPayload(kiosk, windowOnly));
      const c = kiosk.command('evaluation.submit', { evaluationId: crypto.randomUUID(), serviceCode: terminalItem.code, level: 5, tags: ['办事快'] });
      // Sent out of order and with a duplicate inside the batch.
      const first = await kiosk.push([c, a, bad, a]);
      expect(first.status).toBe(200);
      expect(first.body.results.map((r) => [r.kioskSeq, r.status])).toEqual([[1, 'applied'], [1, 'duplicate'], [2, 'rejected'], [3, 'applied']]);
      expect(first.body.results[2]).toMatchObject({ code: 'SERVICE_NOT_TERMINAL_CAPABLE', field: 'payload.serviceCode' });
      expect(first.body.ackSeq).toBe(3);
      const applied = first.body.results[0];
      expect(applied?.status === 'applied' && applied.acceptanceNumber).toMatch(/^341500\d{14}$/);
      // The response was "lost": the kiosk resends the same batch. Nothing is applied twice.
      const retry = await kiosk.push([a, bad, c]);
      expect(retry.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      expect(retry.body.results[0]).toMatchObject({ original: applied });
      expect(retry.body.results[1]).toMatchObject({ original: { status: 'rejected', code: 'SERVICE_NOT_TERMINAL_CAPABLE' } });
      const [count] = await platform.db.query<{ n: number }>('SELECT count(*)::int AS n FROM submissions WHERE kiosk_id = $1', [kiosk.kioskId]);
      expect(count?.n).toBe(2);
      // A gap: seq 5 before 4 arrives is deferred, not applied.
      const four = kiosk.command('evaluation.submit', { evaluationId: crypto.randomUUID(), serviceCode: terminalItem.code, level: 4, tags: [] });
      const five = kiosk.command('evaluation.submit', { evaluationId: crypto.randomUUID(), serviceCode: terminalItem.code, level: 1, tags: [] });
      const gap = await kiosk.push([five]);
      expect(gap.body.results[0]).toMatchObject({ status: 'deferred', reason: 'SEQ_GAP', expectedSeq: 4 });
      const filled = await kiosk.push([four, five]);
      // seq 5 is a 差评 without a reason: rejected, but seq 4 before it was applied.
      expect(filled.body.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
      expect(filled.body.results[1]).toMatchObject({ code: 'EVALUATION_REASON_REQUIRED' });
      expect(filled.body.ackSeq).toBe(5);
    });

    it('rejects commands it cannot read without blocking the queue', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      const otherKey = (await crypto.subtle.exportKey('jwk', ((await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as { publicKey: SealKey }).publicKey));
      const sealedElsewhere = { ...(await submitPayload(kiosk)), personal: await seal({ kty: 'EC', crv: 'P-256', x: String(otherKey.x), y: String(otherKey.y) }, applicant) };
      const badPersonal = { ...(await submitPayload(kiosk)), personal: await seal(await kiosk.platformKey(), { ...applicant, idNumber: '123' }) };
      const result = await kiosk.push([
        kiosk.command('application.submit', sealedElsewhere),
        kiosk.command('application.submit', badPersonal),
        kiosk.command('no.such.command', {}),
        kiosk.command('application.submit', { applicationId: 'x' }),
        kiosk.command('application.submit', await submitPayload(kiosk)),
      ]);
      expect(result.body.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
        'SEALED_UNREADABLE', 'INVALID_PERSONAL_DATA', 'UNKNOWN_COMMAND_TYPE', 'INVALID_PAYLOAD', 'applied',
      ]);
      expect(result.body.results[1]).toMatchObject({ field: 'payload.personal.idNumber' });
    });

    it('shows this kiosk its own submissions in the status feed as the admin moves them', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      const bystander = await TestKiosk.enrol(platform.url, admin);
      const status = localFeed();
      await kiosk.sync('status', status);
      const payload = await submitPayload(kiosk);
      await kiosk.push([kiosk.command('application.submit', payload)]);
      const id = payload['applicationId'] as string;
      await kiosk.sync('status', status);
      expect((status.rows.get(id)?.doc as StatusItem).state).toBe('submitted');
      expect((status.rows.get(id)?.doc as StatusItem).applicantMasked).toBe('张*丰');
      for (const to of ['accepted', 'processing', 'completed']) {
        expect((await admin.call(`/applications/${id}/transition`, { body: { to, message: to === 'completed' ? '已制卡，请到窗口领取' : undefined } })).status).toBe(200);
      }
      const pages = await kiosk.sync('status', status);
      const item = status.rows.get(id)?.doc as StatusItem;
      expect(item).toMatchObject({ state: 'completed', stateLabel: '已办结', statusVersion: 4, message: '已制卡，请到窗口领取' });
      expect(pages[0]?.changes).toHaveLength(1); // only the newest state of the row
      const illegal = await admin.call(`/applications/${id}/transition`, { body: { to: 'accepted' } });
      expect(illegal.status).toBe(409);
      // Withdrawal after 办结 is rejected; other kiosks see nothing of this application.
      const withdraw = await kiosk.push([kiosk.command('application.withdraw', { applicationId: id, reason: '不办了' })]);
      expect(withdraw.body.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID_STATE' });
      const theirs = localFeed();
      await bystander.sync('status', theirs);
      expect(theirs.rows.size).toBe(0);
      // The admin sees the opened personal data; the log never does.
      const listed = await admin.call<{ personal: Json; history: unknown[] }>(`/submissions/${id}`);
      expect(listed.body.personal).toEqual(applicant);
      expect(listed.body.history).toHaveLength(4);
      expect(logger.lines.join('\n')).not.toContain(applicant.idNumber);
      const [stored] = await platform.db.query<{ sealed: unknown }>('SELECT sealed FROM submissions WHERE id = $1', [id]);
      expect(JSON.stringify(stored?.sealed)).not.toContain(applicant.idNumber);
    });

    it('takes consultation feedback only while the consultation is open', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      const ok = kiosk.command('consultation.feedback', {
        feedbackId: crypto.randomUUID(),
        consultationId: 'consult-2025-bus-network',
        answers: [{ questionId: 'q1', choices: ['每天'] }, { questionId: 'q2', choices: ['发车间隔', '换乘便利'] }],
        contact: await seal(await kiosk.platformKey(), { phone: '13900001111' }),
      });
      const unknown = kiosk.command('consultation.feedback', { feedbackId: crypto.randomUUID(), consultationId: 'consult-closed', answers: [] });
      const missing = kiosk.command('consultation.feedback', { feedbackId: crypto.randomUUID(), consultationId: 'consult-2025-bus-network', answers: [{ questionId: 'q1', choices: ['每天'] }] });
      const result = await kiosk.push([ok, unknown, missing]);
      expect(result.body.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['applied', 'CONSULTATION_CLOSED', 'INVALID_PAYLOAD']);
    });

    it('revokes a kiosk: token and every endpoint answer KIOSK_REVOKED', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      expect((await admin.call(`/kiosks/${kiosk.kioskId}/revoke`, { method: 'POST' })).status).toBe(200);
      const pull = await kiosk.pull('faq');
      expect(pull.status).toBe(403);
      expect(pull.body).toMatchObject({ error: { code: 'KIOSK_REVOKED' } });
      const token = await kiosk.refreshToken();
      expect(token.status).toBe(403);
      expect(token.body).toMatchObject({ error: { code: 'KIOSK_REVOKED' } });
    });

    it('refuses malformed bodies with 400 naming the field', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      const push = await call(`${platform.url}/v1/commands`, { token: kiosk.token, body: { streamId: kiosk.streamId, commands: [{ id: uuidv7(), kioskSeq: 'one', type: 't', schemaVersion: 1, payload: {} }] } });
      expect(push.status).toBe(400);
      expect(push.body).toMatchObject({ error: { code: 'INVALID_REQUEST', field: 'commands.0.kioskSeq' } });
      const json = await call(`${platform.url}/v1/commands`, { token: kiosk.token, rawBody: '{"streamId":' });
      expect(json.body).toMatchObject({ error: { code: 'INVALID_JSON' } });
      const enrol = await call(`${platform.url}/v1/enrol`, { body: { enrolmentCode: 'short', device: { appVersion: '1' } } });
      expect(enrol.body).toMatchObject({ error: { code: 'INVALID_REQUEST', field: 'enrolmentCode' } });
      const beat = await call(`${platform.url}/v1/heartbeat`, { token: kiosk.token, body: { appVersion: '0.1.0', queueLength: -1, oldestPendingAgeSeconds: null, devices: {}, clock: new Date().toISOString() } });
      expect(beat.body).toMatchObject({ error: { field: 'queueLength' } });
      const feed = await call(`${platform.url}/v1/feeds/secrets`, { token: kiosk.token });
      expect(feed.body).toMatchObject({ error: { code: 'INVALID_REQUEST', field: 'feed' } });
      const publish = await admin.call('/feeds/catalog/publish', { body: { upserts: [{ ...terminalItem, promisedTimeLimit: { value: 3, unit: '小时' } }] } });
      expect(publish.body).toMatchObject({ error: { field: 'upserts.0.promisedTimeLimit.unit' } });
      expect((await call(`${platform.url}/admin/kiosks`)).status).toBe(401);
    });

    it('records heartbeats and reports clock skew', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      const clock = new Date(Date.now() + 120_000).toISOString();
      const beat = await call<{ clockSkewMs: number }>(`${platform.url}/v1/heartbeat`, {
        token: kiosk.token,
        body: { appVersion: '0.1.0', queueLength: 2, oldestPendingAgeSeconds: 40, devices: { printer: 'ok', idCardReader: 'offline' }, clock },
      });
      expect(beat.status).toBe(200);
      expect(beat.body.clockSkewMs).toBeGreaterThan(110_000);
      const kiosks = await admin.call<{ kiosks: { id: string; lastHeartbeat: Json | null }[] }>('/kiosks');
      expect(kiosks.body.kiosks.find((k) => k.id === kiosk.kioskId)?.lastHeartbeat).toMatchObject({ queueLength: 2 });
    });

    it('pokes this kiosk over server-sent events when a feed or its status changes', async () => {
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      const controller = new AbortController();
      const response = await fetch(`${platform.url}/v1/events`, { headers: { authorization: `Bearer ${kiosk.token}` }, signal: controller.signal });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      const until = async (pattern: RegExp): Promise<void> => {
        while (!pattern.test(text)) {
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          text += new TextDecoder().decode(value);
        }
      };
      await until(/event: heartbeat/);
      await admin.call('/feeds/catalog/publish', { body: { upserts: [buildServiceItem(0, 1)] } });
      await until(/event: poke\ndata: \{"feed":"catalog","version":\d+\}/);
      await kiosk.push([kiosk.command('application.submit', await submitPayload(kiosk))]);
      await until(/"feed":"status"/);
      controller.abort();
    });
  });
}
