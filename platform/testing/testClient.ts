/**
 * A minimal kiosk + admin client over real fetch, for the platform's tests (the kiosk's own sync
 * engine lives in sync/engine). Runtime: plain Node (test helper).
 */
import { randomUUID } from 'node:crypto';
import { createUuidV7 } from '../../sync/engine/uuidv7.ts';
import { FEED_PAGES, type FeedName, type FeedPage } from '../../sync/protocol/feeds.ts';
import type { Command, PushResponse } from '../../sync/protocol/commands.ts';
import type { EcPublicJwk } from '../../sync/protocol/sealed.ts';

export type Json = Record<string, unknown>;
export type Answer<T = Json> = { status: number; body: T; headers: Headers };

export async function call<T = Json>(url: string, init: { method?: string; token?: string; body?: unknown; rawBody?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined && init.rawBody === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.rawBody !== undefined ? { body: init.rawBody } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as T, headers: response.headers };
}

/** UUIDv7 ids for test commands: the kiosk engine's own generator (monotonic within a millisecond). */
export const uuidv7: () => string = createUuidV7();

export class TestAdmin {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}
  call<T = Json>(path: string, init: { method?: string; body?: unknown } = {}): Promise<Answer<T>> {
    return call<T>(`${this.url}/admin${path}`, { ...init, token: this.token });
  }
  async enrolmentCode(label = 'test kiosk'): Promise<string> {
    const answer = await this.call<{ code: string }>('/enrolment-codes', { body: { label, hallName: '六安市政务服务中心' } });
    if (answer.status !== 201) throw new Error(`enrolment code: ${answer.status}`);
    return answer.body.code;
  }
}

export class TestKiosk {
  readonly streamId = randomUUID();
  seq = 0;
  token = '';
  constructor(
    readonly url: string,
    readonly kioskId: string,
    readonly secret: string,
  ) {}

  static async enrol(url: string, admin: TestAdmin): Promise<TestKiosk> {
    const code = await admin.enrolmentCode();
    const enrol = await call<{ kioskId: string; secret: string }>(`${url}/v1/enrol`, { body: { enrolmentCode: code, device: { appVersion: '0.1.0', model: 'test' } } });
    if (enrol.status !== 201) throw new Error(`enrol: ${enrol.status} ${JSON.stringify(enrol.body)}`);
    const kiosk = new TestKiosk(url, enrol.body.kioskId, enrol.body.secret);
    await kiosk.refreshToken();
    return kiosk;
  }

  async refreshToken(): Promise<Answer> {
    const answer = await call<{ accessToken: string }>(`${this.url}/v1/token`, { body: { kioskId: this.kioskId, secret: this.secret } });
    if (answer.status === 200) this.token = answer.body.accessToken;
    return answer;
  }

  async pull<F extends FeedName>(feed: F, cursor?: string, limit?: number): Promise<Answer<FeedPage<F>>> {
    const query = new URLSearchParams();
    if (cursor !== undefined) query.set('cursor', cursor);
    if (limit !== undefined) query.set('limit', String(limit));
    const answer = await call<FeedPage<F>>(`${this.url}/v1/feeds/${feed}?${query.toString()}`, { token: this.token });
    // Every page on the wire must match the shared schema exactly.
    if (answer.status === 200) FEED_PAGES[feed].parse(answer.body);
    return answer;
  }

  /** Pulls until hasMore=false, applying pages to a local map like the kiosk engine would. */
  async sync<F extends FeedName>(feed: F, state: LocalFeed, limit?: number): Promise<FeedPage<F>[]> {
    const pages: FeedPage<F>[] = [];
    for (;;) {
      const answer = await this.pull(feed, state.cursor, limit);
      if (answer.status !== 200) throw new Error(`pull ${feed}: ${answer.status} ${JSON.stringify(answer.body)}`);
      const page = answer.body;
      pages.push(page);
      if (page.reset !== null || (page.mode === 'snapshot' && state.cursor === undefined)) state.rows.clear();
      for (const change of page.changes) {
        if (change.op === 'delete') state.rows.delete(change.id);
        else state.rows.set(change.id, { v: change.v, doc: change.doc });
      }
      state.cursor = page.cursor;
      if (!page.hasMore) return pages;
    }
  }

  command(type: string, payload: unknown, schemaVersion = 1): Command {
    this.seq += 1;
    return { id: uuidv7(), kioskSeq: this.seq, type, schemaVersion, createdAtClient: new Date().toISOString(), payload };
  }

  push(commands: Command[], streamId = this.streamId): Promise<Answer<PushResponse>> {
    return call<PushResponse>(`${this.url}/v1/commands`, { token: this.token, body: { streamId, commands } });
  }

  async platformKey(): Promise<EcPublicJwk> {
    return (await call<{ jwk: EcPublicJwk }>(`${this.url}/v1/platform-key`)).body.jwk;
  }
}

export type LocalFeed = { cursor: string | undefined; rows: Map<string, { v: number; doc: unknown }> };
export function localFeed(): LocalFeed {
  return { cursor: undefined, rows: new Map() };
}
