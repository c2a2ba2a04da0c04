/**
 * Handlers for devices.*, idCard.*, printer.* and simulator.*: the contract's view of the device
 * manager. Card events from the reader's presence loop are published here, masked; receipts are
 * masked here, before the printer driver sees them. Simulator controls answer only for simulated
 * devices (and the contract lets only technicians call them).
 */
import { err, ok, type Result } from '../../../contract/index.ts';
import type { DeviceSummary as DeviceSummaryView, MaskedCard as MaskedCardView, ReceiptInput } from '../../../contract/devices.ts';
import type { DeviceManager, DeviceSummary } from '../../../devices/manager/deviceManager.ts';
import { CardPresenceLoop, IdCardReader, IdCardReaderSimulator, isCardExpired, maskedCard, simulatedCardMenu, type IdCardEvent } from '../../../devices/id-card/index.ts';
import { cardHolderName, cardNumber, CARD_TYPE_LABELS, SEX_LABELS } from '../../../devices/id-card/textBlock.ts';
import { createCardHolderVault } from './cardHolderVault.ts';
import { describeStatus, faultOf } from '../../../devices/printer/printerStatus.ts';
import { personal, type Receipt, type ReceiptLine } from '../../../devices/printer/receipt.ts';
import { ReceiptPrinter } from '../../../devices/printer/receiptPrinter.ts';
import { ReceiptPrinterSimulator } from '../../../devices/printer/receiptPrinterSimulator.ts';
import { listSerialPorts } from '../../../devices/core/serialPorts.ts';
import type { CardReading } from '../../../devices/id-card/idCardReader.ts';
import type { Handlers } from '../dispatcher.ts';
import type { HostContext } from '../hostContext.ts';

export const ID_CARD_READER = 'idCardReader';
export const RECEIPT_PRINTER = 'receiptPrinter';
/** The technician's 读取身份证: a read this recent is shown as is; otherwise wait this long for a card. */
const RECENT_READ_MS = 3_000;
const READ_NOW_WAIT_MS = 15_000;

type DeviceHandlerNames =
  | 'devices.list'
  | 'devices.healthCheck'
  | 'devices.confirmCheck'
  | 'devices.log'
  | 'devices.serialPorts'
  | 'idCard.readNow'
  | 'printer.print'
  | 'printer.status'
  | 'printer.testPage'
  | 'simulator.idCard.cards'
  | 'simulator.idCard.place'
  | 'simulator.idCard.remove'
  | 'simulator.idCard.fault'
  | 'simulator.printer.setState'
  | 'simulator.printer.paper'
  | 'idCard.holder';

export interface DeviceServices {
  readonly handlers: Pick<Handlers, DeviceHandlerNames>;
  dispose(): void;
}

