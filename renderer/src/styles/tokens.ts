/**
 * Design tokens: the one source for colours, sizes and fonts. `applyDisplayMode` writes them as CSS
 * variables on <html> at startup and on every mode switch; the stylesheets only use the variables.
 * A test computes the WCAG contrast of every text pair from these values.
 *
 * Sizes are CSS px. Standard mode follows MIIT 适老化 2.1 (targets ≥ 44) scaled for a kiosk read at
 * 50–70 cm; elder mode (长辈版) uses body ≥ 32 px, targets ≥ 60 px and text contrast ≥ 7:1
 * (research: kiosk-features.md §1.1, §1.7).
 */

export const FONT_STACK =
  '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

export interface ModeTokens {
  readonly colorBg: string;
  readonly colorSurface: string;
  readonly colorText: string;
  readonly colorTextMuted: string;
  readonly colorBorder: string;
  readonly colorPrimary: string;
  readonly colorOnPrimary: string;
  readonly colorBar: string;
  readonly colorOnBar: string;
  readonly colorOnline: string;
  readonly colorOnOnline: string;
  readonly colorOffline: string;
  readonly colorOnOffline: string;
  readonly colorDisabled: string;
  readonly colorOnDisabled: string;
  readonly colorDanger: string;
  readonly colorDangerSurface: string;
  readonly colorFocus: string;
  readonly fontSizeSmall: number;
  readonly fontSizeBody: number;
  readonly fontSizeTitle: number;
  readonly fontSizeHeadline: number;
  readonly lineHeight: number;
  readonly targetMin: number;
  readonly tileMinHeight: number;
  readonly keySize: number;
  readonly gap: number;
  readonly radius: number;
  readonly focusWidth: number;
}

export const MODES = ['standard', 'elder'] as const;
export type DisplayMode = (typeof MODES)[number];

export const tokens: Readonly<Record<DisplayMode, ModeTokens>> = {
  standard: {
    colorBg: '#f3f5f8',
    colorSurface: '#ffffff',
    colorText: '#1a1f29',
    colorTextMuted: '#3d4655',
    colorBorder: '#8a94a6',
    colorPrimary: '#0b4ea2',
    colorOnPrimary: '#ffffff',
    colorBar: '#0a3d7a',
    colorOnBar: '#ffffff',
    colorOnline: '#0a5a2c',
    colorOnOnline: '#ffffff',
    colorOffline: '#ffc83d',
    colorOnOffline: '#1a1a1a',
    colorDisabled: '#e3e6eb',
    colorOnDisabled: '#333840',
    colorDanger: '#a31515',
    colorDangerSurface: '#fff1f0',
    colorFocus: '#d35400',
    fontSizeSmall: 18,
    fontSizeBody: 22,
    fontSizeTitle: 28,
    fontSizeHeadline: 40,
    lineHeight: 1.5,
    targetMin: 48,
    tileMinHeight: 150,
    keySize: 84,
    gap: 16,
    radius: 12,
    focusWidth: 4,
  },
  elder: {
    colorBg: '#ffffff',
    colorSurface: '#ffffff',
    colorText: '#000000',
    colorTextMuted: '#1a1f29',
    colorBorder: '#1a1f29',
    colorPrimary: '#003a80',
    colorOnPrimary: '#ffffff',
    colorBar: '#00306b',
    colorOnBar: '#ffffff',
    colorOnline: '#084a25',
    colorOnOnline: '#ffffff',
    colorOffline: '#ffc83d',
    colorOnOffline: '#000000',
    colorDisabled: '#e3e6eb',
    colorOnDisabled: '#1a1f29',
    colorDanger: '#8a1c1c',
    colorDangerSurface: '#ffffff',
    colorFocus: '#c2410c',
    fontSizeSmall: 26,
    fontSizeBody: 32,
    fontSizeTitle: 38,
    fontSizeHeadline: 52,
    lineHeight: 1.5,
    targetMin: 64,
    tileMinHeight: 190,
    keySize: 108,
    gap: 20,
    radius: 14,
    focusWidth: 6,
  },
};

/** Text/background pairs that carry words; each must reach the mode's contrast floor. */
export const TEXT_PAIRS: ReadonlyArray<readonly [keyof ModeTokens, keyof ModeTokens]> = [
  ['colorText', 'colorBg'],
  ['colorText', 'colorSurface'],
  ['colorTextMuted', 'colorBg'],
  ['colorTextMuted', 'colorSurface'],
  ['colorPrimary', 'colorSurface'],
  ['colorOnPrimary', 'colorPrimary'],
  ['colorOnBar', 'colorBar'],
  ['colorOnOnline', 'colorOnline'],
  ['colorOnOffline', 'colorOffline'],
  ['colorOnDisabled', 'colorDisabled'],
  ['colorDanger', 'colorDangerSurface'],
  ['colorDanger', 'colorSurface'],
];

/** The floors the tests enforce, per mode. */
export const REQUIREMENTS: Readonly<Record<DisplayMode, { minContrast: number; minBody: number; minTarget: number }>> = {
  standard: { minContrast: 4.5, minBody: 22, minTarget: 44 },
  elder: { minContrast: 7, minBody: 32, minTarget: 60 },
};

/** `colorOnPrimary` → `--color-on-primary`. */
export function cssVariableName(key: keyof ModeTokens): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

export function cssValue(key: keyof ModeTokens, value: string | number): string {
  if (typeof value === 'string') return value;
  return key === 'lineHeight' ? String(value) : `${value}px`;
}

/** Every CSS variable of one mode, name → value. */
export function cssVariables(mode: DisplayMode): Record<string, string> {
  const out: Record<string, string> = { '--font-family': FONT_STACK };
  const set = tokens[mode];
  for (const key of Object.keys(set) as (keyof ModeTokens)[]) out[cssVariableName(key)] = cssValue(key, set[key]);
  return out;
}

/**
 * Writes the mode's tokens as CSS variables on the root element and marks it with data-mode, which
 * the stylesheets key structural changes on. CSSOM writes are allowed under a strict CSP, unlike an
 * injected <style>.
 */
export function applyDisplayMode(mode: DisplayMode, root: HTMLElement = document.documentElement): void {
  for (const [name, value] of Object.entries(cssVariables(mode))) root.style.setProperty(name, value);
  root.dataset['mode'] = mode;
}
