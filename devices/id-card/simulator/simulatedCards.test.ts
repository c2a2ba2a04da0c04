import { describe, expect, it } from 'vitest';
import { isValidMod11_2Number } from '../idNumber.ts';
import { decodeTextBlock } from '../textBlock.ts';
import { SIMULATED_ID_CARDS, simulatedCardMenu, simulatedCardSource } from './simulatedCards.ts';

const LU_AN_REGIONS = ['341502', '341503', '341504', '341522', '341523', '341524', '341525'];

describe('built-in simulated cards', () => {
  const decoded = SIMULATED_ID_CARDS.map((c) => ({ sim: c, result: decodeTextBlock(c.textBlock) }));
  const good = decoded.filter((d) => d.sim.id !== 'defect-check-digit');

  it('all decode to exactly the card they were built from', () => {
    for (const { sim, result } of good) expect(result).toEqual({ ok: true, value: simulatedCardSource(sim.id) });
  });

  it('include at least 5 Lu\'an residents with valid numbers from Lu\'an region codes', () => {
    const residents = good.flatMap(({ result }) => (result.ok && result.value.type === 'resident' ? [result.value] : []));
    const luan = residents.filter((r) => LU_AN_REGIONS.includes(r.idNumber.slice(0, 6)));
    expect(luan.length).toBeGreaterThanOrEqual(5);
    for (const r of luan) {
      expect(isValidMod11_2Number(r.idNumber)).toBe(true);
      expect(r.address).toMatch(/^安徽省六安市/);
      expect(r.issuer).toMatch(/公安局/);
    }
    expect(new Set(luan.map((r) => r.idNumber.slice(0, 6))).size).toBe(LU_AN_REGIONS.length);
    expect(residents.some((r) => r.validTo === 'long-term')).toBe(true);
    expect(residents.some((r) => r.nation === '回族')).toBe(true);
    expect(residents.some((r) => r.idNumber.endsWith('X'))).toBe(true);
  });

  it('include one card of each other type', () => {
    const types = good.map(({ result }) => (result.ok ? result.value.type : 'failed'));
    for (const t of ['hmt-residence-permit', 'foreign-permanent-resident-2017', 'foreign-permanent-resident-2023']) expect(types).toContain(t);
  });

  it('include a defective card the decoder refuses', () => {
    const defect = decoded.find((d) => d.sim.id === 'defect-check-digit');
    expect(defect?.result.ok).toBe(false);
  });

  it('offer a menu with unique ids and masked labels only', () => {
    const menu = simulatedCardMenu();
    expect(new Set(menu.map((m) => m.id)).size).toBe(menu.length);
    for (const item of menu) {
      expect(Object.keys(item).sort()).toEqual(['id', 'label', 'note']);
      expect(item.label).toMatch(/\*{8}/);
    }
  });

  it('carry WLT-shaped photos with a planted preamble, and 0/512/1024-byte fingerprints', () => {
    for (const c of SIMULATED_ID_CARDS) {
      expect(c.photo.length).toBe(1024);
      expect(Array.from(c.photo.subarray(0, 3))).toEqual([0x57, 0x4c, 0x66]);
      expect([0, 512, 1024]).toContain(c.fingerprint.length);
    }
  });
});
