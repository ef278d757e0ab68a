// Stable machine codes, each with its Chinese message. The HTTP layer maps them to statuses.
export const ERRORS = {
  'request.invalid': { status: 400, message: '请求参数不正确' },
  'auth.unauthenticated': { status: 401, message: '请先登录' },
  'auth.invalid_credentials': { status: 401, message: '用户名或密码错误' },
  'auth.locked': { status: 423, message: '登录失败次数过多，账户已临时锁定，请稍后再试' },
  'auth.disabled': { status: 403, message: '账户已停用' },
  'auth.totp_required': { status: 401, message: '请输入动态验证码' },
  'auth.totp_invalid': { status: 401, message: '动态验证码不正确或已使用过' },
  'auth.current_password_wrong': { status: 400, message: '当前密码不正确' },
  'auth.totp_enrollment_required': { status: 403, message: '管理员账户须先绑定动态验证码（双因素认证）' },
  'auth.csrf': { status: 403, message: '请求缺少有效的防伪令牌（CSRF），请刷新页面后重试' },
  'auth.password_weak': { status: 400, message: '密码至少10位，且须包含大写字母、小写字母、数字和符号中的三类' },
  'auth.forbidden': { status: 403, message: '没有执行此操作的权限' },
  'not_found': { status: 404, message: '记录不存在或不在您的权限范围内' },
  'orgs.cycle': { status: 409, message: '不能将组织移动到其自身或其下级之下' },
  'orgs.parent_out_of_scope': { status: 403, message: '上级组织不在您的权限范围内' },
  'orgs.has_people': { status: 409, message: '该组织仍有在岗人员，不能撤销' },
  'orgs.has_children': { status: 409, message: '该组织仍有未撤销的下级组织，不能撤销' },
  'orgs.code_duplicate': { status: 409, message: '组织代码已存在' },
  'orgs.root_exists': { status: 409, message: '已存在顶级组织，新组织须指定上级' },
  'orgs.retired': { status: 409, message: '该组织已撤销' },
  'people.id_number_duplicate': { status: 409, message: '身份证号已存在' },
  'posts.retired': { status: 409, message: '岗位已撤销' },
  'users.username_duplicate': { status: 409, message: '用户名已存在' },
  'users.cannot_disable_self': { status: 409, message: '不能停用自己的账户' },
  'roles.code_duplicate': { status: 409, message: '角色代码已存在' },
  'roles.builtin': { status: 409, message: '内置角色不能删除' },
  'roles.in_use': { status: 409, message: '角色仍被用户使用，不能删除' },
  'import.bad_file': { status: 400, message: '无法读取 Excel 文件，请使用下载的模板' },
  'import.bad_columns': { status: 400, message: 'Excel 表头与模板不一致' },
  'import.rows_invalid': { status: 422, message: '导入数据有错误，未导入任何记录' },
  'import.too_many_rows': { status: 400, message: '每次最多导入 5000 行数据，请分批导入' },
  'import.file_too_large': { status: 413, message: '文件超过 10 MB，请分批导入' },
  'import.empty': { status: 400, message: '文件中没有可导入的数据（两张表都只有表头）' },
  'risk_points.no_measure': { status: 422, message: '至少需要一条防控措施才能提交审核' },
  'risk_points.out_of_scale': { status: 400, message: '发生概率或危害程度不在当前风险矩阵的刻度中' },
  'risk_points.wrong_status': { status: 409, message: '风险点当前状态不允许此操作' },
  'risk_points.self_review': { status: 403, message: '不能审核本人提交的风险点' },
  'risk_points.open_revision': { status: 409, message: '该风险点已有未公示的修订版本' },
  'risk_matrices.not_draft': { status: 409, message: '只能启用尚未启用的风险矩阵草稿' },
  'risk_matrices.preview_stale': { status: 409, message: '风险点已有变动，与预览结果不一致，请重新预览后再确认' },
  'risk_matrices.values_in_use': { status: 409, message: '有风险点的发生概率或危害程度不在新矩阵的刻度中，不能启用' },
  'powers.wrong_status': { status: 409, message: '职权当前状态不允许此操作' },
  'powers.no_steps': { status: 422, message: '提交备案前须编制权力运行流程图（至少一个步骤）' },
  'backup.not_empty': { status: 409, message: '目标数据库不为空，恢复只能写入空数据库' },
  'internal': { status: 500, message: '服务器内部错误，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldIssue {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[]; rows?: RowIssue[] };
}

export interface RowIssue {
  sheet: string;
  row: number;
  field: string;
  message: string;
}

/** Chinese names of request fields, so that a 400 names the field a person would recognise. */
export const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  shortName: '简称',
  kind: '类型',
  code: '代码',
  parentId: '上级组织',
  orgId: '所属组织',
  idNumber: '身份证号',
  talkClass: '谈话类别',
  gender: '性别',
  phone: '电话',
  isLeadershipMember: '领导班子成员',
  isPrincipalLeader: '主要负责人',
  postId: '岗位',
  personId: '人员',
  duties: '岗位职责',
  startedOn: '任职日期',
  endedOn: '离任日期',
  username: '用户名',
  password: '密码',
  newPassword: '新密码',
  displayName: '姓名',
  totp: '动态验证码',
  roleIds: '角色',
  roles: '角色',
  roleId: '角色',
  description: '说明',
  disabled: '停用',
  unlock: '解锁',
  isLeadership: '领导岗位',
  includeRetired: '含已撤销',
  subtree: '含下级',
  assignmentId: '任职记录',
  client: '客户端',
  actorUserId: '操作人',
  objectType: '对象类型',
  objectId: '对象编号',
  action: '操作',
  permissions: '权限',
  scopeKind: '数据范围',
  scopeOrgIds: '指定单位',
  supervisedOrgIds: '监督单位',
  page: '页码',
  pageSize: '每页条数',
  q: '关键词',
  from: '开始时间',
  to: '结束时间',
  sortOrder: '排序',
  id: '编号',
  dryRun: '仅校验',
  file: '文件',
  definition: '风险矩阵',
  likelihood: '发生概率',
  impact: '危害程度',
  levels: '风险等级',
  level: '风险等级',
  rule: '定级规则',
  cells: '矩阵单元格',
  bands: '分值区间',
  value: '分值',
  label: '名称',
  color: '颜色',
  rank: '等级序号',
  monitor: '监控责任',
  expectedChangeCount: '重新定级数',
  objectLevel: '对象层级',
  title: '风险点名称',
  category: '风险类别',
  manifestation: '风险表现',
  discovery: '查找方式',
  measures: '防控措施',
  content: '措施内容',
  owner: '责任人',
  dueOn: '完成时限',
  doneOn: '完成日期',
  comment: '意见',
  monitorOrgId: '监控责任单位',
  groupBy: '统计维度',
  powerId: '职权',
  powerStepKey: '流程步骤',
  steps: '流程步骤',
  actor: '办理主体',
  next: '下一步',
  timeLimitDays: '办理时限（天）',
  legalBasis: '法定依据',
  type: '职权类型',
  sectionOrgId: '责任股室',
};

export function fieldLabel(path: ReadonlyArray<PropertyKey>): string {
  const key = [...path].reverse().find((p) => typeof p === 'string');
  const label = typeof key === 'string' ? FIELD_LABELS[key] : undefined;
  const dotted = path.map(String).join('.');
  return label ? `${label}（${dotted}）` : dotted || '请求体';
}
