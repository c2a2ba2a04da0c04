import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MaskedCard } from '../../../../contract/devices.ts';
import { err, ok } from '../../../../contract/result.ts';
import { open } from '../../../../sync/protocol/sealed.ts';
import type { ServiceItem } from '../../../../sync/protocol/serviceItem.ts';
import { App } from '../../App.tsx';
import type { OutboxRecord } from '../../db/records.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { putServices, serviceItems, testSync, type TestSync } from '../../sync/testing.ts';
import { createFakeKiosk, type FakeKiosk } from '../../test/fakeKiosk.ts';
import { RECEIPT_QR_PREFIX } from './applicationReceipt.ts';

const HOLDER = { cardType: '居民身份证', name: '张三明', idNumber: '341502199001011234', sex: '男', birthDate: '1990-01-01', address: '安徽省六安市金安区梅山南路1号' };
const MASKED: MaskedCard = { type: 'resident', typeLabel: '居民身份证', name: '张*明', sex: '男', idNumber: '341502********1234', validTo: '2036-01-01', expired: false };
const TOKEN = 'a'.repeat(32);
const PHONE = '13912345678';

let kiosk: FakeKiosk;
let sync: TestSync;
let service: ServiceItem;

beforeEach(async () => {
  window.location.hash = '#/apply';
  kiosk = createFakeKiosk();
  kiosk.handle('sync.push', () => err('PLATFORM_UNREACHABLE', 'platform down')); // stays queued: this test is about the kiosk side
  kiosk.handle('idCard.holder', (arg) => (arg.readingToken === TOKEN ? ok(HOLDER) : err('NOT_FOUND', 'no such reading')));
  sync = await testSync(kiosk);
  const [first] = serviceItems(1, true);
  if (first === undefined) throw new Error('no terminal-capable seed item');
  service = first;
  await putServices(sync.db, [service, ...serviceItems(2, false)]);
});
afterEach(async () => {
  cleanup();
  sync.engine.stop();
  await sync.engine.idle();
});

/** Choose the service, place the card, type the phone, check, submit. */
async function applyThroughTheScreens(): Promise<void> {
  render(<App kiosk={kiosk} sync={sync} />);
  // Only terminal-capable services are offered.
  fireEvent.click(await screen.findByText(service.name, { selector: '.service-row__name' }));
  expect(document.querySelectorAll('.service-row')).toHaveLength(0);
  await screen.findByRole('heading', { name: zhCN.apply.cardTitle });
  const next = screen.getByRole<HTMLButtonElement>('button', { name: zhCN.apply.next });
  expect(next.disabled).toBe(true);

  act(() => kiosk.emit('card.read', { card: MASKED, readAt: new Date().toISOString(), readingToken: TOKEN }));
  await screen.findByText('张*明');
  expect(screen.getByText('341502********1234')).toBeTruthy();
  fireEvent.click(next);

  await screen.findByRole('heading', { name: zhCN.apply.phoneTitle });
  const confirm = screen.getByRole<HTMLButtonElement>('button', { name: zhCN.tech.confirm });
  for (const digit of '1391234567') fireEvent.click(screen.getByRole('button', { name: `数字 ${digit}` }));
  expect(confirm.disabled).toBe(true); // 10 digits
  fireEvent.click(screen.getByRole('button', { name: '数字 8' }));
  fireEvent.click(screen.getByRole('button', { name: '数字 9' })); // a 12th digit is ignored
  expect(screen.getByLabelText(zhCN.apply.phoneLabel).textContent).toBe(PHONE);
  fireEvent.click(confirm);

  await screen.findByRole('heading', { name: zhCN.apply.confirmTitle });
  expect(screen.getByText('139****5678')).toBeTruthy();
  await tickEveryMaterial();
  fireEvent.click(screen.getByRole('button', { name: zhCN.apply.submit }));
  await screen.findByRole('heading', { name: zhCN.apply.doneTitle });
}

/** The required materials hold the submit button until each is ticked; the ID card starts ticked. */
async function tickEveryMaterial(): Promise<void> {
  const submit = screen.getByRole<HTMLButtonElement>('button', { name: zhCN.apply.submit });
  const ticks = [...document.querySelectorAll<HTMLButtonElement>('.material-tick')];
  expect(ticks).toHaveLength(service.materials.length);
  const requiredOpen = service.materials.filter((m) => m.required && !m.name.includes('身份证'));
  expect(submit.disabled).toBe(requiredOpen.length > 0);
  for (const tick of ticks) if (tick.getAttribute('aria-pressed') === 'false') fireEvent.click(tick);
  expect(submit.disabled).toBe(false);
}

async function everythingStored(): Promise<string> {
  const tables = await Promise.all(sync.db.tables.map((t) => t.toArray()));
  return JSON.stringify(tables);
}

