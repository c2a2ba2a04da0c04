import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_NAME, declareVersions, LATEST_VERSION, openDatabase, STREAM_ID_KEY, type HallKioskDB } from './database.ts';
import type { ServiceItem } from '../../../sync/protocol/serviceItem.ts';
import type { OutboxRecord, SubmissionRecord } from './records.ts';
import { hasSearchKey, searchTerms, searchText } from './searchTerms.ts';
import { saveSubmissionWithCommand, type NewCommand } from './submissions.ts';

let counter = 0;
const opened: Dexie[] = [];
function freshName(): string {
  counter += 1;
  return `test-${Date.now()}-${counter}`;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function fresh(): Promise<HallKioskDB> {
  const db = await openDatabase(freshName());
  opened.push(db);
  return db;
}

function submission(id: string, createdAt = '2026-11-23T11:40:00.000Z'): SubmissionRecord {
  return {
    id, kind: 'application', commandId: `c-${id}`, createdAt, updatedAt: createdAt, state: 'queued',
    acceptanceNumber: null, statusVersion: 0, stateLabel: null, statusMessage: null, display: { applicantName: '张*' }, rejection: null,
  };
}

function command(id: string, payload: unknown = { s: id }): NewCommand {
  return { id, type: 'application.submit', schemaVersion: 1, payload, submissionId: null, createdAt: '2026-11-23T11:40:00.000Z' };
}

describe('HallKioskDB schema', () => {
  it('opens at the latest version with every table', async () => {
    const db = await fresh();
    expect(db.name).not.toBe(DATABASE_NAME);
    expect(db.verno).toBe(LATEST_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['catalog', 'consultations', 'faq', 'feedStaging', 'feedState', 'notices', 'outbox', 'settings', 'statuses', 'submissions']);
    expect(typeof (await db.settings.get(STREAM_ID_KEY))?.value).toBe('string');
  });

  it('lists a department\'s catalogue items through [department+name], in name order', async () => {
    const db = await fresh();
    await db.catalog.bulkAdd([
      { id: 'a', v: 1, updatedAt: '2026-01-01', department: '公安局', name: '户口迁移登记', item: {} as ServiceItem },
      { id: 'b', v: 1, updatedAt: '2026-01-02', department: '民政局', name: '婚姻登记', item: {} as ServiceItem },
      { id: 'c', v: 1, updatedAt: '2026-01-02', department: '民政局', name: '收养登记', item: {} as ServiceItem },
    ]);
    // IndexedDB orders strings by code unit: 婚 (U+5A5A) before 收 (U+6536).
    expect(await db.catalog.where('[department+name]').between(['民政局', Dexie.minKey], ['民政局', Dexie.maxKey]).primaryKeys()).toEqual(['b', 'c']);
    expect(await db.catalog.orderBy('department').uniqueKeys()).toEqual(['公安局', '民政局']);
  });

  it('outbox sequence numbers are unique', async () => {
    const db = await fresh();
    const row: OutboxRecord = { id: 'c1', seq: 1, createdAt: 'x', type: 'k', schemaVersion: 1, payload: null, submissionId: null, state: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null, answer: null, acknowledgedAt: null };
    await db.outbox.add(row);
    await expect(db.outbox.add({ ...row, id: 'c2' })).rejects.toThrow();
  });
});

describe('migration v1 → v2', () => {
  it('keeps v1 data and backfills search terms and updatedAt', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    declareVersions(v1, 1);
    await v1.open();
    expect(v1.verno).toBe(1);
    await v1.table('catalog').add({ id: 'a', updatedAt: '2026-01-01', department: '公安局', name: '户口迁移登记', item: { code: '1' } });
    await v1.table('submissions').add({ id: 's1', createdAt: '2026-11-01T00:00:00.000Z', state: 'queued', kind: 'apply', data: { n: 1 } });
    await v1.table('settings').add({ key: 'k', value: 42 });
    v1.close();

    const v2 = new Dexie(name);
    declareVersions(v2, 2);
    await v2.open();
    opened.push(v2);
    const db = v2 as HallKioskDB;
    expect(db.verno).toBe(2);
    const item = await db.catalog.get('a');
    expect(item?.item).toEqual({ code: '1' });
    expect(item?.terms).toContain('户口');
    expect(item?.terms).toContain('公安');
    expect((await db.catalog.where('terms').equals('迁移').primaryKeys())).toEqual(['a']);
    const sub = (await db.table('submissions').get('s1')) as { updatedAt?: string; data?: unknown } | undefined;
    expect(sub?.updatedAt).toBe('2026-11-01T00:00:00.000Z');
    expect(sub?.data).toEqual({ n: 1 });
    expect(await db.submissions.where('[state+createdAt]').between(['queued', Dexie.minKey], ['queued', Dexie.maxKey]).primaryKeys()).toEqual(['s1']);
    expect((await db.settings.get('k'))?.value).toBe(42);
  });
});

