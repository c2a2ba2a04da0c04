/**
 * Finding services in the local catalogue. Matching reads only the keys of the [department+name]
 * index (no row values): every search key must be among the search terms of the item's name or
 * department (searchTerms.ts). Only the rows shown are then read. Since schema v4 there is no
 * per-row term index: ~40 index entries per row made every catalogue snapshot 2-3x slower to write,
 * while one pass over ≤10,000 key pairs costs less than loading the rows a broad query used to load.
 * Runtime: pure (browser, Dexie).
 */
import { Dexie } from 'dexie';
import type { HallKioskDB } from '../../db/database.ts';
import type { CatalogRecord } from '../../db/records.ts';
import { hasSearchKey, searchTerms, searchText } from '../../db/searchTerms.ts';

export interface ServiceQuery {
  readonly text: string;
  /** Department name (实施主体), or null for all. */
  readonly department: string | null;
  /** Only services the kiosk can take applications for. */
  readonly terminalOnly?: boolean;
}

export interface ServiceMatches {
  readonly rows: readonly CatalogRecord[];
  /** All matches, of which `rows` shows the first `limit`. */
  readonly total: number;
}

export const GUIDE_LIST_LIMIT = 60;

/** The keys a query must all hit: pairs of Han characters and whole Latin words; single characters only for a one-character query. */
export function queryKeys(text: string): string[] {
  const terms = searchTerms(text);
  const longer = terms.filter((t) => [...t].length > 1 || !/\p{Script=Han}/u.test(t));
  return longer.length > 0 ? longer : terms;
}

const collator = new Intl.Collator('zh-Hans-CN');

type Entry = { id: string; department: string; name: string };

/** (department, name, id) of every item in range, from the index alone. */
async function entriesOf(db: HallKioskDB, department: string | null): Promise<Entry[]> {
  const range = department === null ? db.catalog.orderBy('[department+name]') : db.catalog.where('[department+name]').between([department, Dexie.minKey], [department, Dexie.maxKey]);
  const entries: Entry[] = [];
  await range.eachKey((key, cursor) => {
    const [dept, name] = key as [unknown, unknown];
    if (typeof dept === 'string' && typeof name === 'string' && typeof cursor.primaryKey === 'string') entries.push({ id: cursor.primaryKey, department: dept, name });
  });
  return entries;
}

export async function findServices(db: HallKioskDB, query: ServiceQuery, limit = GUIDE_LIST_LIMIT): Promise<ServiceMatches> {
  const keys = queryKeys(query.text);
  const { department, terminalOnly = false } = query;
  let entries = await entriesOf(db, department);
  if (keys.length > 0) {
    // The department's text once per department, not once per item.
    const departmentText = new Map<string, string>();
    entries = entries.filter((e) => {
      const name = searchText(e.name);
      let dept = departmentText.get(e.department);
      if (dept === undefined) departmentText.set(e.department, (dept = searchText(e.department)));
      return keys.every((k) => hasSearchKey(name, k) || hasSearchKey(dept, k));
    });
  }
  entries.sort((a, b) => collator.compare(a.department, b.department) || collator.compare(a.name, b.name));
  const read = async (ids: readonly string[]): Promise<CatalogRecord[]> => (await db.catalog.bulkGet([...ids])).filter((r): r is CatalogRecord => r !== undefined);
  if (terminalOnly) {
    const all = (await read(entries.map((e) => e.id))).filter((r) => r.item.terminalCapable);
    return { rows: all.slice(0, limit), total: all.length };
  }
  return { rows: await read(entries.slice(0, limit).map((e) => e.id)), total: entries.length };
}

/** The departments present in the catalogue, for the chips. */
export async function departments(db: HallKioskDB): Promise<string[]> {
  const keys = await db.catalog.orderBy('department').uniqueKeys();
  return keys.filter((k): k is string => typeof k === 'string').sort((a, b) => collator.compare(a, b));
}
