/**
 * The device list, kept live: devices.list once, then every devices.changed event replaces its
 * device. Counters move without a state change, so the list is also re-read on a slow timer and
 * whenever a panel asks (after an action).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskApi, KioskError } from '../../../../contract/index.ts';
import type { DeviceSummary } from '../../../../contract/devices.ts';

export const DEVICE_REFRESH_MS = 5_000;

export type DeviceList =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly devices: readonly DeviceSummary[] }
  | { readonly state: 'failed'; readonly error: KioskError };

export function upsertDevice(devices: readonly DeviceSummary[], changed: DeviceSummary): DeviceSummary[] {
  const index = devices.findIndex((d) => d.id === changed.id);
  if (index === -1) return [...devices, changed];
  return devices.map((d, i) => (i === index ? changed : d));
}

export function useDevices(kiosk: KioskApi, refreshMs = DEVICE_REFRESH_MS): { list: DeviceList; refresh: () => void } {
  const [list, setList] = useState<DeviceList>({ state: 'loading' });
  const active = useRef(true);

  const refresh = useCallback(() => {
    void kiosk.call('devices.list', {}).then((result) => {
      if (!active.current) return;
      // A failed refresh keeps what is shown; only the first load shows the failure.
      setList((current) => (result.ok ? { state: 'ok', devices: result.value } : current.state === 'ok' ? current : { state: 'failed', error: result.error }));
    });
  }, [kiosk]);

  useEffect(() => {
    active.current = true;
    const off = kiosk.on('devices.changed', (changed) =>
      setList((current) => (current.state === 'ok' ? { state: 'ok', devices: upsertDevice(current.devices, changed) } : current)),
    );
    refresh();
    const timer = setInterval(refresh, refreshMs);
    return () => {
      active.current = false;
      off();
      clearInterval(timer);
    };
  }, [kiosk, refresh, refreshMs]);

  return { list, refresh };
}
