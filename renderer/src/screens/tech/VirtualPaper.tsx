/**
 * What the simulated printer has printed, drawn as narrow paper slips: each line with its bold,
 * alignment and size, QR codes as their payload text, and whether the cutter ran. Newest on top.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { KioskApi, MethodOutput } from '../../../../contract/index.ts';
import { format, useStrings } from '../../i18n/index.ts';
import { failedActionText } from './deviceText.ts';

type Receipt = MethodOutput<'simulator.printer.paper'>[number];

export const PAPER_SHOWN = 3;

export function VirtualPaper({ kiosk, version }: { kiosk: KioskApi; version: number }): ReactNode {
  const strings = useStrings();
  const t = strings.devices;
  const [receipts, setReceipts] = useState<readonly Receipt[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    void kiosk.call('simulator.printer.paper', {}).then((result) => {
      if (result.ok) {
        setReceipts(result.value);
        setError(undefined);
      } else setError(failedActionText(strings, t.paperTitle, result.error));
    });
  }, [kiosk, strings, t.paperTitle]);

  useEffect(() => {
    load();
  }, [load, version]);

  // The newest few: a long session's paper roll would bury the screen.
  const newestFirst = (receipts ?? []).map((receipt, i) => ({ receipt, n: i + 1 })).reverse().slice(0, PAPER_SHOWN);
  return (
    <div className="virtual-paper" aria-label={t.paperTitle} role="region">
      <div className="live-log__head">
        <h5>{t.paperTitle}</h5>
        {receipts !== undefined && receipts.length > 0 && <span className="device-note">{format(t.paperCount, { count: receipts.length })}</span>}
        <button type="button" className="button button--secondary" onClick={load}>
          {t.refresh}
        </button>
      </div>
      {error !== undefined && (
        <p className="action-outcome action-outcome--failed" role="alert">
          {error}
        </p>
      )}
      {receipts !== undefined && receipts.length === 0 && <p className="device-note">{t.paperEmpty}</p>}
      <ol className="virtual-paper__receipts" data-receipt-count={receipts?.length ?? 0}>
        {newestFirst.map(({ receipt, n }) => (
          <li key={n} className="receipt" data-receipt={n}>
            <p className="receipt__number">{format(t.receiptNumber, { n })}</p>
            <div className="receipt__paper">
              {receipt.lines.map((line, i) => (
                <p
                  key={i}
                  className={`receipt__line receipt__line--${alignOf(line.align)}${line.bold ? ' receipt__line--bold' : ''}`}
                  data-size={Math.min(Math.max(line.size, 1), 3)}
                >
                  {line.text === '' ? '\u00a0' : line.text}
                </p>
              ))}
              {receipt.qrPayloads.map((payload) => (
                <p key={payload} className="receipt__qr">
                  {format(t.qrPayload, { payload })}
                </p>
              ))}
              <p className="receipt__cut">{receipt.cut ? `✂ ${t.cut}` : t.notCut}</p>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

function alignOf(align: string): 'left' | 'center' | 'right' {
  return align === 'center' || align === 'right' ? align : 'left';
}
