import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_NAME, declareVersions, LATEST_VERSION, openDatabase, STREAM_ID_KEY, type HallKioskDB } from './database.ts';
import type { ServiceItem } from '../../../sync/protocol/serviceItem.ts';
import type { OutboxRecord, SubmissionRecord } from './records.ts';
import { searchTerms } from './searchTerms.ts';
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

  it('finds catalogue items by a Chinese word inside the name, through the index', async () => {
    const db = await fresh();
    await db.catalog.bulkAdd([
      { id: 'a', updatedAt: '2026-01-01', department: '公安局', name: '户口迁移登记', terms: searchTerms('户口迁移登记', '公安局'), item: {} as ServiceItem },
      { id: 'b', updatedAt: '2026-01-02', department: '民政局', name: '婚姻登记', terms: searchTerms('婚姻登记', '民政局'), item: {} as ServiceItem },
    ]);
    expect((await db.catalog.where('terms').equals('户口').toArray()).map((r) => r.id)).toEqual(['a']);
    expect((await db.catalog.where('terms').equals('登记').primaryKeys()).sort()).toEqual(['a', 'b']);
    expect((await db.catalog.where('[department+name]').between(['民政局', Dexie.minKey], ['民政局', Dexie.maxKey]).toArray()).map((r) => r.id)).toEqual(['b']);
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
    expect(db.verno).toBe(3);
    const cmd = await db.outbox.get('c1');
    expect(cmd).toMatchObject({ seq: 7, type: 'application.submit', state: 'pending', payload: { sealed: 'x' }, attempts: 2 });
    expect(await db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).primaryKeys()).toEqual(['c1']);
    expect(JSON.stringify(await db.submissions.get('s1'))).not.toContain('341502199001011234');
    expect(typeof (await db.settings.get(STREAM_ID_KEY))?.value).toBe('string');
    expect(db.tables.map((t) => t.name)).not.toContain('feedCursors');
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
});
