/**
 * One service's 事项要素, laid out for a resident: what it is, who may apply, what to bring (form,
 * copies, required or not), how long it takes (with its unit), what it costs, where and when, whom
 * to call, and whether this kiosk can take the application. All text comes from the catalogue feed
 * and is rendered as text, never as markup.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import type { ServiceItem, TimeLimit } from '../../../../sync/protocol/serviceItem.ts';
import { format, useStrings, type Strings } from '../../i18n/index.ts';
import { navigate } from '../../router/useRoute.ts';
import { useDatabase } from '../../sync/KioskSync.tsx';
import { navigateWithParams, useHashParam } from './hashParams.ts';
import { ScreenHeader } from './ScreenHeader.tsx';
import { ServiceBadges } from './ServiceBadges.tsx';

export function GuideItemScreen(): ReactNode {
  const strings = useStrings();
  const words = strings.guide;
  const db = useDatabase();
  const code = useHashParam('code');
  // undefined while loading; null when there is no such item.
  const row = useLiveQuery(async () => (code === null ? null : ((await db.catalog.get(code)) ?? null)), [db, code]);

  return (
    <section className="guide-item" aria-labelledby="guide-item-title">
      <ScreenHeader id="guide-item-title" title={row?.name ?? words.title} backLabel={words.back} onBack={() => navigate('guide')} />
      {row === undefined && (
        <p className="loading" role="status">
          {strings.app.loading}
        </p>
      )}
      {row === null && <p className="guide__empty">{words.notFound}</p>}
      {row !== undefined && row !== null && <ItemDetails item={row.item} strings={strings} />}
    </section>
  );
}

function ItemDetails({ item, strings }: { item: ServiceItem; strings: Strings }): ReactNode {
  const words = strings.guide;
  const sections = words.sections;
  return (
    <div className="item-details" data-service={item.code}>
      <div className="item-details__badges">
        <ServiceBadges item={item} />
        {item.terminalCapable && (
          <button type="button" className="button button--primary" onClick={() => navigateWithParams('apply', { service: item.code })}>
            {words.applyHere}
          </button>
        )}
      </div>

      <Section title={sections.basics}>
        <dl className="facts">
          <Fact label={words.department} value={item.department.name} />
          <Fact label={words.serviceType} value={item.type} />
          <Fact label={words.projectType} value={item.projectType} />
          <Fact label={words.serviceObjects} value={item.serviceObjects.join('、')} />
          <Fact label={words.visits} value={item.onSiteVisits === 0 ? words.visitsZero : format(words.visitsN, { n: item.onSiteVisits })} />
        </dl>
      </Section>

      <Section title={sections.conditions}>
        <ol className="item-list">
          {item.acceptanceConditions.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ol>
      </Section>

      <Section title={sections.materials}>
        {item.materials.length === 0 ? (
          <p>{words.noMaterials}</p>
        ) : (
          <ol className="materials">
            {item.materials.map((m, i) => (
              <li key={i} className="material">
                <span className="material__name">{m.name}</span>
                <span className="badges">
                  <span className={`badge${m.required ? ' badge--required' : ''}`}>{m.required ? words.required : words.optional}</span>
                  <span className="badge">{m.copies === 0 ? words.electronic : format(words.copies, { form: m.form, copies: m.copies })}</span>
                </span>
                {m.note !== undefined && <span className="material__note">{m.note}</span>}
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section title={sections.timeLimits}>
        <dl className="facts">
          <Fact label={words.promisedLimit} value={limitText(item.promisedTimeLimit, words)} />
          <Fact label={words.legalLimit} value={limitText(item.legalTimeLimit, words)} />
        </dl>
      </Section>

      <Section title={sections.fees}>
        {!item.fees.charged || item.fees.items.length === 0 ? (
          <p>{words.noFee}</p>
        ) : (
          <ul className="item-list">
            {item.fees.items.map((f, i) => (
              <li key={i}>
                {f.name}：{f.standard}
                {f.basis !== undefined && <span className="material__note">{f.basis}</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={sections.steps}>
        <ol className="item-list">
          {item.steps.map((s, i) => (
            <li key={i}>
              <strong>{s.name}</strong>：{s.description}
            </li>
          ))}
        </ol>
      </Section>

      <Section title={sections.place}>
        <dl className="facts">
          <Fact label={words.address} value={item.address} />
          <Fact label={words.hours} value={item.hours} />
        </dl>
      </Section>

      <Section title={sections.phones}>
        <dl className="facts">
          <Fact label={words.consultPhone} value={item.consultPhone} />
          <Fact label={words.complaintPhone} value={item.complaintPhone} />
        </dl>
      </Section>

      <Section title={sections.basis}>
        <p>{item.legalBasis}</p>
        <p className="material__note">{format(words.itemVersion, { version: item.itemVersion, date: item.updatedAt.slice(0, 10) })}</p>
      </Section>
    </div>
  );
}

function limitText(limit: TimeLimit, words: Strings['guide']): string {
  const main = limit.value === 0 ? words.limitNow : format(words.limitValue, { value: limit.value, unit: limit.unit });
  return limit.note === undefined || limit.note === words.limitNow ? main : `${main}（${limit.note}）`;
}

function Section({ title, children }: { title: string; children: ReactNode }): ReactNode {
  return (
    <section className="item-section">
      <h2>{title}</h2>
      {children}
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
