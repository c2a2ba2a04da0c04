/**
 * Words, tones and icons for device facts on the diagnostics screen: pure, so the mapping is tested
 * without rendering. A state is never shown by colour alone: word + icon + colour.
 */
import type { KioskError } from '../../../../contract/index.ts';
import type { DeviceSummary } from '../../../../contract/devices.ts';
import type { IconName } from '../../components/icons.tsx';
import { errorText, format, type Strings } from '../../i18n/index.ts';

export type DeviceState = DeviceSummary['state'];
export type Tone = 'ok' | 'busy' | 'warn' | 'bad' | 'muted';

export const STATE_LOOK: Readonly<Record<DeviceState, { tone: Tone; icon: IconName }>> = {
  idle: { tone: 'ok', icon: 'online' },
  busy: { tone: 'busy', icon: 'unknown' },
  opening: { tone: 'muted', icon: 'unknown' },
  closed: { tone: 'muted', icon: 'unknown' },
  offline: { tone: 'warn', icon: 'offline' },
  error: { tone: 'bad', icon: 'offline' },
  misconfigured: { tone: 'bad', icon: 'tool' },
};

/** 刚刚 / 12秒前 / 3分钟前 / 2小时前 / 5天前, against the host-corrected clock. A future time reads as 刚刚. */
export function relativeTime(strings: Strings, iso: string | null, nowMs: number): string {
  if (iso === null) return strings.devices.never;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.floor((nowMs - then) / 1000);
  if (seconds < 5) return strings.devices.justNow;
  if (seconds < 60) return format(strings.devices.secondsAgo, { n: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return format(strings.devices.minutesAgo, { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return format(strings.devices.hoursAgo, { n: hours });
  return format(strings.devices.daysAgo, { n: Math.floor(hours / 24) });
}

/** Plain words for the code, then the code and the host's technical message for the technician. */
export function technicalErrorText(strings: Strings, error: Pick<KioskError, 'code' | 'message'> | { code: string; message: string }): string {
  return format(strings.devices.errorDetail, { text: errorText(strings, error), code: error.code, message: error.message });
}

/** "打印测试页失败：打印机缺纸，请联系工作人员。（PAPER_OUT：…）" */
export function failedActionText(strings: Strings, action: string, error: { code: string; message: string }): string {
  return format(strings.devices.failed, { action, text: technicalErrorText(strings, error) });
}

/** HH:MM:SS.mmm in local time, for log rows where order within a second matters. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/**
 * 缺纸、纸将尽 / 正常 from the printer's flags, in the screen's language (the host's `text` is a
 * technical summary). A printer out of paper also reports itself offline; that part is implied.
 */
export function printerConditionWords(
  strings: Strings,
  view: { online: boolean; coverOpen: boolean; paperEnd: boolean; paperNearEnd: boolean; error: boolean },
): string {
  const c = strings.devices.printerConditions;
  const specific = [view.paperEnd && c.paperEnd, view.coverOpen && c.coverOpen, view.paperNearEnd && c.paperNearEnd].filter(
    (word): word is string => typeof word === 'string',
  );
  const explained = view.paperEnd || view.coverOpen;
  if (!view.online && !explained) specific.push(c.offline);
  if (view.error && !explained && view.online) specific.push(c.error);
  return specific.length === 0 ? c.normal : specific.join(strings.devices.listSeparator);
}
