/**
 * The device contract end to end inside the host: the real device manager on the embedded
 * default's simulated hall (the drivers talk to simulators over in-memory byte links), called
 * through the dispatcher exactly as a renderer would.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../contract/index.ts';
import { idCardReaderKind, receiptPrinterKind } from '../../../devices/manager/builtinKinds.ts';
import { DeviceManager } from '../../../devices/manager/deviceManager.ts';
import { SIMULATED_ID_CARDS } from '../../../devices/id-card/index.ts';
import { EMBEDDED_DEFAULT, type KioskConfig } from '../config.ts';
import { createMemoryLogger } from '../logger.ts';
import { createServiceHost, type Connection, type ServiceHost } from '../serviceHost.ts';

let host: ServiceHost;
let events: { name: EventName; payload: unknown }[];

async function startHost(config: KioskConfig = EMBEDDED_DEFAULT): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'devices-'));
  const devices = await DeviceManager.create({
    devices: config.devices,
    kinds: [idCardReaderKind, receiptPrinterKind(() => ({ kioskName: config.kioskName, hall: config.hallName, kioskId: config.kioskId, printedAt: new Date() }))],
    dataDir,
  });
  host = createServiceHost({
    version: 't',
    transport: 'websocket',
    loaded: { config, source: 'test', problems: [], service: { state: 'in-service' } },
    logger: createMemoryLogger(),
    devices,
    statusIntervalMs: 60_000,
  });
  events = [];
}

function connect(): Connection {
  return host.connect({ senderTrusted: true, deliver: (name, payload) => events.push({ name, payload }) });
}

async function technician(): Promise<Connection> {
  const c = connect();
  expect(await c.call('session.signIn', { role: 'technician', pin: '2580' })).toMatchObject({ ok: true });
  return c;
}

async function waitFor<T>(find: () => T | undefined, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeEach(async () => startHost());
afterEach(async () => host.dispose());

describe('devices through the contract', () => {
  it('lists both simulated devices with state and counters, and no personal data', async () => {
    const resident = connect();
    const listed = await resident.call('devices.list', {});
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    const devices = listed.value as { id: string; label: string; transport: string; state: string }[];
    expect(devices.map((d) => [d.id, d.label, d.transport])).toEqual([
      ['idCardReader', '身份证阅读器', 'simulated'],
      ['receiptPrinter', '凭条打印机', 'simulated'],
    ]);
    for (const d of devices) expect(['idle', 'opening']).toContain(d.state);
  });

  it('emits one masked card.read per placement and hands the full holder out exactly once', async () => {
    const tech = await technician();
    const card = SIMULATED_ID_CARDS.find((c) => c.id === 'la-jinan-chen');
    if (card === undefined) throw new Error('no simulated card');
    expect(await tech.call('simulator.idCard.place', { cardId: card.id })).toEqual({ ok: true, value: {} });
    const read = await waitFor(() => events.find((e) => e.name === 'card.read'));
    const payload = read.payload as { card: { name: string; idNumber: string }; readingToken: string };
    expect(payload.card.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    // 陈志明, 341502198503120414 (devices/id-card/simulator/simulatedCards.ts): never in an event.
    expect(JSON.stringify(events)).not.toContain('341502198503120414');
    expect(JSON.stringify(events)).not.toContain('陈志明');
    expect(payload.card.name).toBe('陈*明');
    await new Promise((r) => setTimeout(r, 1_000)); // several more polls while the card lies there
    expect(events.filter((e) => e.name === 'card.read')).toHaveLength(1);

    const holder = await tech.call('idCard.holder', { readingToken: payload.readingToken });
    expect(holder).toMatchObject({ ok: true, value: { name: '陈志明', idNumber: '341502198503120414' } });
    expect(await tech.call('idCard.holder', { readingToken: payload.readingToken })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('prints a receipt with personal lines masked by the host, onto the virtual paper', async () => {
    const resident = connect();
    const printed = await resident.call('printer.print', {
      receipt: {
        title: '六安市政务服务中心',
        lines: [
          { kind: 'field', label: '办理事项', value: '社会保障卡申领' },
          { kind: 'personal', label: '申请人', personal: 'name', value: '陈晓明' },
          { kind: 'personal', label: '身份证号', personal: 'idNumber', value: '341502199001011234' },
        ],
        qr: { payload: 'LA-2026-000123', caption: '扫码查询进度' },
      },
    });
    expect(printed).toMatchObject({ ok: true, value: { printed: true } });
    const tech = await technician();
    const paper = await tech.call('simulator.printer.paper', {});
    expect(paper.ok).toBe(true);
    const text = JSON.stringify(paper.ok ? paper.value : null);
    expect(text).toContain('社会保障卡申领');
    expect(text).toContain('陈*明');
    expect(text).toContain('341502********1234');
    expect(text).not.toContain('341502199001011234');
    expect(text).toContain('LA-2026-000123');
  });

  it('refuses to print on paper-out with PAPER_OUT and prints nothing', async () => {
    const tech = await technician();
    await tech.call('simulator.printer.setState', { paperOut: true });
    const refused = await tech.call('printer.testPage', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'PAPER_OUT' } });
    const paper = await tech.call('simulator.printer.paper', {});
    expect(paper).toEqual({ ok: true, value: [] });
    await tech.call('simulator.printer.setState', { paperOut: false });
    expect(await tech.call('printer.testPage', {})).toMatchObject({ ok: true });
  });

  it('keeps simulator controls and health checks from residents', async () => {
    const resident = connect();
    for (const [name, arg] of [
      ['simulator.idCard.place', { cardId: 'x' }],
      ['simulator.printer.setState', { paperOut: true }],
      ['devices.healthCheck', { id: 'receiptPrinter', level: 'internal' }],
      ['devices.log', { id: 'receiptPrinter' }],
    ] as const) {
      expect(await resident.call(name, arg)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('runs health checks and keeps a masked device log', async () => {
    const tech = await technician();
    const health = await tech.call('devices.healthCheck', { id: 'idCardReader', level: 'internal' });
    expect(health).toMatchObject({ ok: true, value: { level: 'internal', ok: true } });
    const log = await tech.call('devices.log', { id: 'idCardReader', limit: 50 });
    expect(log.ok && (log.value as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('a misconfigured device', () => {
  it('names the field and leaves the other device running', async () => {
    await host.dispose();
    await startHost({ ...EMBEDDED_DEFAULT, devices: { idCardReader: { transport: 'simulated' }, receiptPrinter: { transport: 'serial', path: '/dev/ttyUSB9', baudRate: 'fast' } } });
    const resident = connect();
    const listed = await resident.call('devices.list', {});
    const devices = (listed.ok ? listed.value : []) as { id: string; state: string; lastError: { message: string } | null }[];
    const printer = devices.find((d) => d.id === 'receiptPrinter');
    expect(printer?.state).toBe('misconfigured');
    expect(printer?.lastError?.message).toContain('devices.receiptPrinter.baudRate');
    expect(devices.find((d) => d.id === 'idCardReader')?.state).not.toBe('misconfigured');
    expect(await resident.call('printer.status', {})).toMatchObject({ ok: false });
  });

  it('refuses simulator controls for a device that is not simulated', async () => {
    await host.dispose();
    await startHost({ ...EMBEDDED_DEFAULT, devices: { idCardReader: { transport: 'serial', path: '/dev/null-kiosk-test', baudRate: 115200 } } });
    const tech = await technician();
    expect(await tech.call('simulator.idCard.place', { cardId: 'la-jinan-chen' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});

describe('the technician test read', () => {
  it('waits for the next placement and shows it masked', async () => {
    const tech = await technician();
    const reading = tech.call('idCard.readNow', {});
    await new Promise((r) => setTimeout(r, 200));
    await tech.call('simulator.idCard.place', { cardId: 'la-jinan-chen' });
    expect(await reading).toMatchObject({ ok: true, value: { name: '陈*明', idNumber: '341502********0414' } });
    // Right after, the same reading is shown again instead of waiting for another placement.
    expect(await tech.call('idCard.readNow', {})).toMatchObject({ ok: true, value: { name: '陈*明' } });
  });
});

describe('interactive health checks', () => {
  it('the reader waits for a test card; the printer prints a slip and takes the technician’s verdict', async () => {
    const tech = await technician();
    const reader = tech.call('devices.healthCheck', { id: 'idCardReader', level: 'interactive' });
    await new Promise((r) => setTimeout(r, 100));
    await tech.call('simulator.idCard.place', { cardId: 'la-jinan-chen' });
    expect(await reader).toMatchObject({ ok: true, value: { level: 'interactive', ok: true, text: expect.stringContaining('陈*明') } });

    expect(await tech.call('devices.confirmCheck', { id: 'receiptPrinter', passed: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await tech.call('devices.healthCheck', { id: 'receiptPrinter', level: 'interactive' })).toMatchObject({ ok: true, value: { ok: true } });
    const paper = await tech.call('simulator.printer.paper', {});
    expect(paper.ok && (paper.value as unknown[]).length).toBe(1);
    expect(await tech.call('devices.confirmCheck', { id: 'receiptPrinter', passed: false })).toMatchObject({ ok: true, value: { ok: false } });
    const log = await tech.call('devices.log', { id: 'receiptPrinter' });
    expect(JSON.stringify(log)).toContain('技术员确认');
  });
});
