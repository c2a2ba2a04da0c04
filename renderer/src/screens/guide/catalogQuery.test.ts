import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCatalog } from '../../../../platform/seed/catalog.ts';
import type { ServiceItem } from '../../../../sync/protocol/serviceItem.ts';
import { openDatabase, type HallKioskDB } from '../../db/database.ts';
import { searchTerms } from '../../db/searchTerms.ts';
import { putServices } from '../../sync/testing.ts';
import { departments, findServices, queryKeys } from './catalogQuery.ts';

let counter = 0;
const opened: HallKioskDB[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

// City items and their county copies: names and departments repeat with variations.
const items = generateCatalog(400);

async function catalogue(list: readonly ServiceItem[] = items): Promise<HallKioskDB> {
  const db = await openDatabase(`catalog-query-${Date.now()}-${++counter}`);
  opened.push(db);
  await putServices(db, list);
  return db;
}

/** The old definition, by brute force: every query key among the terms of name and department. */
function expected(text: string, department: string | null = null): string[] {
  const keys = queryKeys(text);
  return items
    .filter((i) => department === null || i.department.name === department)
    .filter((i) => {
      const terms = new Set(searchTerms(i.name, i.department.name));
      return keys.every((k) => terms.has(k));
    })
    .map((i) => i.code)
    .sort();
}

describe('findServices', () => {
  it('finds exactly the items whose name or department holds every search word', async () => {
    const db = await catalogue();
    const countyItem = items[300];
    const county = /（(.+)）/u.exec(countyItem?.name ?? '')?.[1] ?? '?';
    const countyQuery = `${county} ${[...(countyItem?.name ?? '')].slice(0, 2).join('')}`;
    const queries = ['社会保障卡', '户口', '证', countyQuery, '公安', '人力资源 就业', '六安市', '婚姻登记 民政', '不存在的事项'];
    for (const text of queries) {
      const found = await findServices(db, { text, department: null }, 1000);
      expect([text, found.rows.map((r) => r.id).sort()]).toEqual([text, expected(text)]);
      expect(found.total).toBe(found.rows.length);
    }
    expect((await findServices(db, { text: countyQuery, department: null }, 1000)).rows.map((r) => r.id)).toContain(countyItem?.code);
    expect((await findServices(db, { text: '不存在的事项', department: null })).total).toBe(0);
  });

  it('finds by department words and narrows by the department chip', async () => {
    const db = await catalogue();
    const police = items.find((i) => i.department.name.includes('公安'))?.department.name ?? '?';
    const found = await findServices(db, { text: '公安', department: null }, 1000);
    expect(found.rows.some((r) => r.department === police)).toBe(true);
    const inDepartment = await findServices(db, { text: '登记', department: police }, 1000);
    expect(inDepartment.rows.map((r) => r.id).sort()).toEqual(expected('登记', police));
    for (const row of inDepartment.rows) expect(row.department).toBe(police);
  });

  it('sorts by department then name, reads only the rows shown, and counts them all', async () => {
    const db = await catalogue();
    const all = await findServices(db, { text: '', department: null }, 25);
    expect(all.total).toBe(items.length);
    expect(all.rows).toHaveLength(25);
    const collator = new Intl.Collator('zh-Hans-CN');
    const order = [...items].sort((a, b) => collator.compare(a.department.name, b.department.name) || collator.compare(a.name, b.name));
    expect(all.rows.map((r) => r.id)).toEqual(order.slice(0, 25).map((i) => i.code));
    const terminal = await findServices(db, { text: '', department: null, terminalOnly: true }, 1000);
    expect(terminal.total).toBe(items.filter((i) => i.terminalCapable).length);
    expect(terminal.rows.every((r) => r.item.terminalCapable)).toBe(true);
  });

  it('matches Latin words whole, folding width and case', async () => {
    const [first, second] = items;
    if (first === undefined || second === undefined) throw new Error('no seed items');
    const db = await catalogue([{ ...first, name: 'ETC 通行卡办理' }, { ...second, name: 'ETCX 测试' }]);
    expect((await findServices(db, { text: 'ｅｔｃ', department: null })).rows.map((r) => r.name)).toEqual(['ETC 通行卡办理']);
    expect((await findServices(db, { text: 'et', department: null })).total).toBe(0);
  });

  it('lists the departments present, for the chips', async () => {
    const db = await catalogue();
    expect((await departments(db)).sort()).toEqual([...new Set(items.map((i) => i.department.name))].sort());
  });
});
