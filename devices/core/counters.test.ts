import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CounterStore, parseCounterFile } from './counters.ts';
import { ManualClock } from './testing/manualClock.ts';

describe('CounterStore', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kiosk-counters-'));
    file = path.join(dir, 'data', 'device-counters.json');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('survives a restart', async () => {
    const clock = new ManualClock();
    const store = await CounterStore.open({ file, clock });
    store.increment('receiptPrinter', 'prints', 3);
    store.increment('receiptPrinter', 'paperOuts');
    store.increment('idCardReader', 'reconnects');
    store.touch('idCardReader');
    await store.dispose();
    const again = await CounterStore.open({ file, clock });
    expect(again.get('receiptPrinter')).toMatchObject({ prints: 3, paperOuts: 1, reads: 0 });
    expect(again.get('idCardReader')).toMatchObject({ reconnects: 1, lastSeen: clock.now() });
    expect(again.get('unknown')).toMatchObject({ reads: 0, lastSeen: null });
  });

  it('debounces: many changes, one write after the delay, no temp files left', async () => {
    const clock = new ManualClock();
    const store = await CounterStore.open({ file, clock, debounceMs: 1000 });
    for (let i = 0; i < 100; i++) store.touch('idCardReader', i);
    await clock.advance(999);
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
    await clock.advance(1);
    await store.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1, devices: { idCardReader: { lastSeen: 99 } } });
    expect(await readdir(path.dirname(file))).toEqual(['device-counters.json']);
    await store.dispose();
  });

  it('reports a corrupt file, keeps it aside and starts from zero', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{"version":1,"devices":{"receiptPrinter":{"prints":"many"', 'utf8');
    const problems: string[] = [];
    const store = await CounterStore.open({ file, clock: new ManualClock(), onProblem: (m) => problems.push(m) });
    expect(problems).toHaveLength(1);
    expect(store.loadProblem).toMatch(/corrupt/);
    expect(store.get('receiptPrinter').prints).toBe(0);
    expect((await readdir(path.dirname(file))).some((f) => f.includes('.corrupt-'))).toBe(true);
    store.increment('receiptPrinter', 'prints');
    await store.dispose();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ devices: { receiptPrinter: { prints: 1 } } });
  });

  it('names the bad field of a well-formed but wrong file', () => {
    expect(parseCounterFile('{"version":1,"devices":{"p":{"prints":-1}}}')).toBe('devices.p.prints: expected a non-negative integer');
    expect(parseCounterFile('[]')).toMatch(/expected \{version/);
  });

  it('reports an unreadable and unwritable location instead of crashing', async () => {
    const problems: string[] = [];
    const blocked = path.join(dir, 'not-a-dir');
    await writeFile(blocked, 'x');
    const store = await CounterStore.open({ file: path.join(blocked, 'c.json'), onProblem: (m) => problems.push(m) });
    store.increment('p', 'prints');
    await store.flush();
    expect(problems[0]).toMatch(/cannot read device counters/);
    expect(problems[1]).toMatch(/cannot write device counters/);
    expect(store.get('p').prints).toBe(1); // still counted in memory
    await store.dispose();
  });
});
