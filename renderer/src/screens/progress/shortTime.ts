/** "2026-11-23 19:40" in China time, for lists and receipts. Runtime: pure. */
import { wallClock } from '../../frame/dateTime.ts';

const two = (n: number): string => String(n).padStart(2, '0');

export function shortDateTime(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return '';
  const c = wallClock(instant);
  return `${c.year}-${two(c.month)}-${two(c.day)} ${two(c.hour)}:${two(c.minute)}`;
}
