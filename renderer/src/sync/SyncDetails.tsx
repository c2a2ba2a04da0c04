/**
 * Sync details for staff and technicians: the engine's level and queue, the rejected commands (to
 * acknowledge once dealt with), each feed's version / last sync / error / digest, local storage,
 * and the host's link to the platform (sync.state, kept live by sync.link). No personal data: the
 * outbox payloads hold only sealed envelopes and nothing here opens them.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type ReactNode } from 'react';
import type { PlatformLinkState } from '../../../contract/sync.ts';
import type { SyncErrorRecord } from '../db/records.ts';
import { relativeTime } from '../screens/tech/deviceText.ts';
import { format, useStrings, type Strings } from '../i18n/index.ts';
import { useKioskState } from '../state/kioskState.tsx';
import { useNow } from '../frame/useNow.ts';
import { shortDateTime } from '../screens/progress/shortTime.ts';
import { useDatabase } from './KioskSync.tsx';
import { useSyncEngine, useSyncState } from './SyncProvider.tsx';

export function SyncDetails(): ReactNode {
  const strings = useStrings();
  const words = strings.syncDetails;
  const engine = useSyncEngine();
  const state = useSyncState();
  const db = useDatabase();
  const link = useLinkState();
  const now = useNow();
  const [syncing, setSyncing] = useState(false);
  const rejected = useLiveQuery(() => db.outbox.where('state').equals('rejected').reverse().sortBy('seq'), [db]);

  const syncNow = (): void => {
    if (syncing) return;
    setSyncing(true);
    void engine.syncNow().finally(() => setSyncing(false));
  };

  return (
    <section className="sync-details" aria-labelledby="sync-details-title" data-sync-level={state?.level ?? 'starting'}>
      <div className="diagnostics__head">
        <h2 id="sync-details-title">{words.title}</h2>
        <button type="button" className="button button--secondary" disabled={syncing} onClick={syncNow}>
          {syncing ? words.syncing : words.syncNow}
        </button>
      </div>
      {state === null ? (
        <p role="status">{strings.app.loading}</p>
      ) : (
        <dl className="facts">
          <Fact label={words.level} value={words.levels[state.level]} name="level" />
          <Fact label={words.pending} value={String(state.pending)} name="pending" />
          <Fact label={words.oldestPending} value={state.oldestPendingAgeMs === null ? words.none : ageText(strings, state.oldestPendingAgeMs)} />
          <Fact label={words.rejected} value={String(state.rejected)} name="rejected" />
          <Fact label={words.lastPushError} value={errorLine(words, state.lastError)} />
          <Fact
            label={words.storage}
            value={state.storage.usage === null ? words.unknown : format(words.storageUsage, { used: bytes(state.storage.usage), quota: state.storage.quota === null ? words.unknown : bytes(state.storage.quota) })}
          />
          <Fact label={words.persisted} value={state.storage.persisted === null ? words.unknown : state.storage.persisted ? words.yes : words.no} />
        </dl>
      )}

      {rejected !== undefined && rejected.length > 0 && (
        <>
          <h3>{words.rejectedList}</h3>
          <ul className="rejected-commands">
            {rejected.map((command) => {
              const answer = command.answer?.status === 'rejected' ? command.answer : command.answer?.status === 'duplicate' && command.answer.original.status === 'rejected' ? command.answer.original : null;
              return (
                <li key={command.id} className="rejected-command" data-command={command.id}>
                  <span>
                    #{command.seq} {format(words.rejectedRow, { type: command.type, code: answer?.code ?? '?', message: answer?.message ?? '' })}
                  </span>
                  {command.acknowledgedAt === null ? (
                    <button type="button" className="button button--secondary" onClick={() => void engine.acknowledgeRejected(command.id)}>
                      {words.acknowledge}
                    </button>
                  ) : (
                    <span className="badge">{words.acknowledged}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}

      {state !== null && (
        <>
          <h3>{words.feeds}</h3>
          <table className="feed-table">
            <thead>
              <tr>
                <th scope="col">{words.feed}</th>
                <th scope="col">{words.version}</th>
                <th scope="col">{words.lastSynced}</th>
                <th scope="col">{words.digest}</th>
                <th scope="col">{words.lastError}</th>
              </tr>
            </thead>
            <tbody>
              {state.feeds.map((feed) => (
                <tr key={feed.feed} data-feed={feed.feed}>
                  <th scope="row">{words.feedNames[feed.feed]}</th>
                  <td>{feed.version}</td>
                  <td>{relativeTime(strings, feed.lastSyncedAt, now)}</td>
                  <td>{feed.resetting ? words.resetting : feed.digestOk === null ? words.digestUnknown : feed.digestOk ? words.digestOk : words.digestBad}</td>
                  <td>{errorLine(words, feed.lastError)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h3>{words.link}</h3>
      {link === undefined ? (
        <p role="status">{strings.app.loading}</p>
      ) : (
        <dl className="facts" data-link-online={link.online}>
          <Fact label={words.online} value={link.online ? strings.frame.online : strings.frame.offline} name="online" />
          <Fact label={words.enrolled} value={link.enrolled ? words.yes : words.no} />
          <Fact label={words.revoked} value={link.revoked ? words.yes : words.no} />
          <Fact label={words.kioskId} value={link.kioskId ?? words.none} />
          <Fact label={words.platformUrl} value={link.platformUrl === '' ? words.none : link.platformUrl} />
          <Fact label={words.embedded} value={link.embedded ? words.yes : words.no} />
          <Fact label={words.tokenExpires} value={link.tokenExpiresAt === null ? words.none : shortDateTime(link.tokenExpiresAt)} />
          <Fact label={words.clockSkew} value={link.clockSkewMs === null ? words.unknown : format(words.clockSkewValue, { ms: Math.round(link.clockSkewMs) })} />
          <Fact label={words.lastError} value={errorLine(words, link.lastError)} />
          <Fact label={words.lastContact} value={relativeTime(strings, link.lastContactAt, now)} />
        </dl>
      )}
    </section>
  );
}

/** sync.state once, then every sync.link event. */
function useLinkState(): PlatformLinkState | undefined {
  const { kiosk } = useKioskState();
  const [link, setLink] = useState<PlatformLinkState>();
  useEffect(() => {
    let active = true;
    let fromEvent = false;
    const off = kiosk.on('sync.link', (next) => {
      fromEvent = true;
      setLink(next);
    });
    void kiosk.call('sync.state', {}).then((r) => {
      if (active && r.ok && !fromEvent) setLink(r.value);
    });
    return () => {
      active = false;
      off();
    };
  }, [kiosk]);
  return link;
}

function errorLine(words: Strings['syncDetails'], error: SyncErrorRecord | null): string {
  return error === null ? words.none : `${error.code}：${error.message}（${shortDateTime(error.at)}）`;
}

/** "3分钟前" of an age: relativeTime against a fixed origin. */
function ageText(strings: Strings, ms: number): string {
  return relativeTime(strings, new Date(0).toISOString(), ms);
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

function Fact({ label, value, name }: { label: string; value: string; name?: string }): ReactNode {
  return (
    <div className="fact" data-fact={name}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
