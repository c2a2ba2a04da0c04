/**
 * The kiosk credential (kioskId + secret from enrolment) on disk, and the platform's public sealing
 * key next to it. The credential file is written atomically with mode 0600 and read only by the
 * service host: it never goes to the renderer and never into a log line.
 * (On a managed deployment the Electron shell could additionally encrypt it with safeStorage.)
 * Runtime: plain Node.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EcPublicJwk } from '../../../sync/protocol/sealed.ts';

export const CREDENTIAL_FILE = 'platform-credential.json';
export const PLATFORM_KEY_FILE = 'platform-key.json';

export const StoredCredential = z.object({
  version: z.literal(1),
  /** The platform's base URL, or 'embedded' (its port changes every start). */
  platform: z.string().min(1),
  kioskId: z.string().min(1),
  secret: z.string().min(32),
  hallName: z.string(),
  label: z.string(),
  enrolledAt: z.iso.datetime(),
  /** SHA-256 of the enrolment code used, so a new code in the config means "enrol again". */
  enrolmentCodeHash: z.string().nullable(),
  /** Set when the platform revoked this kiosk: no syncing until a new enrolment. */
  revokedAt: z.iso.datetime().nullable(),
});
export type StoredCredential = z.infer<typeof StoredCredential>;

export type LoadedCredential =
  | { state: 'missing' }
  | { state: 'invalid'; reason: string }
  | { state: 'ok'; credential: StoredCredential; /** The file was readable by others and has been fixed. */ repairedMode: boolean };

export async function loadCredential(file: string): Promise<LoadedCredential> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: 'invalid', reason: 'not valid JSON' };
  }
  const parsed = StoredCredential.safeParse(json);
  // The reason names the field only: zod messages never include the secret's value, but be sure.
  if (!parsed.success) return { state: 'invalid', reason: `field ${parsed.error.issues[0]?.path.join('.') ?? '?'} is invalid` };
  let repairedMode = false;
  if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) {
    await chmod(file, 0o600);
    repairedMode = true;
  }
  return { state: 'ok', credential: parsed.data, repairedMode };
}

export async function saveCredential(file: string, credential: StoredCredential): Promise<void> {
  await writeAtomically(file, `${JSON.stringify(StoredCredential.parse(credential), null, 2)}\n`, 0o600);
}

/** Normalised like the platform does (no dashes or spaces, upper case), then hashed. */
export function enrolmentCodeHash(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex');
}

const StoredKey = z.object({ platform: z.string(), jwk: EcPublicJwk, fetchedAt: z.iso.datetime() });

/** The last sealing key seen, so residents' data can be sealed even when the kiosk starts offline. */
export async function loadPlatformKey(file: string, platform: string): Promise<EcPublicJwk | undefined> {
  try {
    const parsed = StoredKey.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success && parsed.data.platform === platform ? parsed.data.jwk : undefined;
  } catch {
    return undefined;
  }
}

export async function savePlatformKey(file: string, platform: string, jwk: EcPublicJwk, now: Date): Promise<void> {
  await writeAtomically(file, `${JSON.stringify({ platform, jwk, fetchedAt: now.toISOString() }, null, 2)}\n`, 0o644);
}

/** Temp file in the same folder (mode set at creation), fsync, rename: a crash leaves the old file or the new one. */
async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, mode); // the umask may have narrowed or (for 0644) not: make it exact
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