describe('migration v2 → v3', () => {
  it('keeps queued commands untouched, drops plaintext submission data and starts a stream', async () => {
    const name = freshName();
    const v2 = new Dexie(name);
    declareVersions(v2, 2);
    await v2.open();
    await v2.table('outbox').add({ id: 'c1', seq: 7, createdAt: '2026-11-01T00:00:00.000Z', kind: 'application.submit', payload: { sealed: 'x' }, attempts: 2 });
    await v2.table('submissions').add({ id: 's1', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', state: 'queued', kind: 'application', data: { idNumber: '341502199001011234' } });
    await v2.table('feedCursors').add({ feed: 'catalog', cursor: 'old', updatedAt: 'x' });
    v2.close();

    const db = await openDatabase(name);
    opened.push(db);
    expect(db.verno).toBe(LATEST_VERSION);
    const cmd = await db.outbox.get('c1');
    expect(cmd).toMatchObject({ seq: 7, type: 'application.submit', state: 'pending', payload: { sealed: 'x' }, attempts: 2 });
    expect(await db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).primaryKeys()).toEqual(['c1']);
    expect(JSON.stringify(await db.submissions.get('s1'))).not.toContain('341502199001011234');
    expect(typeof (await db.settings.get(STREAM_ID_KEY))?.value).toBe('string');
    expect(db.tables.map((t) => t.name)).not.toContain('feedCursors');
  });
});

describe('migration v3 → v4', () => {
  it('keeps catalogue rows and their department listing, and drops the per-row term index', async () => {
    const name = freshName();
    const v3 = new Dexie(name);
    declareVersions(v3, 3);
    await v3.open();
    await v3.table('catalog').bulkAdd([
      { id: 'a', v: 3, updatedAt: '2026-01-01', department: '公安局', name: '户口迁移登记', terms: searchTerms('户口迁移登记', '公安局'), item: { code: 'a' } },
      { id: 'b', v: 4, updatedAt: '2026-01-02', department: '民政局', name: '婚姻登记', terms: searchTerms('婚姻登记', '民政局'), item: { code: 'b' } },
    ]);
    await v3.table('feedState').put({ feed: 'catalog', cursor: 'c', version: 4, lastSyncedAt: null, digestOk: true, lastError: null, stagingCursor: null, forceReset: false });
    v3.close();

    const db = await openDatabase(name);
    opened.push(db);
    expect(db.verno).toBe(4);
    expect(db.catalog.schema.indexes.map((i) => i.name).sort()).toEqual(['[department+name]', 'department']);
    expect(await db.catalog.get('a')).toMatchObject({ v: 3, name: '户口迁移登记', item: { code: 'a' } });
    expect(await db.catalog.where('[department+name]').between(['民政局', Dexie.minKey], ['民政局', Dexie.maxKey]).primaryKeys()).toEqual(['b']);
    expect(await db.feedState.get('catalog')).toMatchObject({ cursor: 'c', version: 4 });
  });
});

describe('saveSubmissionWithCommand', () => {
  it('writes the submission and its command together, in send order', async () => {
    const db = await fresh();
    const first = await saveSubmissionWithCommand(db, submission('s1'), command('c1'));
    const second = await saveSubmissionWithCommand(db, submission('s2'), command('c2'));
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(await db.submissions.count()).toBe(2);
    expect((await db.outbox.orderBy('seq').toArray()).map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('never reuses a sequence number after the outbox drained', async () => {
    const db = await fresh();
    await saveSubmissionWithCommand(db, submission('s1'), command('c1', null));
    await db.outbox.clear(); // delivered
    const next = await saveSubmissionWithCommand(db, submission('s2'), command('c2', null));
    expect(next.seq).toBe(2);
  });

  it('leaves neither the submission nor the command when the command cannot be written', async () => {
    const db = await fresh();
    await saveSubmissionWithCommand(db, submission('s1'), command('dup', null));
    // Same command id again: the outbox write fails after the submission write succeeded.
    await expect(saveSubmissionWithCommand(db, submission('s2'), command('dup', null))).rejects.toThrow();
    expect(await db.submissions.get('s2')).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
    expect(await db.settings.get('outbox.lastSeq')).toEqual({ key: 'outbox.lastSeq', value: 1 });
  });

  it('leaves nothing when the payload cannot be stored (error mid-transaction)', async () => {
    const db = await fresh();
    // A function is not structured-cloneable: IndexedDB rejects the outbox row.
    await expect(saveSubmissionWithCommand(db, submission('s1'), command('c1', () => 1))).rejects.toThrow();
    expect(await db.submissions.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('searchTerms', () => {
  it('indexes Han characters, Han pairs and lower-case Latin words', () => {
    const terms = searchTerms('社保 证明 Print', '人社局');
    expect(terms).toEqual(expect.arrayContaining(['社', '社保', '证明', 'print', '人社', '社局']));
    expect(terms).not.toContain('保证'); // not adjacent: a space separates them
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('folds full-width letters and digits', () => {
    expect(searchTerms('ＡＢＣ１２')).toEqual(['abc12']);
  });

  it('hasSearchKey answers exactly whether a key is among the terms, without building them', () => {
    const texts: [string, string][] = [
      ['社会保障卡申领（霍邱县）', '六安市霍邱县人力资源和社会保障局'],
      ['ETC 办理 Print2 证明', '交通运输局'],
      ['户口迁移登记', '公安局'],
      ['Ａ级景区评定ABC', '文旅局'],
    ];
    const queries = ['社会', '社', '保障卡', '霍邱', '障局', '卡申', '申请', 'etc', 'et', 'print', 'print2', '2', 'abc', 'ａｂｃ', '迁移', '移登', '公安', '局', 'a', '级景', '办理证', '证明 ETC'];
    for (const [name, department] of texts) {
      const terms = new Set(searchTerms(name, department));
      const text = [searchText(name), searchText(department)];
      for (const query of queries) {
        for (const key of searchTerms(query)) expect([name, key, text.some((t) => hasSearchKey(t, key))]).toEqual([name, key, terms.has(key)]);
      }
    }
  });
});
