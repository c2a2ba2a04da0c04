import { describe, expect, it } from 'vitest';
import { FaqEntry } from '../../sync/protocol/feeds.ts';
import { Consultation, Notice } from '../../sync/protocol/feeds.ts';
import { ServiceItem } from '../../sync/protocol/serviceItem.ts';
import { generateCatalog, luanCatalog } from './catalog.ts';
import { luanConsultations, luanFaq, luanNotices } from './content.ts';

describe("Lu'an seed data", () => {
  const catalog = luanCatalog();

  it('has ≥ 150 complete, schema-valid items over ≥ 12 departments with unique codes', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(150);
    for (const item of catalog) ServiceItem.parse(item);
    expect(new Set(catalog.map((i) => i.department.name)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(catalog.map((i) => i.code)).size).toBe(catalog.length);
  });

  it('contains the everyday items residents come for', () => {
    const names = catalog.map((i) => i.name).join('|');
    for (const must of ['社会保障卡申领', '医保报销', '住房公积金提取', '新生儿落户', '不动产', '企业开办', '入学登记']) expect(names).toContain(must);
  });

  it('is plausible: 承诺 ≤ 法定 time limits, terminal items exist, 即办件 promise 0 days', () => {
    for (const item of catalog) {
      expect(item.promisedTimeLimit.value).toBeLessThanOrEqual(item.legalTimeLimit.value);
      if (item.projectType === '即办件') expect(item.promisedTimeLimit.value).toBe(0);
      expect(item.materials.length).toBeGreaterThan(0);
    }
    expect(catalog.filter((i) => i.terminalCapable).length).toBeGreaterThan(50);
  });

  it('is deterministic', () => {
    expect(luanCatalog()).toEqual(catalog);
    expect(generateCatalog(500)).toEqual(generateCatalog(500));
  });

  it('has ≥ 60 FAQ entries, notices and 2 open consultations with questions', () => {
    const now = new Date('2025-03-01T00:00:00Z');
    const faq = luanFaq(catalog);
    expect(faq.length).toBeGreaterThanOrEqual(60);
    for (const entry of faq) FaqEntry.parse(entry);
    expect(new Set(faq.map((f) => f.id)).size).toBe(faq.length);
    for (const n of luanNotices(now)) Notice.parse(n);
    const open = luanConsultations(now).filter((c) => Date.parse(c.opensAt) <= now.getTime() && Date.parse(c.closesAt) > now.getTime());
    expect(open).toHaveLength(2);
    for (const c of open) expect(Consultation.parse(c).questions.length).toBeGreaterThanOrEqual(3);
  });

  it('generates 10,000 distinct valid items for benchmarks', () => {
    const big = generateCatalog(10_000);
    expect(new Set(big.map((i) => i.code)).size).toBe(10_000);
    ServiceItem.parse(big[9_999]);
  });
});
