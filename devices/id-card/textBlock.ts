/**
 * The 256-byte text block of a card (research §4): card type detection by the character at byte
 * 248, one field layout per type, and cross-checks that turn a damaged or forged block into a
 * typed error instead of a plausible-looking wrong person: check digits, the birth date and sex
 * encoded in the number against the printed fields, code tables, real calendar dates.
 * `encodeTextBlock` is the exact inverse (simulator and tests).
 * Runtime: pure.
 */
import { isValidForeignPermitNumber15, isValidMod11_2Number } from './idNumber.ts';
import { nationLabel } from './nations.ts';
import { TEXT_BLOCK_BYTES } from './samProtocol.ts';
import { idCardError, type IdCardResult } from './samStatus.ts';
import { blankUcs2Block, decodeUcs2Field, encodeUcs2Field } from './ucs2.ts';

export type Sex = 'male' | 'female' | 'unknown' | 'unspecified';
/** ISO date 'YYYY-MM-DD'. */
export type CardDate = `${number}-${number}-${number}`;
/** 有效期截止: a date, or 长期 (long-term, no expiry). */
export type ValidTo = CardDate | 'long-term';

export interface ResidentIdCard {
  readonly type: 'resident';
  readonly name: string;
  readonly sex: Sex;
  /** '01'..'56', '97', '98'. */
  readonly nationCode: string;
  /** 汉族, 回族…; from the code table. */
  readonly nation: string;
  readonly birthDate: CardDate;
  readonly address: string;
  readonly idNumber: string;
  readonly issuer: string;
  readonly validFrom: CardDate;
  readonly validTo: ValidTo;
}

/** 港澳台居民居住证 ('J'). */
export interface ResidencePermitCard {
  readonly type: 'hmt-residence-permit';
  readonly name: string;
  readonly sex: Sex;
  readonly birthDate: CardDate;
  readonly address: string;
  /** 18 characters starting 810000 / 820000 / 830000. */
  readonly idNumber: string;
  readonly issuer: string;
  readonly validFrom: CardDate;
  readonly validTo: ValidTo;
  /** 通行证号码, e.g. H12345678. */
  readonly passNumber: string;
  /** 签发次数, two digits. */
  readonly issueCount: string;
}

/** 外国人永久居留身份证, pre-2023 layout ('I'). */
export interface ForeignPermanentResidentCard2017 {
  readonly type: 'foreign-permanent-resident-2017';
  readonly englishName: string;
  readonly chineseName: string;
  readonly sex: Sex;
  /** 15 characters, ICAO check digit. */
  readonly permitNumber: string;
  /** ISO 3166 alpha-3. */
  readonly nationality: string;
  readonly birthDate: CardDate;
  readonly validFrom: CardDate;
  readonly validTo: ValidTo;
  readonly cardVersion: string;
  readonly authorityCode: string;
}

/** 外国人永久居留身份证, 2023 layout ('Y'). */
export interface ForeignPermanentResidentCard2023 {
  readonly type: 'foreign-permanent-resident-2023';
  readonly chineseName: string;
  readonly englishName: string;
  readonly sex: Sex;
  readonly renewalCount: string;
  readonly birthDate: CardDate;
  /** 18 characters starting with 9, MOD 11-2. */
  readonly idNumber: string;
  readonly validFrom: CardDate;
  readonly validTo: ValidTo;
  readonly nationality: string;
  /** 既往版本证件号码关联项 (3 characters, derivation unconfirmed; kept verbatim). */
  readonly previousCardLink: string;
}

export type IdCard = ResidentIdCard | ResidencePermitCard | ForeignPermanentResidentCard2017 | ForeignPermanentResidentCard2023;
export type IdCardType = IdCard['type'];

export const CARD_TYPE_LABELS: Readonly<Record<IdCardType, string>> = {
  resident: '居民身份证',
  'hmt-residence-permit': '港澳台居民居住证',
  'foreign-permanent-resident-2017': '外国人永久居留身份证',
  'foreign-permanent-resident-2023': '外国人永久居留身份证（2023版）',
};