/** Wires the manager to the contract: handlers, plus the events (state changes, live log, cards). */
export function deviceServices(host: HostContext, manager: DeviceManager | undefined): DeviceServices {
  const unavailable = (what: string): Result<never> => err('DEVICE_MISCONFIGURED', `${what}: no such device is configured.`);

  function driverOf<T>(id: string, type: { prototype: T }): T | undefined {
    const driver = manager?.get(id)?.driver;
    return isInstance(driver, type) ? driver : undefined;
  }
  function simulatorOf<T>(id: string, type: { prototype: T }): Result<T> {
    const simulator = manager?.get(id)?.simulator;
    if (isInstance(simulator, type)) return ok(simulator);
    return err('UNAVAILABLE', `${id} is not simulated: simulator controls exist only for simulated devices.`);
  }
  function today(): string {
    return host.clock.now().toISOString().slice(0, 10);
  }
  function cardView(reading: CardReading): MaskedCardView {
    const masked = maskedCard(reading.card);
    return { ...masked, validTo: masked.validTo === 'long-term' ? '长期' : masked.validTo, expired: isCardExpired(reading.card, today()) };
  }

  const vault = createCardHolderVault(host.clock);
  function deposit(reading: CardReading): string {
    const card = reading.card;
    return vault.deposit({
      cardType: CARD_TYPE_LABELS[card.type],
      name: cardHolderName(card),
      idNumber: cardNumber(card),
      sex: SEX_LABELS[card.sex],
      birthDate: card.birthDate,
      ...('address' in card ? { address: card.address } : {}),
    });
  }

  // Events: device state, live log, card presence.
  const cleanups: (() => void)[] = [];
  if (manager !== undefined) {
    cleanups.push(manager.onStateChange((summary) => host.events.publish('devices.changed', summaryView(summary))));
    for (const summary of manager.list()) {
      const device = manager.get(summary.id)?.device;
      if (device === undefined) continue;
      cleanups.push(
        device.log.onEntry((entry) =>
          host.events.publish('devices.logEntry', {
            deviceId: summary.id,
            at: new Date(entry.at).toISOString(),
            dir: entry.dir,
            text: entry.text,
            ...(entry.hex === undefined ? {} : { hex: entry.hex }),
          }),
        ),
      );
    }
  }
  const reader = driverOf(ID_CARD_READER, IdCardReader);
  const presence = reader === undefined ? undefined : new CardPresenceLoop(reader);
  let lastRead: { view: MaskedCardView; at: number } | undefined;
  if (presence !== undefined) {
    const readerDevice = manager?.get(ID_CARD_READER)?.device;
    cleanups.push(
      presence.subscribe((event: IdCardEvent) => {
        if (event.type === 'card.read') {
          readerDevice?.count('reads');
          lastRead = { view: cardView(event.reading), at: host.clock.now().getTime() };
          host.events.publish('card.read', {
            card: cardView(event.reading),
            readAt: new Date(event.reading.readAt).toISOString(),
            readingToken: deposit(event.reading),
          });
        } else if (event.type === 'card.removed') {
          host.events.publish('card.removed', { at: new Date(event.at).toISOString() });
        } else if (event.type === 'card.error') {
          readerDevice?.count('failures');
          host.events.publish('card.error', { code: event.error.kind, message: event.error.zh });
        }
      }),
    );
    presence.start();
    cleanups.push(() => presence.stop());
  }

  /**
   * A reader offers a card once per placement (the presence loop takes that read), so test reads show
   * a read from the last few seconds, or wait for the technician to place a card.
   */
  function awaitCard(loop: CardPresenceLoop): Promise<Result<MaskedCardView>> {
    if (lastRead !== undefined && host.clock.now().getTime() - lastRead.at < RECENT_READ_MS) return Promise.resolve(ok(lastRead.view));
    return new Promise<Result<MaskedCardView>>((resolve) => {
      const cancel = host.clock.setTimeout(() => {
        off();
        resolve(err('NO_CARD', `No card was placed within ${READ_NOW_WAIT_MS / 1000} s.`));
      }, READ_NOW_WAIT_MS);
      const off = loop.subscribe((event) => {
        if (event.type === 'card.read' || event.type === 'card.error') {
          off();
          cancel();
          resolve(event.type === 'card.read' ? ok(cardView(event.reading)) : err('CARD_READ_FAILED', event.error.zh));
        }
      });
    });
  }

  /** The interactive level: a person takes part (devices.md §1.3). */
  async function interactiveCheck(id: string): Promise<Result<{ level: 'interactive'; ok: boolean; text: string }>> {
    const device = manager?.get(id)?.device;
    if (id === ID_CARD_READER && presence !== undefined) {
      const read = await awaitCard(presence);
      const text = read.ok ? `读卡正常：${read.value.typeLabel} ${read.value.name} ${read.value.idNumber}` : `未读到测试卡：${read.error.message}`;
      device?.log.event(`交互式自检：${text}`);
      return ok({ level: 'interactive', ok: read.ok, text });
    }
    const printer = driverOf(RECEIPT_PRINTER, ReceiptPrinter);
    if (id === RECEIPT_PRINTER && printer !== undefined) {
      const { kioskName, hallName, kioskId } = host.loaded.config;
      const printed = await printer.printTestPage({ kioskName, hall: hallName, kioskId, printedAt: host.clock.now() });
      if (!printed.ok) return ok({ level: 'interactive', ok: false, text: `测试条打印失败：${printed.error.message}` });
      awaitingConfirmation.add(id);
      device?.log.event('交互式自检：测试条已打印，等待技术员确认');
      return ok({ level: 'interactive', ok: true, text: '测试条已打印：请查看中文和二维码是否清晰、纸是否已切断，然后确认。' });
    }
    return manager === undefined ? unavailable(id) : err('NOT_FOUND', `${id} has no interactive check.`);
  }
  const awaitingConfirmation = new Set<string>();

  const handlers: DeviceServices['handlers'] = {
    'devices.list': () => ok((manager?.list() ?? []).map(summaryView)),
    'devices.healthCheck': async ({ id, level }) => {
      if (manager === undefined) return unavailable(id);
      return level === 'interactive' ? interactiveCheck(id) : manager.checkHealth(id, level);
    },
    'devices.confirmCheck': ({ id, passed }) => {
      if (!awaitingConfirmation.delete(id)) return err('CONFLICT', `No interactive check of ${id} is waiting for an answer.`);
      const text = passed ? '技术员确认：测试条清晰、已切断' : '技术员确认：测试条有问题（不清晰或未切断）';
      manager?.get(id)?.device.log.event(`交互式自检：${text}`);
      return ok({ level: 'interactive' as const, ok: passed, text });
    },
    'devices.log': ({ id, limit }) => {
      if (manager === undefined) return unavailable(id);
      const log = manager.log(id);
      if (!log.ok) return log;
      return ok(
        log.value.slice(-(limit ?? 200)).map((entry) => ({
          at: new Date(entry.at).toISOString(),
          dir: entry.dir,
          text: entry.text,
          ...(entry.hex === undefined ? {} : { hex: entry.hex }),
        })),
      );
    },
    'devices.serialPorts': async () => {
      const listed = await listSerialPorts();
      return ok({
        ports: listed.ports.map((p) => ({
          path: p.path,
          ...(p.manufacturer === undefined ? {} : { manufacturer: p.manufacturer }),
          ...(p.vendorId === undefined ? {} : { vendorId: p.vendorId }),
          ...(p.productId === undefined ? {} : { productId: p.productId }),
          ...(p.serialNumber === undefined ? {} : { serialNumber: p.serialNumber }),
          ...(p.byIdPath === undefined ? {} : { byIdPath: p.byIdPath }),
        })),
        ...(listed.error === undefined ? {} : { error: listed.error }),
      });
    },
    'idCard.readNow': async () => (presence === undefined ? unavailable(ID_CARD_READER) : awaitCard(presence)),
    'idCard.holder': ({ readingToken }) => {
      const holder = vault.claim(readingToken);
      return holder === undefined ? err('NOT_FOUND', 'This card reading has expired or was already used: please place the card again.') : ok(holder);
    },
    'printer.print': async ({ receipt }) => {
      const printer = driverOf(RECEIPT_PRINTER, ReceiptPrinter);
      if (printer === undefined) return unavailable(RECEIPT_PRINTER);
      const printed = await printer.print(toPrinterReceipt(receipt));
      if (!printed.ok) return err(printed.error.code, printed.error.message);
      return ok({ printed: true as const, bytes: printed.value.bytes, durationMs: printed.value.durationMs });
    },
    'printer.status': async () => {
      const printer = driverOf(RECEIPT_PRINTER, ReceiptPrinter);
      if (printer === undefined) return unavailable(RECEIPT_PRINTER);
      const status = await printer.status();
      if (!status.ok) return err(status.error.code, status.error.message);
      const s = status.value;
      return ok({
        online: s.online,
        coverOpen: s.coverOpen,
        paperEnd: s.paperEnd,
        paperNearEnd: s.paperNearEnd,
        error: faultOf(s) !== undefined,
        text: describeStatus(s),
      });
    },
    'printer.testPage': async () => {
      const printer = driverOf(RECEIPT_PRINTER, ReceiptPrinter);
      if (printer === undefined) return unavailable(RECEIPT_PRINTER);
      const { kioskName, hallName, kioskId } = host.loaded.config;
      const printed = await printer.printTestPage({ kioskName, hall: hallName, kioskId, printedAt: host.clock.now() });
      if (!printed.ok) return err(printed.error.code, printed.error.message);
      return ok({ printed: true as const, bytes: printed.value.bytes, durationMs: printed.value.durationMs });
    },
    'simulator.idCard.cards': () => {
      const simulator = simulatorOf(ID_CARD_READER, IdCardReaderSimulator);
      return simulator.ok ? ok(simulatedCardMenu().map(({ id, label }) => ({ id, label }))) : simulator;
    },
    'simulator.idCard.place': ({ cardId }) => {
      const simulator = simulatorOf(ID_CARD_READER, IdCardReaderSimulator);
      if (!simulator.ok) return simulator;
      return simulator.value.placeCard(cardId) ? ok({}) : err('NOT_FOUND', `no simulated card ${cardId}`, 'cardId');
    },
    'simulator.idCard.remove': () => {
      const simulator = simulatorOf(ID_CARD_READER, IdCardReaderSimulator);
      if (!simulator.ok) return simulator;
      simulator.value.removeCard();
      return ok({});
    },
    'simulator.idCard.fault': ({ fault }) => {
      const simulator = simulatorOf(ID_CARD_READER, IdCardReaderSimulator);
      if (!simulator.ok) return simulator;
      simulator.value.injectFault(fault);
      return ok({});
    },
    'simulator.printer.setState': (change) => {
      const simulator = simulatorOf(RECEIPT_PRINTER, ReceiptPrinterSimulator);
      if (!simulator.ok) return simulator;
      simulator.value.setState(change);
      return ok({});
    },
    'simulator.printer.paper': () => {
      const simulator = simulatorOf(RECEIPT_PRINTER, ReceiptPrinterSimulator);
      if (!simulator.ok) return simulator;
      return ok(
        simulator.value.paper().receipts.map((receipt) => ({
          lines: receipt.lines.map((line) => ({ text: line.text, bold: line.bold, align: line.align, size: Math.max(line.size.width, line.size.height) })),
          qrPayloads: [...receipt.qrPayloads],
          cut: receipt.cutAt !== null,
        })),
      );
    },
  };

  return {
    handlers,
    dispose() {
      vault.clear();
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}

export function summaryView(summary: DeviceSummary): DeviceSummaryView {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: summary.id,
    kind: summary.kind,
    label: summary.label,
    ...(summary.transport === null ? {} : { transport: summary.transport }),
    ...(summary.port === null ? {} : { port: summary.port }),
    state: summary.state,
    since: iso(summary.since),
    lastError: summary.lastError === null ? null : { code: summary.lastError.code, message: summary.lastError.message, at: iso(summary.lastError.at) },
    counters: { ...summary.counters, lastSeen: summary.counters.lastSeen === null ? null : iso(summary.counters.lastSeen) },
  };
}

/** Masks personal lines here, in the host: the printer module only ever receives masked values. */
export function toPrinterReceipt(input: ReceiptInput): Receipt {
  const lines = input.lines.map((line): ReceiptLine => {
    switch (line.kind) {
      case 'personal':
        return { kind: 'field', label: line.label, value: personal[line.personal](line.value) };
      case 'field':
        return { kind: 'field', label: line.label, value: line.value };
      case 'text':
        return { kind: 'text', text: line.text, ...(line.align === undefined ? {} : { align: line.align }) };
      case 'emphasis':
        return { kind: 'emphasis', text: line.text, ...(line.large === undefined ? {} : { large: line.large }), ...(line.align === undefined ? {} : { align: line.align }) };
      case 'separator':
        return { kind: 'separator' };
      case 'blank':
        return { kind: 'blank' };
    }
  });
  return {
    title: input.title,
    ...(input.subtitle === undefined ? {} : { subtitle: input.subtitle }),
    lines,
    ...(input.qr === undefined ? {} : { qr: { payload: input.qr.payload, ...(input.qr.caption === undefined ? {} : { caption: input.qr.caption }) } }),
    ...(input.footer === undefined ? {} : { footer: input.footer }),
  };
}

/** `instanceof` for classes whose constructors are private (the simulators are made by factories). */
function isInstance<T>(value: unknown, type: { prototype: T }): value is T {
  return typeof value === 'object' && value !== null && Object.prototype.isPrototypeOf.call(type.prototype, value);
}
