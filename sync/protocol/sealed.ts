/**
 * Sealed personal data: a resident's personal fields travel (and wait in the outbox) encrypted to
 * the platform's public key, so neither the kiosk's disk nor any proxy can read them.
 *
 * Envelope = ECDH(P-256, ephemeral key) → HKDF-SHA256(salt, info) → AES-256-GCM(iv).
 * The ephemeral public key is bound as GCM additional data, so swapping it fails authentication.
 * WebCrypto only (globalThis.crypto.subtle): the kiosk renderer seals with this same code.
 * Runtime: pure (Node ≥ 20 or a browser).
 */
import { z } from 'zod';
import { fromBase64Url, toBase64Url, utf8 } from './base64url.ts';

export const SEALED_ALG = 'ECDH-ES-P256+HKDF-SHA256+A256GCM';
const INFO = 'hall-kiosk/sealed/v1';

/** A public EC P-256 key as JWK: only the fields we need, so private parts can never ride along. */
export const EcPublicJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'x must be 32 bytes base64url'),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'y must be 32 bytes base64url'),
});
export type EcPublicJwk = z.infer<typeof EcPublicJwk>;

const B64URL = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

export const SealedEnvelope = z.object({
  v: z.literal(1),
  alg: z.literal(SEALED_ALG),
  epk: EcPublicJwk,
  salt: B64URL,
  iv: B64URL,
  ciphertext: B64URL,
});
export type SealedEnvelope = z.infer<typeof SealedEnvelope>;

/** Thrown by `open` for every failure (tampering, wrong key, bad encoding): callers need one case. */
export class SealedOpenError extends Error {
  override readonly name = 'SealedOpenError';
}

// Types derived from the global so this file compiles against both the DOM lib and @types/node.
type Subtle = typeof globalThis.crypto.subtle;
export type SealKey = Awaited<ReturnType<Subtle['deriveKey']>>;
/** The JWK fields an EC P-256 key needs (`d` present for a private key). */
export type EcJwk = { kty: string; crv?: string; x?: string; y?: string; d?: string; ext?: boolean; key_ops?: string[] };

function subtle(): Subtle {
  return globalThis.crypto.subtle;
}

async function deriveAesKey(privateKey: SealKey, publicKey: SealKey, salt: Uint8Array<ArrayBuffer>): Promise<SealKey> {
  const shared = await subtle().deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const ikm = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8(INFO) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function additionalData(epk: EcPublicJwk): Uint8Array<ArrayBuffer> {
  return utf8(`${SEALED_ALG}|${epk.x}|${epk.y}`);
}

async function importPublic(jwk: EcPublicJwk): Promise<SealKey> {
  return subtle().importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true }, { name: 'ECDH', namedCurve: 'P-256' }, true, []);
}

/** Encrypts any JSON-serialisable value for the holder of the private key matching `publicJwk`. */
export async function seal(publicJwk: EcPublicJwk, plaintext: unknown): Promise<SealedEnvelope> {
  const recipient = await importPublic(EcPublicJwk.parse(publicJwk));
  const ephemeral = (await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']));
  const epkFull = await subtle().exportKey('jwk', ephemeral.publicKey);
  const epk = EcPublicJwk.parse({ kty: epkFull.kty, crv: epkFull.crv, x: epkFull.x, y: epkFull.y });
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveAesKey(ephemeral.privateKey, recipient, salt);
  const data = utf8(JSON.stringify(plaintext));
  const ciphertext = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(epk) }, key, data);
  return { v: 1, alg: SEALED_ALG, epk, salt: toBase64Url(salt), iv: toBase64Url(iv), ciphertext: toBase64Url(new Uint8Array(ciphertext)) };
}

function isJwk(key: SealKey | EcJwk): key is EcJwk {
  return typeof (key as { kty?: unknown }).kty === 'string';
}

/** Accepts the private key as a SealKey or as a private JWK (d present). */
export async function importSealPrivateKey(privateKey: SealKey | EcJwk): Promise<SealKey> {
  if (!isJwk(privateKey)) return privateKey;
  return subtle().importKey('jwk', privateKey, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
}

/** Decrypts an envelope; any failure is a SealedOpenError, never partial data. */
export async function open(privateKey: SealKey | EcJwk, envelope: unknown): Promise<unknown> {
  const parsed = SealedEnvelope.safeParse(envelope);
  if (!parsed.success) throw new SealedOpenError(`not a sealed envelope: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
  const env = parsed.data;
  let plaintext: ArrayBuffer;
  try {
    const key = await importSealPrivateKey(privateKey);
    const epk = await importPublic(env.epk);
    const aes = await deriveAesKey(key, epk, fromBase64Url(env.salt));
    plaintext = await subtle().decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(env.iv), additionalData: additionalData(env.epk) },
      aes,
      fromBase64Url(env.ciphertext),
    );
  } catch (cause) {
    throw new SealedOpenError(`sealed envelope cannot be opened (wrong key or tampered): ${cause instanceof Error ? cause.name : 'error'}`);
  }
  try {
    return JSON.parse(new TextDecoder().decode(plaintext)) as unknown;
  } catch {
    throw new SealedOpenError('sealed plaintext is not JSON');
  }
}
