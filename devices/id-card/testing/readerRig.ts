/**
 * Test rig: driver ↔ simulator over an in-memory link pair with a manual clock, plus an event
 * recorder for the presence loop. Used by the scenario tests (one file per fault).
 * Runtime: plain Node (tests only).
 */
import { ManualClock } from '../../core/testing/manualClock.ts';
import { createMemoryLinkPair, type MemoryLinkPair } from '../../core/memoryLink.ts';
import { CardPresenceLoop, type CardPresenceOptions, type IdCardEvent } from '../cardPresenceLoop.ts';
import { IdCardReader, type IdCardReaderOptions } from '../idCardReader.ts';
import type { SamFrameLogEntry } from '../samFrameLog.ts';
import { IdCardReaderSimulator, type IdCardReaderSimulatorOptions } from '../simulator/idCardReaderSimulator.ts';

export interface ReaderRig {
  clock: ManualClock;
  pair: MemoryLinkPair;
  simulator: IdCardReaderSimulator;
  reader: IdCardReader;
  loop: CardPresenceLoop;
  /** Every event except state changes, in order. */
  events: IdCardEvent[];
  states: string[];
  frameLog: SamFrameLogEntry[];
  eventsOf<T extends IdCardEvent['type']>(type: T): Extract<IdCardEvent, { type: T }>[];
}

export async function createReaderRig(
  options: {
    simulator?: Omit<IdCardReaderSimulatorOptions, 'clock'>;
    reader?: Omit<IdCardReaderOptions, 'clock' | 'onFrameLog'>;
    loop?: Omit<CardPresenceOptions, 'clock'>;
    splitter?: (bytes: Uint8Array) => Uint8Array[];
  } = {},
): Promise<ReaderRig> {
  const clock = new ManualClock();
  const pair = createMemoryLinkPair('id-card', options.splitter === undefined ? {} : { splitter: options.splitter });
  await pair.driverSide.open();
  await pair.deviceSide.open();
  const simulator = new IdCardReaderSimulator(pair.deviceSide, { ...options.simulator, clock });
  const frameLog: SamFrameLogEntry[] = [];
  const reader = new IdCardReader(pair.driverSide, { ...options.reader, clock, onFrameLog: (e) => frameLog.push(e) });
  const loop = new CardPresenceLoop(reader, { ...options.loop, clock });
  const events: IdCardEvent[] = [];
  const states: string[] = [];
  loop.subscribe((e) => (e.type === 'state' ? states.push(e.state) : events.push(e)));
  return {
    clock,
    pair,
    simulator,
    reader,
    loop,
    events,
    states,
    frameLog,
    eventsOf: <T extends IdCardEvent['type']>(type: T) => events.filter((e): e is Extract<IdCardEvent, { type: T }> => e.type === type),
  };
}
