/**
 * Handlers for sync.*: the renderer's sync engine reaches the platform only through these. The
 * link holds the credential and tokens; results are contract-shaped (the dispatcher checks pages
 * against AnyFeedPage again). Link changes and platform pokes become sync.link / sync.poke events.
 */
import { err, ok } from '../../../contract/index.ts';
import type { PlatformLinkState } from '../../../contract/sync.ts';
import type { Handlers } from '../dispatcher.ts';
import type { HostContext } from '../hostContext.ts';
import type { PlatformLink } from '../platform/platformLink.ts';

type SyncHandlerNames = 'sync.pull' | 'sync.push' | 'sync.platformKey' | 'sync.state' | 'sync.report';

export interface SyncServices {
  readonly handlers: Pick<Handlers, SyncHandlerNames>;
  dispose(): void;
}

/** The state a host without any platform link reports (tests of other parts, embedded start failed). */
export function noLinkState(): PlatformLinkState {
  return {
    online: false,
    enrolled: false,
    revoked: false,
    kioskId: null,
    platformUrl: '',
    embedded: false,
    tokenExpiresAt: null,
    clockSkewMs: null,
    lastError: null,
    lastContactAt: null,
  };
}

export function syncServices(host: HostContext, link: PlatformLink | undefined): SyncServices {
  if (link === undefined) {
    const missing = () => err('UNAVAILABLE', 'This kiosk runs without a platform link (see the start-up log).');
    return {
      handlers: {
        'sync.pull': missing,
        'sync.push': missing,
        'sync.platformKey': missing,
        'sync.state': () => ok(noLinkState()),
        'sync.report': () => ok({}),
      },
      dispose: () => undefined,
    };
  }
  const stopState = link.onState((state) => host.events.publish('sync.link', state));
  const stopPokes = link.onPoke((poke) => host.events.publish('sync.poke', poke));
  return {
    handlers: {
      'sync.pull': (arg) => link.pull(arg.feed, arg.cursor),
      'sync.push': (arg) => link.push(arg),
      'sync.platformKey': () => link.platformKey(),
      'sync.state': () => ok(link.state()),
      'sync.report': (arg) => {
        link.report(arg);
        return ok({});
      },
    },
    dispose() {
      stopState();
      stopPokes();
    },
  };
}
