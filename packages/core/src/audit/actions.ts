// Audit events: an enumerated, past-tense list; use cases emit them explicitly.
export const AUDIT_ACTIONS = {
  ORG_CREATED: '新建组织',
  ORG_UPDATED: '修改组织',
  ORG_MOVED: '调整上级组织',
  ORG_RETIRED: '撤销组织',
  PERSON_CREATED: '新增人员',
  PERSON_UPDATED: '修改人员',
  PERSON_VIEWED: '查看人员详情（含身份证号）',
  PERSON_RETIRED: '人员离岗',
  PEOPLE_EXPORTED: '导出人员名册',
  POST_CREATED: '新建岗位',
  POST_UPDATED: '修改岗位',
  POST_RETIRED: '撤销岗位',
  POST_ASSIGNED: '任职',
  POST_ASSIGNMENT_ENDED: '离任',
  USER_CREATED: '新建用户',
  USER_UPDATED: '修改用户',
  USER_LOGGED_IN: '登录',
  USER_LOGIN_FAILED: '登录失败',
  USER_LOCKED: '账户锁定',
  USER_LOGGED_OUT: '退出登录',
  USER_PASSWORD_CHANGED: '修改密码',
  USER_TOTP_ENABLED: '绑定动态验证码',
  ROLE_CREATED: '新建角色',
  ROLE_UPDATED: '修改角色',
  ROLE_DELETED: '删除角色',
  IMPORT_COMPLETED: '批量导入',
  DEMO_SEEDED: '载入示范区数据',
  ADMIN_CREATED: '创建管理员',
  HOLIDAY_DAY_SET: '设置节假日或调休上班日',
  HOLIDAY_DAY_REMOVED: '删除节假日历中的日期',
  // issue 6
  EVALUATION_SETTING_UPDATED: '修改考评规则配置',
  TALK_PLAN_CREATED: '制定谈话计划',
  TALK_SCHEDULE_GENERATED: '生成谈话安排',
  TALK_RECORDED: '登记谈话',
  TALK_CANCELLED: '取消谈话',
  ACCOUNTABILITY_BEHAVIOUR_CREATED: '新增问责情形',
  ACCOUNTABILITY_BEHAVIOUR_RETIRED: '停用问责情形',
  ACCOUNTABILITY_DECIDED: '作出问责决定',
  ASSESSMENT_SCHEME_CREATED: '制定考核方案',
  ASSESSMENT_SCORED: '考核评分',
  ASSESSMENT_CONFIRMED: '确认考核结果',
  RECTIFICATION_REPORTED: '报送考核整改情况',
  PERSONAL_MATTER_SUBMITTED: '登记个人有关事项报告',
  PERSONAL_MATTER_CHECKED: '核查个人有关事项报告',
  ARCHIVE_VIEWED: '查看个人廉政档案',
  ARCHIVE_EXPORTED: '导出个人廉政档案',
  OPINION_DRAFTED: '起草党风廉政意见回复',
  OPINION_SUBMITTED: '提交党风廉政意见回复审核',
  OPINION_RETURNED: '退回党风廉政意见回复',
  OPINION_APPROVED: '审核通过党风廉政意见回复',
  OPINION_DOWNLOADED: '下载党风廉政意见回复',
  EVALUATION_CONFIRMED: '确认廉情预警考评',
  EVALUATION_PUBLISHED: '发布廉情预警考评',
  EVALUATION_CORRECTED: '更正廉情预警考评',
  EVALUATION_TASK_DONE: '完成考评后果任务',
  DISQUALIFICATION_EXPORTED: '导出取消评先评优资格名单',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Canonical JSON (sorted keys) so a hash survives a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
