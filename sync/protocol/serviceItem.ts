/**
 * A service item (政务服务事项) in the shape of the national implementation list (事项要素,
 * shared research kiosk-features §3.3): what the kiosk shows as the 办事指南 and uses to decide
 * whether it can take the application itself. Denormalised: materials and fees are embedded, so
 * one document is complete on its own and pages never break an invariant. Runtime: pure.
 */
import { z } from 'zod';

export const SERVICE_TYPES = ['行政许可', '行政给付', '行政确认', '行政裁决', '行政奖励', '行政征收', '其他行政权力', '公共服务'] as const;
export const ServiceType = z.enum(SERVICE_TYPES);

/** 工作日 excludes weekends and public holidays; 自然日 counts every day. */
export const TimeLimitUnit = z.enum(['工作日', '自然日']);
export const TimeLimit = z.object({
  value: z.number().int().nonnegative(),
  unit: TimeLimitUnit,
  /** e.g. "不含公告期" or "即时办结". */
  note: z.string().optional(),
});
export type TimeLimit = z.infer<typeof TimeLimit>;

export const MaterialForm = z.enum(['纸质', '电子', '纸质或电子']);
export const Material = z.object({
  name: z.string().min(1),
  form: MaterialForm,
  copies: z.number().int().nonnegative(),
  required: z.boolean(),
  /** 来源渠道 / 受理标准 / 填报须知, shown under the material. */
  note: z.string().optional(),
});
export type Material = z.infer<typeof Material>;

export const FeeItem = z.object({ name: z.string().min(1), standard: z.string().min(1), basis: z.string().optional() });
export const Fees = z.object({ charged: z.boolean(), items: z.array(FeeItem) });

export const ServiceStep = z.object({ name: z.string().min(1), description: z.string() });

export const ServiceDepartment = z.object({
  name: z.string().min(1),
  /** 统一社会信用代码 of the implementing body (实施主体编码). */
  code: z.string().min(1),
});

export const ServiceItem = z.object({
  /** 实施编码 (task_code): the primary key for applications and 好差评. Opaque: never parse it. */
  code: z.string().min(1),
  /** 基本编码 (catalog_code). */
  catalogCode: z.string().min(1),
  name: z.string().min(1),
  department: ServiceDepartment,
  type: ServiceType,
  /** 服务对象. */
  serviceObjects: z.array(z.enum(['自然人', '法人', '其他组织'])).min(1),
  /** 办件类型: 即办件 finishes on the spot, 承诺件 within the promised limit. */
  projectType: z.enum(['即办件', '承诺件']),
  useLevel: z.enum(['省级', '市级', '县级', '乡级', '村级']),
  legalBasis: z.string().min(1),
  acceptanceConditions: z.array(z.string().min(1)).min(1),
  steps: z.array(ServiceStep).min(1),
  legalTimeLimit: TimeLimit,
  promisedTimeLimit: TimeLimit,
  materials: z.array(Material),
  fees: Fees,
  address: z.string().min(1),
  hours: z.string().min(1),
  consultPhone: z.string().min(1),
  complaintPhone: z.string().min(1),
  /** 到办事现场次数 (跑动次数): 0 = 零跑腿, 1 = 最多跑一次. */
  onSiteVisits: z.number().int().min(0).max(5),
  /** 是否支持自助终端办理 (is_service_terminals): the kiosk offers to take applications only for these. */
  terminalCapable: z.boolean(),
  onlineCapable: z.boolean(),
  /** 自然人 / 法人 主题分类, used for the home-screen categories. */
  themes: z.array(z.string().min(1)),
  /** 事项版本 as published. */
  itemVersion: z.string().min(1),
  updatedAt: z.iso.datetime(),
});
export type ServiceItem = z.infer<typeof ServiceItem>;
