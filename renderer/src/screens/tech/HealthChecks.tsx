/**
 * 内部自检 / 外部自检 / 交互自检 for one device: the host runs the check and returns what it found as
 * text, shown with a pass or fail mark under the buttons. The printer's external check prints a test
 * page, so it says so. The interactive check needs the technician: the reader waits for a test card;
 * the printer prints a slip and asks whether it is legible and cut (devices.confirmCheck).
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
  const interactive = useAction(useCallback(() => kiosk.call('devices.healthCheck', { id, level: 'interactive' }), [kiosk, id]));
  const confirmPass = useAction(useCallback(() => kiosk.call('devices.confirmCheck', { id, passed: true }), [kiosk, id]));
  const confirmFail = useAction(useCallback(() => kiosk.call('devices.confirmCheck', { id, passed: false }), [kiosk, id]));
  const checks = [
    { level: 'internal', label: strings.devices.internalCheck, action: internal },
    { level: 'external', label: strings.devices.externalCheck, action: external },
    { level: 'interactive', label: strings.devices.interactiveCheck, action: interactive },
  ] as const;
  const printerAwaitsVerdict =
    device.kind === 'printer' &&
    interactive.outcome.state === 'ok' &&
    interactive.outcome.value.ok &&
    confirmPass.outcome.state === 'idle' &&
    confirmFail.outcome.state === 'idle';
  return (
    <section className="device-section" aria-label={strings.devices.healthTitle}>
      <h4>{strings.devices.healthTitle}</h4>
      {device.kind === 'printer' && <p className="device-note">{strings.devices.externalPrintsNote}</p>}
      <p className="device-note">{device.kind === 'printer' ? strings.devices.interactivePrinterNote : strings.devices.interactiveReaderNote}</p>
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
      {printerAwaitsVerdict && (
        <div className="device-actions" role="group" aria-label={strings.devices.verdictQuestion}>
          <p className="device-note">{strings.devices.verdictQuestion}</p>
          <button type="button" className="button button--primary" onClick={() => void confirmPass.run().then(onDone)}>
            {strings.devices.verdictPass}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void confirmFail.run().then(onDone)}>
            {strings.devices.verdictFail}
          </button>
        </div>
      )}
      {[confirmPass, confirmFail].map((action, index) => (
        <div key={index} data-health="verdict">
          <HealthOutcome action={action} label={strings.devices.interactiveCheck} />
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
