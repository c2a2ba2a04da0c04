/**
 * The kiosk's device kinds wired into the manager: the ID-card reader (devices/id-card) and the
 * receipt printer (devices/printer). Each maps its driver's results onto the device model:
 * heartbeat = the cheap status command, health levels = status / safe action, counters and
 * faults from the driver's own events. Frames reach the device log already masked by the codec.
 * Runtime: plain Node.
 */
import { IdCardReader, IdCardReaderSimulator } from '../id-card/index.ts';
import { describeStatus, faultOf, type PrinterStatus } from '../printer/printerStatus.ts';
import { createPrinterChannel, ReceiptPrinter, type PrinterLogEntry } from '../printer/receiptPrinter.ts';
import { ReceiptPrinterSimulator } from '../printer/receiptPrinterSimulator.ts';
import type { TestPageInfo } from '../printer/testPage.ts';
import type { Device } from '../core/device.ts';
import type { DeviceKindDriverFactory } from './deviceKind.ts';

const HEARTBEAT_MS = 5000;

export const idCardReaderKind: DeviceKindDriverFactory<IdCardReader> = {
  kind: 'id-card',
  label: '身份证阅读器',
  defaultBaudRate: 115200,
  createDriver({ link, clock, device, baudRate }) {
    const reader = new IdCardReader(link, {
      clock,
      ...(baudRate === undefined ? {} : { baud: baudRate }),
      onFrameLog: (entry) => device.log.addMaskedHex(entry.dir === 'tx' ? 'tx' : 'rx', entry.dir === 'skip' ? `丢弃：${entry.note}` : entry.note, entry.hex),
    });
    return {
      driver: reader,
      heartbeat: {
        intervalMs: HEARTBEAT_MS,
        async probe() {
          const status = await reader.samStatus();
          if (status.ok) return device.reportRecovered();
          // The reader answered, but its SAM is unwell: a fault, not a lost connection.
          if (status.error.kind === 'sam-fault') return device.reportFault('DEVICE_ERROR', status.error.zh);
          throw new Error(status.error.en);
        },
      },
      health: {
        async internal() {
          const status = await reader.samStatus();
          if (!status.ok) return { ok: false, text: `SAM 模块异常：${status.error.zh}` };
          const samId = await reader.readSamId();
          return { ok: true, text: samId.ok ? `SAM 模块正常（编号 ${samId.value}）` : 'SAM 模块正常' };
        },
        async external() {
          const found = await reader.findCard();
          if (found.ok) return { ok: true, text: '寻卡正常：检测到卡片' };
          return found.error.kind === 'no-card' ? { ok: true, text: '寻卡正常：未放卡' } : { ok: false, text: `寻卡失败：${found.error.zh}` };
        },
      },
    };
  },
  createSimulator(deviceSide, { clock }) {
    const simulator = new IdCardReaderSimulator(deviceSide, { clock });
    return { control: simulator, dispose: () => simulator.dispose() };
  },
};

/** `testPage` supplies the kiosk's identity for the external check (a printed test slip). */
export function receiptPrinterKind(testPage: () => TestPageInfo): DeviceKindDriverFactory<ReceiptPrinter> {
  return {
    kind: 'printer',
    label: '凭条打印机',
    defaultBaudRate: 9600,
    createDriver({ link, clock, device, baudRate }) {
      const channel = createPrinterChannel(link, { clock, onLog: (entry) => logPrinterFrame(device, entry) });
      const noteStatus = (status: PrinterStatus) => {
        const fault = faultOf(status);
        if (fault === undefined) return device.reportRecovered();
        const newPaperOut = fault === 'PAPER_OUT' && !(device.status.state === 'error' && device.status.lastError?.code === 'PAPER_OUT');
        if (newPaperOut) device.count('paperOuts');
        device.reportFault(fault, `打印机状态：${describeStatus(status)}`);
      };
      const printer = new ReceiptPrinter(channel, {
        clock,
        ...(baudRate === undefined ? {} : { bytesPerSecond: Math.round(baudRate / 10) }),
        observer: {
          onEvent(event) {
            if (event.type === 'printed') device.count('prints');
            if (event.type === 'status') noteStatus(event.status);
          },
        },
      });
      return {
        driver: printer,
        dispose: () => channel.dispose(),
        heartbeat: {
          intervalMs: HEARTBEAT_MS,
          async probe() {
            const status = await printer.status();
            if (status.ok) return noteStatus(status.value);
            if (status.error.code === 'DEVICE_BUSY') return; // printing: the job's own status checks cover it
            throw new Error(status.error.message);
          },
        },
        health: {
          async internal() {
            const status = await printer.status();
            if (!status.ok) return { ok: false, text: `状态查询失败：${status.error.message}` };
            const fault = faultOf(status.value);
            return { ok: fault === undefined, text: `${fault === undefined ? '正常' : '故障'}：${describeStatus(status.value)}` };
          },
          async external() {
            const printed = await printer.printTestPage(testPage());
            return printed.ok ? { ok: true, text: `测试页已打印（${printed.value.bytes} 字节，${printed.value.durationMs} ms）` } : { ok: false, text: `测试页打印失败：${printed.error.message}` };
          },
        },
      };
    },
    async createSimulator(deviceSide, { clock }) {
      const simulator = await ReceiptPrinterSimulator.attach(deviceSide, { clock });
      return { control: simulator, dispose: () => simulator.detach() };
    },
  };
}

function logPrinterFrame(device: Device, entry: PrinterLogEntry): void {
  const dir = entry.dir === 'rx' ? 'rx' : entry.dir === 'skipped' ? 'rx' : 'tx';
  const what = entry.dir === 'skipped' ? `丢弃 ${entry.length} B：${entry.summary ?? ''}` : `${entry.length} B${entry.summary === undefined ? '' : ` ${entry.summary}`}`;
  device.log.addMaskedHex(dir, what, entry.hex);
}
