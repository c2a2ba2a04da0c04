/**
 * A typical hall receipt (办件回执 with a QR), used by the benchmark, tests and the simulator demo.
 * Runtime: pure.
 */
import { personal, type Receipt } from './receipt.ts';

export function typicalReceipt(): Receipt {
  return {
    title: '六安市政务服务中心',
    subtitle: '办件回执',
    lines: [
      { kind: 'emphasis', text: 'A023', large: true },
      { kind: 'field', label: '办理事项', value: '户籍证明开具' },
      { kind: 'field', label: '申请人', value: personal.name('张三丰') },
      { kind: 'field', label: '身份证号', value: personal.idNumber('341502199001011234') },
      { kind: 'field', label: '联系电话', value: personal.phone('13812345678') },
      { kind: 'field', label: '受理时间', value: '2025-03-08 14:05' },
      { kind: 'field', label: '受理窗口', value: '3号窗口（户政）' },
      { kind: 'separator' },
      {
        kind: 'text',
        text: '温馨提示：请携带本人身份证原件，于3个工作日后凭本回执到3号窗口领取办理结果。如有疑问请拨打12345。',
      },
    ],
    qr: { payload: 'https://zwfw.luan.gov.cn/q?t=A023&d=20250308', caption: '扫码查询办理进度' },
    footer: ['谢谢您的耐心等待', '六安市数据资源管理局'],
  };
}