describe('我要办', () => {
  it('submits through the engine with the holder sealed, prints a masked receipt, and keeps nothing personal in clear', async () => {
    kiosk.handle('printer.print', () => ok({ printed: true as const, bytes: 900, durationMs: 40 }));
    await applyThroughTheScreens();
    await screen.findByText(zhCN.apply.printed);

    // One submission + one pending command; the platform would open exactly what the card and keypad gave.
    const outbox = await sync.db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    const command = outbox[0] as OutboxRecord;
    expect(command).toMatchObject({ type: 'application.submit', state: 'pending' });
    const payload = command.payload as { serviceCode: string; personal: unknown };
    expect(payload.serviceCode).toBe(service.code);
    expect((command.payload as { materials: { name: string; provided: boolean }[] }).materials).toEqual(service.materials.map((m) => ({ name: m.name, provided: true })));
    expect(await open(sync.privateKey, payload.personal)).toEqual({ name: HOLDER.name, idNumber: HOLDER.idNumber, phone: PHONE, address: HOLDER.address });
    const stored = await everythingStored();
    for (const secret of [HOLDER.idNumber, HOLDER.name, PHONE, HOLDER.address]) expect(stored).not.toContain(secret);
    expect(kiosk.callsOf('idCard.holder')).toHaveLength(1);

    // The receipt: personal values as `personal` lines (the host masks them), the local code on paper and in the QR.
    const [printCall] = kiosk.callsOf('printer.print');
    const receipt = (printCall?.arg as { receipt: { title: string; lines: { kind: string; personal?: string; value?: string }[]; qr?: { payload: string }; footer?: string[] } }).receipt;
    const done = document.querySelector<HTMLElement>('[data-receipt-code]');
    const code = done?.dataset['receiptCode'] ?? '';
    expect(code).toMatch(/^[0-9A-F]{8}$/);
    expect(receipt.title).toBe(zhCN.apply.receiptTitle);
    expect(receipt.lines.filter((l) => l.kind === 'personal').map((l) => l.personal)).toEqual(['name', 'idNumber', 'phone']);
    expect(receipt.lines.filter((l) => l.kind !== 'personal').map((l) => l.value ?? '').join()).not.toContain(HOLDER.idNumber);
    expect(receipt.qr?.payload).toBe(`${RECEIPT_QR_PREFIX}${code}`);
    expect(receipt.footer?.join()).toContain('进度查询');
    expect(screen.getByText(code)).toBeTruthy();

    // Nothing personal survives on screen after the journey.
    expect(document.body.textContent).not.toContain(PHONE);
  });

  it('a printer out of paper is explained, and the application stays submitted', async () => {
    kiosk.handle('printer.print', () => err('PAPER_OUT', 'paper end'));
    await applyThroughTheScreens();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('打印机缺纸');
    expect(alert.textContent).toContain('您的申请已提交');
    expect(await sync.db.submissions.count()).toBe(1);
    expect(await sync.db.outbox.where('state').equals('pending').count()).toBe(1);

    // After staff refill the paper, a reprint uses the masked fields stored with the submission.
    kiosk.handle('printer.print', () => ok({ printed: true as const, bytes: 800, durationMs: 30 }));
    fireEvent.click(screen.getByRole('button', { name: zhCN.apply.printAgain }));
    await screen.findByText(zhCN.apply.printed);
    const reprint = kiosk.callsOf('printer.print')[1]?.arg as { receipt: { lines: { kind: string; value?: string }[] } };
    expect(reprint.receipt.lines.some((l) => l.value === '张*明')).toBe(true);
    expect(JSON.stringify(reprint)).not.toContain(HOLDER.idNumber);
    expect(await sync.db.submissions.count()).toBe(1);
  });

  it('an expired card reading sends the resident back to the card step, nothing stored', async () => {
    kiosk.handle('idCard.holder', () => err('NOT_FOUND', 'reading expired'));
    render(<App kiosk={kiosk} sync={sync} />);
    fireEvent.click(await screen.findByText(service.name, { selector: '.service-row__name' }));
    act(() => kiosk.emit('card.read', { card: MASKED, readAt: new Date().toISOString(), readingToken: TOKEN }));
    fireEvent.click(await screen.findByRole('button', { name: zhCN.apply.next }));
    for (const digit of PHONE) fireEvent.click(screen.getByRole('button', { name: `数字 ${digit}` }));
    fireEvent.click(screen.getByRole('button', { name: zhCN.tech.confirm }));
    await screen.findByRole('button', { name: zhCN.apply.submit });
    await tickEveryMaterial();
    fireEvent.click(screen.getByRole('button', { name: zhCN.apply.submit }));
    expect((await screen.findByRole('alert')).textContent).toBe(zhCN.apply.holderFailed);
    expect(screen.getByRole('heading', { name: zhCN.apply.cardTitle })).toBeTruthy();
    expect(await sync.db.submissions.count()).toBe(0);
    expect(kiosk.callsOf('printer.print')).toHaveLength(0);
  });
});
