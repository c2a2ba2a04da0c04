/**
 * Seed FAQ, notices and policy consultations for Lu'an. Dates are relative to the seeding moment so
 * the consultations are open when a fresh platform starts. Runtime: pure.
 */
import type { Consultation, FaqEntry, Notice } from '../../sync/protocol/feeds.ts';
import type { ServiceItem } from '../../sync/protocol/serviceItem.ts';

const GENERAL_FAQ: readonly (readonly [question: string, answer: string, tags: string])[] = [
  ['政务服务中心的办公时间是什么？', '周一至周五上午8:30—12:00，下午14:30—17:30（7月至9月下午15:00—18:00），法定节假日除外。24小时自助服务区全天开放。', '办公时间'],
  ['自助终端可以办理哪些业务？', '标有“可自助办理”的事项均可在本终端提交申请，包括社保卡补换、公积金提取、医保报销、参保证明打印等。其他事项可在终端查看办事指南后到窗口办理。', '自助终端'],
  ['在自助终端提交申请后多久能收到受理编号？', '联网状态下提交后立即显示受理编号；终端离线时申请会安全保存在本机，联网后自动提交，受理编号可在“我的办件”中查看或重新打印。', '自助终端,受理编号'],
  ['忘记带身份证可以办理吗？', '多数事项可通过皖事通“亮证”或电子证照调取身份信息，但需要现场核验身份的事项仍需携带身份证原件。', '身份证,电子证照'],
  ['什么是“最多跑一次”？', '指申请材料齐全、符合法定形式的情况下，从提交申请到获得办理结果，申请人最多到现场一次。办事指南中“到现场次数”为0的事项可全程网办。', '最多跑一次'],
  ['如何查询办件进度？', '可凭受理编号在本终端“办件查询”中查询，也可通过皖事通APP、安徽政务服务网或拨打12345热线查询。', '办件查询'],
  ['对办理结果不满意如何评价？', '办结后可在终端或皖事通对本次服务进行“好差评”，差评会在规定时限内回访核实并整改。', '好差评'],
  ['投诉电话是多少？', '可拨打12345政务服务便民热线，或各事项办事指南中列出的监督投诉电话。', '投诉'],
  ['老年人使用自助终端有困难怎么办？', '点击屏幕右上角“长辈模式”可放大字体并开启语音提示；也可按“呼叫帮办”请工作人员协助。', '适老化,帮办'],
  ['代办需要带哪些材料？', '一般需要委托人签字的授权委托书、委托人和受托人的身份证明原件。个别事项不允许代办，详见办事指南。', '代办'],
  ['材料可以用复印件吗？', '办事指南中注明“原件核验”的材料需提供原件，其余材料可提供复印件或电子材料。', '材料'],
  ['在终端上填写的个人信息会被保存吗？', '个人信息加密后仅用于本次办理，终端不会在您离开后保留您的信息；屏幕和回执上的证件号码、手机号均已部分隐藏。', '隐私'],
  ['外地户籍可以在六安办理吗？', '已在六安参保或持有六安居住证的，可办理社保、医保、公积金等大部分事项；跨省通办事项可在“跨省通办”专区办理。', '跨省通办'],
  ['打印的回执丢了怎么办？', '可在终端“我的办件”中凭受理编号重新打印回执，或到窗口查询。', '回执'],
  ['政务服务中心可以停车吗？', '中心地下停车场向办事群众开放，首1小时免费。', '停车'],
  ['帮办代办服务怎么预约？', '可拨打0564-12345或在皖事通“预约办”中预约，重点人群可申请上门帮办。', '帮办,预约'],
];

/** ≥ 60 entries: general questions plus material / time-limit / self-service questions per popular item. */
export function luanFaq(catalog: readonly ServiceItem[]): FaqEntry[] {
  const faq: FaqEntry[] = GENERAL_FAQ.map(([question, answer, tags], i) => ({
    id: `faq-general-${String(i + 1).padStart(3, '0')}`,
    question,
    answer,
    serviceCodes: [],
    tags: tags.split(','),
    order: i + 1,
  }));
  // Two items per department (the first two listed), three questions each.
  const byDept = new Map<string, ServiceItem[]>();
  for (const item of catalog) byDept.set(item.department.name, [...(byDept.get(item.department.name) ?? []), item]);
  let order = 100;
  for (const items of byDept.values()) {
    for (const item of items.slice(0, 2)) {
      const required = item.materials.filter((m) => m.required).map((m) => m.name);
      const optional = item.materials.filter((m) => !m.required).map((m) => m.name);
      const limit = item.promisedTimeLimit.value === 0 ? '即时办结' : `承诺${item.promisedTimeLimit.value}个${item.promisedTimeLimit.unit}内办结（法定时限${item.legalTimeLimit.value}个${item.legalTimeLimit.unit}）`;
      const base = { department: item.department.name, serviceCodes: [item.code] };
      faq.push({
        ...base,
        id: `faq-${item.catalogCode}-materials`,
        question: `办理“${item.name}”需要准备哪些材料？`,
        answer: `需提供：${required.join('、') || '无需额外材料'}${optional.length > 0 ? `；视情形提供：${optional.join('、')}` : ''}。`,
        tags: ['材料', ...item.themes],
        order: order++,
      });
      faq.push({
        ...base,
        id: `faq-${item.catalogCode}-time`,
        question: `“${item.name}”多久能办好？`,
        answer: `${limit}。到现场次数：${item.onSiteVisits}次。${item.fees.charged ? `收费标准：${item.fees.items.map((f) => f.standard).join('；')}。` : '本事项不收费。'}`,
        tags: ['办理时限'],
        order: order++,
      });
      faq.push({
        ...base,
        id: `faq-${item.catalogCode}-where`,
        question: `“${item.name}”可以在自助终端办理吗？`,
        answer: item.terminalCapable
          ? `可以。在本终端选择“${item.name}”，刷身份证后按提示填写并确认即可提交，提交后可打印受理回执。`
          : `暂不支持自助终端办理，请到${item.address}办理，咨询电话${item.consultPhone}。`,
        tags: ['自助终端'],
        order: order++,
      });
    }
  }
  return faq;
}

