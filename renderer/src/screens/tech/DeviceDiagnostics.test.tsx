import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../../contract/index.ts';
import type { DeviceSummary, MaskedCard } from '../../../../contract/devices.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { KioskProvider } from '../../state/kioskState.tsx';
import { createFakeKiosk, type FakeKiosk } from '../../test/fakeKiosk.ts';
import { DeviceDiagnostics } from './DeviceDiagnostics.tsx';
import { LOG_ROWS } from './LiveLog.tsx';

afterEach(cleanup);

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000 - 2_000).toISOString();

function device(overrides: Partial<DeviceSummary> & Pick<DeviceSummary, 'id' | 'kind' | 'label'>): DeviceSummary {
  return {
    transport: 'simulated',
    state: 'idle',
    since: minutesAgo(3),
    lastError: null,
    counters: { reads: 0, failures: 0, prints: 0, paperOuts: 0, reconnects: 0, commandTimeouts: 0, lastSeen: null },
    ...overrides,
  };
}

const READER = device({ id: 'idCardReader', kind: 'id-card', label: '身份证阅读器', counters: { reads: 12, failures: 3, prints: 0, paperOuts: 0, reconnects: 1, commandTimeouts: 2, lastSeen: minutesAgo(0) } });
const PRINTER = device({
  id: 'receiptPrinter',
  kind: 'printer',
  label: '凭条打印机',
  state: 'error',
  lastError: { code: 'PAPER_OUT', message: 'paper end sensor', at: minutesAgo(1) },
  counters: { reads: 0, failures: 4, prints: 27, paperOuts: 5, reconnects: 0, commandTimeouts: 0, lastSeen: minutesAgo(1) },
});

const CARD: MaskedCard = {
  type: 'resident',
  typeLabel: '居民身份证',
  name: '陈*明',
  sex: '男',
  nation: '汉族',
  idNumber: '341502********0414',
  address: '安徽省六安市金安区梅山南路**号',
  validTo: '2035-06-01',
  expired: false,
};

