/**
 * Simulator controls, mounted only for simulated devices: put a simulated card on the reader, lift
 * it, make the next exchange fail; switch the simulated printer's paper, cover and online state and
 * see what it printed on the virtual paper.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { KioskApi, Result } from '../../../../contract/index.ts';
import { format, useStrings } from '../../i18n/index.ts';
import { failedActionText } from './deviceText.ts';
import { VirtualPaper } from './VirtualPaper.tsx';

export const FAULTS = ['bad-checksum', 'timeout', 'sam-fault', 'split-frames', 'garbage'] as const;
export const PRINTER_TOGGLES = ['paperOut', 'paperNearEnd', 'coverOpen', 'offline'] as const;
type PrinterToggle = (typeof PRINTER_TOGGLES)[number];

type Said = { readonly ok: boolean; readonly text: string } | undefined;

/** The one line under a simulator panel: what the last control did, or why it was refused. */
function SaidLine({ said }: { said: Said }): ReactNode {
  if (said === undefined) return null;
  return (
    <p className={`action-outcome action-outcome--${said.ok ? 'ok' : 'failed'}`} role={said.ok ? 'status' : 'alert'}>
      {said.text}
    </p>
  );
}

export function IdCardSimulator({ kiosk }: { kiosk: KioskApi }): ReactNode {
  const strings = useStrings();
  const t = strings.devices;
  const [cards, setCards] = useState<readonly { id: string; label: string }[]>([]);
  const [said, setSaid] = useState<Said>();

  useEffect(() => {
    let active = true;
    void kiosk.call('simulator.idCard.cards', {}).then((result) => {
      if (!active) return;
      if (result.ok) setCards(result.value);
      else setSaid({ ok: false, text: failedActionText(strings, t.simulatedCards, result.error) });
    });
    return () => {
      active = false;
    };
  }, [kiosk, strings, t.simulatedCards]);

  const act = (action: string, done: string, call: () => Promise<Result<unknown>>): void => {
    void call().then((result) => setSaid(result.ok ? { ok: true, text: done } : { ok: false, text: failedActionText(strings, action, result.error) }));
  };

  return (
    <section className="device-section simulator" aria-label={t.simulatorTitle}>
      <h4>{t.simulatorTitle}</h4>
      <SaidLine said={said} />
      <h5>{t.simulatedCards}</h5>
      <ul className="simulated-cards">
        {cards.map((card) => (
          <li key={card.id} className="simulated-card" data-card-id={card.id}>
            <span className="simulated-card__label">{card.label}</span>
            <button
              type="button"
              className="button button--secondary"
              aria-label={`${t.place} ${card.label}`}
              onClick={() => act(t.place, format(t.cardPlaced, { label: card.label }), () => kiosk.call('simulator.idCard.place', { cardId: card.id }))}
            >
              {t.place}
            </button>
          </li>
        ))}
      </ul>
      <div className="device-actions">
        <button type="button" className="button button--secondary" onClick={() => act(t.removeCard, t.cardLifted, () => kiosk.call('simulator.idCard.remove', {}))}>
          {t.removeCard}
        </button>
      </div>
      <h5>{t.faultsTitle}</h5>
      <div className="device-actions">
        {FAULTS.map((fault) => (
          <button
            key={fault}
            type="button"
            className="button button--secondary"
            data-fault={fault}
            onClick={() => act(t.faults[fault], format(t.faultArmed, { fault: t.faults[fault] }), () => kiosk.call('simulator.idCard.fault', { fault }))}
          >
            {t.faults[fault]}
          </button>
        ))}
      </div>
    </section>
  );
}

export function PrinterSimulator({ kiosk, printVersion, onChanged }: { kiosk: KioskApi; printVersion: number; onChanged: () => void }): ReactNode {
  const strings = useStrings();
  const t = strings.devices;
  const [toggles, setToggles] = useState<Record<PrinterToggle, boolean>>({ paperOut: false, paperNearEnd: false, coverOpen: false, offline: false });
  const [said, setSaid] = useState<Said>();

  useEffect(() => {
    // Start from what the printer reports; an offline printer cannot say, so the switches stay off.
    let active = true;
    void kiosk.call('printer.status', {}).then((result) => {
      if (!active || !result.ok) return;
      const s = result.value;
      // Out of paper or open, a printer also reports offline; only an unexplained offline is the switch.
      setToggles({ paperOut: s.paperEnd, paperNearEnd: s.paperNearEnd, coverOpen: s.coverOpen, offline: !s.online && !s.paperEnd && !s.coverOpen });
    });
    return () => {
      active = false;
    };
  }, [kiosk]);

  const flip = useCallback(
    (key: PrinterToggle, on: boolean) => {
      const name = t.printerToggles[key];
      void kiosk.call('simulator.printer.setState', { [key]: on }).then((result) => {
        if (result.ok) {
          setToggles((current) => ({ ...current, [key]: on }));
          setSaid({ ok: true, text: format(on ? t.toggleOn : t.toggleOff, { name }) });
          onChanged();
        } else setSaid({ ok: false, text: failedActionText(strings, name, result.error) });
      });
    },
    [kiosk, onChanged, strings, t],
  );

  return (
    <section className="device-section simulator" aria-label={t.simulatorTitle}>
      <h4>{t.simulatorTitle}</h4>
      <h5>{t.printerStateTitle}</h5>
      <div className="device-actions">
        {PRINTER_TOGGLES.map((key) => (
          <button
            key={key}
            type="button"
            className={`button toggle ${toggles[key] ? 'toggle--on' : ''}`}
            aria-pressed={toggles[key]}
            data-toggle={key}
            onClick={() => flip(key, !toggles[key])}
          >
            {format(toggles[key] ? t.toggleOn : t.toggleOff, { name: t.printerToggles[key] })}
          </button>
        ))}
      </div>
      <SaidLine said={said} />
      <VirtualPaper kiosk={kiosk} version={printVersion} />
    </section>
  );
}
