import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../App.tsx';
import { zhCN } from '../../i18n/zh-CN.ts';
import { putServices, serviceItems, testSync, type TestSync } from '../../sync/testing.ts';
import { createFakeKiosk } from '../../test/fakeKiosk.ts';

let sync: TestSync;

async function openGuide(): Promise<void> {
  const kiosk = createFakeKiosk();
  sync = await testSync(kiosk);
  window.location.hash = '#/guide';
  render(<App kiosk={kiosk} sync={sync} />);
  await screen.findByRole('heading', { name: zhCN.guide.title });
}

const names = (): string[] => [...document.querySelectorAll('.service-row__name')].map((e) => e.textContent ?? '');

beforeEach(() => {
  window.location.hash = '';
});
afterEach(async () => {
  cleanup();
  sync.engine.stop();
  await sync.engine.idle();
});

describe('办事指南', () => {
  it('lists the local catalogue and shows a newly synced service without a reload', async () => {
    await openGuide();
    const items = serviceItems(4);
    await putServices(sync.db, items.slice(0, 3));
    await screen.findByText(items[0]?.name ?? '?', { selector: '.service-row__name' });
    expect(names()).toHaveLength(3);
    expect(document.querySelector('.guide__count')?.textContent).toBe('共 3 项');

    // The sync engine writes a new row (as a catalogue pull does): the open list picks it up.
    await act(() => putServices(sync.db, items.slice(3), 2));
    await screen.findByText(items[3]?.name ?? '?', { selector: '.service-row__name' });
    expect(names()).toHaveLength(4);
  });

  it('narrows by search words and by department chip', async () => {
    await openGuide();
    const items = serviceItems(157);
    await act(() => putServices(sync.db, items));
    await screen.findAllByText(/./, { selector: '.service-row__name' });
    const target = items.find((i) => i.name.includes('社会保障卡')) ?? items[0];
    if (target === undefined) throw new Error('no seed item');

    fireEvent.change(screen.getByRole('searchbox', { name: zhCN.guide.searchLabel }), { target: { value: '社会保障卡' } });
    await screen.findByText(target.name, { selector: '.service-row__name' });
    for (const name of names()) expect(name).toContain('社会保障卡');

    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '' } });
    const chips = screen.getByRole('group', { name: zhCN.guide.departmentsLabel });
    fireEvent.click(within(chips).getByRole('button', { name: target.department.name }));
    expect(within(chips).getByRole('button', { name: target.department.name }).getAttribute('aria-pressed')).toBe('true');
    await screen.findByText(target.name, { selector: '.service-row__name' });
    const expected = items.filter((i) => i.department.name === target.department.name).length;
    await screen.findByText(`共 ${expected} 项`);
    for (const department of document.querySelectorAll('.service-row__department')) expect(department.textContent).toBe(target.department.name);
  });

  it('shows a service’s 事项要素 for a resident, hostile text as text', async () => {
    await openGuide();
    const [item] = serviceItems(1, true);
    if (item === undefined) throw new Error('no seed item');
    const hostile = { ...item, name: '<img src=x onerror="window.__pwned=1">户口迁移', address: '<script>window.__pwned=1</script>三楼', fees: { charged: true, items: [{ name: '工本费', standard: '20元/证' }] } };
    await act(() => putServices(sync.db, [hostile]));
    fireEvent.click(await screen.findByText(hostile.name, { selector: '.service-row__name' }));
    await screen.findByRole('heading', { name: hostile.name, level: 1 });
    const details = document.querySelector('.item-details') as HTMLElement;
    expect(details.querySelector('img, script')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    const text = details.textContent ?? '';
    expect(text).toContain(hostile.address);
    expect(text).toContain('工本费：20元/证');
    expect(text).toContain(item.acceptanceConditions[0] ?? '?');
    expect(text).toContain(`${item.promisedTimeLimit.value === 0 ? '即时办结' : `${item.promisedTimeLimit.value} 个${item.promisedTimeLimit.unit}`}`);
    expect(text).toContain(item.consultPhone);
    expect(text).toContain(zhCN.guide.terminalBadge);
    const firstMaterial = item.materials[0];
    if (firstMaterial !== undefined) expect(text).toContain(firstMaterial.name);
    expect(screen.getByRole('button', { name: zhCN.guide.applyHere })).toBeTruthy();
  });
});
