/**
 * Test vectors from shared research id-card-reader.md §1.3 and §11 (frames as hex strings, the T6
 * resident card and its synthetic photo), shared by the codec, log and simulator tests.
 * Runtime: plain Node (tests only).
 */
import type { ResidentIdCard } from '../textBlock.ts';

export function bytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  return Uint8Array.from({ length: clean.length / 2 }, (_, i) => parseInt(clean.slice(2 * i, 2 * i + 2), 16));
}

export const T6_CARD: ResidentIdCard = {
  type: 'resident',
  name: '张三',
  sex: 'female',
  nationCode: '01',
  nation: '汉族',
  birthDate: '1949-12-31',
  address: '北京市朝阳区测试路1号',
  idNumber: '11010519491231002X',
  issuer: '北京市公安局朝阳分局',
  validFrom: '2020-01-01',
  validTo: 'long-term',
};

/** "57 4C 66 00 7E 00 32 00 00 FF 85 followed by (i*7) & 0xFF for i = 0…1012, then bytes 100–104 = AA AA AA 96 69". */
export function t6Photo(): Uint8Array {
  const photo = new Uint8Array(1024);
  photo.set(bytes('574C66007E00320000FF85'), 0);
  for (let i = 0; i <= 1012; i++) photo[11 + i] = (i * 7) & 0xff;
  photo.set(bytes('AAAAAA9669'), 100);
  return photo;
}

export const T6_TEXT_SHA256 = '7f3c6a06f20957fe84737e857520bc46d4cdb33335c6c2205572847a336d20a4';
export const T6_FRAME_SHA256 = 'ab0804c27a7ce5b946b5250734b53b1c86fd5d5ed6ce5d9864a459a997512782';
