/**
 * The view of a card that screens and logs may show: name 张*明, ID number 6 + 8 * + 4, address
 * down to the road, no birth date (it is in the number anyway), no photo.
 * Runtime: pure.
 */
import { maskAddress, maskIdNumber, maskName } from '../../contract/privacy.ts';
import { CARD_TYPE_LABELS, SEX_LABELS, cardHolderName, cardNumber, type IdCard, type IdCardType, type ValidTo } from './textBlock.ts';

export interface MaskedCard {
  readonly type: IdCardType;
  /** 居民身份证, 港澳台居民居住证… */
  readonly typeLabel: string;
  readonly name: string;
  readonly sex: string;
  /** 回族…; only on resident cards. */
  readonly nation?: string;
  readonly idNumber: string;
  /** Only for card types that carry an address. */
  readonly address?: string;
  /** Expiry is not sensitive and the UI needs it to refuse expired cards. */
  readonly validTo: ValidTo;
}

export function maskedCard(card: IdCard): MaskedCard {
  const base = {
    type: card.type,
    typeLabel: CARD_TYPE_LABELS[card.type],
    name: maskName(cardHolderName(card)),
    sex: SEX_LABELS[card.sex],
    idNumber: maskIdNumber(cardNumber(card)),
    validTo: card.validTo,
  };
  if (card.type === 'resident') return { ...base, nation: card.nation, address: maskAddress(card.address) };
  if (card.type === 'hmt-residence-permit') return { ...base, address: maskAddress(card.address) };
  return base;
}

/** One line for a list or a log: "居民身份证 张*明 341502********1234". */
export function maskedCardLabel(card: IdCard): string {
  const m = maskedCard(card);
  return `${m.typeLabel} ${m.name} ${m.idNumber}`;
}

/** True when the card's validity has ended before `today` ('YYYY-MM-DD'). 长期 never expires. */
export function isCardExpired(card: IdCard, today: string): boolean {
  return card.validTo !== 'long-term' && card.validTo < today;
}
