/**
 * One device on the diagnostics screen: its state (word + icon + colour), port, how long it has
 * been in that state, last error and counters; then self-tests, the test actions of its kind, the
 * simulator controls when it is simulated, and its live log.
 */
import { useCallback, useState, type ReactNode } from 'react';
import type { DeviceSummary } from '../../../../contract/devices.ts';
import { Icon } from '../../components/icons.tsx';
import { format, useStrings } from '../../i18n/index.ts';
import { useKioskState } from '../../state/kioskState.tsx';
import { CardEvents } from './CardEvents.tsx';
import { HealthChecks } from './HealthChecks.tsx';
import { LiveLog } from './LiveLog.tsx';
import { IdCardSimulator, PrinterSimulator } from './SimulatorPanel.tsx';
import { IdCardTests, PrinterTests } from './TestActions.tsx';
import { relativeTime, STATE_LOOK, technicalErrorText } from './deviceText.ts';

export const ID_CARD_KIND = 'id-card';
export const PRINTER_KIND = 'printer';

const COUNTER_KEYS = ['reads', 'failures', 'prints', 'paperOuts', 'reconnects', 'commandTimeouts'] as const;

export function DeviceCard({ device, now, onActed }: { device: DeviceSummary; now: number; onActed: () => void }): ReactNode {
  const strings = useStrings();
  const { kiosk } = useKioskState();
  // Bumped after anything that may have printed, so the virtual paper re-reads itself.
  const [printVersion, setPrintVersion] = useState(0);
  const afterPrint = useCallback(() => {
    setPrintVersion((v) => v + 1);
    onActed();
  }, [onActed]);
  const look = STATE_LOOK[device.state];
  const stateWord = strings.devices.states[device.state];
  const simulated = device.transport === 'simulated';
  const titleId = `device-${device.id}-title`;

  return (
    <article className="device-card" data-device={device.id} data-state={device.state} aria-labelledby={titleId}>
      <header className="device-card__head">
        <h3 id={titleId} className="device-card__title">
          {device.label}
        </h3>
        <span className={`device-state device-state--${look.tone}`} data-state-word={stateWord} aria-label={format(strings.devices.stateLabel, { state: stateWord })}>
          <Icon name={look.icon} />
          {stateWord}
        </span>
      </header>

      <dl className="device-facts">
        <div className="device-fact">
          <dt>{strings.devices.port}</dt>
          <dd>{simulated ? strings.devices.simulated : (device.port ?? strings.devices.noPort)}</dd>
        </div>
        <div className="device-fact">
          <dt>{strings.devices.since}</dt>
          <dd>
            <time dateTime={device.since}>{relativeTime(strings, device.since, now)}</time>
          </dd>
        </div>
        <div className="device-fact device-fact--wide">
          <dt>{strings.devices.lastError}</dt>
          <dd className={device.lastError === null ? undefined : 'device-fact__error'}>
            {device.lastError === null ? (
              strings.devices.noError
            ) : (
              <>
                {technicalErrorText(strings, device.lastError)}
                <time className="device-fact__when" dateTime={device.lastError.at}>
                  {relativeTime(strings, device.lastError.at, now)}
                </time>
              </>
            )}
          </dd>
        </div>
      </dl>

      <dl className="device-counters">
        {COUNTER_KEYS.map((key) => (
          <div className="device-counter" key={key} data-counter={key}>
            <dt>{strings.devices.counters[key]}</dt>
            <dd>{device.counters[key]}</dd>
          </div>
        ))}
        <div className="device-counter device-counter--wide" data-counter="lastSeen">
          <dt>{strings.devices.counters.lastSeen}</dt>
          <dd>{relativeTime(strings, device.counters.lastSeen, now)}</dd>
        </div>
      </dl>

      <HealthChecks kiosk={kiosk} device={device} onDone={device.kind === PRINTER_KIND ? afterPrint : onActed} />

      {device.kind === ID_CARD_KIND && <IdCardTests kiosk={kiosk} onDone={onActed} />}
      {device.kind === PRINTER_KIND && <PrinterTests kiosk={kiosk} onPrinted={afterPrint} />}

      {device.kind === ID_CARD_KIND && <CardEvents kiosk={kiosk} onEvent={onActed} />}

      {simulated && device.kind === ID_CARD_KIND && <IdCardSimulator kiosk={kiosk} />}
      {simulated && device.kind === PRINTER_KIND && <PrinterSimulator kiosk={kiosk} printVersion={printVersion} onChanged={onActed} />}

      <LiveLog kiosk={kiosk} deviceId={device.id} />
    </article>
  );
}
