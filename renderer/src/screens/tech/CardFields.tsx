/** A card as the host sent it, already masked: type, name, sex, nation, ID number, address, validity. */
import type { ReactNode } from 'react';
import type { MaskedCard } from '../../../../contract/devices.ts';
import { useStrings } from '../../i18n/index.ts';

export function CardFields({ card }: { card: MaskedCard }): ReactNode {
  const t = useStrings().devices.card;
  const rows: [string, string | undefined][] = [
    [t.type, card.typeLabel],
    [t.name, card.name],
    [t.sex, card.sex],
    [t.nation, card.nation],
    [t.idNumber, card.idNumber],
    [t.address, card.address],
    [t.validTo, card.validTo],
  ];
  return (
    <dl className="card-fields" data-card-type={card.type}>
      {rows.map(([label, value]) =>
        value === undefined ? null : (
          <div className="card-field" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ),
      )}
      <div className="card-field">
        <dt>{t.validity}</dt>
        <dd className={card.expired ? 'card-field__expired' : undefined}>{card.expired ? t.expired : t.notExpired}</dd>
      </div>
    </dl>
  );
}
