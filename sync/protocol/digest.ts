/**
 * The integrity digest of a feed: sha256 over the live rows' `id \t v \n` lines sorted by id
 * (UTF-16 code-unit order, as Array.prototype.sort does, on both sides — never a SQL collation).
 * The platform sends it on the last page of a pull; the kiosk computes it over its own rows and
 * takes a reset when they differ. Runtime: pure (WebCrypto).
 */
import { utf8 } from './base64url.ts';
import type { FeedDigest } from './feeds.ts';

export type DigestRow = Readonly<{ id: string; v: number }>;

export async function computeFeedDigest(rows: readonly DigestRow[]): Promise<FeedDigest> {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let text = '';
  for (const row of sorted) text += `${row.id}\t${row.v}\n`;
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', utf8(text)));
  let hex = '';
  for (const byte of hash) hex += byte.toString(16).padStart(2, '0');
  return { count: sorted.length, sha256: hex };
}
