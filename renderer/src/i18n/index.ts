/**
 * Picking words: `useStrings()` in components, `stringsFor(lang)` elsewhere. Simplified Chinese is
 * the default; English exists for visitors and technicians.
 */
import { createContext, useContext } from 'react';
// result.ts, not index.ts: the words need no zod schemas at runtime.
import { isErrorCode, type KioskError } from '../../../contract/result.ts';
import { en } from './en.ts';
import { zhCN, type Strings } from './zh-CN.ts';

export type { Strings } from './zh-CN.ts';

export const LANGUAGES = { 'zh-CN': zhCN, en } as const satisfies Record<string, Strings>;
export type Language = keyof typeof LANGUAGES;
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export function stringsFor(language: Language): Strings {
  return LANGUAGES[language];
}

export const LanguageContext = createContext<Language>(DEFAULT_LANGUAGE);

export function useStrings(): Strings {
  return stringsFor(useContext(LanguageContext));
}

/** Fills {name} placeholders; an unknown placeholder stays visible so a missing value is noticed. */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** The words a resident sees for a failed call; never the technical message. */
export function errorText(strings: Strings, error: Pick<KioskError, 'code'> | { code: string }): string {
  return isErrorCode(error.code) ? strings.errors[error.code] : strings.errorFallback;
}
