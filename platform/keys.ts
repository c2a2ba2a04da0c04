/**
 * The platform's own secrets: the ECDH P-256 key pair residents' personal data is sealed to, and the
 * HMAC key for tokens and cursors. Generated on first start into <dataDir>/platform-keys.json
 * (mode 0600); kept in memory only when there is no data folder (tests). Runtime: plain Node.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { EcPublicJwk, importSealPrivateKey, type SealKey } from '../sync/protocol/sealed.ts';

const KeyFile = z.object({
  version: z.literal(1),
  sealPublicJwk: EcPublicJwk,
  sealPrivateJwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() }),
  hmacSecret: z.string().min(43),
});
type KeyFile = z.infer<typeof KeyFile>;

export type PlatformKeys = Readonly<{
  sealPublicJwk: EcPublicJwk;
  sealPrivateKey: SealKey;
  hmacSecret: Buffer;
}>;

async function generate(): Promise<KeyFile> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const pub = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const priv = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return {
    version: 1,
    sealPublicJwk: EcPublicJwk.parse(pub),
    sealPrivateJwk: { kty: 'EC', crv: 'P-256', x: String(priv.x), y: String(priv.y), d: String(priv.d) },
    hmacSecret: randomBytes(32).toString('base64url'),
  };
}

export async function loadOrCreateKeys(dataDir?: string): Promise<PlatformKeys> {
  let file: KeyFile;
  if (dataDir === undefined) {
    file = await generate();
  } else {
    const path = join(dataDir, 'platform-keys.json');
    const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (existing === null) {
      file = await generate();
      await mkdir(dataDir, { recursive: true });
      await writeFile(path, JSON.stringify(file, null, 2), { mode: 0o600, flag: 'wx' });
      await chmod(path, 0o600);
    } else {
      const parsed = KeyFile.safeParse(JSON.parse(existing));
      if (!parsed.success) throw new Error(`${path} is not a valid platform key file (${parsed.error.issues[0]?.path.join('.') ?? ''})`);
      file = parsed.data;
    }
  }
  return {
    sealPublicJwk: file.sealPublicJwk,
    sealPrivateKey: await importSealPrivateKey(file.sealPrivateJwk),
    hmacSecret: Buffer.from(file.hmacSecret, 'base64url'),
  };
}
