/**
 * A real pseudo-terminal pair for serial tests: `socat` joins two ptys and publishes them as
 * symlinks A and B in a temp folder. Stopping socat hangs both ptys up the way pulling a USB
 * cable hangs up /dev/ttyUSB0; restarting it brings new /dev/pts/N nodes behind the SAME link
 * paths, like a replugged adapter behind a udev symlink.
 * Runtime: plain Node (tests only).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { lstat, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Why pty tests cannot run here, or undefined when they can. */
export function ptySkipReason(): string | undefined {
  if (process.platform === 'win32') return 'pty tests need a Unix pty (socat); not available on Windows';
  const which = spawnSync('which', ['socat'], { encoding: 'utf8' });
  return which.status === 0 ? undefined : 'socat is not installed (apt-get install socat): real-pty serial tests skipped';
}

export interface PtyPair {
  /** Stable link paths; open these as serial ports. */
  readonly pathA: string;
  readonly pathB: string;
  readonly running: boolean;
  /** Kills socat (unplug). Resolves once it has exited and the links are gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts socat again on the same link paths (replug). */
  start(): Promise<void>;
  /** Stops socat and removes the temp folder. Safe to call twice. */
  dispose(): Promise<void>;
}

export async function startPtyPair(options: { readyTimeoutMs?: number } = {}): Promise<PtyPair> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-pty-'));
  const pathA = path.join(dir, 'ttyA');
  const pathB = path.join(dir, 'ttyB');
  const readyTimeoutMs = options.readyTimeoutMs ?? 5000;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const removeLinks = async () => {
    await rm(pathA, { force: true });
    await rm(pathB, { force: true });
  };

  const pair: PtyPair = {
    pathA,
    pathB,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (pair.running) return;
      await removeLinks(); // a SIGKILLed socat leaves its links behind
      let stderr = '';
      const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${pathA}`, `pty,raw,echo=0,link=${pathB}`], { stdio: ['ignore', 'ignore', 'pipe'] });
      proc.stderr.setEncoding('utf8');
      proc.stderr.on('data', (text: string) => {
        stderr = (stderr + text).slice(-4000);
      });
      child = proc;
      exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      const deadline = Date.now() + readyTimeoutMs;
      while (!(await ptyReady(pathA)) || !(await ptyReady(pathB))) {
        if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`socat exited early: ${stderr}`);
        if (Date.now() > deadline) {
          proc.kill('SIGKILL');
          throw new Error(`socat links not ready within ${readyTimeoutMs} ms: ${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop(signal = 'SIGTERM') {
      const proc = child;
      if (proc !== undefined && pair.running) {
        proc.kill(signal);
        await exited;
      }
      child = undefined;
      await removeLinks();
    },
    async dispose() {
      await pair.stop('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await pair.start();
  } catch (error) {
    await pair.dispose();
    throw error;
  }
  return pair;
}

/** The link exists and points at a live pty node. */
async function ptyReady(link: string): Promise<boolean> {
  try {
    await lstat(link);
    await stat(link);
    return true;
  } catch {
    return false;
  }
}
