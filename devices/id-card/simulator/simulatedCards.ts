/**
 * Built-in cards for the reader simulator: fictional residents of Lu'an (六安) with ID numbers that
 * pass MOD 11-2 (region codes 3415xx, birth date and sex consistent), one card of each foreign /
 * HK-Macao-Taiwan type, and one deliberately defective card for the technician demo. Photos are
 * synthetic WLT-shaped blobs (real ones need a licensed decoder anyway).
 * Runtime: pure.
 */
import { maskedCardLabel } from '../maskedCard.ts';
import { PHOTO_BYTES } from '../samProtocol.ts';
import { encodeTextBlock, type IdCard } from '../textBlock.ts';

export interface SimulatedIdCard {
  readonly id: string;
  /** Masked, safe for any screen: "居民身份证 陈*明 341502********0414". */
  readonly label: string;
  /** What the card is good for testing, in Chinese (technician menu). */
  readonly note: string;
  /** Exactly what the reader returns: usually `encodeTextBlock(card)`, tampered for defect cards. */
  readonly textBlock: Uint8Array;
  readonly photo: Uint8Array;
  /** 0, 512 or 1024 bytes (zero, one or two templates). */
  readonly fingerprint: Uint8Array;
  /** 最新追加住址 (30 03), when the holder has moved since issue. */
  readonly appendedAddress?: string;
}

/** 1024 bytes that look like a WLT blob: the observed "WLf" header, then a seeded pattern, with a
 * fake preamble at byte 100 so every test exercises "preamble inside payload". */
export function syntheticWltPhoto(seed: number): Uint8Array {
  const photo = new Uint8Array(PHOTO_BYTES);
  photo.set([0x57, 0x4c, 0x66, 0x00, 0x7e, 0x00, 0x32, 0x00, 0x00, 0xff, 0x85], 0);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 11; i < PHOTO_BYTES; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    photo[i] = x & 0xff;
  }
  photo.set([0xaa, 0xaa, 0xaa, 0x96, 0x69], 100);
  return photo;
}

function syntheticFingerprint(seed: number, templates: 0 | 1 | 2): Uint8Array {
  const fp = new Uint8Array(512 * templates);
  for (let i = 0; i < fp.length; i++) fp[i] = (i * 31 + seed * 17) & 0xff;
  if (fp.length > 0) fp[0] = 0x43; // 'C': vendor template marker, format unknown
  return fp;
}

interface CardSpec {
  id: string;
  note: string;
  card: IdCard;
  fingerprints?: 0 | 1 | 2;
  appendedAddress?: string;
}

