// Sample official documents for the documents tests and `npm run bench:documents`.
import type { OfficialDocument } from '@qingfeng/core';

export const warningNotice: OfficialDocument = {
  header: { issuerMark: '中共示范区纪律检查委员会', docNumber: '示纪预〔2026〕1号', urgency: '加急' },
  title: '关于对区住房和城乡建设局发出廉政风险二级预警的通知',
  recipients: '区住房和城乡建设局',
  body: [
    { kind: 'paragraph', text: '根据《示范区廉政风险防控预警管理办法》，经区纪委监委综合研判，你单位在工程项目招投标管理中存在较高廉政风险，现发出二级预警，有关事项通知如下。' },
    { kind: 'heading', level: 1, text: '预警事由' },
    { kind: 'paragraph', text: '2026年以来，你单位负责的3个政府投资项目存在拆分发包、评标专家抽取记录不完整等问题，群众来信反映2件，经初步核实部分属实。' },
    { kind: 'heading', level: 1, text: '整改要求' },
    { kind: 'heading', level: 2, text: '书面说明情况' },
    { kind: 'paragraph', text: '请于收到本通知之日起10个工作日内，向区纪委监委书面说明有关情况。' },
    { kind: 'heading', level: 2, text: '限期整改' },
    { kind: 'heading', level: 3, text: '对照《风险识别防控一览表》逐项查找风险点，完善防控措施。' },
    { kind: 'heading', level: 3, text: '于2026年12月21日前报送书面整改报告。' },
    {
      kind: 'table',
      landscape: true,
      header: ['序号', '岗位', '风险点', '风险等级', '防控措施', '责任人'],
      widths: [1, 3, 6, 2, 7, 2],
      rows: [
        ['1', '工程项目管理科科长', '招标文件设置排他性条款', '高', '招标文件由法规科合法性审查，集体研究后发布', '王建国'],
        ['2', '评标专家抽取岗', '专家抽取过程不留痕', '中', '抽取全程录像，记录双人签字存档', '李敏'],
      ],
    },
  ],
  attachments: ['风险识别防控一览表', '整改情况报告模板'],
  issuer: '中共示范区纪律检查委员会',
  date: '2026-11-23',
  note: '此件不公开',
  record: { cc: '区委办公室，区政府办公室，区委组织部', printer: '中共示范区纪委办公室', printDate: '2026-11-23' },
};

export const commitment: OfficialDocument = {
  title: '党风廉政建设承诺书',
  body: [{ kind: 'paragraph', text: '本人郑重承诺：严格遵守党的政治纪律和政治规矩，认真履行一岗双责，廉洁用权，自觉接受监督。' }],
  issuer: '承诺人：王建国',
  date: '2026-03-02',
};
