/**
 * 设备诊断: every configured device, live, with its checks, tests, simulator controls and log; then
 * the serial ports the system sees.
 */
import type { ReactNode } from 'react';
import { useNow } from '../../frame/useNow.ts';
import { format, errorText, useStrings } from '../../i18n/index.ts';
import { correctedNow, useKioskState } from '../../state/kioskState.tsx';
import { DeviceCard } from './DeviceCard.tsx';
import { SerialPorts } from './SerialPorts.tsx';
import { useDevices } from './useDevices.ts';

export function DeviceDiagnostics({ refreshMs }: { refreshMs?: number }): ReactNode {
  const strings = useStrings();
  const { kiosk, status } = useKioskState();
  const { list, refresh } = useDevices(kiosk, refreshMs);
  // "3分钟前" is measured on the host's clock: the device times come from the host.
  const now = correctedNow(status, useNow()).getTime();

  return (
    <>
      <section className="devices" aria-labelledby="devices-title">
        <h2 id="devices-title">{strings.tech.deviceSection}</h2>
        {list.state === 'loading' && <p role="status">{strings.app.loading}</p>}
        {list.state === 'failed' && (
          <p className="form-error" role="alert">
            {format(strings.devices.listFailed, { message: errorText(strings, list.error) })}
          </p>
        )}
        {list.state === 'ok' && list.devices.length === 0 && <p>{strings.devices.none}</p>}
        {list.state === 'ok' && list.devices.map((device) => <DeviceCard key={device.id} device={device} now={now} onActed={refresh} />)}
      </section>
      <SerialPorts kiosk={kiosk} />
    </>
  );
}