const SEX_BY_CODE: Readonly<Record<string, Sex>> = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unspecified' };
const CODE_BY_SEX: Readonly<Record<Sex, string>> = { unknown: '0', male: '1', female: '2', unspecified: '9' };
export const SEX_LABELS: Readonly<Record<Sex, string>> = { male: '男', female: '女', unknown: '未知', unspecified: '未说明' };

/** The one name to show for any card type (Chinese name when the card has one). */
export function cardHolderName(card: IdCard): string {
  if (card.type === 'foreign-permanent-resident-2017' || card.type === 'foreign-permanent-resident-2023') {
    return card.chineseName !== '' ? card.chineseName : card.englishName;
  }
  return card.name;
}

/** The number that identifies the holder (ID number, or the PR number on old foreign cards). */
export function cardNumber(card: IdCard): string {
  return card.type === 'foreign-permanent-resident-2017' ? card.permitNumber : card.idNumber;
}

// ---------------------------------------------------------------------------------------------
// decoding

class Invalid extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export function decodeTextBlock(block: Uint8Array): IdCardResult<IdCard> {
  if (block.length !== TEXT_BLOCK_BYTES) {
    return { ok: false, error: idCardError('invalid-card-data', `文字信息长度错误（${block.length} 字节）`, `text block is ${block.length} B, expected 256`) };
  }
  try {
    const marker = decodeUcs2Field(block, 248, 2);
    const card =
      marker === 'I' ? decodeForeign2017(block) : marker === 'Y' ? decodeForeign2023(block) : marker === 'J' ? decodePermit(block) : decodeResident(block);
    return { ok: true, value: card };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: idCardError('invalid-card-data', `证件信息无效：${e.zh}`, `invalid card data: ${e.en}`) };
    throw e;
  }
}

const f = decodeUcs2Field;

function decodeResident(b: Uint8Array): ResidentIdCard {
  const sex = sexOf(f(b, 30, 2));
  const nationCode = f(b, 32, 4);
  const nation = nationLabel(nationCode);
  if (nation === undefined) throw new Invalid(`民族代码 "${nationCode}" 不存在`, `unknown nation code "${nationCode}"`);
  const birthDate = dateOf(f(b, 36, 16), '出生日期', 'birth date');
  const idNumber = f(b, 122, 36);
  checkCitizenNumber(idNumber, birthDate, sex, /^[1-6]\d/);
  const validity = validityOf(f(b, 188, 16), f(b, 204, 16));
  return {
    type: 'resident',
    name: required(f(b, 0, 30), '姓名', 'name'),
    sex,
    nationCode,
    nation,
    birthDate,
    address: required(f(b, 52, 70), '住址', 'address'),
    idNumber,
    issuer: required(f(b, 158, 30), '签发机关', 'issuing authority'),
    ...validity,
  };
}

function decodePermit(b: Uint8Array): ResidencePermitCard {
  const sex = sexOf(f(b, 30, 2));
  const birthDate = dateOf(f(b, 36, 16), '出生日期', 'birth date');
  const idNumber = f(b, 122, 36);
  checkCitizenNumber(idNumber, birthDate, sex, /^8[123]0000/);
  const passNumber = f(b, 220, 18);
  if (!/^([HM]\d{8}|\d{8})$/.test(passNumber)) throw new Invalid(`通行证号码 "${passNumber}" 格式错误`, `pass number "${passNumber}" malformed`);
  const issueCount = f(b, 238, 4);
  if (!/^\d{2}$/.test(issueCount)) throw new Invalid('签发次数格式错误', `issue count "${issueCount}" malformed`);
  return {
    type: 'hmt-residence-permit',
    name: required(f(b, 0, 30), '姓名', 'name'),
    sex,
    birthDate,
    address: required(f(b, 52, 70), '住址', 'address'),
    idNumber,
    issuer: required(f(b, 158, 30), '签发机关', 'issuing authority'),
    ...validityOf(f(b, 188, 16), f(b, 204, 16)),
    passNumber,
    issueCount,
  };
}

