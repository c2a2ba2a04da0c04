import { describe, expect, it } from 'vitest';
import { Command, EnrolmentCode, FEED_PAGES, HeartbeatRequest, PushRequest, computeFeedDigest } from './index.ts';

describe('feed digest', () => {
  it('does not depend on row order and changes with any version', async () => {
    const a = await computeFeedDigest([{ id: 'b', v: 2 }, { id: 'a', v: 1 }]);
    const b = await computeFeedDigest([{ id: 'a', v: 1 }, { id: 'b', v: 2 }]);
    const c = await computeFeedDigest([{ id: 'a', v: 1 }, { id: 'b', v: 3 }]);
    expect(a).toEqual(b);
    expect(a.count).toBe(2);
    expect(c.sha256).not.toBe(a.sha256);
  });
});

describe('wire schemas', () => {
  it('names the offending field of a malformed push', () => {
    const result = PushRequest.safeParse({ streamId: '0190a6e0-0000-7000-8000-000000000000', commands: [{ id: 'nope', kioskSeq: 1, type: 't', schemaVersion: 1, payload: {} }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['commands', 0, 'id']);
  });

  it('accepts only UUIDv7 command ids', () => {
    const base = { kioskSeq: 1, type: 'application.submit', schemaVersion: 1, payload: {} };
    expect(Command.safeParse({ ...base, id: '0190a6e0-1234-7abc-8def-0123456789ab' }).success).toBe(true);
    expect(Command.safeParse({ ...base, id: '6f1c2c3e-1234-4abc-8def-0123456789ab' }).success).toBe(false);
  });

  it('normalises enrolment codes typed with dashes or lower case', () => {
    expect(EnrolmentCode.parse('abcd-efgh-jkmn')).toBe('ABCDEFGHJKMN');
    expect(EnrolmentCode.safeParse('ABCD-EFGH-JKM0').success).toBe(false);
  });

  it('refuses heartbeat fields outside the schema, so nothing personal rides along', () => {
    const ok = { appVersion: '0.1.0', queueLength: 0, oldestPendingAgeSeconds: null, devices: { printer: 'ok' }, clock: new Date().toISOString() };
    expect(HeartbeatRequest.safeParse(ok).success).toBe(true);
    expect(HeartbeatRequest.safeParse({ ...ok, lastApplicant: '张三' }).success).toBe(false);
  });

  it('validates documents per feed inside a page', () => {
    const page = { feed: 'faq', mode: 'changes', reset: null, cursor: 'c', hasMore: false, version: 3, digest: null, serverTime: new Date().toISOString() };
    expect(FEED_PAGES.faq.safeParse({ ...page, changes: [{ op: 'delete', id: 'x', v: 3 }] }).success).toBe(true);
    expect(FEED_PAGES.faq.safeParse({ ...page, changes: [{ op: 'upsert', id: 'x', v: 3, doc: { question: 'q' } }] }).success).toBe(false);
  });
});
