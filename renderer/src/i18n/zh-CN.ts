/**
 * Every word the kiosk shows, in Simplified Chinese: the source of truth for keys. Other languages
 * are typed against this object, so a missing key fails the typecheck. Placeholders are {name}.
 * Plain words for residents: no codes, no jargon, always say what to do next.
 */
import type { ErrorCode } from '../../../contract/index.ts';

const errors = {
  UNKNOWN_METHOD: '本机暂不支持这项操作，请到人工窗口办理。',
  INVALID_ARGUMENT: '填写的内容有误，请检查后重新提交。',
  FORBIDDEN: '您没有权限进行这项操作。',
  PAYLOAD_TOO_LARGE: '提交的内容太多，请精简后再试。',
  UNTRUSTED_SENDER: '本机安全检查未通过，请联系工作人员。',
  INTERNAL: '系统出了点问题，请稍后再试或联系工作人员。',
  NOT_FOUND: '没有找到相关信息，请确认后重试。',
  CONFLICT: '这项内容已被更新，请返回后重新操作。',
  OUT_OF_SERVICE: '本机暂停服务，请到人工窗口办理。',
  UNAVAILABLE: '服务暂时不可用，请稍后再试。',
  TIMEOUT: '等待时间过长，请重试。',
  WRONG_PIN: '密码不正确，请重新输入。',
  LOCKED_OUT: '密码错误次数过多，请稍后再试。',
  DEVICE_OFFLINE: '设备未连接，请联系工作人员。',
  DEVICE_BUSY: '设备正忙，请稍候再试。',
  DEVICE_MISCONFIGURED: '设备设置有误，请联系工作人员。',
  DEVICE_ERROR: '设备出现故障，请联系工作人员。',
  PAPER_OUT: '打印机缺纸，请联系工作人员。',
  COVER_OPEN: '打印机盖未关好，请联系工作人员。',
  UNPRINTABLE_TEXT: '部分文字无法打印，请联系工作人员。',
  NO_CARD: '没有检测到身份证，请把身份证平放在读卡区。',
  CARD_READ_FAILED: '身份证读取失败，请重新放置身份证。',
  CARD_DATA_INVALID: '身份证信息无法识别，请到人工窗口办理。',
  PLATFORM_UNREACHABLE: '暂时无法连接服务中心，已保存在本机，联网后自动提交。',
  PLATFORM_REJECTED: '服务中心未受理此次提交，请到人工窗口咨询。',
  KIOSK_REVOKED: '本机已停用，请到人工窗口办理。',
  NOT_ENROLLED: '本机尚未完成登记，请联系工作人员。',
} as const satisfies Record<ErrorCode, string>;

export const zhCN = {
  app: {
    title: '政务服务自助终端',
    loading: '正在加载…',
    connecting: '正在连接…',
  },
  frame: {
    dateTime: '{year}年{month}月{day}日 {weekday} {hour}:{minute}',
    elderOn: '长辈版',
    elderOff: '标准版',
    elderToggleLabel: '切换长辈版大字模式',
    standardToggleLabel: '切换回标准版',
    techEntry: '维护',
    techEntryLabel: '技术员入口',
    online: '在线',
    offline: '离线',
    unknownNetwork: '连接中',
    networkLabel: '网络状态：{state}',
    home: '返回首页',
  },
  weekdays: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  home: {
    welcome: '您好，请选择要办理的业务',
    comingSoon: '即将开放',
    helpLine: '需要帮助？请找大厅工作人员',
  },
  tiles: {
    guide: { title: '办事指南', description: '查找事项，了解怎么办' },
    apply: { title: '身份证读卡 · 我要办', description: '刷身份证，在线申请' },
    progress: { title: '进度查询', description: '查看办件办理进度' },
    evaluate: { title: '好差评', description: '评价我们的服务' },
    complaint: { title: '投诉建议', description: '12345 热线诉求' },
    consultation: { title: '政策征询', description: '对政策提出意见' },
    assistant: { title: '智能问答', description: '问问题，找答案' },
    report: { title: '社区上报', description: '报修、隐患、环境问题' },
    emergency: { title: '紧急呼叫', description: '一键呼叫社区值班人员' },
    doorAccess: { title: '社区门禁', description: '门禁卡与访客登记' },
    print: { title: '打印凭证', description: '打印回执与证明' },
  },
  outOfService: {
    title: '暂停服务',
    reasonLabel: '原因：',
    help: '请到人工窗口办理，或拨打 12345 政务服务热线。',
    configReason: '本机配置有误，正在等待技术员处理。',
  },
  tech: {
    signInTitle: '技术员登录',
    pinPrompt: '请输入维护密码',
    pinLabel: '已输入 {count} 位密码',
    delete: '删除',
    confirm: '确定',
    exit: '退出',
    signingIn: '正在验证…',
    digitLabel: '数字 {digit}',
    diagnosticsTitle: '设备与系统诊断',
    systemSection: '系统信息',
    configSection: '配置检查',
    configOk: '配置无问题',
    configProblems: '发现 {count} 个配置问题',
    deviceSection: '设备诊断',
    devicePending: '设备诊断将随设备层一同提供，当前版本尚无设备数据。',
    version: '软件版本',
    kioskId: '终端编号',
    kioskName: '终端名称',
    hallName: '所在大厅',
    deviceMode: '设备模式',
    deviceModeSimulated: '模拟设备',
    deviceModeReal: '真实设备',
    transport: '通信方式',
    serviceState: '服务状态',
    inService: '正常服务',
    outOfService: '暂停服务：{reason}',
    configSource: '配置来源',
    network: '网络',
    loadFailed: '读取失败：{message}',
  },
  errorBoundary: {
    title: '抱歉，页面出了点问题',
    body: '请点击“返回首页”重新开始。如果仍有问题，请联系大厅工作人员重启本机。',
    home: '返回首页',
  },
  fatal: {
    title: '暂停服务',
    body: '本机暂时无法连接服务程序，请到人工窗口办理，或联系工作人员重启本机。',
  },
  errors,
  errorFallback: '操作没有成功，请重试或联系工作人员。',
} as const;

type Widen<T> = T extends string
  ? string
  : T extends readonly string[]
    ? readonly string[]
    : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every language must fill: same keys as zh-CN, any words. */
export type Strings = Widen<typeof zhCN>;
