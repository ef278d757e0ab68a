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
  RISK_MATRIX_CREATED: '新建风险矩阵草稿',
  RISK_MATRIX_ACTIVATED: '启用风险矩阵并重新定级',
  RISK_POINT_CREATED: '登记风险点',
  RISK_POINT_UPDATED: '修改风险点',
  RISK_POINT_SUBMITTED: '提交风险点审核',
  RISK_POINT_RETURNED: '退回风险点',
  RISK_POINT_APPROVED: '审核通过风险点',
  RISK_POINT_PUBLISHED: '公示风险点',
  RISK_POINT_REVISED: '修订风险点（新版本）',
  RISK_POINT_RETIRED: '撤销风险点',
  RISK_POINTS_EXPORTED: '导出风险识别防控一览表',
  POWER_CREATED: '新增职权',
  POWER_UPDATED: '修改职权及流程图',
  POWER_SUBMITTED: '提交职权目录备案',
  POWER_RETURNED: '退回职权目录',
  POWER_FILED: '职权目录备案',
  POWER_PUBLISHED: '公开职权目录',
  POWER_RETIRED: '撤销职权',
  COMMITMENTS_DRAFTED: '生成风险防范承诺书',
  COMMITMENT_SIGNED: '签署风险防范承诺书',
  COMMITMENT_UNIT_COPY_RECORDED: '登记承诺书单位留存件',
  COMMITMENT_FILED: '承诺书报纪委备案',
  POWERS_IMPORTED: '导入职权目录',
  POWERS_EXPORTED: '导出职权目录',
  DEMO_SEEDED: '载入示范区数据',
  ADMIN_CREATED: '创建管理员',
  HOLIDAY_DAY_SET: '设置节假日或调休上班日',
  HOLIDAY_DAY_REMOVED: '删除节假日历中的日期',
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
