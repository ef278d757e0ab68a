// The three-tier warning mechanism of seed 000 (建立三阶预警等级，形成廉情预警的追究机制), as data.
// What each level demands, its deadline in working days and its colour are configuration: the
// defaults below are what migration 0300 seeds into `warning_level_rules`; a deployment edits them.

export const WARNING_LEVELS = [1, 2, 3] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

export const WARNING_LEVEL_LABELS: Record<WarningLevel, string> = { 1: '一级预警', 2: '二级预警', 3: '三级预警' };

/** What a warning asks of its subject (seed 000), each either answered in writing or recorded by the issuer. */
export const WARNING_DEMANDS = {
  explanation: '书面情况说明',
  rectification: '限期整改（剖析原因、制定整改措施）',
  rectification_report: '书面整改情况报告',
  admonishment_talk: '诫勉谈话',
  personnel_filing: '抄送同级组织人事部门备案',
} as const;
export type WarningDemand = keyof typeof WARNING_DEMANDS;
export const WARNING_DEMAND_KEYS = Object.keys(WARNING_DEMANDS) as WarningDemand[];

/** The notices a warning is delivered with (seed 000: 预警通知书或整改通知书). */
export const NOTICE_KINDS = {
  warning_notice: { label: '预警通知书', serialTemplate: '示纪预〔{year}〕{seq}号' },
  rectification_notice: { label: '整改通知书', serialTemplate: '示纪改〔{year}〕{seq}号' },
  admonishment_notice: { label: '诫勉谈话通知', serialTemplate: '示纪诫〔{year}〕{seq}号' },
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;
export const NOTICE_KIND_KEYS = Object.keys(NOTICE_KINDS) as NoticeKind[];

/** Disposal measures (seed 003: 预警处置方式), for people and for units. */
export const DISPOSAL_MEASURES = {
  person: ['提醒', '谈心疏导', '批评教育', '信访约谈', '发函询问', '诫勉谈话'],
  org: ['对责任领导诫勉谈话', '纪检建议书', '责成召开专题民主生活会', '问廉问责书', '限期整改'],
} as const;
export type SubjectKind = keyof typeof DISPOSAL_MEASURES;
export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = { person: '个人', org: '单位' };

export interface WarningLevelRule {
  level: WarningLevel;
  name: string;
  /** What the subject must do (or the issuer must record) before the warning can close as accepted. */
  demands: WarningDemand[];
  /** Working days from the day of issue to the deadline. */
  deadlineWorkingDays: number;
  /** Card colour (CSS colour). */
  colour: string;
  /** Notices generated on issue, the first one giving the warning its 文号. */
  notices: NoticeKind[];
  /** Measures a warning raised by escalation carries, per kind of subject. */
  escalationMeasures: Record<SubjectKind, string[]>;
}

/** Seed 000's three levels; deadlines and colours (seed 004: 蓝、橙、红) are the deployment's defaults. */
export const DEFAULT_WARNING_RULES: readonly WarningLevelRule[] = [
  {
    level: 1,
    name: '一级预警',
    demands: ['explanation'],
    deadlineWorkingDays: 5,
    colour: '#1677ff',
    notices: ['warning_notice'],
    escalationMeasures: { person: ['提醒'], org: ['限期整改'] },
  },
  {
    level: 2,
    name: '二级预警',
    demands: ['explanation', 'rectification', 'rectification_report'],
    deadlineWorkingDays: 10,
    colour: '#fa8c16',
    notices: ['rectification_notice'],
    escalationMeasures: { person: ['批评教育'], org: ['纪检建议书', '限期整改'] },
  },
  {
    level: 3,
    name: '三级预警',
    demands: ['admonishment_talk', 'personnel_filing', 'rectification', 'rectification_report'],
    deadlineWorkingDays: 15,
    colour: '#f5222d',
    notices: ['rectification_notice', 'admonishment_notice'],
    escalationMeasures: { person: ['诫勉谈话'], org: ['对责任领导诫勉谈话', '限期整改'] },
  },
];

/** Overdue warnings are highlighted in this colour whatever their level (configurable beside the levels). */
export const DEFAULT_OVERDUE_COLOUR = '#a8071a';

export function ruleFor(rules: readonly WarningLevelRule[], level: WarningLevel): WarningLevelRule {
  const rule = rules.find((r) => r.level === level);
  if (!rule) throw new RangeError(`no rule for warning level ${level}`);
  return rule;
}

/** Measures must come from the dictionary of the subject's kind. */
export function unknownMeasures(kind: SubjectKind, measures: readonly string[]): string[] {
  const allowed: readonly string[] = DISPOSAL_MEASURES[kind];
  return measures.filter((m) => !allowed.includes(m));
}
