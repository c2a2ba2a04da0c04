/**
 * After `electron-vite build`: writes the home screen's first frame into out/renderer/index.html so
 * a resident sees the kiosk at the speed of a static page, before any JavaScript has run.
 *
 * It renders the real <App> on the server with a kiosk API that never answers, which is exactly
 * what the app shows before the service host replies: the frame and the home tiles, inert. React
 * replaces it on its first render. The design tokens go in front of the linked stylesheet (the CSP
 * allows no inline styles) so the markup is styled before the script runs; at run time the app
 * writes the mode's tokens on <html> as before. The clock is left empty: a build-time time would be wrong.
 * Runtime: plain Node (tsx), at build time.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderToStaticMarkup } from 'react-dom/server';
import type { KioskApi } from '../contract/index.ts';
import { App } from '../renderer/src/App.tsx';
import { cssVariables, MODES } from '../renderer/src/styles/tokens.ts';

const rendererOut = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../out/renderer');
const ROOT = '<div id="root"></div>';

/** Answers nothing, ever: the shell is the state before the host has spoken. */
const silentKiosk: KioskApi = {
  transport: 'websocket',
  call: () => new Promise(() => undefined),
  on: () => () => undefined,
};

export function tokensStylesheet(): string {
  return MODES.map((mode) => {
    const selector = mode === 'standard' ? ':root' : `:root[data-mode="${mode}"]`;
    const body = Object.entries(cssVariables(mode))
      .map(([name, value]) => `  ${name}: ${value};`)
      .join('\n');
    return `${selector} {\n${body}\n}`;
  }).join('\n');
}

export function shellMarkup(): string {
  const markup = renderToStaticMarkup(<App kiosk={silentKiosk} />);
  if (!markup.startsWith('<div class="app">')) throw new Error('the app no longer renders a .app root');
  return (
    markup
      .replace(/(<time class="status-bar__time")[^>]*>.*?<\/time>/, '$1></time>')
      // Nothing in the shell answers a touch: it is a picture until React replaces it.
      .replace('<div class="app">', '<div class="app" data-shell="" inert="">')
  );
}

export function withShell(html: string, markup: string, preloads: readonly string[]): string {
  if (!html.includes(ROOT)) throw new Error(`index.html has no ${ROOT}`);
  const links = preloads.map((file) => `<link rel="modulepreload" crossorigin href="./assets/${file}">`);
  return html.replace(ROOT, `<div id="root">${markup}</div>`).replace('</title>', `</title>\n    ${links.join('\n    ')}`);
}

/** The stylesheet index.html links (one file: a second render-blocking request would delay the first frame). */
export function linkedStylesheet(html: string): string {
  const href = html.match(/<link rel="stylesheet"[^>]*href="\.\/(assets\/[\w.-]+\.css)"/)?.[1];
  if (href === undefined) throw new Error('index.html links no stylesheet');
  return href;
}

/**
 * The app chunk main.tsx imports after the first frame, and the chunks it imports statically:
 * preloaded so they download while the shell paints (and so they count as initial JavaScript).
 */
export async function bootChunks(assetsDir: string): Promise<string[]> {
  const boot = (await readdir(assetsDir)).find((file) => /^boot-[\w-]+\.js$/.test(file));
  if (boot === undefined) throw new Error(`no boot chunk in ${assetsDir}`);
  const code = await readFile(path.join(assetsDir, boot), 'utf8');
  const imports = [...code.matchAll(/(?:^|[;}\s])import(?:[^"'()]*?from)?\s*["']\.\/([\w-]+\.js)["']/g)].map((m) => m[1] ?? '');
  return [boot, ...new Set(imports.filter((file) => file !== ''))];
}

export async function prerender(outDir: string): Promise<boolean> {
  const indexFile = path.join(outDir, 'index.html');
  const html = await readFile(indexFile, 'utf8');
  if (!html.includes(ROOT)) return false; // already done
  // The tokens go in front of the app's stylesheet, so the shell is styled by the one file it links.
  const cssFile = path.join(outDir, linkedStylesheet(html));
  await writeFile(cssFile, `${tokensStylesheet()}\n${await readFile(cssFile, 'utf8')}`);
  await writeFile(indexFile, withShell(html, shellMarkup(), await bootChunks(path.join(outDir, 'assets'))));
  return true;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (await prerender(rendererOut)) process.stdout.write(`prerendered the home screen into ${path.relative(process.cwd(), rendererOut)}/index.html\n`);
}
