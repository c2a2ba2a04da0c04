/**
 * Devices: the list and state the technician sees, health checks, counters, logs, serial ports,
 * ID-card events, receipts and printer status; and simulator controls, which exist only when a
 * device is simulated and only for technicians.
 * Runtime: pure.
 */
import { z } from 'zod';
import { event, method } from './define.ts';
import { EVERYONE, TECHNICIAN_ONLY } from './roles.ts';

export const DeviceId = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'a device id such as receiptPrinter');

export const DeviceStateName = z.enum(['closed', 'opening', 'idle', 'busy', 'error', 'offline', 'misconfigured']);

export const DeviceSummary = z.object({
  id: z.string(),
  kind: z.string(),
  /** 身份证阅读器, 凭条打印机 */
  label: z.string(),
  transport: z.enum(['serial', 'simulated']).optional(),
  port: z.string().optional(),
  baudRate: z.number().optional(),
  state: DeviceStateName,
  since: z.iso.datetime(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.iso.datetime() }).nullable(),
  counters: z.object({
    reads: z.number(),
    failures: z.number(),
    prints: z.number(),
    paperOuts: z.number(),
    reconnects: z.number(),
    commandTimeouts: z.number(),
    lastSeen: z.iso.datetime().nullable(),
  }),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;

export const HealthLevel = z.enum(['internal', 'external', 'interactive']);
export const HealthReport = z.object({ level: HealthLevel, ok: z.boolean(), text: z.string() });

export const DeviceLogEntry = z.object({
  at: z.iso.datetime(),
  dir: z.enum(['tx', 'rx', 'event']),
  hex: z.string().optional(),
  text: z.string(),
});

export const SerialPortInfo = z.object({
  path: z.string(),
  manufacturer: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  serialNumber: z.string().optional(),
  byIdPath: z.string().optional(),
});

/** What a screen may show of a card: masked at the source, never the photo. */
export const MaskedCard = z.object({
  type: z.string(),
  typeLabel: z.string(),
  name: z.string(),
  sex: z.string(),
  nation: z.string().optional(),
  idNumber: z.string(),
  address: z.string().optional(),
  /** 'YYYY-MM-DD' or '长期' */
  validTo: z.string(),
  expired: z.boolean(),
});
export type MaskedCard = z.infer<typeof MaskedCard>;

const Text = (max: number) => z.string().max(max);
const Align = z.enum(['left', 'center', 'right']).optional();

/**
 * A receipt as data. Personal values are sent as `personal` lines with their kind: the service
 * host masks them before the printer ever sees them, so no caller can print an unmasked ID number.
 */
export const ReceiptLineInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), label: Text(20), value: Text(200) }),
  z.object({ kind: z.literal('personal'), label: Text(20), personal: z.enum(['name', 'idNumber', 'phone', 'address']), value: Text(200) }),
  z.object({ kind: z.literal('text'), text: Text(400), align: Align }),
  z.object({ kind: z.literal('emphasis'), text: Text(100), large: z.boolean().optional(), align: Align }),
  z.object({ kind: z.literal('separator') }),
  z.object({ kind: z.literal('blank') }),
]);
export const ReceiptInput = z.object({
  title: Text(40).min(1),
  subtitle: Text(60).optional(),
  lines: z.array(ReceiptLineInput).max(80),
  qr: z.object({ payload: z.string().min(1).max(300).regex(/^[\x20-\x7e]+$/, 'printable ASCII only (a URL or a ticket id, never personal data)'), caption: Text(40).optional() }).optional(),
  footer: z.array(Text(100)).max(10).optional(),
});
export type ReceiptInput = z.infer<typeof ReceiptInput>;

export const PrinterStatusView = z.object({
  online: z.boolean(),
  coverOpen: z.boolean(),
  paperEnd: z.boolean(),
  paperNearEnd: z.boolean(),
  error: z.boolean(),
  /** 正常 / 缺纸 / 纸将尽 / 纸仓盖打开 / 脱机 / 故障 */
  text: z.string(),
});

export const PrintOutcome = z.object({ printed: z.literal(true), bytes: z.number(), durationMs: z.number() });

export const SimulatedCardOption = z.object({ id: z.string(), label: z.string() });
export const IdCardFault = z.enum(['bad-checksum', 'timeout', 'sam-fault', 'split-frames', 'garbage']);

export const VirtualReceipt = z.object({
  lines: z.array(z.object({ text: z.string(), bold: z.boolean(), align: z.string(), size: z.number() })),
  qrPayloads: z.array(z.string()),
  cut: z.boolean(),
});

const NoArgs = z.object({}).strict();

