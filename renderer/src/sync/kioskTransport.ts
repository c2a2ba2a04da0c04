/**
 * The engine's transport in the kiosk: every call goes through KioskApi to the service host, which
 * holds the credential, applies deadlines and talks to the platform. The renderer never sees a
 * token or a platform URL.
 */
import type { KioskApi } from '../../../contract/index.ts';
import { ok } from '../../../contract/result.ts';
import type { SyncEngine } from '../../../sync/engine/engine.ts';
import type { SyncTransport } from '../../../sync/engine/transport.ts';

export function createKioskTransport(kiosk: KioskApi): SyncTransport {
  return {
    pull: (feed, cursor) => kiosk.call('sync.pull', { feed, cursor }),
    push: (request) => kiosk.call('sync.push', request),
    platformKey: async () => {
      const answer = await kiosk.call('sync.platformKey', {});
      return answer.ok ? ok(answer.value.jwk) : answer;
    },
    report: (queue) => kiosk.call('sync.report', queue),
  };
}

/** Host events → engine triggers: pokes pull that feed, link changes pause or resume. Returns the unsubscribe. */
export function connectKioskEvents(kiosk: KioskApi, engine: SyncEngine): () => void {
  const offPoke = kiosk.on('sync.poke', (poke) => engine.poke(poke.feed));
  const offLink = kiosk.on('sync.link', (link) => engine.linkChanged({ online: link.online, revoked: link.revoked }));
  return () => {
    offPoke();
    offLink();
  };
}
