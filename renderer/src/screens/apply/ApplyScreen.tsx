/**
 * 我要办: apply for a terminal-capable service with the ID card. The steps are applyFlow.ts; this
 * component only shows them, listens for card.read while the card step is open, and runs the
 * submit step. Personal data: the card is shown masked, the phone number only while typing and
 * masked afterwards; everything is dropped when the journey ends or the screen is left.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useReducer, useRef, type ReactNode } from 'react';
import { maskPhone } from '../../../../contract/privacy.ts';
import { Keypad } from '../../components/Keypad.tsx';
import { errorText, format, useStrings, type Strings } from '../../i18n/index.ts';
import { navigate } from '../../router/useRoute.ts';
import { useKioskState } from '../../state/kioskState.tsx';
import { useDatabase } from '../../sync/KioskSync.tsx';
import { useSyncEngine } from '../../sync/SyncProvider.tsx';
import { findServices } from '../guide/catalogQuery.ts';
import { useHashParam } from '../guide/hashParams.ts';
import { ScreenHeader } from '../guide/ScreenHeader.tsx';
import { shortDateTime } from '../progress/shortTime.ts';
import { applicationReceipt } from './applicationReceipt.ts';
import { applyReducer, INITIAL_APPLY_STATE, materialsComplete, PHONE_DIGITS, type ApplyAction, type ApplyState, type ChosenService } from './applyFlow.ts';
import { submitApplication } from './submitApplication.ts';

const STEPS = ['choose', 'card', 'phone', 'confirm'] as const;

export function ApplyScreen(): ReactNode {
  const strings = useStrings();
  const words = strings.apply;
  const db = useDatabase();
  const [state, dispatch] = useReducer(applyReducer, INITIAL_APPLY_STATE);
  const preselected = useHashParam('service');

  // Arriving from a guide page (#/apply?service=…): start at the card step for that service.
  useEffect(() => {
    if (preselected === null) return;
    let active = true;
    void db.catalog.get(preselected).then((row) => {
      if (active && row?.item.terminalCapable === true) dispatch({ type: 'choose', service: chosen(row.item) });
    });
    return () => {
      active = false;
    };
  }, [db, preselected]);

  const stepIndex = STEPS.indexOf(state.step as (typeof STEPS)[number]);
  return (
    <section className="apply" aria-labelledby="apply-title" data-step={state.step}>
      <ScreenHeader id="apply-title" title={words.title} backLabel={strings.guide.home} onBack={() => navigate('home')}>
        {stepIndex >= 0 && <span className="apply__step">{format(words.stepLabel, { n: stepIndex + 1, total: STEPS.length })}</span>}
      </ScreenHeader>
      <Step state={state} dispatch={dispatch} strings={strings} />
    </section>
  );
}

function chosen(item: { code: string; name: string; materials: readonly { name: string; required: boolean }[] }): ChosenService {
  return { code: item.code, name: item.name, materials: item.materials.map((m) => ({ name: m.name, required: m.required })) };
}

type StepProps = { state: ApplyState; dispatch: (action: ApplyAction) => void; strings: Strings };

function Step({ state, dispatch, strings }: StepProps): ReactNode {
  switch (state.step) {
    case 'choose':
      return <ChooseService dispatch={dispatch} strings={strings} />;
    case 'card':
      return <PlaceCard state={state} dispatch={dispatch} strings={strings} />;
    case 'phone':
      return <EnterPhone state={state} dispatch={dispatch} strings={strings} />;
    case 'confirm':
    case 'submitting':
      return <Confirm state={state} dispatch={dispatch} strings={strings} />;
    case 'done':
      return <Done state={state} dispatch={dispatch} strings={strings} />;
  }
}

function ChooseService({ dispatch, strings }: Omit<StepProps, 'state'>): ReactNode {
  const words = strings.apply;
  const db = useDatabase();
  const matches = useLiveQuery(() => findServices(db, { text: '', department: null, terminalOnly: true }, 500), [db]);
  if (matches === undefined) return <p className="loading">{strings.app.loading}</p>;
  return (
    <>
      <h2>{words.chooseTitle}</h2>
      <p className="apply__hint">{words.chooseHint}</p>
      {matches.total === 0 && <p className="guide__empty">{words.noServices}</p>}
      <ul className="service-list">
        {matches.rows.map((row) => (
          <li key={row.id}>
            <button type="button" className="service-row" data-service={row.id} onClick={() => dispatch({ type: 'choose', service: chosen(row.item) })}>
              <span className="service-row__name">{row.name}</span>
              <span className="service-row__department">{row.department}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function PlaceCard({ state, dispatch, strings }: StepProps & { state: Extract<ApplyState, { step: 'card' }> }): ReactNode {
  const words = strings.apply;
  const { kiosk } = useKioskState();
  useEffect(() => {
    const offRead = kiosk.on('card.read', (event) => dispatch({ type: 'cardRead', card: { masked: event.card, readingToken: event.readingToken } }));
    const offError = kiosk.on('card.error', (event) => dispatch({ type: 'cardError', problem: errorText(strings, event) }));
    return () => {
      offRead();
      offError();
    };
  }, [kiosk, dispatch, strings]);
  const card = state.card?.masked;
  return (
    <>
      <h2>{words.cardTitle}</h2>
      <p className="apply__service">
        {words.service}：{state.service.name}
      </p>
      {card === undefined ? (
        <p className="apply__waiting" role="status">
          {words.cardHint}
          <br />
          {words.cardWaiting}
        </p>
      ) : (
        <div className="apply__card" role="status" data-card="read">
          <p className="apply__card-title">{words.cardRead}</p>
          <dl className="facts">
            <Fact label={words.applicant} value={card.name} />
            <Fact label={words.idNumber} value={card.idNumber} />
          </dl>
          {card.expired ? <p className="form-error">{words.cardExpired}</p> : <p className="apply__hint">{words.cardRemovedHint}</p>}
        </div>
      )}
      {state.problem !== null && (
        <p className="form-error" role="alert">
          {state.problem}
        </p>
      )}
      <div className="apply__actions">
        <button type="button" className="button button--secondary" onClick={() => dispatch({ type: 'back' })}>
          {words.back}
        </button>
        <button type="button" className="button button--primary" disabled={card === undefined || card.expired} onClick={() => dispatch({ type: 'next' })}>
          {words.next}
        </button>
      </div>
    </>
  );
}

function EnterPhone({ state, dispatch, strings }: StepProps & { state: Extract<ApplyState, { step: 'phone' }> }): ReactNode {
  const words = strings.apply;
  const onDigit = useCallback((digit: string) => dispatch({ type: 'digit', digit }), [dispatch]);
  const onDelete = useCallback(() => dispatch({ type: 'delete' }), [dispatch]);
  const onConfirm = useCallback(() => dispatch({ type: 'next' }), [dispatch]);
  return (
    <div className="apply__phone">
      <h2>{words.phoneTitle}</h2>
      <p className="apply__hint">{words.phoneHint}</p>
      <output className="phone-display" aria-label={words.phoneLabel} data-digits={state.phone.length}>
        {state.phone === '' ? '\u00a0' : state.phone}
      </output>
      <p className="apply__hint" role="status">
        {format(words.phoneCount, { count: state.phone.length })}
      </p>
      <p className="form-error" role="alert">
        {state.invalid ? words.phoneInvalid : ''}
      </p>
      <Keypad onDigit={onDigit} onDelete={onDelete} onConfirm={onConfirm} confirmDisabled={state.phone.length !== PHONE_DIGITS} />
      <div className="apply__actions">
        <button type="button" className="button button--secondary" onClick={() => dispatch({ type: 'back' })}>
          {words.back}
        </button>
      </div>
    </div>
  );
}

function Confirm({ state, dispatch, strings }: StepProps & { state: Extract<ApplyState, { step: 'confirm' | 'submitting' }> }): ReactNode {
  const words = strings.apply;
  const { kiosk, info } = useKioskState();
  const engine = useSyncEngine();
  const busy = useRef(false);
  const submitting = state.step === 'submitting';
  const complete = materialsComplete(state.service, state.provided);

  const submit = (): void => {
    if (busy.current) return; // a second tap while the first runs does nothing
    busy.current = true;
    dispatch({ type: 'submitStarted' });
    void submitApplication(
      { kiosk, engine, strings },
      { service: state.service, readingToken: state.card.readingToken, phone: state.phone, provided: state.provided, ...(info === undefined ? {} : { hallName: info.hallName }) },
    )
      .then((step) => {
        if (!step.ok) {
          dispatch({
            type: 'submitFailed',
            problem: step.stage === 'holder' ? words.holderFailed : format(words.submitFailed, { reason: errorText(strings, step) }),
            // The holder fields are handed out once per reading: any retry needs the card again.
            againFromCard: true,
          });
          return;
        }
        dispatch({ type: 'submitted', receipt: step.receipt });
        dispatch({ type: 'printed', print: step.printed.ok ? { state: 'printed' } : { state: 'failed', code: step.printed.error.code } });
      })
      .finally(() => {
        busy.current = false;
      });
  };

  return (
    <>
      <h2>{words.confirmTitle}</h2>
      <dl className="facts apply__summary">
        <Fact label={words.service} value={state.service.name} />
        <Fact label={words.applicant} value={state.card.masked.name} />
        <Fact label={words.idNumber} value={state.card.masked.idNumber} />
        <Fact label={words.phone} value={maskPhone(state.phone)} />
      </dl>
      {state.service.materials.length > 0 && (
        <>
          <h3>{words.materialsTitle}</h3>
          <p className="apply__hint">{words.materialsHint}</p>
          <ul className="material-ticks">
            {state.service.materials.map((m) => {
              const ticked = state.provided.includes(m.name);
              return (
                <li key={m.name}>
                  <button
                    type="button"
                    className={`material-tick${ticked ? ' material-tick--on' : ''}`}
                    aria-pressed={ticked}
                    disabled={submitting}
                    onClick={() => dispatch({ type: 'toggleMaterial', name: m.name })}
                  >
                    <span className="material-tick__box" aria-hidden="true">
                      {ticked ? '✓' : ''}
                    </span>
                    <span>{m.name}</span>
                    <span className={`badge${m.required ? ' badge--required' : ''}`}>{m.required ? strings.guide.required : strings.guide.optional}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {!complete && <p className="form-error">{words.materialsMissing}</p>}
        </>
      )}
      {state.step === 'confirm' && state.problem !== null && (
        <p className="form-error" role="alert">
          {state.problem}
        </p>
      )}
      <div className="apply__actions">
        <button type="button" className="button button--secondary" disabled={submitting} onClick={() => dispatch({ type: 'back' })}>
          {words.back}
        </button>
        <button type="button" className="button button--primary" disabled={submitting || !complete} onClick={submit}>
          {submitting ? words.submitting : words.submit}
        </button>
      </div>
    </>
  );
}

function Done({ state, dispatch, strings }: StepProps & { state: Extract<ApplyState, { step: 'done' }> }): ReactNode {
  const words = strings.apply;
  const { kiosk, info } = useKioskState();
  const db = useDatabase();
  const { print, receipt } = state;

  // Reprint after a printer fault: the full fields are gone, so the receipt uses the masked ones.
  const reprint = (): void => {
    dispatch({ type: 'printed', print: { state: 'printing' } });
    void (async () => {
      const display = (await db.submissions.get(receipt.submissionId))?.display ?? {};
      const input = applicationReceipt(strings, {
        serviceName: state.service.name,
        ...(info === undefined ? {} : { hallName: info.hallName }),
        applicant: {
          kind: 'masked',
          ...(display.applicantName === undefined ? {} : { name: display.applicantName }),
          ...(display.idNumber === undefined ? {} : { idNumber: display.idNumber }),
          ...(display.phone === undefined ? {} : { phone: display.phone }),
        },
        receipt,
      });
      const printed = await kiosk.call('printer.print', { receipt: input });
      dispatch({ type: 'printed', print: printed.ok ? { state: 'printed' } : { state: 'failed', code: printed.error.code } });
    })();
  };

  return (
    <div className="apply__done" data-receipt-code={receipt.receiptCode}>
      <h2 className="apply__done-title">{words.doneTitle}</h2>
      <p>{words.doneQueued}</p>
      <dl className="facts">
        <Fact label={words.service} value={state.service.name} />
        <Fact label={words.submittedAt} value={shortDateTime(receipt.createdAt)} />
        <Fact label={words.receiptCode} value={receipt.receiptCode} />
      </dl>
      <div className="apply__print" data-print={print.state}>
        {print.state === 'printing' && <p role="status">{words.printing}</p>}
        {print.state === 'printed' && <p role="status">{words.printed}</p>}
        {print.state === 'failed' && (
          <>
            <p className="action-outcome--failed" role="alert">
              {format(words.printFailed, { reason: errorText(strings, { code: print.code }) })}
            </p>
            <button type="button" className="button button--secondary" onClick={reprint}>
              {words.printAgain}
            </button>
          </>
        )}
      </div>
      <div className="apply__actions">
        <button type="button" className="button button--primary" onClick={() => navigate('home')}>
          {words.finish}
        </button>
      </div>
    </div>
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
