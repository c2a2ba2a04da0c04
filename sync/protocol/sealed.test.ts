import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { EcPublicJwk, open, seal, SealedOpenError, type EcJwk, type SealedEnvelope } from './sealed.ts';

async function keyPair(): Promise<{ publicJwk: EcPublicJwk; privateJwk: EcJwk }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const pub = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const priv = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { publicJwk: EcPublicJwk.parse(pub), privateJwk: priv as EcJwk };
}

function flipByte(b64: string, index: number): string {
  const bytes = fromBase64Url(b64);
  bytes[index % bytes.length] = (bytes[index % bytes.length] ?? 0) ^ 0x01;
  return toBase64Url(bytes);
}

const personal = { name: '张三丰', idNumber: '341502199001011234', phone: '13812345678', address: '六安市金安区梅山南路88号' };

describe('sealed personal data', () => {
  it('round-trips a personal record, and the envelope does not contain it in clear', async () => {
    const { publicJwk, privateJwk } = await keyPair();
    const envelope = await seal(publicJwk, personal);
    expect(JSON.stringify(envelope)).not.toContain('341502199001011234');
    expect(JSON.stringify(envelope)).not.toContain('13812345678');
    expect(await open(privateJwk, envelope)).toEqual(personal);
  });

  it('uses a fresh ephemeral key and iv each time', async () => {
    const { publicJwk } = await keyPair();
    const a = await seal(publicJwk, personal);
    const b = await seal(publicJwk, personal);
    expect(a.epk.x).not.toBe(b.epk.x);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('refuses tampered ciphertext, iv, salt or ephemeral key', async () => {
    const { publicJwk, privateJwk } = await keyPair();
    const envelope = await seal(publicJwk, personal);
    const other = await seal(publicJwk, personal);
    const tampered: SealedEnvelope[] = [
      { ...envelope, ciphertext: flipByte(envelope.ciphertext, 5) },
      { ...envelope, iv: flipByte(envelope.iv, 0) },
      { ...envelope, salt: flipByte(envelope.salt, 3) },
      { ...envelope, epk: other.epk },
    ];
    for (const t of tampered) await expect(open(privateJwk, t)).rejects.toBeInstanceOf(SealedOpenError);
  });

  it('refuses the wrong private key', async () => {
    const right = await keyPair();
    const wrong = await keyPair();
    const envelope = await seal(right.publicJwk, personal);
    await expect(open(wrong.privateJwk, envelope)).rejects.toThrow(/wrong key or tampered/);
  });

  it('refuses something that is not an envelope, naming the field', async () => {
    const { privateJwk } = await keyPair();
    await expect(open(privateJwk, { v: 1, alg: 'x' })).rejects.toThrow(/alg/);
  });

  it('refuses to seal to a key that is not a P-256 public JWK', async () => {
    await expect(seal({ kty: 'EC', crv: 'P-256', x: 'short', y: 'short' }, personal)).rejects.toThrow();
  });
});
