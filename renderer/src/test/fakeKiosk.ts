/**
 * A scriptable `KioskApi` for renderer tests: validates every argument against the real contract
 * (so a wrong call fails like it would over IPC), answers with sensible defaults, lets a test queue
 * exact results per method, and pushes events with `emit`.
 */
import {
  err,
  events,
  methods,
  ok,
  type EventName,
  type EventPayload,
  type KioskApi,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
} from '../../../contract/index.ts';
import type { SessionInfo } from '../../../contract/session.ts';
import type { SystemInfo, SystemStatus } from '../../../contract/system.ts';

type Handler<M extends MethodName> = (arg: MethodInput<M>) => Result<MethodOutput<M>> | Promise<Result<MethodOutput<M>>>;
type Handlers = { [M in MethodName]?: Handler<M> };

export interface RecordedCall {
  readonly name: MethodName;
  readonly arg: unknown;
}

export interface FakeKiosk extends KioskApi {
  readonly calls: RecordedCall[];
  /** Queue results returned (in order) by the next calls of `name`, before the handler is used. */
  respond<M extends MethodName>(name: M, ...results: Result<MethodOutput<M>>[]): void;
  /** Replace the default handler of `name`. */
  handle<M extends MethodName>(name: M, handler: Handler<M>): void;
  /** Push an event to every listener, after checking the payload against the contract. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  listenerCount(name: EventName): number;
  callsOf(name: MethodName): RecordedCall[];
}

export const FAKE_INFO: SystemInfo = {
  version: '0.1.0-test',
  kioskId: 'LA-JA-001',
  kioskName: '1号自助机',
  hallName: '六安市金安区政务服务中心',
  deviceMode: 'simulated',
  transport: 'websocket',
  service: { state: 'in-service' },
  configSource: 'embedded default',
  idleResetSeconds: 120,
};

export const FAKE_TECHNICIAN_PIN = '246810';

export function fakeStatus(overrides: Partial<SystemStatus> = {}): SystemStatus {
  return { online: true, now: new Date().toISOString(), service: { state: 'in-service' }, ...overrides };
}

export interface FakeKioskOptions {
  readonly info?: Partial<SystemInfo>;
  readonly status?: Partial<SystemStatus>;
  readonly session?: SessionInfo;
}

export function createFakeKiosk(options: FakeKioskOptions = {}): FakeKiosk {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const queued = new Map<MethodName, Result<unknown>[]>();
  const calls: RecordedCall[] = [];
  let session: SessionInfo = options.session ?? { role: 'resident' };

  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    const checked = events[name].payload.parse(payload) as EventPayload<E>;
    for (const listener of [...(listeners.get(name) ?? [])]) listener(checked);
  };

  const setSession = (next: SessionInfo): SessionInfo => {
    session = next;
    emit('session.changed', next);
    return next;
  };

  const handlers: Handlers = {
    'system.info': () => ok({ ...FAKE_INFO, ...options.info }),
    'system.status': () => ok(fakeStatus(options.status)),
    'system.configReport': () =>
      session.role === 'resident'
        ? err('FORBIDDEN', 'technician or staff only')
        : ok({ source: options.info?.configSource ?? FAKE_INFO.configSource, problems: [] }),
    'session.get': () => ok(session),
    'session.signIn': (arg) =>
      arg.pin === FAKE_TECHNICIAN_PIN
        ? ok(setSession({ role: arg.role, actor: '技术员' }))
        : err('WRONG_PIN', 'wrong pin'),
    'session.signOut': () => ok(setSession({ role: 'resident' })),
  };

  const fake: FakeKiosk = {
    transport: 'websocket',
    calls,
    async call<M extends MethodName>(name: M, arg: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      calls.push({ name, arg });
      await Promise.resolve(); // answers arrive asynchronously, as over a transport
      const spec = methods[name] as { input: { safeParse(value: unknown): { success: boolean } } } | undefined;
      if (spec === undefined) return err('UNKNOWN_METHOD', `no method ${String(name)}`);
      if (!spec.input.safeParse(arg).success) return err('INVALID_ARGUMENT', `bad argument for ${name}`);
      const next = queued.get(name)?.shift();
      if (next !== undefined) return next as Result<MethodOutput<M>>;
      const handler = handlers[name];
      if (handler === undefined) return err('UNKNOWN_METHOD', `fake has no handler for ${name}`);
      return handler(arg);
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    respond(name, ...results) {
      queued.set(name, [...(queued.get(name) ?? []), ...results]);
    },
    handle(name, handler) {
      (handlers as Record<string, unknown>)[name] = handler;
    },
    emit,
    listenerCount: (name) => listeners.get(name)?.size ?? 0,
    callsOf: (name) => calls.filter((c) => c.name === name),
  };
  return fake;
}
