/**
 * What a technician checks on site: system.info and system.configReport from the host, then every
 * device with its state, self-tests, test actions, simulator controls and live log.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { KioskError, MethodOutput } from '../../../../contract/index.ts';
import type { SystemInfo } from '../../../../contract/system.ts';
import { useNow } from '../../frame/useNow.ts';
import { errorText, format, useStrings, type Strings } from '../../i18n/index.ts';
import { navigate } from '../../router/useRoute.ts';
import { networkState, useKioskState } from '../../state/kioskState.tsx';
import { DeviceDiagnostics } from './DeviceDiagnostics.tsx';
import { SyncDetails } from '../../sync/SyncDetails.tsx';
import { useOptionalSyncEngine } from '../../sync/SyncProvider.tsx';

type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'failed'; error: KioskError };
type ConfigReport = MethodOutput<'system.configReport'>;

export function TechDiagnosticsScreen(): ReactNode {
  const strings = useStrings();
  const { kiosk, status, updateSession } = useKioskState();
  const [info, setInfo] = useState<Loaded<SystemInfo>>({ state: 'loading' });
  const [report, setReport] = useState<Loaded<ConfigReport>>({ state: 'loading' });
  const [signOutError, setSignOutError] = useState<string>();

  useEffect(() => {
    let active = true;
    void kiosk.call('system.info', {}).then((r) => {
      if (active) setInfo(r.ok ? { state: 'ok', value: r.value } : { state: 'failed', error: r.error });
    });
    void kiosk.call('system.configReport', {}).then((r) => {
      if (active) setReport(r.ok ? { state: 'ok', value: r.value } : { state: 'failed', error: r.error });
    });
    return () => {
      active = false;
    };
  }, [kiosk]);

  const signOut = (): void => {
    void kiosk.call('session.signOut', {}).then((r) => {
      if (r.ok) {
        updateSession(r.value);
        navigate('home');
      } else {
        // Stay: leaving would look signed out while the host still holds the technician role.
        setSignOutError(errorText(strings, r.error));
      }
    });
  };

  const network = networkState(status, useNow());
  const hasSync = useOptionalSyncEngine() !== null;

  return (
    <section className="diagnostics" aria-labelledby="diagnostics-title">
      <div className="diagnostics__head">
        <h1 id="diagnostics-title">{strings.tech.diagnosticsTitle}</h1>
        <button type="button" className="button button--secondary" onClick={signOut}>
          {strings.tech.exit}
        </button>
      </div>
      {signOutError !== undefined && (
        <p className="form-error" role="alert">
          {signOutError}
        </p>
      )}

      <h2>{strings.tech.systemSection}</h2>
      {info.state === 'loading' && <p role="status">{strings.app.loading}</p>}
      {info.state === 'failed' && <Failure strings={strings} error={info.error} />}
      {info.state === 'ok' && (
        <dl className="facts">
          <Fact label={strings.tech.version} value={info.value.version} />
          <Fact label={strings.tech.kioskId} value={info.value.kioskId} />
          <Fact label={strings.tech.kioskName} value={info.value.kioskName} />
          <Fact label={strings.tech.hallName} value={info.value.hallName} />
          <Fact
            label={strings.tech.deviceMode}
            value={info.value.deviceMode === 'simulated' ? strings.tech.deviceModeSimulated : strings.tech.deviceModeReal}
          />
          <Fact label={strings.tech.transport} value={info.value.transport} />
          <Fact
            label={strings.tech.serviceState}
            value={
              info.value.service.state === 'in-service'
                ? strings.tech.inService
                : format(strings.tech.outOfService, { reason: info.value.service.reason })
            }
          />
          <Fact label={strings.tech.configSource} value={info.value.configSource} />
          <Fact
            label={strings.tech.network}
            value={{ online: strings.frame.online, offline: strings.frame.offline, unknown: strings.frame.unknownNetwork }[network]}
          />
        </dl>
      )}

      {hasSync && <SyncDetails />}

      <h2>{strings.tech.configSection}</h2>
      {report.state === 'loading' && <p role="status">{strings.app.loading}</p>}
      {report.state === 'failed' && <Failure strings={strings} error={report.error} />}
      {report.state === 'ok' && (
        <div className="config-report">
          <p>
            {strings.tech.configSource}：{report.value.source}
          </p>
          {report.value.problems.length === 0 ? (
            <p>{strings.tech.configOk}</p>
          ) : (
            <>
              <p className="form-error">{format(strings.tech.configProblems, { count: report.value.problems.length })}</p>
              <ul className="problems">
                {report.value.problems.map((p, i) => (
                  <li key={`${p.field}-${i}`}>
                    <code>{p.field}</code>：{p.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      <DeviceDiagnostics />
    </section>
  );
}

function Fact({ label, value }: { label: string; value: string }): ReactNode {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Failure({ strings, error }: { strings: Strings; error: KioskError }): ReactNode {
  return (
    <p className="form-error" role="alert">
      {format(strings.tech.loadFailed, { message: errorText(strings, error) })}
    </p>
  );
}
