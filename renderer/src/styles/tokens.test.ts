import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast.ts';
import { applyDisplayMode, FONT_STACK, MODES, REQUIREMENTS, TEXT_PAIRS, tokens } from './tokens.ts';

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // WCAG's own example: #767676 on white is the lightest grey that passes 4.5:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('rejects colours it cannot read', () => {
    expect(() => contrastRatio('red', '#ffffff')).toThrow(/#rrggbb/);
  });
});

describe.each(MODES)('%s mode tokens', (mode) => {
  const set = tokens[mode];
  const floor = REQUIREMENTS[mode];

  it.each(TEXT_PAIRS)(`text %s on %s reaches the contrast floor`, (fg, bg) => {
    const ratio = contrastRatio(String(set[fg]), String(set[bg]));
    expect(ratio, `${fg} ${set[fg]} on ${bg} ${set[bg]}`).toBeGreaterThanOrEqual(floor.minContrast);
  });

  it('focus ring and control borders are visible (WCAG 1.4.11, ≥ 3:1)', () => {
    expect(contrastRatio(set.colorFocus, set.colorBg)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(set.colorFocus, set.colorSurface)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(set.colorBorder, set.colorSurface)).toBeGreaterThanOrEqual(3);
  });

  it('body text and touch targets meet the size floors', () => {
    expect(set.fontSizeBody).toBeGreaterThanOrEqual(floor.minBody);
    expect(set.targetMin).toBeGreaterThanOrEqual(floor.minTarget);
    expect(set.keySize).toBeGreaterThanOrEqual(floor.minTarget);
    expect(set.tileMinHeight).toBeGreaterThanOrEqual(floor.minTarget);
    // MIIT 1.2: line spacing at least 1.3×.
    expect(set.lineHeight).toBeGreaterThanOrEqual(1.3);
  });
});

describe('applyDisplayMode', () => {
  it('writes the mode\'s sizes and colours as CSS variables and marks <html>', () => {
    const root = document.createElement('html');
    applyDisplayMode('elder', root);
    expect(root.dataset['mode']).toBe('elder');
    expect(root.style.getPropertyValue('--font-size-body')).toBe(`${tokens.elder.fontSizeBody}px`);
    expect(root.style.getPropertyValue('--target-min')).toBe(`${tokens.elder.targetMin}px`);
    expect(root.style.getPropertyValue('--color-text')).toBe(tokens.elder.colorText);
    applyDisplayMode('standard', root);
    expect(root.dataset['mode']).toBe('standard');
    expect(root.style.getPropertyValue('--font-size-body')).toBe(`${tokens.standard.fontSizeBody}px`);
    expect(root.style.getPropertyValue('--line-height')).toBe(String(tokens.standard.lineHeight));
    expect(root.style.getPropertyValue('--font-family')).toContain('WenQuanYi Micro Hei');
  });
});

describe('fonts and scale', () => {
  it('names a CJK font found on Linux kiosks before the generic fallback', () => {
    expect(FONT_STACK).toContain('"WenQuanYi Micro Hei"');
    expect(FONT_STACK).toContain('"Noto Sans CJK SC"');
    expect(FONT_STACK).toContain('"Microsoft YaHei"');
    expect(FONT_STACK.trim().endsWith('sans-serif')).toBe(true);
  });

  it('elder mode is bigger than standard mode everywhere a size is set', () => {
    expect(tokens.elder.fontSizeBody).toBeGreaterThan(tokens.standard.fontSizeBody);
    expect(tokens.elder.targetMin).toBeGreaterThan(tokens.standard.targetMin);
    expect(tokens.elder.keySize).toBeGreaterThan(tokens.standard.keySize);
  });
});
