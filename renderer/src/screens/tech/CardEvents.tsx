/**
 * The reader's own events as they arrive (card.read, card.removed, card.error): what a resident's
 * journey would see, masked at the source. The newest is on top; a few are kept for comparison.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { KioskApi } from '../../../../contract/index.ts';
import type { MaskedCard } from '../../../../contract/devices.ts';
import { Icon } from '../../components/icons.tsx';
import { useStrings } from '../../i18n/index.ts';
import { CardFields } from './CardFields.tsx';
import { clockTime, technicalErrorText } from './deviceText.ts';

export const CARD_EVENTS_KEPT = 5;

type CardEventBody =
  | { readonly type: 'read'; readonly at: string; readonly card: MaskedCard }
  | { readonly type: 'removed'; readonly at: string }
  | { readonly type: 'error'; readonly at: string; readonly code: string; readonly message: string };
/** `n` keys the list: two events may share a millisecond. */
type CardEvent = CardEventBody & { readonly n: number };

export function CardEvents({ kiosk, onEvent }: { kiosk: KioskApi; onEvent: () => void }): ReactNode {
  const strings = useStrings();
  const [events, setEvents] = useState<readonly CardEvent[]>([]);

  useEffect(() => {
    let n = 0;
    const add = (event: CardEventBody): void => {
      n += 1;
      const numbered: CardEvent = { ...event, n };
      setEvents((current) => [numbered, ...current].slice(0, CARD_EVENTS_KEPT));
      onEvent();
    };
    const offs = [
      kiosk.on('card.read', (e) => add({ type: 'read', at: e.readAt, card: e.card })),
      kiosk.on('card.removed', (e) => add({ type: 'removed', at: e.at })),
      // card.error carries no time; the screen's clock is close enough for a technician.
      kiosk.on('card.error', (e) => add({ type: 'error', at: new Date().toISOString(), code: e.code, message: e.message })),
    ];
    return () => offs.forEach((off) => off());
  }, [kiosk, onEvent]);

  return (
    <section className="device-section card-events" aria-label={strings.devices.cardEventsTitle}>
      <h4>{strings.devices.cardEventsTitle}</h4>
      {events.length === 0 ? (
        <p className="device-note">{strings.devices.cardEventsEmpty}</p>
      ) : (
        <ol className="card-events__list" aria-live="polite">
          {events.map((event) => (
            <li key={event.n} className={`card-event card-event--${event.type}`} data-card-event={event.type}>
              <p className="card-event__head">
                <Icon name={event.type === 'read' ? 'online' : event.type === 'error' ? 'offline' : 'unknown'} />
                <strong>
                  {event.type === 'read' ? strings.devices.cardRead : event.type === 'removed' ? strings.devices.cardRemoved : strings.devices.cardError}
                </strong>
                <time dateTime={event.at}>{clockTime(event.at)}</time>
              </p>
              {event.type === 'read' && <CardFields card={event.card} />}
              {event.type === 'error' && <p className="card-event__error">{technicalErrorText(strings, event)}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
