/**
 * `npm run start:web`: the whole kiosk without Electron. Starts the service host with the
 * WebSocket transport and serves the built renderer on 127.0.0.1, printing the URL.
 * Environment: KIOSK_WEB_PORT (default 8300, 0 = any free port), KIOSK_DATA_DIR (default ./.data/kiosk),
 * KIOSK_CONFIG (config file; default kiosk.config.json in the data folder, else the embedded default).
 * Runtime: plain Node.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapHost } from '../host/bootstrap.ts';
import { startBrowserHost } from './browserHost.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const appDataDir = path.resolve(process.env['KIOSK_DATA_DIR'] ?? path.join(projectRoot, '.data/kiosk'));
const port = Number(process.env['KIOSK_WEB_PORT'] ?? 8300);

const { host, logger } = await bootstrapHost({ transport: 'websocket', appDataDir });
const web = await startBrowserHost({ host, logger, rendererDir: path.join(projectRoot, 'out/renderer'), port });
process.stdout.write(`\n  政务服务自助终端 — 浏览器主机已启动 / browser host ready:\n  ${web.url}\n\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await web.close();
  await host.dispose();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
