/**
 * A device's live log: the newest entries from devices.log, then each devices.logEntry as it
 * arrives, newest on top, at most LOG_ROWS. 暂停 freezes the view so a technician can read a frame
 * while the reader keeps polling; entries still arrive underneath.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { EventPayload, KioskApi } from '../../../../contract/index.ts';
import { format, useStrings } from '../../i18n/index.ts';
import { clockTime, failedActionText } from './deviceText.ts';

export const LOG_ROWS = 200;

type LogEntry = Omit<EventPayload<'devices.logEntry'>, 'deviceId'>;
type Row = LogEntry & { readonly n: number };

export function LiveLog({ kiosk, deviceId }: { kiosk: KioskApi; deviceId: string }): ReactNode {
  const strings = useStrings();
  const [rows, setRows] = useState<readonly Row[]>([]);
  const [frozen, setFrozen] = useState<readonly Row[]>();
  const [loadError, setLoadError] = useState<{ code: string; message: string }>();

  useEffect(() => {
    let active = true;
    let n = 0;
    const number = (entry: LogEntry): Row => ({ ...entry, n: ++n });
    const live: Row[] = [];
    let loaded = false;
    const off = kiosk.on('devices.logEntry', ({ deviceId: from, ...entry }) => {
      if (from !== deviceId) return;
      const row = number(entry);
      if (!loaded) live.push(row); // held until the history arrives, so order stays right
      else setRows((current) => [row, ...current].slice(0, LOG_ROWS));
    });
    void kiosk.call('devices.log', { id: deviceId, limit: LOG_ROWS }).then((result) => {
      if (!active) return;
      loaded = true;
      if (!result.ok) setLoadError(result.error);
      const history = result.ok ? result.value : [];
      // An entry may be in the history and also have arrived live while we waited: keep it once.
      const seen = new Set(history.map(keyOf));
      const fresh = live.filter((row) => !seen.has(keyOf(row)));
      const ordered = [...history.map(number), ...fresh].reverse();
      setRows(ordered.slice(0, LOG_ROWS));
    });
    return () => {
      active = false;
      off();
    };
  }, [kiosk, deviceId]);

  const shown = frozen ?? rows;
  return (
    <section className="device-section live-log" aria-label={strings.devices.logTitle}>
      <div className="live-log__head">
        <h4>{strings.devices.logTitle}</h4>
        <span className="device-note">{format(strings.devices.logCount, { count: shown.length })}</span>
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={frozen !== undefined}
          onClick={() => setFrozen((current) => (current === undefined ? rows : undefined))}
        >
          {frozen === undefined ? strings.devices.pause : strings.devices.resume}
        </button>
      </div>
      {loadError !== undefined && (
        <p className="action-outcome action-outcome--failed" role="alert">
          {failedActionText(strings, strings.devices.logTitle, loadError)}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="device-note">{strings.devices.logEmpty}</p>
      ) : (
        <ol className="live-log__rows">
          {shown.map((row) => (
            <li key={row.n} className={`log-row log-row--${row.dir}`} data-dir={row.dir}>
              <time className="log-row__time" dateTime={row.at}>
                {clockTime(row.at)}
              </time>
              <span className="log-row__dir">{strings.devices.logDirections[row.dir]}</span>
              <span className="log-row__text">{row.text}</span>
              {row.hex !== undefined && <code className="log-row__hex">{row.hex}</code>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function keyOf(entry: LogEntry): string {
  return `${entry.at}|${entry.dir}|${entry.text}|${entry.hex ?? ''}`;
}