function kioskWith(devices: DeviceSummary[]): FakeKiosk {
  const kiosk = createFakeKiosk({ session: { role: 'technician', actor: '技术员' } });
  kiosk.handle('devices.list', () => ok(devices));
  kiosk.handle('devices.log', () => ok([]));
  kiosk.handle('devices.serialPorts', () => ok({ ports: [{ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523', manufacturer: 'QinHeng' }] }));
  kiosk.handle('simulator.idCard.cards', () => ok([{ id: 'la-jinan-chen', label: '居民身份证 陈*明 341502********0414' }]));
  kiosk.handle('simulator.printer.paper', () => ok([]));
  kiosk.handle('printer.status', () => ok({ online: true, coverOpen: false, paperEnd: false, paperNearEnd: false, error: false, text: '正常' }));
  return kiosk;
}

async function renderDiagnostics(kiosk: FakeKiosk): Promise<void> {
  render(
    <KioskProvider kiosk={kiosk}>
      <DeviceDiagnostics refreshMs={60_000} />
    </KioskProvider>,
  );
  await screen.findByRole('article', { name: READER.label });
}

const card = (label: string): HTMLElement => screen.getByRole('article', { name: label });
const counter = (article: HTMLElement, key: string): string | null | undefined => article.querySelector(`[data-counter="${key}"] dd`)?.textContent;

describe('device diagnostics', () => {
  it('lists every device with its state word, port, time in state, last error and counters', async () => {
    await renderDiagnostics(kioskWith([READER, { ...PRINTER, transport: 'serial', port: '/dev/ttyS1' }]));
    const reader = card('身份证阅读器');
    expect(within(reader).getByLabelText('状态：空闲').textContent).toContain('空闲');
    expect(within(reader).getByText('模拟设备')).toBeTruthy();
    expect(within(reader).getByText('3分钟前')).toBeTruthy();
    expect(within(reader).getByText(zhCN.devices.noError)).toBeTruthy();
    expect(counter(reader, 'reads')).toBe('12');
    expect(counter(reader, 'failures')).toBe('3');
    expect(counter(reader, 'commandTimeouts')).toBe('2');
    expect(counter(reader, 'reconnects')).toBe('1');
    expect(counter(reader, 'lastSeen')).toBe('刚刚');

    const printer = card('凭条打印机');
    expect(printer.dataset['state']).toBe('error');
    expect(within(printer).getByLabelText('状态：故障')).toBeTruthy();
    expect(within(printer).getByText('/dev/ttyS1')).toBeTruthy();
    expect(printer.textContent).toContain(`${zhCN.errors.PAPER_OUT}（PAPER_OUT：paper end sensor）`);
    expect(counter(printer, 'prints')).toBe('27');
    expect(counter(printer, 'paperOuts')).toBe('5');
    expect(counter(printer, 'lastSeen')).toBe('1分钟前');
  });

  it('a devices.changed event updates that device only', async () => {
    const kiosk = kioskWith([READER, PRINTER]);
    await renderDiagnostics(kiosk);
    act(() => kiosk.emit('devices.changed', { ...READER, state: 'offline', since: new Date().toISOString(), counters: { ...READER.counters, reconnects: 2 } }));
    const reader = card('身份证阅读器');
    expect(within(reader).getByLabelText('状态：离线')).toBeTruthy();
    expect(counter(reader, 'reconnects')).toBe('2');
    expect(within(card('凭条打印机')).getByLabelText('状态：故障')).toBeTruthy();
  });

  it('a refused test page shows the PAPER_OUT words next to the button, and the virtual paper is re-read', async () => {
    const kiosk = kioskWith([READER, { ...PRINTER, state: 'idle', lastError: null }]);
    kiosk.respond('printer.testPage', err('PAPER_OUT', 'paper end'));
    await renderDiagnostics(kiosk);
    const printer = card('凭条打印机');
    await waitFor(() => expect(kiosk.callsOf('simulator.printer.paper')).toHaveLength(1));
    fireEvent.click(within(printer).getByRole('button', { name: zhCN.devices.printTestPage }));
    const alert = await within(printer).findByRole('alert');
    expect(alert.textContent).toContain(`${zhCN.devices.printTestPage}失败：${zhCN.errors.PAPER_OUT}`);
    expect(alert.textContent).toContain('缺纸');
    expect(alert.closest('[data-outcome="testPage"]')).not.toBeNull();
    await waitFor(() => expect(kiosk.callsOf('simulator.printer.paper')).toHaveLength(2));
  });

  it('shows the virtual paper: lines with their style and QR payloads as text', async () => {
    const kiosk = kioskWith([PRINTER]);
    kiosk.handle('simulator.printer.paper', () =>
      ok([
        {
          lines: [
            { text: '打印测试页', bold: true, align: 'center', size: 2 },
            { text: '中文打印测试：六安市政务服务中心', bold: false, align: 'left', size: 1 },
          ],
          qrPayloads: ['KIOSK-TEST:LA-JA-0001:1'],
          cut: true,
        },
      ]),
    );
    render(
      <KioskProvider kiosk={kiosk}>
        <DeviceDiagnostics refreshMs={60_000} />
      </KioskProvider>,
    );
    const title = await screen.findByText('打印测试页', { selector: '.receipt__line' });
    expect(title.className).toContain('receipt__line--bold');
    expect(title.className).toContain('receipt__line--center');
    expect(title.dataset['size']).toBe('2');
    expect(screen.getByText('二维码：KIOSK-TEST:LA-JA-0001:1')).toBeTruthy();
  });

  it('simulator controls appear only for simulated devices', async () => {
    const kiosk = kioskWith([{ ...READER, transport: 'serial', port: '/dev/ttyUSB0' }, PRINTER]);
    await renderDiagnostics(kiosk);
    expect(within(card('身份证阅读器')).queryByRole('region', { name: zhCN.devices.simulatorTitle })).toBeNull();
    expect(within(card('身份证阅读器')).queryByRole('button', { name: zhCN.devices.removeCard })).toBeNull();
    expect(within(card('凭条打印机')).getByRole('region', { name: zhCN.devices.simulatorTitle })).toBeTruthy();
    expect(kiosk.callsOf('simulator.idCard.cards')).toHaveLength(0);
  });

  it('a simulated card is placed by its button, and the card.read event shows the masked fields', async () => {
    const kiosk = kioskWith([READER]);
    kiosk.handle('simulator.idCard.place', () => ok({}));
    await renderDiagnostics(kiosk);
    fireEvent.click(await screen.findByRole('button', { name: '放置 居民身份证 陈*明 341502********0414' }));
    await waitFor(() => expect(kiosk.callsOf('simulator.idCard.place')).toEqual([{ name: 'simulator.idCard.place', arg: { cardId: 'la-jinan-chen' } }]));
    act(() => kiosk.emit('card.read', { card: CARD, readAt: new Date().toISOString(), readingToken: 't1' }));
    const events = screen.getByRole('region', { name: zhCN.devices.cardEventsTitle });
    expect(within(events).getByText('陈*明')).toBeTruthy();
    expect(within(events).getByText('341502********0414')).toBeTruthy();
    expect(within(events).getByText(zhCN.devices.card.notExpired)).toBeTruthy();
    act(() => kiosk.emit('card.removed', { at: new Date().toISOString() }));
    expect(within(events).getAllByRole('listitem')[0]?.dataset['cardEvent']).toBe('removed');
  });

  it('the live log shows history and then live entries of its own device, newest first, capped', async () => {
    const kiosk = kioskWith([READER, PRINTER]);
    kiosk.handle('devices.log', ({ id }) => ok(id === 'idCardReader' ? [{ at: new Date(1_000).toISOString(), dir: 'event', text: '已连接' }] : []));
    await renderDiagnostics(kiosk);
    const log = within(card('身份证阅读器')).getByRole('region', { name: zhCN.devices.logTitle });
    await within(log).findByText('已连接');
    act(() => kiosk.emit('devices.logEntry', { deviceId: 'idCardReader', at: new Date(2_000).toISOString(), dir: 'tx', text: '寻卡', hex: 'AA AA AA 96 69' }));
    act(() => kiosk.emit('devices.logEntry', { deviceId: 'receiptPrinter', at: new Date(3_000).toISOString(), dir: 'tx', text: 'DLE EOT 1' }));
    const rows = () => log.querySelectorAll('.log-row');
    expect(rows()).toHaveLength(2);
    expect(rows()[0]?.textContent).toContain('寻卡');
    expect(rows()[0]?.textContent).toContain('AA AA AA 96 69');
    expect(rows()[0]?.textContent).toContain('发送');
    act(() => {
      for (let i = 0; i < LOG_ROWS + 10; i += 1) kiosk.emit('devices.logEntry', { deviceId: 'idCardReader', at: new Date(5_000 + i).toISOString(), dir: 'rx', text: `帧 ${i}` });
    });
    expect(rows()).toHaveLength(LOG_ROWS);
    expect(rows()[0]?.textContent).toContain(`帧 ${LOG_ROWS + 9}`);
  });

  it('health checks show the text the host returned, marked as passed or failed', async () => {
    const kiosk = kioskWith([READER]);
    kiosk.handle('devices.healthCheck', ({ level }) =>
      ok(level === 'internal' ? { level, ok: true, text: 'SAM 状态正常' } : { level, ok: false, text: '读卡器无应答' }),
    );
    await renderDiagnostics(kiosk);
    const reader = card('身份证阅读器');
    fireEvent.click(within(reader).getByRole('button', { name: zhCN.devices.internalCheck }));
    fireEvent.click(within(reader).getByRole('button', { name: zhCN.devices.externalCheck }));
    const passed = await within(reader).findByText('SAM 状态正常');
    expect(passed.closest('.health-result')?.className).toContain('health-result--ok');
    const failed = await within(reader).findByText('读卡器无应答');
    expect(failed.closest('[role="alert"]')?.textContent).toContain(`${zhCN.devices.externalCheck}：${zhCN.devices.checkFailed}`);
    expect(kiosk.callsOf('devices.healthCheck').map((c) => c.arg)).toEqual([
      { id: 'idCardReader', level: 'internal' },
      { id: 'idCardReader', level: 'external' },
    ]);
  });

  it('lists serial ports and shows the error the host reports', async () => {
    const kiosk = kioskWith([READER]);
    kiosk.respond('devices.serialPorts', ok({ ports: [], error: 'serialport binding not loaded' }));
    await renderDiagnostics(kiosk);
    const ports = screen.getByRole('region', { name: zhCN.devices.portsTitle });
    expect((await within(ports).findByRole('alert')).textContent).toContain('serialport binding not loaded');
    fireEvent.click(within(ports).getByRole('button', { name: zhCN.devices.refresh }));
    expect(await within(ports).findByText('/dev/ttyUSB0')).toBeTruthy();
    expect(within(ports).getByText('1a86')).toBeTruthy();
  });
});
