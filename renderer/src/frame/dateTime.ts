/**
 * The status bar's date and time, e.g. 2026年11月23日 星期一 19:40. Always China time: kiosk images
 * often ship with the OS clock zone left at UTC, and residents must never see a time 8 hours off.
 * Runtime: pure (Intl).
 */
import { format, type Strings } from '../i18n/index.ts';

export const KIOSK_TIME_ZONE = 'Asia/Shanghai';

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 = Sunday
}

export function wallClock(instant: Date, timeZone: string = KIOSK_TIME_ZONE): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  return { year, month, day, hour: get('hour'), minute: get('minute'), weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

export function formatDateTime(strings: Strings, instant: Date, timeZone: string = KIOSK_TIME_ZONE): string {
  const clock = wallClock(instant, timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return format(strings.frame.dateTime, {
    year: clock.year,
    month: clock.month,
    day: clock.day,
    weekday: strings.weekdays[clock.weekday] ?? '',
    hour: pad(clock.hour),
    minute: pad(clock.minute),
  });
}
