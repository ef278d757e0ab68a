import { chineseDate, type DocumentBlock, type OfficialDocument } from '../documents/official-document.js';
import { WARNING_DEMANDS, WARNING_LEVEL_LABELS, type NoticeKind, type SubjectKind, type WarningDemand, type WarningLevel } from './levels.js';

// The notices of seed 000 (预警通知书、整改通知书) and the 诫勉谈话通知 of level 3, as official
// documents. They say what the warning demands of its subject and by when — never where it came
// from: no clue, channel, reporter or internal basis goes in.

export interface NoticeFacts {
  kind: NoticeKind;
  serialNo: string;
  issuedOn: string;
  level: WarningLevel;
  subjectKind: SubjectKind;
  /** Person: the name; org: the org's name. */
  subjectName: string;
  subjectOrgName: string;
  issuerOrgName: string;
  facts: string;
  disposalMeasures: string[];
  demands: WarningDemand[];
  deadline: string;
  talk: { scheduledOn: string | null; place: string | null; talker: string | null } | null;
}

const DEMAND_TEXT: Record<WarningDemand, string> = {
  explanation: '就上述问题提交书面情况说明',
  rectification: '剖析问题成因，制定并落实整改措施',
  rectification_report: '提交书面整改情况报告',
  admonishment_talk: '按通知参加诫勉谈话',
  personnel_filing: '诫勉谈话情况抄送同级组织人事部门备案',
};

export function noticeDocument(n: NoticeFacts): OfficialDocument {
  const you = n.subjectKind === 'person' ? '你' : '你单位';
  const level = WARNING_LEVEL_LABELS[n.level];
  const addressee = n.subjectKind === 'person' ? `${n.subjectName}同志` : n.subjectName;
  const deadline = chineseDate(n.deadline);
  const body: DocumentBlock[] = [];
  let title: string;
  if (n.kind === 'admonishment_notice') {
    title = `关于对${n.subjectKind === 'person' ? `${n.subjectName}同志` : `${n.subjectName}主要负责人`}进行诫勉谈话的通知`;
    const when = n.talk?.scheduledOn ? chineseDate(n.talk.scheduledOn) : null;
    body.push(
      { kind: 'paragraph', text: `鉴于${you}存在下列问题，根据廉情预警三级预警的规定，决定${n.subjectKind === 'person' ? '对你' : '对你单位主要负责人'}进行诫勉谈话。` },
      { kind: 'heading', level: 1, text: '谈话事由' },
      { kind: 'paragraph', text: n.facts },
      { kind: 'heading', level: 1, text: '谈话安排' },
      {
        kind: 'paragraph',
        text: when ? `谈话时间：${when}；谈话地点：${n.talk?.place ?? '另行通知'}；谈话人：${n.talk?.talker ?? '另行通知'}。请准时参加，不得无故缺席。` : '谈话时间、地点另行通知。',
      },
      { kind: 'paragraph', text: '谈话情况将形成书面记录，抄送同级组织人事部门备案。' },
    );
  } else {
    title = n.kind === 'warning_notice' ? `关于对${addressee}发出廉政风险${level}的通知` : `关于责令${addressee}限期整改的通知（${level}）`;
    body.push(
      { kind: 'paragraph', text: `经核查，${you}存在下列问题。根据廉情预警有关规定，现对${you}启动${level}，有关事项通知如下。` },
      { kind: 'heading', level: 1, text: '预警事由' },
      { kind: 'paragraph', text: n.facts },
      { kind: 'heading', level: 1, text: '处置措施' },
      { kind: 'paragraph', text: `${n.disposalMeasures.join('、')}。` },
      { kind: 'heading', level: 1, text: '有关要求' },
      ...n.demands.map((d): DocumentBlock => ({ kind: 'heading', level: 2, text: `${DEMAND_TEXT[d]}（${WARNING_DEMANDS[d]}）。` })),
      { kind: 'paragraph', text: `请于${deadline}前通过廉政风险防控预警平台或书面向${n.issuerOrgName}报告。逾期未报告或整改不到位的，将依规升级预警${n.level === 3 ? '并移送问责' : ''}。` },
    );
  }
  return {
    header: { issuerMark: n.issuerOrgName, docNumber: n.serialNo },
    title,
    recipients: addressee,
    body,
    issuer: n.issuerOrgName,
    date: n.issuedOn,
    note: '此件不公开',
    record: { ...(n.level === 3 ? { cc: '同级组织人事部门' } : {}), printer: n.issuerOrgName, printDate: n.issuedOn },
  };
}
