/**
 * Driver for a 2nd-generation ID-card reader speaking the SAM protocol over any ByteLink.
 * One command in flight (FramedChannel), a deadline per command sized for the line speed, every
 * outcome a typed IdCardResult (never thrown). After a timeout or a corrupted reply the receive
 * buffer is thrown away (a fresh channel), so stale bytes of one exchange never poison the next.
 * Runtime: plain Node.
 */
import { realDeviceClock, type DeviceClock } from '../core/deviceClock.ts';
import { CommandTimeoutError, FramedChannel } from '../core/framedChannel.ts';
import type { ByteLink } from '../core/link.ts';
import { OpaqueBytes, noPhotoDecoder, type DecodedPhoto, type PhotoDecoder } from './photo.ts';
import { SKIP_BAD_CHECKSUM, SKIP_BAD_LENGTH, SamResponseDecoder, type SamResponseFrame } from './samFrameDecoder.ts';
import { describeRequest, describeResponse, describeSkipped, type SamFrameLogObserver } from './samFrameLog.ts';
import { APPENDED_ADDRESS_BYTES, PHOTO_BYTES, TEXT_BLOCK_BYTES, decodeCardDataBlocks, encodeSamRequest, type SamCommandName } from './samProtocol.ts';
import { SW3_FIND_SUCCESS, SW3_SUCCESS, errorForStatus, idCardError, type IdCardError, type IdCardResult } from './samStatus.ts';
import { decodeTextBlock, type IdCard } from './textBlock.ts';
import { decodeUcs2Field } from './ucs2.ts';

export interface CardReading {
  readonly card: IdCard;
  /** WLT blob; prints as `<photo 1024 B>`. */
  readonly photo: OpaqueBytes;
  /** Only from readCardWithFingerprint; may be empty. */
  readonly fingerprint?: OpaqueBytes;
  readonly readAt: number;
}

export type IdCardTimeouts = Record<'sam' | 'find' | 'select' | 'read' | 'readWithFingerprint' | 'appendedAddress', number>;

/** Research §6.1 recommendation; wire time for the expected reply is added on top. */
export const DEFAULT_TIMEOUTS: IdCardTimeouts = { sam: 500, find: 500, select: 500, read: 2000, readWithFingerprint: 3000, appendedAddress: 1500 };

export interface IdCardReaderOptions {
  clock?: DeviceClock;
  /** Line speed, for the wire-time part of each deadline. Default 115200. */
  baud?: number;
  timeouts?: Partial<IdCardTimeouts>;
  /** Raw frame log (masked), e.g. into the technician ring buffer. */
  onFrameLog?: SamFrameLogObserver;
  photoDecoder?: PhotoDecoder;
}

interface CommandSpec {
  timeout: keyof IdCardTimeouts;
  /** Largest reply, for the wire-time allowance. */
  replyBytes: number;
  /** Which success replies belong to this command (a late reply to an earlier one must not). */
  successData: (data: Uint8Array) => boolean;
  successSw3: number;
}

const READ_REPLY = 14 + TEXT_BLOCK_BYTES + PHOTO_BYTES + 1;
const COMMANDS: Record<SamCommandName, CommandSpec> = {
  resetSam: { timeout: 'sam', replyBytes: 11, successSw3: SW3_SUCCESS, successData: (d) => d.length === 0 },
  samStatus: { timeout: 'sam', replyBytes: 11, successSw3: SW3_SUCCESS, successData: (d) => d.length === 0 },
  readSamId: { timeout: 'sam', replyBytes: 27, successSw3: SW3_SUCCESS, successData: (d) => d.length === 16 },
  setMaxRfBytes: { timeout: 'sam', replyBytes: 11, successSw3: SW3_SUCCESS, successData: (d) => d.length === 0 },
  findCard: { timeout: 'find', replyBytes: 15, successSw3: SW3_FIND_SUCCESS, successData: (d) => d.length === 4 },
  selectCard: { timeout: 'select', replyBytes: 19, successSw3: SW3_SUCCESS, successData: (d) => d.length === 8 },
  readTextAndPhoto: { timeout: 'read', replyBytes: READ_REPLY, successSw3: SW3_SUCCESS, successData: (d) => 'text' in decodeCardDataBlocks(d, false) },
  readTextPhotoFingerprint: {
    timeout: 'readWithFingerprint',
    replyBytes: READ_REPLY + 2 + 1024,
    successSw3: SW3_SUCCESS,
    successData: (d) => 'text' in decodeCardDataBlocks(d, true),
  },
  readAppendedAddress: {
    timeout: 'appendedAddress',
    replyBytes: 11 + APPENDED_ADDRESS_BYTES,
    successSw3: SW3_SUCCESS,
    successData: (d) => d.length > 0 && d.length % APPENDED_ADDRESS_BYTES === 0,
  },
};