function decodeForeign2017(b: Uint8Array): ForeignPermanentResidentCard2017 {
  const permitNumber = f(b, 122, 30);
  if (!isValidForeignPermitNumber15(permitNumber)) throw new Invalid('永久居留证号码校验失败', `permit number check digit wrong`);
  const nationality = alpha3(f(b, 152, 6));
  if (permitNumber.slice(0, 3) !== nationality) throw new Invalid('证件号码与国籍不符', 'permit number does not match nationality');
  const birthDate = dateOf(f(b, 220, 16), '出生日期', 'birth date');
  if (permitNumber.slice(7, 13) !== birthDate.replaceAll('-', '').slice(2)) {
    throw new Invalid('证件号码与出生日期不符', 'permit number does not match the birth date');
  }
  const cardVersion = f(b, 236, 4);
  const authorityCode = f(b, 240, 8);
  if (!/^\d{2}$/.test(cardVersion) || !/^\d{4}$/.test(authorityCode)) throw new Invalid('证件版本或受理机关代码格式错误', 'card version or authority code malformed');
  return {
    type: 'foreign-permanent-resident-2017',
    englishName: required(f(b, 0, 120), '英文姓名', 'English name'),
    chineseName: f(b, 158, 30),
    sex: sexOf(f(b, 120, 2)),
    permitNumber,
    nationality,
    birthDate,
    ...validityOf(f(b, 188, 16), f(b, 204, 16)),
    cardVersion,
    authorityCode,
  };
}

function decodeForeign2023(b: Uint8Array): ForeignPermanentResidentCard2023 {
  const sex = sexOf(f(b, 30, 2));
  const birthDate = dateOf(f(b, 36, 16), '出生日期', 'birth date');
  const idNumber = f(b, 122, 36);
  checkCitizenNumber(idNumber, birthDate, sex, /^9\d/);
  const renewalCount = f(b, 32, 4);
  if (!/^\d{2}$/.test(renewalCount)) throw new Invalid('换证次数格式错误', `renewal count "${renewalCount}" malformed`);
  // The English name runs over two fields; a name of exactly 35 characters must not lose a space.
  const part1 = decodeUcs2Field(b, 52, 70);
  const part2 = f(b, 220, 22);
  const englishName = part2 === '' ? part1 : `${rawUcs2(b, 52, 70)}${part2}`;
  return {
    type: 'foreign-permanent-resident-2023',
    chineseName: f(b, 0, 30),
    englishName: required(englishName, '英文姓名', 'English name'),
    sex,
    renewalCount,
    birthDate,
    idNumber,
    ...validityOf(f(b, 188, 16), f(b, 204, 16)),
    nationality: alpha3(f(b, 242, 6)),
    previousCardLink: f(b, 250, 6),
  };
}

function rawUcs2(b: Uint8Array, offset: number, bytes: number): string {
  let s = '';
  for (let i = offset; i < offset + bytes; i += 2) s += String.fromCharCode((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8));
  return s;
}

function sexOf(code: string): Sex {
  const sex = SEX_BY_CODE[code];
  if (sex === undefined) throw new Invalid(`性别代码 "${code}" 无效`, `sex code "${code}" invalid`);
  return sex;
}

function required(value: string, zh: string, en: string): string {
  if (value.trim() === '') throw new Invalid(`${zh}为空`, `${en} is empty`);
  return value;
}

function alpha3(value: string): string {
  if (!/^[A-Z]{3}$/.test(value)) throw new Invalid(`国籍代码 "${value}" 格式错误`, `nationality "${value}" is not ISO alpha-3`);
  return value;
}

/** 'YYYYMMDD' → 'YYYY-MM-DD', only for dates that exist on the calendar. */
export function parseCardDate(yyyymmdd: string): CardDate | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (m === null) return undefined;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  if (Number(y) < 1880) return undefined;
  return `${y}-${mo}-${d}` as CardDate;
}

function dateOf(raw: string, zh: string, en: string): CardDate {
  const date = parseCardDate(raw);
  if (date === undefined) throw new Invalid(`${zh} "${raw}" 不是有效日期`, `${en} "${raw}" is not a valid date`);
  return date;
}

