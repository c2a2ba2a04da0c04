import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prerender, shellMarkup, tokensStylesheet } from './prerender-shell.tsx';

describe('the prerendered first frame', () => {
  it('is the home screen with its tiles, inert, with no build-time clock', () => {
    const markup = shellMarkup();
    expect(markup).toMatch(/^<div class="app" data-shell="" inert="">/);
    expect(markup).toContain('办事指南');
    expect(markup).toContain('长辈版');
    expect(markup).toContain('<time class="status-bar__time"></time>');
    expect(markup).not.toMatch(/\d{4}年\d{1,2}月/);
  });

  it('puts the standard tokens on :root and the elder ones behind data-mode', () => {
    const css = tokensStylesheet();
    expect(css).toMatch(/^:root \{/);
    expect(css).toContain(':root[data-mode="elder"]');
    expect(css).toContain('--font-family');
  });

  it('rewrites a built index.html once: shell, tokens stylesheet and preloads for the app chunk', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'prerender-'));
    await mkdir(path.join(out, 'assets'));
    await writeFile(path.join(out, 'assets/boot-abc123.js'), 'import{a as b}from"./react-x1.js";import"./jsx-y2.js";const c=import("./GuideScreen-z3.js");');
    await writeFile(path.join(out, 'assets/index-h1.css'), '.app{color:var(--color-text)}');
    await writeFile(path.join(out, 'index.html'), '<html><head><title>t</title><link rel="stylesheet" crossorigin href="./assets/index-h1.css"></head><body><div id="root"></div></body></html>');
    expect(await prerender(out)).toBe(true);
    const html = await readFile(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain('<div id="root"><div class="app" data-shell=""');
    const css = await readFile(path.join(out, 'assets/index-h1.css'), 'utf8');
    expect(css).toMatch(/^:root \{/);
    expect(css).toContain('.app{color:var(--color-text)}');
    for (const file of ['boot-abc123.js', 'react-x1.js', 'jsx-y2.js']) expect(html).toContain(`href="./assets/${file}"`);
    expect(html).not.toContain('GuideScreen-z3.js'); // lazy screens stay lazy
    expect(await prerender(out)).toBe(false);
  });
});