export class IdCardReader {
  readonly #clock: DeviceClock;
  readonly #timeouts: IdCardTimeouts;
  readonly #baud: number;
  readonly #photoDecoder: PhotoDecoder;
  #channel: FramedChannel<SamResponseFrame> | undefined;
  /** Set when the reply to the command in flight arrived corrupted; the channel is then dropped. */
  #corruption: string | undefined;
  /** Serialises whole operations (find → select → read) so a status check never lands in between. */
  #tail: Promise<unknown> = Promise.resolve();
  readonly stats = { commands: 0, timeouts: 0, badFrames: 0 };

  constructor(
    private readonly link: ByteLink,
    private readonly options: IdCardReaderOptions = {},
  ) {
    this.#clock = options.clock ?? realDeviceClock;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#baud = options.baud ?? 115200;
    this.#photoDecoder = options.photoDecoder ?? noPhotoDecoder;
  }

  /** SAM status (11 FF): the reader's heartbeat and internal health check. */
  samStatus(): Promise<IdCardResult<void>> {
    return this.#exclusive(async () => this.#simple('samStatus'));
  }

  resetSam(): Promise<IdCardResult<void>> {
    return this.#exclusive(async () => this.#simple('resetSam'));
  }

  /** SAM serial as vendor tools print it, e.g. "05.01-20201231-1234567890-3456789012" (research §2, 10-digit variant). */
  readSamId(): Promise<IdCardResult<string>> {
    return this.#exclusive(async () => {
      const reply = await this.#command('readSamId');
      if (!reply.ok) return reply;
      const p = reply.value.data;
      const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
      const two = (n: number) => String(n).padStart(2, '0');
      const ten = (n: number) => String(n).padStart(10, '0');
      return { ok: true, value: `${two(p[0] ?? 0)}.${two(p[2] ?? 0)}-${v.getUint32(4, true)}-${ten(v.getUint32(8, true))}-${ten(v.getUint32(12, true))}` };
    });
  }

  /** Find card (20 01). ok = a card is offered; error kind 'no-card' is the normal "nothing there". */
  findCard(): Promise<IdCardResult<void>> {
    return this.#exclusive(async () => this.#simple('findCard'));
  }

  selectCard(): Promise<IdCardResult<void>> {
    return this.#exclusive(async () => this.#simple('selectCard'));
  }

  /** Read text + photo (30 01) of the selected card. */
  readCard(): Promise<IdCardResult<CardReading>> {
    return this.#exclusive(async () => this.#read(false));
  }

  /** Read text + photo + fingerprint (30 10) of the selected card. */
  readCardWithFingerprint(): Promise<IdCardResult<CardReading>> {
    return this.#exclusive(async () => this.#read(true));
  }

  /** Newest appended address (30 03); ok(undefined) when the card has none (0x91). */
  readAppendedAddress(): Promise<IdCardResult<string | undefined>> {
    return this.#exclusive(async () => {
      const reply = await this.#command('readAppendedAddress');
      if (!reply.ok) return reply.error.kind === 'no-content' ? { ok: true, value: undefined } : reply;
      const data = reply.value.data;
      // Several records may come back; the newest is the last one.
      return { ok: true, value: decodeUcs2Field(data, data.length - APPENDED_ADDRESS_BYTES, APPENDED_ADDRESS_BYTES) };
    });
  }

  /**
   * The whole read after a successful find: select, then read. A corrupted or missing read reply is
   * asked for once more (research §6.2: resend after a bad checksum); everything else is reported.
   */
  selectAndRead(withFingerprint: boolean): Promise<IdCardResult<CardReading>> {
    return this.#exclusive(async () => {
      const selected = await this.#simple('selectCard');
      if (!selected.ok) return selected;
      const first = await this.#read(withFingerprint);
      if (first.ok || (first.error.kind !== 'bad-frame' && first.error.kind !== 'timeout' && first.error.kind !== 'command-rejected')) return first;
      return this.#read(withFingerprint);
    });
  }

  /** WLT → image through the configured vendor decoder; undefined without one. */
  async decodePhoto(reading: CardReading): Promise<DecodedPhoto | undefined> {
    try {
      return await this.#photoDecoder.decode(reading.photo.bytes());
    } catch {
      return undefined; // a vendor library failing must not take the read down with it
    }
  }

  dispose(): void {
    this.#dropChannel();
  }

  async #read(withFingerprint: boolean): Promise<IdCardResult<CardReading>> {
    const reply = await this.#command(withFingerprint ? 'readTextPhotoFingerprint' : 'readTextAndPhoto');
    if (!reply.ok) return reply;
    const blocks = decodeCardDataBlocks(reply.value.data, withFingerprint);
    if (!('text' in blocks)) return { ok: false, error: idCardError('bad-frame', '读卡数据结构错误', blocks.problem) };
    const card = decodeTextBlock(blocks.text);
    if (!card.ok) return card;
    const base = { card: card.value, photo: new OpaqueBytes('photo', blocks.photo), readAt: this.#clock.now() };
    const value: CardReading = blocks.fingerprint === undefined ? base : { ...base, fingerprint: new OpaqueBytes('fingerprint', blocks.fingerprint) };
    return { ok: true, value };
  }

  async #simple(name: SamCommandName): Promise<IdCardResult<void>> {
    const reply = await this.#command(name);
    return reply.ok ? { ok: true, value: undefined } : reply;
  }

  #exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(operation, operation);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** One request/reply; a success SW3 must come with data that fits the command. */
  async #command(name: SamCommandName): Promise<IdCardResult<SamResponseFrame>> {
    const spec = COMMANDS[name];
    if (!this.link.isOpen) return { ok: false, error: linkClosed() };
    const timeoutMs = this.#timeouts[spec.timeout] + Math.ceil((1.2 * spec.replyBytes * 10 * 1000) / this.#baud);
    const channel = this.#ensureChannel();
    this.#corruption = undefined;
    this.stats.commands++;
    try {
      const frame = await channel.transact(name, encodeSamRequest(name), {
        timeoutMs,
        // A success frame of another shape is a late answer to an earlier command: not ours.
        accept: (f) => (f.sw3 === spec.successSw3 ? spec.successData(f.data) : f.sw3 !== SW3_SUCCESS && f.sw3 !== SW3_FIND_SUCCESS),
      });
      if (frame.sw3 === spec.successSw3) return { ok: true, value: frame };
      return { ok: false, error: errorForStatus(frame.sw3) };
    } catch (e) {
      const corruption = this.#takeCorruption();
      this.#dropChannel();
      if (corruption !== undefined) {
        this.stats.badFrames++;
        return { ok: false, error: idCardError('bad-frame', '读卡器应答数据损坏（校验错误）', `corrupted reply to ${name}: ${corruption}`) };
      }
      if (e instanceof CommandTimeoutError) {
        this.stats.timeouts++;
        return { ok: false, error: idCardError('timeout', `读卡器在 ${timeoutMs} 毫秒内无应答`, `no reply to ${name} within ${timeoutMs} ms`) };
      }
      return { ok: false, error: linkClosed(e instanceof Error ? e.message : undefined) };
    }
  }

  #takeCorruption(): string | undefined {
    const corruption = this.#corruption;
    this.#corruption = undefined;
    return corruption;
  }

  #ensureChannel(): FramedChannel<SamResponseFrame> {
    if (this.#channel !== undefined) return this.#channel;
    const log = this.options.onFrameLog;
    this.#channel = new FramedChannel(
      this.link,
      new SamResponseDecoder(),
      {
        onTx: (bytes) => log?.(describeRequest(bytes, this.#clock.now())),
        onFrame: (frame) => log?.(describeResponse(frame.raw, this.#clock.now())),
        onSkipped: (bytes, reason) => {
          log?.(describeSkipped(bytes, reason, this.#clock.now()));
          // The reply to the command in flight is broken: fail it now instead of waiting for the deadline.
          if (reason.startsWith(SKIP_BAD_CHECKSUM) || reason.startsWith(SKIP_BAD_LENGTH)) {
            this.#corruption = reason;
            this.#dropChannel();
          }
        },
      },
      this.#clock,
    );
    return this.#channel;
  }

  /** Forget buffered bytes: the next command gets a fresh channel (and a fresh framer). */
  #dropChannel(): void {
    const channel = this.#channel;
    this.#channel = undefined;
    channel?.dispose();
  }
}

function linkClosed(detail?: string): IdCardError {
  return idCardError('link-closed', '读卡器未连接', detail ?? 'reader link is not open');
}
