/** Helpers for E2E tests: touch taps, screenshots kept as artefacts, measurements a person would check. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A finger tap in the middle of the element (touch emulation is on in playwright.config.ts). */
export async function tap(locator: Locator): Promise<void> {
  // The first frame is a prerendered, inert picture of the home screen; wait for the live app.
  await locator.page().locator('[data-shell]').waitFor({ state: 'detached' });
  await locator.scrollIntoViewIfNeeded();
  await locator.tap();
}

/**
 * True when the page's font draws `char` as a real glyph rather than a missing-glyph box:
 * compares it, pixel by pixel, with a code point no font has.
 */
export async function rendersAsGlyph(page: Page, char: string, selector = 'body'): Promise<boolean> {
  return page.evaluate(
    ({ char, selector }) => {
      const element = document.querySelector(selector) ?? document.body;
      const font = getComputedStyle(element).font;
      const draw = (text: string): string => {
        const canvas = document.createElement('canvas');
        canvas.width = 80;
        canvas.height = 80;
        const context = canvas.getContext('2d');
        if (context === null) return '';
        context.font = font.replace(/\d+(\.\d+)?px/, '48px');
        context.fillText(text, 10, 60);
        return canvas.toDataURL();
      };
      return draw(char) !== draw('\u{10FFFD}');
    },
    { char, selector },
  );
}

/** WCAG 2 contrast ratio between an element's text colour and the first opaque background behind it. */
export async function contrastRatio(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const parse = (css: string): [number, number, number, number] => {
      const m = css.match(/rgba?\(([^)]+)\)/);
      const parts = (m?.[1] ?? '0,0,0,0').split(/[ ,/]+/).filter(Boolean).map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: [number, number, number, number]): number => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const fg = parse(getComputedStyle(element).color);
    let node: Element | null = element;
    let bg: [number, number, number, number] = [255, 255, 255, 1];
    while (node !== null) {
      const candidate = parse(getComputedStyle(node).backgroundColor);
      if (candidate[3] >= 0.99) {
        bg = candidate;
        break;
      }
      node = node.parentElement;
    }
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
    return (l1 + 0.05) / (l2 + 0.05);
  });
}
