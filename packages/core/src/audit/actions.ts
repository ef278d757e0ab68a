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
  CLUE_REGISTERED: '登记线索',
  CLUES_BATCH_REGISTERED: '批量报送线索',
  CLUE_VIEWED: '查看线索详情',
  CLUE_TRIAGED: '线索定级研判',
  CLUE_ROUTED: '分办（改派）线索',
  CLUE_DISPOSAL_PROPOSED: '提出线索处置意见',
  CLUE_DISPOSAL_APPROVED: '批准线索处置',
  CLUE_DISPOSAL_REJECTED: '退回线索处置意见',
  CLUE_CLOSED: '线索办结',
  CLUE_REPLIED: '答复举报人',
  CLUE_ATTACHMENT_ADDED: '上传线索附件',
  CLUE_ATTACHMENT_READ: '下载线索附件',
  CLUE_REPORTER_REVEALED: '查看实名举报人身份',
  CLUES_EXPORTED: '导出预警信息台账',
  PORTAL_REPORT_RECEIVED: '收到网上举报',
  PORTAL_MESSAGE_RECEIVED: '收到举报人留言',
  SEALED_REPORT_READ: '查看封存来件',
  SEALED_REPORT_HANDED_OVER: '移交封存来件并删除本级副本',
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