const DAY = 86_400_000;

export function luanNotices(now: Date): Notice[] {
  const at = (days: number): string => new Date(now.getTime() + days * DAY).toISOString();
  return [
    {
      id: 'notice-2025-001',
      title: '关于2025年度城乡居民基本医疗保险集中参保缴费的通知',
      body: '2025年度城乡居民医保集中缴费期为即日起至12月31日，个人缴费标准为每人每年380元。可通过皖事通、微信“安徽税务”、银行网点或政务服务中心自助终端缴费。',
      category: '通知',
      department: '六安市医疗保障局',
      publishedAt: at(-3),
      validUntil: at(60),
      pinned: true,
    },
    {
      id: 'notice-2025-002',
      title: '政务服务中心“延时服务”和“周末不打烊”服务安排',
      body: '为方便上班族办事，社保、医保、公积金、不动产登记窗口每周六上午9:00—12:00提供服务，工作日延时至18:30。',
      category: '公告',
      department: '六安市数据资源管理局',
      publishedAt: at(-10),
      validUntil: null,
      pinned: false,
    },
    {
      id: 'notice-2025-003',
      title: '温馨提示：养老保险待遇领取资格认证可在自助终端“刷脸”完成',
      body: '领取养老保险待遇的人员每年需进行一次资格认证。在本终端刷身份证并完成人脸比对即可认证，无需到窗口排队。',
      category: '温馨提示',
      department: '六安市人力资源和社会保障局',
      publishedAt: at(-1),
      validUntil: null,
      pinned: false,
    },
    {
      id: 'notice-2025-004',
      title: '系统维护公告：不动产登记系统将于本周六夜间升级',
      body: '本周六22:00至次日6:00不动产登记系统升级，期间不动产登记资料查询暂停服务，其他业务不受影响。',
      category: '公告',
      department: '六安市不动产登记中心',
      publishedAt: at(0),
      validUntil: at(7),
      pinned: false,
    },
    {
      id: 'notice-2025-005',
      title: '政策解读：住房公积金租房提取额度提高',
      body: '自本月起，在六安市无自有住房的职工租房提取住房公积金，每人每年最高可提取额度由1.2万元提高至1.5万元，按月提取不受次数限制。',
      category: '政策解读',
      department: '六安市住房公积金管理中心',
      publishedAt: at(-5),
      validUntil: null,
      pinned: false,
    },
  ];
}

export function luanConsultations(now: Date): Consultation[] {
  const at = (days: number): string => new Date(now.getTime() + days * DAY).toISOString();
  return [
    {
      id: 'consult-2025-edu-enrolment',
      title: '《六安市城区义务教育学校招生入学工作方案（征求意见稿）》公开征求意见',
      summary: '为进一步规范城区义务教育招生入学工作，市教育局起草了招生入学工作方案，重点调整学区划分、随迁子女入学材料和线上报名流程，现公开征求社会意见。',
      department: '六安市教育局',
      opensAt: at(-7),
      closesAt: at(23),
      questions: [
        { id: 'q1', text: '您与本方案的关系是？', kind: 'single', options: ['学生家长', '教师', '学校管理者', '其他'], required: true },
        { id: 'q2', text: '您认为以下哪些方面最需要改进？（可多选）', kind: 'multiple', options: ['学区划分', '报名材料', '线上报名流程', '随迁子女入学', '信息公开'], required: true },
        { id: 'q3', text: '您是否赞成随迁子女入学以居住证和社保缴费记录为主要依据？', kind: 'single', options: ['赞成', '基本赞成', '不赞成', '说不清'], required: true },
        { id: 'q4', text: '其他意见或建议', kind: 'text', options: [], required: false },
      ],
    },
    {
      id: 'consult-2025-bus-network',
      title: '六安市主城区公交线网优化调整方案征求意见',
      summary: '市交通运输局拟对主城区28条公交线路进行优化调整，新增2条社区微循环线路，现就调整方案征求市民意见。',
      department: '六安市交通运输局',
      opensAt: at(-2),
      closesAt: at(12),
      questions: [
        { id: 'q1', text: '您乘坐公交的频率是？', kind: 'single', options: ['每天', '每周几次', '偶尔', '从不'], required: true },
        { id: 'q2', text: '您最希望改善的方面是？（可多选）', kind: 'multiple', options: ['发车间隔', '线路覆盖', '首末班时间', '站点设置', '换乘便利'], required: true },
        { id: 'q3', text: '您对新增社区微循环线路的看法', kind: 'single', options: ['非常需要', '需要', '无所谓', '不需要'], required: false },
        { id: 'q4', text: '请写下您建议调整的线路或站点', kind: 'text', options: [], required: false },
      ],
    },
  ];
}
