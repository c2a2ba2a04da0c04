/** The serial ports the operating system reports, for matching a cable to the config's port. */
import { useCallback, useEffect, type ReactNode } from 'react';
import type { KioskApi } from '../../../../contract/index.ts';
import { format, useStrings } from '../../i18n/index.ts';
import { ActionOutcome, useAction } from './useAction.tsx';

export function SerialPorts({ kiosk }: { kiosk: KioskApi }): ReactNode {
  const strings = useStrings();
  const t = strings.devices;
  const list = useAction(useCallback(() => kiosk.call('devices.serialPorts', {}), [kiosk]));
  const { run } = list;
  useEffect(() => {
    void run();
  }, [run]);

  return (
    <section className="serial-ports" aria-labelledby="serial-ports-title">
      <div className="device-card__head">
        <h2 id="serial-ports-title">{t.portsTitle}</h2>
        <button type="button" className="button button--secondary" disabled={list.running} onClick={() => void run()}>
          {t.refresh}
        </button>
      </div>
      <ActionOutcome action={list} label={t.portsTitle}>
        {({ ports, error }) => (
          <>
            {error !== undefined && (
              <p className="action-outcome--failed" role="alert">
                {format(t.portsError, { message: error })}
              </p>
            )}
            {ports.length === 0 ? (
              <p className="device-note">{t.portsEmpty}</p>
            ) : (
              <ul className="serial-ports__list">
                {ports.map((port) => (
                  <li key={port.path} className="serial-port">
                    <code className="serial-port__path">{port.path}</code>
                    {port.byIdPath !== undefined && <code className="serial-port__by-id">{port.byIdPath}</code>}
                    <dl className="device-facts">
                      {(
                        [
                          [t.portVendor, port.vendorId],
                          [t.portProduct, port.productId],
                          [t.portManufacturer, port.manufacturer],
                          [t.portSerial, port.serialNumber],
                        ] as const
                      ).map(([label, value]) =>
                        value === undefined ? null : (
                          <div className="device-fact" key={label}>
                            <dt>{label}</dt>
                            <dd>{value}</dd>
                          </div>
                        ),
                      )}
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </ActionOutcome>
    </section>
  );
}
