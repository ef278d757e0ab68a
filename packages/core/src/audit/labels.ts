import { AUDIT_ACTIONS } from './actions.js';

/**
 * The object types the server writes (`objectType` of an audit entry), with their names in the
 * audit log. packages/server/test/audit.test.ts fails for a type written without one.
 */
export const AUDIT_OBJECT_TYPES = {
  org: '组织',
  person: '人员',
  post: '岗位',
  user: '用户',
  role: '角色',
  import: '批量导入',
  system: '系统',
  holiday_day: '节假日历',
  risk_matrix: '风险矩阵',
  risk_settings: '监督室设置',
  risk_point: '风险点',
  check_campaign: '风险排查',
  power: '职权',
  commitment: '风险防范承诺书',
  clue: '问题线索',
  sealed_report: '封存来件',
  warning: '预警',
  warning_level_rule: '预警等级设置',
  bulletin: '通报',
  leadership_report: '领导专报',
  evaluation_setting: '考评规则配置',
  evaluation_run: '廉情预警考评',
  evaluation_task: '考评后果任务',
  talk_plan: '谈话计划',
  talk: '谈话',
  assessment_scheme: '考核方案',
  assessment_result: '考核结果',
  accountability_behaviour: '问责情形',
  accountability_decision: '问责决定',
  personal_matter_report: '个人有关事项报告',
  integrity_opinion: '党风廉政意见回复',
} as const;
export type AuditObjectType = keyof typeof AUDIT_OBJECT_TYPES;

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The name of an audit action; an entry written under a code since withdrawn keeps its code. */
export const auditActionLabel = (action: string): string => (has(AUDIT_ACTIONS, action) ? AUDIT_ACTIONS[action as keyof typeof AUDIT_ACTIONS] : action);

/** The name of an audit entry's object type; an unknown type is shown as written. */
export const auditObjectTypeLabel = (objectType: string): string =>
  has(AUDIT_OBJECT_TYPES, objectType) ? AUDIT_OBJECT_TYPES[objectType as AuditObjectType] : objectType;
