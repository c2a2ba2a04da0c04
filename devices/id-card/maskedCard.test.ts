import { describe, expect, it } from 'vitest';
import { isCardExpired, maskedCard, maskedCardLabel } from './maskedCard.ts';
import { SIMULATED_ID_CARDS, simulatedCardSource } from './simulator/simulatedCards.ts';
import type { IdCard } from './textBlock.ts';

function source(id: string): IdCard {
  const card = simulatedCardSource(id);
  if (card === undefined) throw new Error(id);
  return card;
}

describe('maskedCard', () => {
  it('masks a resident card for screens: name 张*明, ID 6+8*+4, address without house numbers', () => {
    expect(maskedCard(source('la-huoshan-zhang'))).toEqual({
      type: 'resident',
      typeLabel: '居民身份证',
      name: '张*明',
      sex: '男',
      nation: '汉族',
      idNumber: '341525********0076',
      address: '安徽省六安市霍山县衡山镇迎驾大道***号',
      validTo: '2037-08-21',
    });
  });

  it('masks compound surnames, permits and foreign cards too', () => {
    expect(maskedCard(source('la-jinzhai-ouyang')).name).toBe('欧**远');
    expect(maskedCard(source('hk-permit-chen'))).toMatchObject({ typeLabel: '港澳台居民居住证', idNumber: '810000********0016' });
    expect(maskedCard(source('foreign-2017-williams'))).toMatchObject({ name: '威**斯', idNumber: '***********2214' });
    expect(maskedCard(source('foreign-2023-garcia'))).toMatchObject({ name: '玛*亚', idNumber: '934724********0025' });
  });

  it('never leaves the full number, full name or house number in any masked label', () => {
    for (const sim of SIMULATED_ID_CARDS) {
      const card = simulatedCardSource(sim.id);
      if (card === undefined) continue;
      const text = JSON.stringify(maskedCard(card)) + maskedCardLabel(card);
      const number = card.type === 'foreign-permanent-resident-2017' ? card.permitNumber : card.idNumber;
      expect(text).not.toContain(number);
      expect(text).not.toContain(number.slice(6, 14));
      if (card.type === 'resident') {
        expect(text).not.toContain(card.name);
        expect(text).not.toMatch(/\d+号/);
      }
    }
  });

  it('knows expiry, with 长期 never expiring', () => {
    expect(isCardExpired(source('la-jinan-zhou-expired'), '2026-01-01')).toBe(true);
    expect(isCardExpired(source('la-jinan-zhou-expired'), '2020-04-01')).toBe(false);
    expect(isCardExpired(source('la-yuan-wang'), '2999-01-01')).toBe(false);
  });
});