function validityOf(fromRaw: string, toRaw: string): { validFrom: CardDate; validTo: ValidTo } {
  const validFrom = dateOf(fromRaw, '有效期起始日期', 'valid-from date');
  const validTo = toRaw === '长期' ? 'long-term' : dateOf(toRaw, '有效期截止日期', 'valid-to date');
  if (validTo !== 'long-term' && validTo <= validFrom) throw new Invalid('有效期截止早于起始', 'valid-to is not after valid-from');
  return { validFrom, validTo };
}

/** MOD 11-2 check, region prefix, birth date digits 7–14, sex parity of the 17th digit. */
function checkCitizenNumber(id: string, birthDate: CardDate, sex: Sex, prefix: RegExp): void {
  if (!isValidMod11_2Number(id)) throw new Invalid(`证件号码校验失败`, `ID number fails the MOD 11-2 check`);
  if (!prefix.test(id)) throw new Invalid('证件号码与证件类型不符', 'ID number prefix does not fit the card type');
  if (id.slice(6, 14) !== birthDate.replaceAll('-', '')) throw new Invalid('证件号码与出生日期不符', 'ID number does not match the birth date');
  const odd = Number(id[16]) % 2 === 1;
  if ((sex === 'male' && !odd) || (sex === 'female' && odd)) throw new Invalid('证件号码与性别不符', 'ID number does not match the sex');
}

// ---------------------------------------------------------------------------------------------
// encoding (simulator, tests)

function compactDate(date: CardDate): string {
  return date.replaceAll('-', '');
}

function compactValidTo(validTo: ValidTo): string {
  return validTo === 'long-term' ? '长期' : compactDate(validTo);
}

/** Builds the exact 256 bytes a reader returns for `card`. Throws on text that does not fit (programming error). */
export function encodeTextBlock(card: IdCard): Uint8Array {
  const b = blankUcs2Block(TEXT_BLOCK_BYTES);
  const put = (offset: number, bytes: number, text: string) => encodeUcs2Field(b, offset, bytes, text);
  switch (card.type) {
    case 'resident':
    case 'hmt-residence-permit':
      put(0, 30, card.name);
      put(30, 2, CODE_BY_SEX[card.sex]);
      if (card.type === 'resident') put(32, 4, card.nationCode);
      put(36, 16, compactDate(card.birthDate));
      put(52, 70, card.address);
      put(122, 36, card.idNumber);
      put(158, 30, card.issuer);
      put(188, 16, compactDate(card.validFrom));
      put(204, 16, compactValidTo(card.validTo));
      if (card.type === 'hmt-residence-permit') {
        put(220, 18, card.passNumber);
        put(238, 4, card.issueCount);
        put(248, 2, 'J');
      }
      break;
    case 'foreign-permanent-resident-2017':
      put(0, 120, card.englishName);
      put(120, 2, CODE_BY_SEX[card.sex]);
      put(122, 30, card.permitNumber);
      put(152, 6, card.nationality);
      put(158, 30, card.chineseName);
      put(188, 16, compactDate(card.validFrom));
      put(204, 16, compactValidTo(card.validTo));
      put(220, 16, compactDate(card.birthDate));
      put(236, 4, card.cardVersion);
      put(240, 8, card.authorityCode);
      put(248, 2, 'I');
      break;
    case 'foreign-permanent-resident-2023':
      put(0, 30, card.chineseName);
      put(30, 2, CODE_BY_SEX[card.sex]);
      put(32, 4, card.renewalCount);
      put(36, 16, compactDate(card.birthDate));
      put(52, 70, card.englishName.slice(0, 35));
      put(122, 36, card.idNumber);
      put(188, 16, compactDate(card.validFrom));
      put(204, 16, compactValidTo(card.validTo));
      put(220, 22, card.englishName.slice(35));
      put(242, 6, card.nationality);
      put(248, 2, 'Y');
      put(250, 6, card.previousCardLink);
      break;
  }
  return b;
}
