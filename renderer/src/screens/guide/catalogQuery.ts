/**
 * Finding services in the local catalogue: search words go through the same multi-entry `terms`
 * index the sync engine fills (one index hit, then a check of the other words), a department
 * through [department+name]. Runtime: pure (browser, Dexie).
 */
import { Dexie } from 'dexie';
import type { HallKioskDB } from '../../db/database.ts';
import type { CatalogRecord } from '../../db/records.ts';
import { searchTerms } from '../../db/searchTerms.ts';

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

export async function findServices(db: HallKioskDB, query: ServiceQuery, limit = GUIDE_LIST_LIMIT): Promise<ServiceMatches> {
  const keys = queryKeys(query.text);
  const [first, ...rest] = keys;
  const { department, terminalOnly = false } = query;
  let collection;
  if (first !== undefined) {
    collection = db.catalog.where('terms').equals(first).filter((r) => rest.every((k) => r.terms.includes(k)) && (department === null || r.department === department));
  } else if (department !== null) {
    collection = db.catalog.where('[department+name]').between([department, Dexie.minKey], [department, Dexie.maxKey]);
  } else {
    collection = db.catalog.toCollection();
  }
  if (terminalOnly) collection = collection.filter((r) => r.item.terminalCapable);
  const all = await collection.toArray();
  all.sort((a, b) => collator.compare(a.department, b.department) || collator.compare(a.name, b.name));
  return { rows: all.slice(0, limit), total: all.length };
}

/** The departments present in the catalogue, for the chips. */
export async function departments(db: HallKioskDB): Promise<string[]> {
  const keys = await db.catalog.orderBy('department').uniqueKeys();
  return keys.filter((k): k is string => typeof k === 'string').sort((a, b) => collator.compare(a, b));
}
