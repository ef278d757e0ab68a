// Actions are a typed union: the rules live here, in the core; the server's policy layer applies
// them together with the data scope, in SQL.
export const PERMISSIONS = {
  'orgs.read': '查看组织机构',
  'orgs.write': '维护组织机构',
  'people.read': '查看人员',
  'people.write': '维护人员与岗位',
  'people.import': '批量导入组织与人员',
  'users.read': '查看用户',
  'users.write': '维护用户',
  'roles.write': '维护角色',
  'audit.read': '查看审计日志',
  'risk.read': '查看廉政风险点与职权目录',
  'risk.write': '登记维护本单位风险点与职权目录',
  'risk.review': '审核、公示风险点，备案职权目录',
  'risk.matrix': '维护风险矩阵',
  'risk.campaign': '发起风险排查、指定交叉互查单位',
  'system.admin': '系统管理',
  'calendar.write': '维护节假日历',
  'warnings.read': '查看预警',
  'warnings.issue': '发出、补录、审核预警',
  'warnings.answer': '签收并答复本人或本单位的预警',
  'warnings.configure': '设置预警等级的要求、时限和颜色',
  'warnings.sweep': '立即执行逾期预警升级',
  'bulletins.write': '编写通报',
  'bulletins.approve': '审批发布通报',
  'leadership_reports.read': '查看领导专报（内刊、专题报告）',
  'leadership_reports.write': '编写领导专报',
  'clues.read': '查看预警信息台账（线索）',
  'clues.register': '登记线索',
  'clues.submit': '报送线索（预警工作站、信息报送点）',
  'clues.handle': '办理线索（定级、答复、提出处置意见）',
  'clues.route': '分办、改派线索',
  'clues.approve': '审批线索处置',
  'clues.reveal_reporter': '查看实名举报人身份（记入审计）',
  'clues.sealed': '查看并移交须报送上级纪委监委的封存来件',
  // issue 6: ratings, talks, assessment, accountability, archives
  'talks.read': '查看谈话记录与谈话计划',
  'talks.write': '登记谈话',
  'talks.plan': '制定谈话计划、生成谈话安排',
  'evaluations.read': '查看廉情预警考评结果',
  'evaluations.run': '廉情预警考评：预览、确认、发布、更正',
  'evaluations.configure': '维护考评、谈话、问责情形与廉洁信用度规则',
  'assessments.read': '查看廉政风险防控考核',
  'assessments.write': '制定考核方案、评分、确认考核结果',
  'accountability.read': '查看问责决定',
  'accountability.write': '作出问责决定',
  'archives.read': '查看个人廉政档案',
  'personal_matters.write': '登记个人有关事项报告',
  'personal_matters.check': '核查个人有关事项报告',
  'opinions.draft': '起草党风廉政意见回复',
  'opinions.approve': '审核党风廉政意见回复',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as Permission[];

// Data scope of a role: who's records it reaches, anchored at the user's org or person.
export const SCOPE_KINDS = ['all', 'custom', 'org_subtree', 'org', 'self'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export const SCOPE_LABELS: Record<ScopeKind, string> = {
  all: '全部',
  custom: '指定单位（如派驻纪检组监督的单位）',
  org_subtree: '本单位及下级',
  org: '仅本单位',
  self: '仅本人',
};

/** A scope resolved against one user: the set of records a grant reaches. */
export type ResolvedScope =
  | { kind: 'all' }
  | { kind: 'subtrees'; paths: string[] }
  | { kind: 'orgs'; orgIds: number[] }
  | { kind: 'self'; personId: number | null; orgIds: number[] };

export interface Grant {
  roleCode: string;
  permissions: ReadonlySet<Permission>;
  scope: ResolvedScope;
}

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  personId: number | null;
  orgId: number | null;
  grants: Grant[];
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => g.permissions.has(permission));
}

/** The scopes under which the actor may perform `permission` (empty: not at all). */
export function scopesFor(actor: Actor, permission: Permission): ResolvedScope[] {
  return actor.grants.filter((g) => g.permissions.has(permission)).map((g) => g.scope);
}

/** Pure membership test, mirroring the SQL filter: is an org (by path) within the scopes? */
export function orgPathInScopes(scopes: ResolvedScope[], orgId: number, orgPath: string): boolean {
  return scopes.some((s) => {
    switch (s.kind) {
      case 'all':
        return true;
      case 'subtrees':
        return s.paths.some((p) => orgPath.startsWith(p));
      case 'orgs':
      case 'self':
        return s.orgIds.includes(orgId);
    }
  });
}

/** Pure twin of `personScope`: a record about a person (in an org) within the scopes? 'self' reaches the person only. */
export function personInScopes(scopes: ResolvedScope[], personId: number | null, orgId: number, orgPath: string): boolean {
  return scopes.some((s) => (s.kind === 'self' ? personId !== null && s.personId === personId : orgPathInScopes([s], orgId, orgPath)));
}

export function permissionsOf(actor: Actor): Permission[] {
  const set = new Set<Permission>();
  for (const g of actor.grants) for (const p of g.permissions) set.add(p);
  return PERMISSION_KEYS.filter((p) => set.has(p));
}

/**
 * What the actor may not hand out in a role with these permissions and this scope kind: the
 * permissions it lacks, and — for a role that reaches the whole district — those it holds only
 * within a narrower scope. Nobody grants more than they hold, nor takes over an account that holds more.
 */
export function permissionsBeyond(actor: Actor, permissions: readonly string[], scopeKind: ScopeKind): Permission[] {
  return (permissions as Permission[]).filter((p) => {
    const scopes = scopesFor(actor, p);
    return scopes.length === 0 || (scopeKind === 'all' && !scopes.some((s) => s.kind === 'all'));
  });
}
