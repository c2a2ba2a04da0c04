/**
 * The test actions of each kind: 读取身份证 for the reader; 打印测试页 and 查询打印机状态 for the
 * printer. Each shows its answer, or its refusal in Chinese, right under its button.
 */
import { useCallback, type ReactNode } from 'react';
import type { KioskApi } from '../../../../contract/index.ts';
import { format, useStrings } from '../../i18n/index.ts';
import { CardFields } from './CardFields.tsx';
import { printerConditionWords } from './deviceText.ts';
import { ActionOutcome, useAction, type Action } from './useAction.tsx';

function ActionButton<T>({ action, label, onDone, primary = false }: { action: Action<T>; label: string; onDone: () => void; primary?: boolean }): ReactNode {
  return (
    <button
      type="button"
      className={`button ${primary ? 'button--primary' : 'button--secondary'}`}
      disabled={action.running}
      onClick={() => void action.run().then(onDone)}
    >
      {label}
    </button>
  );
}

export function IdCardTests({ kiosk, onDone }: { kiosk: KioskApi; onDone: () => void }): ReactNode {
  const strings = useStrings();
  const read = useAction(useCallback(() => kiosk.call('idCard.readNow', {}), [kiosk]));
  return (
    <section className="device-section" aria-label={strings.devices.testsTitle}>
      <h4>{strings.devices.testsTitle}</h4>
      <div className="device-actions">
        <ActionButton action={read} label={strings.devices.readCard} onDone={onDone} primary />
      </div>
      <div data-outcome="readCard">
        <ActionOutcome action={read} label={strings.devices.readCard}>
          {(card) => <CardFields card={card} />}
        </ActionOutcome>
      </div>
    </section>
  );
}

export function PrinterTests({ kiosk, onPrinted }: { kiosk: KioskApi; onPrinted: () => void }): ReactNode {
  const strings = useStrings();
  const testPage = useAction(useCallback(() => kiosk.call('printer.testPage', {}), [kiosk]));
  const status = useAction(useCallback(() => kiosk.call('printer.status', {}), [kiosk]));
  return (
    <section className="device-section" aria-label={strings.devices.testsTitle}>
      <h4>{strings.devices.testsTitle}</h4>
      <div className="device-actions">
        <ActionButton action={testPage} label={strings.devices.printTestPage} onDone={onPrinted} primary />
        <ActionButton action={status} label={strings.devices.printerStatus} onDone={() => undefined} />
      </div>
      <div data-outcome="testPage">
        <ActionOutcome action={testPage} label={strings.devices.printTestPage}>
          {(printed) => (
            <p role="status">{format(strings.devices.printed, { bytes: printed.bytes, ms: Math.round(printed.durationMs) })}</p>
          )}
        </ActionOutcome>
      </div>
      <div data-outcome="printerStatus">
        <ActionOutcome action={status} label={strings.devices.printerStatus}>
          {(view) => (
            <p role="status" className={view.error || !view.online ? 'action-outcome__warn' : undefined}>
              {format(strings.devices.printerStatusText, { words: printerConditionWords(strings, view), text: view.text })}
            </p>
          )}
        </ActionOutcome>
      </div>
    </section>
  );
}
