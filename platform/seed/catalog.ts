/**
 * Expands the department tables into complete 事项要素 documents, deterministically (a seeded PRNG
 * per item: the same input always gives the same catalogue). Runtime: pure.
 */
import type { Material, ServiceItem } from '../../sync/protocol/serviceItem.ts';
import { COUNTIES, DEPARTMENTS, type DepartmentSpec, type ItemSpec } from './departments.ts';

/** mulberry32: tiny, fast, good enough for plausible variation. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPE_DIGITS: Record<ServiceItem['type'], string> = {
  行政许可: '000', 行政给付: '002', 行政确认: '007', 行政裁决: '008', 行政奖励: '009', 行政征收: '003', 其他行政权力: '010', 公共服务: '201',
};

const HALL = '六安市政务服务中心（金安区梅山南路与皋城路交口）';
const HOURS = '周一至周五 上午8:30—12:00，下午14:30—17:30（7月至9月下午15:00—18:00），法定节假日除外；24小时自助服务区全天开放';
export const SEED_UPDATED_AT = '2025-01-06T08:00:00.000Z';

function creditCode(deptIndex: number): string {
  return `113415000${String(3_015_270 + deptIndex * 4_117).padStart(8, '0')}${'ABCDEFGHJKLMNPQRTUWXY'[deptIndex % 21] ?? 'X'}`;
}

function parseMaterials(spec: string, rnd: () => number): Material[] {
  return spec
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((raw) => {
      const optional = raw.startsWith('?');
      const electronic = raw.replace(/^\?/, '').startsWith('#');
      const name = raw.replace(/^[?#]+/, '');
      const form: Material['form'] = electronic ? '电子' : rnd() < 0.6 ? '纸质或电子' : '纸质';
      const material: Material = { name, form, copies: form === '电子' ? 0 : 1, required: !optional };
      if (name.includes('身份证') || name.includes('户口簿')) material.note = '原件核验，可通过电子证照调取';
      else if (optional) material.note = '视情形提供';
      return material;
    });
}

function conditions(spec: ItemSpec, dept: DepartmentSpec, legal: boolean): string[] {
  const [name, type] = spec;
  const subject = legal ? '依法设立的企业或其他组织' : '具有本市户籍或在本市参保、居住的申请人';
  const list = [`${subject}，符合${dept.legalBasis.split('》')[0] ?? dept.legalBasis}》规定的条件`];
  if (type === '行政给付') list.push('符合待遇享受条件且未重复享受同类待遇');
  if (type === '行政许可') list.push('申请材料齐全、符合法定形式');
  if (name.includes('补')) list.push('原证件遗失、损坏或信息有误');
  list.push('申请人对所提交材料的真实性负责');
  return list;
}

function steps(promisedDays: number, terminal: boolean): ServiceItem['steps'] {
  const apply = { name: '申请', description: terminal ? '在窗口、皖事通或政务服务自助终端提交申请及材料' : '在窗口或皖事通提交申请及材料' };
  if (promisedDays === 0) {
    return [apply, { name: '受理', description: '窗口或系统即时核验材料，符合条件的当场受理' }, { name: '办结', description: '当场办结，出具办理结果或回执' }];
  }
  return [
    apply,
    { name: '受理', description: '材料齐全、符合法定形式的予以受理并出具受理通知书；不予受理的一次性告知理由' },
    { name: '审核', description: '承办科室对申请材料进行审查，必要时进行现场核查' },
    { name: '决定', description: '作出准予或不予办理的决定' },
    { name: '办结', description: '通过窗口领取、邮寄或电子证照方式送达办理结果' },
  ];
}

/** One complete service item from its department and spec; `variant` makes county copies for benchmarks. */
export function buildServiceItem(deptIndex: number, itemIndex: number, variant?: { county: string; n: number }): ServiceItem {
  const dept = DEPARTMENTS[deptIndex];
  const spec = dept?.items[itemIndex];
  if (dept === undefined || spec === undefined) throw new Error(`no item ${deptIndex}/${itemIndex}`);
  const [baseName, type, promisedDays, flags, extra] = spec;
  const rnd = prng(deptIndex * 1000 + itemIndex + 1 + (variant?.n ?? 0) * 100_000);
  const legal = flags.includes('L');
  const terminal = flags.includes('T');
  const unit = flags.includes('N') ? '自然日' : '工作日';
  const catalogCode = `${TYPE_DIGITS[type]}${String(deptIndex + 11).padStart(2, '0')}${String(itemIndex + 1).padStart(3, '0')}${variant === undefined ? '0000' : String(variant.n % 10_000).padStart(4, '0')}`;
  const region = variant === undefined ? '341500000000' : `3415${String(COUNTIES.indexOf(variant.county as (typeof COUNTIES)[number]) + 2).padStart(2, '0')}000000`;
  const code = `${catalogCode}-${region}-000-${creditCode(deptIndex)}-1-00`;
  const legalDays = promisedDays === 0 ? (unit === '自然日' ? 1 : 5) : Math.max(promisedDays * 2, promisedDays + 5 + Math.floor(rnd() * 10));
  const window = 1 + Math.floor(rnd() * 12);
  const materials = parseMaterials(`${legal ? '营业执照;' : ''}${dept.baseMaterials};${extra ?? ''}`, rnd);
  const fee = flags.includes('F') && dept.fee !== undefined;
  const visits = flags.includes('V2') ? 2 : flags.includes('O') && promisedDays > 0 && rnd() < 0.4 ? 0 : 1;
  const name = variant === undefined ? baseName : `${baseName}（${variant.county}）`;
  const departmentName = variant === undefined ? dept.name : dept.name.replace('六安市', `六安市${variant.county}`);
  return {
    code,
    catalogCode,
    name,
    department: { name: departmentName, code: creditCode(deptIndex) },
    type,
    serviceObjects: legal ? ['法人'] : type === '行政许可' && rnd() < 0.3 ? ['自然人', '法人'] : ['自然人'],
    projectType: promisedDays === 0 ? '即办件' : '承诺件',
    useLevel: variant === undefined ? '市级' : '县级',
    legalBasis: dept.legalBasis,
    acceptanceConditions: conditions(spec, dept, legal),
    steps: steps(promisedDays, terminal),
    legalTimeLimit: { value: legalDays, unit },
    promisedTimeLimit: promisedDays === 0 ? { value: 0, unit, note: '即时办结' } : { value: promisedDays, unit },
    materials,
    fees: fee && dept.fee !== undefined ? { charged: true, items: [dept.fee] } : { charged: false, items: [] },
    address: `${HALL}${dept.floor}${window}号窗口`,
    hours: HOURS,
    consultPhone: dept.phone,
    complaintPhone: '0564-12345',
    onSiteVisits: visits,
    terminalCapable: terminal,
    onlineCapable: flags.includes('O'),
    themes: [...dept.themes],
    itemVersion: `${1 + Math.floor(rnd() * 4)}.${Math.floor(rnd() * 10)}`,
    updatedAt: SEED_UPDATED_AT,
  };
}

/** The seeded Lu'an catalogue: every department item once (157 items over 13 departments). */
export function luanCatalog(): ServiceItem[] {
  return DEPARTMENTS.flatMap((dept, d) => dept.items.map((_spec, i) => buildServiceItem(d, i)));
}

/** n distinct, complete items for benchmarks: the city catalogue, then county variants. */
export function generateCatalog(n: number): ServiceItem[] {
  const specs = DEPARTMENTS.flatMap((dept, d) => dept.items.map((_spec, i) => [d, i] as const));
  const out: ServiceItem[] = [];
  for (let k = 0; k < n; k++) {
    const [d, i] = specs[k % specs.length] ?? [0, 0];
    const round = Math.floor(k / specs.length);
    out.push(round === 0 ? buildServiceItem(d, i) : buildServiceItem(d, i, { county: COUNTIES[(round - 1) % COUNTIES.length] ?? '金安区', n: round }));
  }
  return out;
}
