/**
 * 内部自检 / 外部自检 for one device: the host runs the check and returns what it found as text,
 * shown with a pass or fail mark under the buttons. The printer's external check prints a test
 * page, so it says so.
 */
import { useCallback, type ReactNode } from 'react';
import type { KioskApi } from '../../../../contract/index.ts';
import type { DeviceSummary } from '../../../../contract/devices.ts';
import { Icon } from '../../components/icons.tsx';
import { useStrings } from '../../i18n/index.ts';
import { ActionOutcome, useAction, type Action } from './useAction.tsx';

type Report = { level: string; ok: boolean; text: string };

export function HealthChecks({ kiosk, device, onDone }: { kiosk: KioskApi; device: DeviceSummary; onDone: () => void }): ReactNode {
  const strings = useStrings();
  const { id } = device;
  const internal = useAction(useCallback(() => kiosk.call('devices.healthCheck', { id, level: 'internal' }), [kiosk, id]));
  const external = useAction(useCallback(() => kiosk.call('devices.healthCheck', { id, level: 'external' }), [kiosk, id]));
  const checks = [
    { level: 'internal', label: strings.devices.internalCheck, action: internal },
    { level: 'external', label: strings.devices.externalCheck, action: external },
  ] as const;
  return (
    <section className="device-section" aria-label={strings.devices.healthTitle}>
      <h4>{strings.devices.healthTitle}</h4>
      {device.kind === 'printer' && <p className="device-note">{strings.devices.externalPrintsNote}</p>}
      <div className="device-actions">
        {checks.map(({ level, label, action }) => (
          <button key={level} type="button" className="button button--secondary" disabled={action.running} onClick={() => void action.run().then(onDone)}>
            {label}
          </button>
        ))}
      </div>
      {checks.map(({ level, label, action }) => (
        <div key={level} data-health={level}>
          <HealthOutcome action={action} label={label} />
        </div>
      ))}
    </section>
  );
}

function HealthOutcome({ action, label }: { action: Action<Report>; label: string }): ReactNode {
  const strings = useStrings();
  return (
    <ActionOutcome action={action} label={label}>
      {(report) => (
        <p className={`health-result health-result--${report.ok ? 'ok' : 'failed'}`} role={report.ok ? 'status' : 'alert'}>
          <Icon name={report.ok ? 'online' : 'offline'} />
          <strong>
            {label}：{report.ok ? strings.devices.checkOk : strings.devices.checkFailed}
          </strong>
          <span className="health-result__text">{report.text}</span>
        </p>
      )}
    </ActionOutcome>
  );
}
