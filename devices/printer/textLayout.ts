/**
 * Laying text out in printer columns: a 汉字 takes two columns, ASCII one (printing.md §2.3).
 * Runtime: pure.
 */
import { charColumns, displayWidth, normaliseForPrinter } from './printableText.ts';

/**
 * Splits `text` into lines of at most `width` columns. Chinese breaks anywhere; a run of ASCII
 * breaks at its last space when one is on the line (the space is dropped), else mid-word (URLs).
 * Never splits a surrogate pair. Always returns at least one line.
 */
export function wrapText(text: string, width: number): string[] {
  const chars = Array.from(normaliseForPrinter(text));
  const lines: string[] = [];
  let current: string[] = [];
  let used = 0;
  for (const char of chars) {
    const w = charColumns(char);
    if (used + w > width && current.length > 0) {
      const breakAt = char === ' ' ? -1 : lastBreakableSpace(current);
      if (char === ' ') {
        lines.push(current.join(''));
        current = [];
        used = 0;
        continue; // the space that would overflow becomes the line break
      }
      if (breakAt > 0) {
        lines.push(current.slice(0, breakAt).join(''));
        current = current.slice(breakAt + 1);
      } else {
        lines.push(current.join(''));
        current = [];
      }
      used = current.reduce((sum, c) => sum + charColumns(c), 0);
    }
    current.push(char);
    used += w;
  }
  lines.push(current.join(''));
  return lines;
}

/** Index of a space worth breaking at: only inside an ASCII word run at the end of the line. */
function lastBreakableSpace(chars: readonly string[]): number {
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i] ?? '';
    if (c === ' ') return i;
    if (charColumns(c) !== 1) return -1; // a 汉字 ends the word: break right here instead
  }
  return -1;
}

/** Pads `text` with spaces on the left (right alignment) to `width` columns. */
export function padStartColumns(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

export function padEndColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
