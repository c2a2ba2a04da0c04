/**
 * 进度查询: this kiosk's submissions from the local database, live: 待上传 while the command waits
 * in the outbox, then the platform's state and 受理编号 as the status feed brings them. Only the
 * masked display fields exist locally, so nothing here can show more.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useStrings, type Strings } from '../../i18n/index.ts';
import type { SubmissionRecord } from '../../db/records.ts';
import { navigate } from '../../router/useRoute.ts';
import { useDatabase } from '../../sync/KioskSync.tsx';
import { ScreenHeader } from '../guide/ScreenHeader.tsx';
import { shortDateTime } from './shortTime.ts';

export const PROGRESS_LIST_LIMIT = 50;

export function ProgressScreen(): ReactNode {
  const strings = useStrings();
  const words = strings.progress;
  const db = useDatabase();
  const rows = useLiveQuery(() => db.submissions.orderBy('createdAt').reverse().filter((s) => s.kind === 'application').limit(PROGRESS_LIST_LIMIT).toArray(), [db]);

  return (
    <section className="progress" aria-labelledby="progress-title">
      <ScreenHeader id="progress-title" title={words.title} backLabel={strings.guide.home} onBack={() => navigate('home')} />
      <p className="apply__hint">{words.hint}</p>
      {rows === undefined && <p className="loading">{strings.app.loading}</p>}
      {rows !== undefined && rows.length === 0 && <p className="guide__empty">{words.empty}</p>}
      {rows !== undefined && rows.length > 0 && (
        <ul className="submission-list">
          {rows.map((row) => (
            <SubmissionRow key={row.id} row={row} strings={strings} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SubmissionRow({ row, strings }: { row: SubmissionRecord; strings: Strings }): ReactNode {
  const words = strings.progress;
  const tone = row.state === 'queued' ? 'waiting' : row.state === 'rejected' || row.state === 'refused' ? 'bad' : row.state === 'completed' ? 'done' : 'moving';
  return (
    <li className="submission" data-submission={row.id} data-state={row.state}>
      <div className="submission__head">
        <span className="submission__service">{row.display.serviceName ?? row.display.title ?? row.display.serviceCode ?? words.kinds[row.kind]}</span>
        <span className={`submission-state submission-state--${tone}`}>{words.states[row.state]}</span>
      </div>
      <dl className="facts">
        {row.display.applicantName !== undefined && <Fact label={words.applicant} value={row.display.applicantName} />}
        <Fact label={words.submittedAt} value={shortDateTime(row.createdAt)} />
        <Fact label={words.acceptanceNumber} value={row.acceptanceNumber ?? words.acceptancePending} dataName="acceptance" />
      </dl>
      {row.statusMessage !== null && row.statusMessage !== '' && <p className="submission__message">{row.statusMessage}</p>}
    </li>
  );
}

function Fact({ label, value, dataName }: { label: string; value: string; dataName?: string }): ReactNode {
  return (
    <div className="fact" data-fact={dataName}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
