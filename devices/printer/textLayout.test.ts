import { describe, expect, it } from 'vitest';
import { displayWidth } from './printableText.ts';
import { padEndColumns, wrapText } from './textLayout.ts';

describe('wrapText', () => {
  it('breaks Chinese by columns (2 per 汉字)', () => {
    expect(wrapText('六安市政务服务中心', 8)).toEqual(['六安市政', '务服务中', '心']);
  });

  it('breaks ASCII at the last space and URLs mid-word', () => {
    expect(wrapText('hello big world', 10)).toEqual(['hello big', 'world']);
    expect(wrapText('https://a.example/xyz', 8)).toEqual(['https://', 'a.exampl', 'e/xyz']);
  });

  it('never puts a 汉字 across the edge: a line of odd width ends one column short', () => {
    const lines = wrapText('A六安市', 4);
    expect(lines).toEqual(['A六', '安市']);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(4);
  });

  it('keeps emoji surrogate pairs whole and returns one empty line for empty text', () => {
    expect(wrapText('ab😀', 3)).toEqual(['ab', '😀']);
    expect(wrapText('', 10)).toEqual(['']);
  });

  it('pads by columns, not by string length', () => {
    expect(padEndColumns('申请', 6)).toBe('申请  ');
  });
});
