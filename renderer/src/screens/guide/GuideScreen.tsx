/**
 * 办事指南: the services in the local catalogue (live: a newly published item appears without a
 * reload), narrowed by a search box and department chips. Everything shown comes from the
 * platform's catalogue feed and is rendered as text.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { format, useStrings } from '../../i18n/index.ts';
import { navigate } from '../../router/useRoute.ts';
import { useDatabase } from '../../sync/KioskSync.tsx';
import { departments, findServices } from './catalogQuery.ts';
import { navigateWithParams } from './hashParams.ts';
import { ScreenHeader } from './ScreenHeader.tsx';
import { ServiceBadges } from './ServiceBadges.tsx';

export function GuideScreen(): ReactNode {
  const strings = useStrings();
  const words = strings.guide;
  const db = useDatabase();
  const [text, setText] = useState('');
  const [department, setDepartment] = useState<string | null>(null);
  const matches = useLiveQuery(() => findServices(db, { text, department }), [db, text, department]);
  const departmentList = useLiveQuery(() => departments(db), [db]);
  const catalogEmpty = departmentList !== undefined && departmentList.length === 0;

  return (
    <section className="guide" aria-labelledby="guide-title">
      <ScreenHeader id="guide-title" title={words.title} backLabel={words.home} onBack={() => navigate('home')} />
      <div className="guide__search">
        <label htmlFor="guide-search" className="guide__search-label">
          {words.searchLabel}
        </label>
        <input
          id="guide-search"
          type="search"
          className="text-input"
          value={text}
          placeholder={words.searchPlaceholder}
          autoComplete="off"
          maxLength={40}
          onChange={(event) => setText(event.target.value)}
        />
        {text !== '' && (
          <button type="button" className="button button--secondary" onClick={() => setText('')}>
            {words.clearSearch}
          </button>
        )}
      </div>
      {departmentList !== undefined && departmentList.length > 0 && (
        <div className="chips" role="group" aria-label={words.departmentsLabel}>
          <Chip label={words.allDepartments} pressed={department === null} onClick={() => setDepartment(null)} />
          {departmentList.map((d) => (
            <Chip key={d} label={d} pressed={department === d} onClick={() => setDepartment(d)} />
          ))}
        </div>
      )}
      {catalogEmpty && (
        <p className="loading" role="status">
          {words.noCatalog}
        </p>
      )}
      {matches !== undefined && !catalogEmpty && (
        <>
          <p className="guide__count" role="status" data-total={matches.total}>
            {matches.total > matches.rows.length
              ? format(words.countLimited, { count: matches.total, shown: matches.rows.length })
              : format(words.count, { count: matches.total })}
          </p>
          {matches.total === 0 && <p className="guide__empty">{words.empty}</p>}
          <ul className="service-list">
            {matches.rows.map((row) => (
              <li key={row.id}>
                <button type="button" className="service-row" data-service={row.id} onClick={() => navigateWithParams('guideItem', { code: row.id })}>
                  <span className="service-row__name">{row.name}</span>
                  <span className="service-row__department">{row.department}</span>
                  <ServiceBadges item={row.item} />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Chip({ label, pressed, onClick }: { label: string; pressed: boolean; onClick: () => void }): ReactNode {
  return (
    <button type="button" className={`chip${pressed ? ' chip--on' : ''}`} aria-pressed={pressed} onClick={onClick}>
      {label}
    </button>
  );
}
