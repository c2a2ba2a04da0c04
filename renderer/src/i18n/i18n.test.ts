import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../contract/index.ts';
import { errorText, format, LANGUAGES, stringsFor } from './index.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

/** Every leaf path of a strings object, e.g. "tech.pinPrompt". */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    leafPaths(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

const HAN = /\p{Script=Han}/u;

describe('strings', () => {
  it('English has exactly the keys of Simplified Chinese', () => {
    expect(leafPaths(en).sort()).toEqual(leafPaths(zhCN).sort());
  });

  it.each(Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[])('%s has no empty text', (language) => {
    const strings = stringsFor(language);
    for (const path of leafPaths(strings)) {
      const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], strings);
      if (typeof value === 'string') expect(value.trim(), path).not.toBe('');
    }
  });

  it.each(ERROR_CODES)('error code %s has plain words in both languages', (code) => {
    const zh = errorText(zhCN, { code });
    const english = errorText(en, { code });
    expect(zh).toMatch(HAN);
    expect(zh).not.toContain(code);
    expect(zh).not.toBe(zhCN.errorFallback);
    expect(english).not.toBe(en.errorFallback);
    expect(english.length).toBeGreaterThan(5);
  });

  it('a code the UI does not know yet still gets a polite fallback', () => {
    expect(errorText(zhCN, { code: 'SOMETHING_NEW' })).toBe(zhCN.errorFallback);
  });

  it('the default language is Simplified Chinese and has seven weekdays starting on Sunday', () => {
    expect(stringsFor('zh-CN').weekdays).toHaveLength(7);
    expect(stringsFor('zh-CN').weekdays[0]).toBe('星期日');
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('已输入 {count} 位密码', { count: 4 })).toBe('已输入 4 位密码');
    expect(format('{a}{b}', { a: 'x' })).toBe('x{b}');
  });
});
