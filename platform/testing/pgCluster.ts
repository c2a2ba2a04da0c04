/**
 * A throw-away real PostgreSQL for tests: initdb into a temp folder, start `postgres` on a free
 * loopback port (unix socket in the same folder), hand out a DATABASE_URL, stop and delete on close.
 * PostgreSQL refuses to run as root, so as root every binary runs via `runuser -u postgres`.
 * Gated by PLATFORM_PG=1 in the tests that use it. Runtime: plain Node (test helper).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { existsSync } from 'node:fs';

const run = promisify(execFile);
export const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

export type PgCluster = Readonly<{ url(database: string): string; createDatabase(name: string): Promise<string>; stop(): Promise<void> }>;

export function pgTestsEnabled(): boolean {
  return process.env['PLATFORM_PG'] === '1';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** runuser lives in /usr/sbin (util-linux), which a non-login PATH may lack. */
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((candidate) => existsSync(candidate)) ?? 'runuser';

function asPostgresUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? [RUNUSER, ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startPgCluster(): Promise<PgCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'platform-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(uid.trim()), Number(gid.trim()));
  }
  await chmod(dir, 0o700);
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asPostgresUser(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'platform', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  await run(initCmd, initArgs);
  const port = await freePort();
  const [cmd, args] = asPostgresUser(join(PG_BIN, 'postgres'), [
    '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=50',
  ]);
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = (database: string): string => `postgres://platform@127.0.0.1:${port}/${database}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url('postgres') });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        await rm(dir, { recursive: true, force: true });
        throw new Error(`postgres did not start: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async createDatabase(name: string): Promise<string> {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop(): Promise<void> {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const [stopCmd, stopArgs] = asPostgresUser(join(PG_BIN, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '10']);
        await run(stopCmd, stopArgs).catch(() => child.kill('SIGINT'));
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