export const deviceMethods = {
  'devices.list': method({
    input: NoArgs,
    output: z.array(DeviceSummary),
    roles: EVERYONE,
    summary: 'Every configured device with its state, port, last error and counters (no personal data).',
  }),
  'devices.healthCheck': method({
    input: z.object({ id: DeviceId, level: HealthLevel }).strict(),
    output: HealthReport,
    roles: TECHNICIAN_ONLY,
    summary: 'Runs a health check at the given level and returns what it found, as text. Interactive: the reader waits for a test card; the printer prints a slip for the technician to judge (devices.confirmCheck).',
  }),
  'devices.confirmCheck': method({
    input: z.object({ id: DeviceId, passed: z.boolean() }).strict(),
    output: HealthReport,
    roles: TECHNICIAN_ONLY,
    summary: "The technician's answer to an interactive check (e.g. 'is the test slip legible and cut?'), logged on the device.",
  }),
  'devices.log': method({
    input: z.object({ id: DeviceId, limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(DeviceLogEntry),
    roles: TECHNICIAN_ONLY,
    summary: 'The newest entries of the device event log, raw frames in hex, personal data masked.',
  }),
  'devices.serialPorts': method({
    input: NoArgs,
    output: z.object({ ports: z.array(SerialPortInfo), error: z.string().optional() }),
    roles: TECHNICIAN_ONLY,
    summary: 'Serial ports the operating system reports.',
  }),
  'idCard.readNow': method({
    input: NoArgs,
    output: MaskedCard,
    roles: TECHNICIAN_ONLY,
    summary: 'Test action: read the card on the reader now and show it masked.',
  }),
  'printer.print': method({
    input: z.object({ receipt: ReceiptInput }).strict(),
    output: PrintOutcome,
    roles: EVERYONE,
    summary: 'Prints a receipt; refused with PAPER_OUT, COVER_OPEN, DEVICE_OFFLINE… before anything is printed.',
  }),
  'printer.status': method({
    input: NoArgs,
    output: PrinterStatusView,
    roles: EVERYONE,
    summary: 'Paper, cover and online state of the receipt printer.',
  }),
  'printer.testPage': method({
    input: NoArgs,
    output: PrintOutcome,
    roles: TECHNICIAN_ONLY,
    summary: 'Prints the technician test page (Chinese text and a QR code).',
  }),
  'simulator.idCard.cards': method({
    input: NoArgs,
    output: z.array(SimulatedCardOption),
    roles: TECHNICIAN_ONLY,
    summary: 'Simulation only: the cards that can be placed on the simulated reader.',
  }),
  'simulator.idCard.place': method({
    input: z.object({ cardId: z.string().max(40) }).strict(),
    output: z.object({}),
    roles: TECHNICIAN_ONLY,
    summary: 'Simulation only: place a card on the simulated reader.',
  }),
  'simulator.idCard.remove': method({
    input: NoArgs,
    output: z.object({}),
    roles: TECHNICIAN_ONLY,
    summary: 'Simulation only: lift the card.',
  }),
  'simulator.idCard.fault': method({
    input: z.object({ fault: IdCardFault }).strict(),
    output: z.object({}),
    roles: TECHNICIAN_ONLY,
    summary: 'Simulation only: make the next exchange fail in a chosen way.',
  }),
  'simulator.printer.setState': method({
    input: z.object({ paperOut: z.boolean().optional(), paperNearEnd: z.boolean().optional(), coverOpen: z.boolean().optional(), offline: z.boolean().optional() }).strict(),
    output: z.object({}),
    roles: TECHNICIAN_ONLY,
    summary: 'Simulation only: set paper, cover and online state of the simulated printer.',
  }),
  'simulator.printer.paper': method({
    input: NoArgs,
    output: z.array(VirtualReceipt),
    roles: TECHNICIAN_ONLY,
    summary: 'Simulation only: what the simulated printer has printed (virtual paper).',
  }),
} as const;

export const deviceEvents = {
  'devices.changed': event({
    payload: DeviceSummary,
    roles: EVERYONE,
    summary: 'A device changed state (offline, idle, error…).',
  }),
  'devices.logEntry': event({
    payload: DeviceLogEntry.extend({ deviceId: z.string() }),
    roles: TECHNICIAN_ONLY,
    summary: 'A new device log entry, for the live log on the diagnostics screen.',
  }),
  'card.read': event({
    /** `readingToken` lets the application flow fetch the full fields once (idCard.holder). */
    payload: z.object({ card: MaskedCard, readAt: z.iso.datetime(), readingToken: z.string() }),
    roles: EVERYONE,
    summary: 'Exactly once per card placement: the card, masked.',
  }),
  'card.removed': event({
    payload: z.object({ at: z.iso.datetime() }),
    roles: EVERYONE,
    summary: 'The card left the reader.',
  }),
  'card.error': event({
    payload: z.object({ code: z.string(), message: z.string() }),
    roles: EVERYONE,
    summary: 'Reading a card failed; the reader keeps polling.',
  }),
} as const;