const SPECS: readonly CardSpec[] = [
  {
    id: 'la-jinan-chen',
    note: '金安区，男，汉族，20年有效期，含两枚指纹',
    fingerprints: 2,
    card: {
      type: 'resident', name: '陈志明', sex: 'male', nationCode: '01', nation: '汉族', birthDate: '1985-03-12',
      address: '安徽省六安市金安区梅山南路88号金色家园3栋2单元501室', idNumber: '341502198503120414',
      issuer: '六安市公安局金安分局', validFrom: '2015-06-01', validTo: '2035-06-01',
    },
  },
  {
    id: 'la-yuan-wang',
    note: '裕安区，女，长期有效',
    card: {
      type: 'resident', name: '王秀兰', sex: 'female', nationCode: '01', nation: '汉族', birthDate: '1958-11-02',
      address: '安徽省六安市裕安区解放南路126号', idNumber: '341503195811020020',
      issuer: '六安市公安局裕安分局', validFrom: '2012-05-20', validTo: 'long-term',
    },
  },
  {
    id: 'la-huoqiu-ma',
    note: '霍邱县，男，回族',
    fingerprints: 1,
    card: {
      type: 'resident', name: '马建国', sex: 'male', nationCode: '03', nation: '回族', birthDate: '1976-07-19',
      address: '安徽省六安市霍邱县城关镇蓼城路45号', idNumber: '341522197607190039',
      issuer: '霍邱县公安局', validFrom: '2016-09-10', validTo: '2036-09-10',
    },
  },
  {
    id: 'la-shucheng-liu',
    note: '舒城县，女，校验位为X，10年有效期',
    card: {
      type: 'resident', name: '刘婷婷', sex: 'female', nationCode: '01', nation: '汉族', birthDate: '2001-01-25',
      address: '安徽省六安市舒城县城关镇春秋路17号', idNumber: '34152320010125004X',
      issuer: '舒城县公安局', validFrom: '2019-02-14', validTo: '2029-02-14',
    },
  },
  {
    id: 'la-jinzhai-ouyang',
    note: '金寨县，男，复姓（四字姓名）',
    card: {
      type: 'resident', name: '欧阳思远', sex: 'male', nationCode: '01', nation: '汉族', birthDate: '1992-09-30',
      address: '安徽省六安市金寨县梅山镇红军广场路3号', idNumber: '341524199209300054',
      issuer: '金寨县公安局', validFrom: '2018-04-02', validTo: '2038-04-02',
    },
  },
  {
    id: 'la-huoshan-zhang',
    note: '霍山县，男，有最新追加住址',
    appendedAddress: '安徽省六安市金安区皖西大道288号',
    card: {
      type: 'resident', name: '张晓明', sex: 'male', nationCode: '01', nation: '汉族', birthDate: '1990-05-08',
      address: '安徽省六安市霍山县衡山镇迎驾大道210号', idNumber: '341525199005080076',
      issuer: '霍山县公安局', validFrom: '2017-08-21', validTo: '2037-08-21',
    },
  },
  {
    id: 'la-yeji-li',
    note: '叶集区，女',
    card: {
      type: 'resident', name: '李娟', sex: 'female', nationCode: '01', nation: '汉族', birthDate: '1988-12-03',
      address: '安徽省六安市叶集区史河路9号', idNumber: '341504198812030087',
      issuer: '六安市公安局叶集分局', validFrom: '2020-10-15', validTo: '2040-10-15',
    },
  },
  {
    id: 'la-jinan-zhou-expired',
    note: '金安区，男，证件已过期（2020年到期）',
    card: {
      type: 'resident', name: '周平', sex: 'male', nationCode: '01', nation: '汉族', birthDate: '1970-04-15',
      address: '安徽省六安市金安区人民路36号', idNumber: '341502197004150016',
      issuer: '六安市公安局金安分局', validFrom: '2000-04-01', validTo: '2020-04-01',
    },
  },
  {
    id: 'hk-permit-chen',
    note: '港澳台居民居住证（J），香港居民居住在金安区',
    card: {
      type: 'hmt-residence-permit', name: '陈家豪', sex: 'male', birthDate: '1995-08-08',
      address: '安徽省六安市金安区佛子岭路18号', idNumber: '810000199508080016', issuer: '六安市公安局金安分局',
      validFrom: '2021-03-15', validTo: '2026-03-15', passNumber: 'H60123456', issueCount: '01',
    },
  },
  {
    id: 'foreign-2017-williams',
    note: '外国人永久居留身份证（旧版 I）',
    card: {
      type: 'foreign-permanent-resident-2017', englishName: 'WILLIAMS, JOHN ROBERT', chineseName: '威廉姆斯', sex: 'male',
      permitNumber: 'USA340075042214', nationality: 'USA', birthDate: '1975-04-22', validFrom: '2016-03-01',
      validTo: '2026-03-01', cardVersion: '01', authorityCode: '3400',
    },
  },
  {
    id: 'foreign-2023-garcia',
    note: '外国人永久居留身份证（2023版 Y）',
    card: {
      type: 'foreign-permanent-resident-2023', chineseName: '玛丽亚', englishName: 'GARCIA LOPEZ, MARIA', sex: 'female',
      renewalCount: '00', birthDate: '1987-06-15', idNumber: '934724198706150025', validFrom: '2024-02-01',
      validTo: '2034-02-01', nationality: 'ESP', previousCardLink: '',
    },
  },
];

function build(spec: CardSpec, index: number): SimulatedIdCard {
  const base = {
    id: spec.id,
    label: maskedCardLabel(spec.card),
    note: spec.note,
    textBlock: encodeTextBlock(spec.card),
    photo: syntheticWltPhoto(index + 1),
    fingerprint: syntheticFingerprint(index + 1, spec.fingerprints ?? 0),
  };
  return spec.appendedAddress === undefined ? base : { ...base, appendedAddress: spec.appendedAddress };
}

/** A resident card whose ID number has a wrong check digit: the driver must refuse it. */
function defectiveCard(): SimulatedIdCard {
  const good = SPECS[0];
  if (good === undefined || good.card.type !== 'resident') throw new Error('card list changed');
  const card = { ...good.card, idNumber: '341502198503120415' };
  return {
    id: 'defect-check-digit',
    label: `测试卡 ${maskedCardLabel(card)}`,
    note: '故障测试卡：身份证号码校验位错误，应提示“证件信息无效”',
    textBlock: encodeTextBlock(card),
    photo: syntheticWltPhoto(99),
    fingerprint: new Uint8Array(0),
  };
}

export const SIMULATED_ID_CARDS: readonly SimulatedIdCard[] = [...SPECS.map(build), defectiveCard()];

/** The decoded card behind a built-in simulated card (tests compare what the driver reports). */
export function simulatedCardSource(id: string): IdCard | undefined {
  return SPECS.find((s) => s.id === id)?.card;
}

/** For the technician UI's "place card X" menu: ids and masked labels only, never the data. */
export function simulatedCardMenu(): { id: string; label: string; note: string }[] {
  return SIMULATED_ID_CARDS.map(({ id, label, note }) => ({ id, label, note }));
}
