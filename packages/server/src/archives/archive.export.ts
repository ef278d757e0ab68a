import {
  ACCOUNTABILITY_FORM_LABELS,
  ACCOUNTABLE_ROLE_LABELS,
  CHECK_METHOD_LABELS,
  GRADE_LABELS,
  PERSONAL_MATTER_FINDING_LABELS,
  PERSONAL_MATTER_KIND_LABELS,
  TALK_CLASS_LABELS,
  TALK_KIND_LABELS,
  RISK_POINT_STATUS_LABELS,
  TALK_STATUS_LABELS,
  type RiskPointStatus,
  WARNING_OUTCOME_LABELS,
  WARNING_STATUS_LABELS,
  type IntegrityArchive,
  type WarningOutcome,
  type WarningStatus,
} from '@qingfeng/core';

/** An instant as the business date and time (Asia/Shanghai). */
const formatInstant = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);

type Sheet = { name: string; columns: { header: string; width: number }[]; rows: (string | number | null)[][] };

function sheets(a: IntegrityArchive): Sheet[] {
  return [
    {
      name: '基本情况',
      columns: [{ header: '项目', width: 18 }, { header: '内容', width: 60 }],
      rows: [
        ['姓名', a.person.name],
        ['所属组织', a.person.orgName],
        ['谈话类别', TALK_CLASS_LABELS[a.person.talkClass]],
        ['领导班子成员', a.person.isLeadershipMember ? '是' : '否'],
        ['主要负责人', a.person.isPrincipalLeader ? '是' : '否'],
        ['廉洁信用度', a.credit.score],
        ['计算过程', a.credit.expression],
        ['计算范围', `${a.credit.since} 至 ${a.generatedAt}`],
        ['档案生成日期', a.generatedAt],
      ],
    },
    {
      name: '任职经历',
      columns: [{ header: '组织', width: 30 }, { header: '岗位', width: 20 }, { header: '任职日期', width: 12 }, { header: '离任日期', width: 12 }],
      rows: a.posts.map((p) => [p.orgName, p.postName, p.startedOn, p.endedOn ?? '至今']),
    },
    {
      name: '谈话',
      columns: [{ header: '类型', width: 14 }, { header: '状态', width: 8 }, { header: '应谈日期', width: 12 }, { header: '谈话日期', width: 12 }, { header: '谈话人', width: 12 }, { header: '谈话要点', width: 50 }, { header: '表态与承诺', width: 40 }],
      rows: a.talks.items.map((t) => [TALK_KIND_LABELS[t.kind], TALK_STATUS_LABELS[t.status], t.dueOn, t.heldOn, t.talkerName, t.points, t.commitments]),
    },
    {
      name: '预警',
      columns: [{ header: '编号', width: 24 }, { header: '级别', width: 8 }, { header: '发出日期', width: 12 }, { header: '状态', width: 12 }, { header: '结果', width: 40 }],
      rows: a.warnings.items.map((w) => [w.serialNo, `${w.level}级`, w.issuedOn, WARNING_STATUS_LABELS[w.status as WarningStatus] ?? w.status, w.outcome ? (WARNING_OUTCOME_LABELS[w.outcome as WarningOutcome] ?? w.outcome) : null]),
    },
    {
      name: '廉情预警考评',
      columns: [{ header: '年度', width: 8 }, { header: '等次', width: 8 }, { header: '理由', width: 80 }],
      rows: a.ratings.items.map((r) => [r.year, GRADE_LABELS[r.grade], `${r.reason}${r.corrected ? '（更正考评）' : ''}`]),
    },
    {
      name: '问责',
      columns: [{ header: '文号', width: 20 }, { header: '决定日期', width: 12 }, { header: '决定机关', width: 20 }, { header: '身份', width: 24 }, { header: '问责情形', width: 40 }, { header: '问责方式', width: 20 }],
      rows: a.accountability.items.map((d) => [d.serialNo, d.decidedOn, d.decisionMaker, ACCOUNTABLE_ROLE_LABELS[d.role], d.behaviourTitle, ACCOUNTABILITY_FORM_LABELS[d.form]]),
    },
    {
      name: '个人有关事项报告',
      columns: [{ header: '年度', width: 8 }, { header: '类型', width: 14 }, { header: '报告日期', width: 12 }, { header: '核查方式', width: 14 }, { header: '核查日期', width: 12 }, { header: '核查结果', width: 18 }, { header: '说明', width: 40 }],
      rows: a.personalMatters.items.map((m) => [
        m.year,
        PERSONAL_MATTER_KIND_LABELS[m.kind],
        m.submittedOn,
        m.checkMethod ? CHECK_METHOD_LABELS[m.checkMethod] : '未核查',
        m.checkedOn,
        m.finding ? PERSONAL_MATTER_FINDING_LABELS[m.finding] : null,
        m.findingNote,
      ]),
    },
    {
      name: '廉政风险点',
      columns: [{ header: '岗位', width: 20 }, { header: '风险点', width: 50 }, { header: '等级', width: 8 }, { header: '状态', width: 10 }, { header: '防控措施（已落实/共）', width: 20 }],
      rows: a.riskPoints.items.map((r) => [r.postName, r.title, `${r.level}级`, RISK_POINT_STATUS_LABELS[r.status as RiskPointStatus] ?? r.status, `${r.measuresDone}/${r.measuresTotal}`]),
    },
    {
      name: '风险防范承诺书',
      columns: [{ header: '年度', width: 8 }, { header: '标题', width: 40 }, { header: '签署时间', width: 20 }, { header: '报纪委备案', width: 20 }],
      rows: a.commitments.items.map((c) => [c.year, c.title, c.signedAt ? formatInstant(c.signedAt) : '未签署', c.filedAt ? formatInstant(c.filedAt) : '未备案']),
    },
  ];
}

/** The archive as a workbook, one sheet per section. */
export async function archiveWorkbook(a: IntegrityArchive): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  for (const s of sheets(a)) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
