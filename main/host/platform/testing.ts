/**
 * Test helpers for the platform link: a service host wired to a PlatformLink exactly like
 * bootstrap does, a fetch wrapper that counts requests and records bearer tokens, and a small
 * admin client for the reference platform. Runtime: plain Node (tests only).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventName, MethodInput, MethodName, MethodOutput, Result } from '../../../contract/index.ts';
import { EMBEDDED_DEFAULT } from '../config.ts';
import { createMemoryLogger } from '../logger.ts';
import { createServiceHost, type Connection, type ServiceHost } from '../serviceHost.ts';
import { PlatformLink, type PlatformLinkOptions } from './platformLink.ts';

export type RecordingFetch = typeof fetch & { requests: string[]; tokens: Set<string> };

/** The real fetch, with a log of paths requested and every bearer token sent. */
export function recordingFetch(): RecordingFetch {
  const requests: string[] = [];
  const tokens = new Set<string>();
  const wrapped = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(url.pathname);
    const auth = new Headers(init?.headers).get('authorization');
    if (auth !== null) tokens.add(auth.replace(/^Bearer /, ''));
    return fetch(input, init);
  }) as RecordingFetch;
  wrapped.requests = requests;
  wrapped.tokens = tokens;
  return wrapped;
}

/** A connection whose results carry the contract's output types (the dispatcher validated them). */
export type TypedConnection = { call<M extends MethodName>(name: M, arg: MethodInput<M>): Promise<Result<MethodOutput<M>>> };
export function typed(conn: Connection): TypedConnection {
  return { call: (name, arg) => conn.call(name, arg) as never };
}

export type TestKioskHost = {
  host: ServiceHost;
  link: PlatformLink;
  conn: TypedConnection;
  events: { name: EventName; payload: unknown }[];
  logger: ReturnType<typeof createMemoryLogger>;
  fetch: RecordingFetch;
  dataDir: string;
  dispose(): Promise<void>;
};

export async function startKioskHost(options: Partial<PlatformLinkOptions> & { baseUrl: string; dataDir?: string }): Promise<TestKioskHost> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'kiosk-link-')));
  const logger = createMemoryLogger();
  const recording = recordingFetch();
  const link = new PlatformLink({
    embedded: false,
    device: { appVersion: '0.1.0-test', hostname: 'test-host', os: 'linux' },
    healthIntervalMs: 100,
    heartbeatIntervalMs: 0,
    events: false,
    fetchImpl: recording,
    ...options,
    dataDir,
    logger: logger.child('platform-link'),
  });
  await link.start();
  await link.ready();
  const host = createServiceHost({
    version: 't',
    transport: 'websocket',
    loaded: { config: EMBEDDED_DEFAULT, source: 'test', problems: [], service: { state: 'in-service' } },
    logger,
    platform: link,
    statusIntervalMs: 60_000,
  });
  const events: TestKioskHost['events'] = [];
  const conn = typed(host.connect({ senderTrusted: true, deliver: (name, payload) => events.push({ name, payload }) }));
  return { host, link, conn, events, logger, fetch: recording, dataDir, dispose: () => host.dispose() };
}

export async function adminCall<T = Record<string, unknown>>(platform: { url: string; adminToken: string }, route: string, body?: unknown, method?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform.url}/admin${route}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${platform.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export async function enrolmentCode(platform: { url: string; adminToken: string }): Promise<string> {
  const answer = await adminCall<{ code: string }>(platform, '/enrolment-codes', { label: '测试终端', hallName: '六安市政务服务中心' });
  if (answer.status !== 201) throw new Error(`enrolment code: HTTP ${answer.status}`);
  return answer.body.code;
}

export async function waitFor<T>(find: () => T | undefined | false, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
