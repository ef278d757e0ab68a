// DOMAIN.md · RiskPoint, Power: the enumerations of the risk register and their Chinese names.

/** 对象层级 [001, 002]: post, section, unit, leadership team, one member of the leadership team. */
export const OBJECT_LEVELS = ['post', 'section', 'unit', 'leadership', 'leader_member'] as const;
export type ObjectLevel = (typeof OBJECT_LEVELS)[number];
export const OBJECT_LEVEL_LABELS: Record<ObjectLevel, string> = {
  post: '岗位',
  section: '股室',
  unit: '单位',
  leadership: '领导班子',
  leader_member: '领导班子成员',
};

/** 风险类别 [004]. */
export const RISK_CATEGORIES = ['ideological_moral', 'post_duties', 'business_process', 'institutional', 'external'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];
export const RISK_CATEGORY_LABELS: Record<RiskCategory, string> = {
  ideological_moral: '思想道德',
  post_duties: '岗位职责',
  business_process: '业务流程',
  institutional: '制度机制',
  external: '外部环境',
};

/** 查找方式 [001, 004]. */
export const DISCOVERY_METHODS = ['self_check', 'dept_review', 'cross_check', 'leadership_review'] as const;
export type DiscoveryMethod = (typeof DISCOVERY_METHODS)[number];
export const DISCOVERY_METHOD_LABELS: Record<DiscoveryMethod, string> = {
  self_check: '个人自查',
  dept_review: '部门评查',
  cross_check: '交叉互查',
  leadership_review: '领导审查',
};

/** 职权类型 [002]. */
export const POWER_TYPES = ['approval', 'penalty', 'enforcement', 'levy', 'benefit', 'adjudication', 'confirmation', 'award', 'other'] as const;
export type PowerType = (typeof POWER_TYPES)[number];
export const POWER_TYPE_LABELS: Record<PowerType, string> = {
  approval: '审批',
  penalty: '处罚',
  enforcement: '强制',
  levy: '征收',
  benefit: '给付',
  adjudication: '裁决',
  confirmation: '确认',
  award: '奖励',
  other: '其他',
};
