import { z } from 'zod';
import { DISCOVERY_METHODS, OBJECT_LEVELS, POWER_TYPES, RISK_CATEGORIES } from '../risk/labels.js';
import { MONITOR_TIERS, validateMatrix } from '../risk/matrix.js';
import { validateFlowchart } from '../risk/flowchart.js';
import { POWER_STATUSES, RISK_POINT_STATUSES } from '../risk/workflow.js';
import { DateOnly, Pagination, QueryBool, Text } from './common.js';

/** "rule.cells.3.level" → ['rule', 'cells', 3, 'level'], so the 400 names the field. */
const pathOf = (field: string) => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

// ---------------------------------------------------------------- risk matrix

const ScaleStep = z.object({ value: z.number().positive().max(1_000_000), label: Text(40) });
const LevelDef = z.object({
  rank: z.number().int().min(1).max(9),
  name: Text(20),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, '颜色须为 #RRGGBB 格式'),
  monitor: z.enum(MONITOR_TIERS),
});
const Bound = z.number().min(0).max(1_000_000_000).nullable();
export const RiskMatrixDefinitionSchema = z
  .object({
    likelihood: z.array(ScaleStep).min(2).max(10),
    impact: z.array(ScaleStep).min(2).max(10),
    levels: z.array(LevelDef).min(2).max(9),
    rule: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('grid'), cells: z.array(z.object({ likelihood: z.number(), impact: z.number(), level: z.number().int() })).max(100) }),
      z.object({ kind: z.literal('product'), bands: z.array(z.object({ level: z.number().int(), min: Bound, max: Bound })).max(9) }),
    ]),
  })
  .superRefine((def, ctx) => {
    for (const issue of validateMatrix(def)) ctx.addIssue({ code: 'custom', path: pathOf(issue.field), message: issue.message });
  });

export const RiskMatrix = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  note: z.string().nullable(),
  definition: RiskMatrixDefinitionSchema,
  status: z.enum(['draft', 'active', 'superseded']),
  createdAt: z.string(),
  createdBy: z.string(),
  activatedAt: z.string().nullable(),
  actions: z.array(z.string()),
});
export type RiskMatrix = z.infer<typeof RiskMatrix>;

export const RiskMatrixCreate = z.object({
  name: Text(60),
  note: z.string().trim().max(500).nullish(),
  definition: RiskMatrixDefinitionSchema,
});

export const RiskMatrixPreview = z.object({
  matrixId: z.number().int(),
  /** Current points (not retired or superseded) levelled under the active matrix. */
  total: z.number().int(),
  changeCount: z.number().int(),
  fingerprint: z.string().describe('需重新定级的风险点及其新等级、新监控单位的摘要；确认启用时原样交回'),
  changes: z.array(
    z.object({
      pointId: z.number().int(),
      title: z.string(),
      orgName: z.string(),
      likelihood: z.number(),
      impact: z.number(),
      fromLevel: z.number().int(),
      toLevel: z.number().int(),
      fromMonitorOrgId: z.number().int(),
      toMonitorOrgId: z.number().int(),
    }),
  ),
  /** Points whose likelihood or impact is not on the new scales: the matrix cannot be activated. */
  blocked: z.array(z.object({ pointId: z.number().int(), title: z.string(), likelihood: z.number(), impact: z.number() })),
});

export const RiskMatrixActivate = z.object({
  expectedChangeCount: z.number().int().min(0).describe('预览中显示的需重新定级的风险点数；与当前不一致时拒绝（请重新预览）'),
  expectedFingerprint: z.string().min(1).max(64).describe('预览返回的 fingerprint；需重新定级的风险点与预览时不同（即使个数相同）则拒绝'),
});

export const LevelChange = z.object({
  pointId: z.number().int(),
  title: z.string(),
  fromLevel: z.number().int(),
  toLevel: z.number().int(),
  fromMatrixVersion: z.number().int(),
  toMatrixVersion: z.number().int(),
  changedAt: z.string(),
});

// ---------------------------------------------------------------- risk points

export const ObjectLevelSchema = z.enum(OBJECT_LEVELS);
export const RiskCategorySchema = z.enum(RISK_CATEGORIES);
export const DiscoveryMethodSchema = z.enum(DISCOVERY_METHODS);
export const RiskPointStatusSchema = z.enum(RISK_POINT_STATUSES);

export const MeasureInput = z.object({
  content: Text(500),
  owner: Text(60),
  dueOn: DateOnly,
  doneOn: DateOnly.nullish(),
});

export const Measure = z.object({ id: z.number().int(), content: z.string(), owner: z.string(), dueOn: z.string(), doneOn: z.string().nullable() });

export const RiskPointFields = z.object({
  orgId: z.number().int().positive(),
  objectLevel: ObjectLevelSchema,
  postId: z.number().int().positive().nullish(),
  personId: z.number().int().positive().nullish(),
  title: Text(100),
  category: RiskCategorySchema,
  manifestation: Text(2000),
  likelihood: z.number().positive(),
  impact: z.number().positive(),
  discovery: DiscoveryMethodSchema,
  powerId: z.number().int().positive().nullish(),
  powerStepKey: z.string().trim().max(20).nullish(),
  measures: z.array(MeasureInput).max(20),
});
export const RiskPointCreate = RiskPointFields.extend({ measures: RiskPointFields.shape.measures.default([]) });
export type RiskPointCreate = z.infer<typeof RiskPointCreate>;
export const RiskPointUpdate = RiskPointFields.omit({ orgId: true }).partial();
export type RiskPointUpdate = z.infer<typeof RiskPointUpdate>;

export const RiskPoint = z.object({
  id: z.number().int(),
  seriesId: z.number().int(),
  version: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  objectLevel: ObjectLevelSchema,
  postId: z.number().int().nullable(),
  postName: z.string().nullable(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  title: z.string(),
  category: RiskCategorySchema,
  manifestation: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  score: z.number().nullable(),
  level: z.number().int(),
  levelName: z.string(),
  levelColor: z.string(),
  matrixVersion: z.number().int(),
  monitorOrgId: z.number().int(),
  monitorOrgName: z.string(),
  discovery: DiscoveryMethodSchema,
  powerId: z.number().int().nullable(),
  powerStepKey: z.string().nullable(),
  status: RiskPointStatusSchema,
  reviewComment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  measures: z.array(Measure),
  actions: z.array(z.string()),
});
export type RiskPoint = z.infer<typeof RiskPoint>;

export const RiskPointEvent = z.object({ action: z.string(), actor: z.string(), comment: z.string().nullable(), at: z.string() });
export const RiskPointDetail = RiskPoint.extend({
  history: z.array(RiskPointEvent),
  versions: z.array(z.object({ id: z.number().int(), version: z.number().int(), status: RiskPointStatusSchema })),
  levelChanges: z.array(LevelChange),
});
export type RiskPointDetail = z.infer<typeof RiskPointDetail>;

export const RiskPointFilter = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  subtree: QueryBool.optional(),
  level: z.coerce.number().int().min(1).max(9).optional(),
  category: RiskCategorySchema.optional(),
  objectLevel: ObjectLevelSchema.optional(),
  status: RiskPointStatusSchema.optional(),
  q: z.string().trim().max(50).optional(),
  monitorOrgId: z.coerce.number().int().positive().optional().describe('监控责任单位（一级：监督室或派驻纪检组；二级：乡镇纪委；三级：所在单位党组织）'),
});
export const RiskPointsQuery = Pagination.extend(RiskPointFilter.shape);

export const ReviewComment = z.object({ comment: Text(500) });
export const OptionalComment = z.object({ comment: z.string().trim().max(500).nullish() });

export type RiskMatrixPreview = z.infer<typeof RiskMatrixPreview>;
export const RiskHeatmap = z.object({
  likelihood: z.array(ScaleStep),
  impact: z.array(ScaleStep),
  levels: z.array(LevelDef),
  cells: z.array(z.object({ likelihood: z.number(), impact: z.number(), level: z.number().int(), count: z.number().int() })),
  total: z.number().int(),
});

export const RiskStatsQuery = RiskPointFilter.omit({ subtree: true }).extend({
  groupBy: z.enum(['category', 'objectLevel', 'level']).default('category'),
});
/** Counts per child org of the chosen org (each child with its subtree), by category, object level or level. */
export const RiskStats = z.object({
  groupBy: z.enum(['category', 'objectLevel', 'level']),
  keys: z.array(z.string()),
  rows: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), counts: z.record(z.string(), z.number().int()), total: z.number().int() })),
});
export type RiskStats = z.infer<typeof RiskStats>;

// ---------------------------------------------------------------- portal (public, published only)

export const PortalRiskPoint = z.object({
  id: z.number().int(),
  orgName: z.string(),
  objectLevel: ObjectLevelSchema,
  postName: z.string().nullable(),
  title: z.string(),
  category: RiskCategorySchema,
  manifestation: z.string(),
  levelName: z.string(),
  levelColor: z.string(),
  measures: z.array(Measure.omit({ id: true, doneOn: true })),
  publishedAt: z.string(),
});
export const PortalQuery = Pagination.extend({ orgId: z.coerce.number().int().positive().optional(), q: z.string().trim().max(50).optional() });

// ---------------------------------------------------------------- powers and flowcharts

export const PowerTypeSchema = z.enum(POWER_TYPES);
export const PowerStatusSchema = z.enum(POWER_STATUSES);
export const FlowStepSchema = z.object({
  key: z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, '步骤编号只能包含字母、数字、下划线和短横线（最多20个字符）'),
  name: Text(60),
  actor: Text(60),
  timeLimitDays: z.number().int().min(0).max(365).nullable(),
  next: z.array(z.string()).max(10),
});
export const FlowSteps = z
  .array(FlowStepSchema)
  .max(50)
  .superRefine((steps, ctx) => {
    if (steps.length === 0) return;
    for (const issue of validateFlowchart(steps)) ctx.addIssue({ code: 'custom', path: pathOf(issue.field).slice(1), message: issue.message });
  });

const PowerFields = z.object({
  orgId: z.number().int().positive(),
  name: Text(100),
  type: PowerTypeSchema,
  legalBasis: Text(2000),
  sectionOrgId: z.number().int().positive().nullish(),
  postId: z.number().int().positive().nullish(),
  steps: FlowSteps,
});
export const PowerCreate = PowerFields.extend({ steps: FlowSteps.default([]) });
export const PowerUpdate = PowerFields.omit({ orgId: true }).partial();

export const Power = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  type: PowerTypeSchema,
  legalBasis: z.string(),
  sectionOrgId: z.number().int().nullable(),
  sectionName: z.string().nullable(),
  postId: z.number().int().nullable(),
  postName: z.string().nullable(),
  status: PowerStatusSchema,
  steps: z.array(FlowStepSchema),
  riskSteps: z.array(z.object({ stepKey: z.string(), pointId: z.number().int(), title: z.string(), level: z.number().int(), levelName: z.string(), levelColor: z.string() })),
  reviewComment: z.string().nullable(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type Power = z.infer<typeof Power>;
export const PowersQuery = Pagination.extend({
  orgId: z.coerce.number().int().positive().optional(),
  subtree: QueryBool.optional(),
  type: PowerTypeSchema.optional(),
  status: PowerStatusSchema.optional(),
  q: z.string().trim().max(50).optional(),
  linkableFrom: z.coerce.number().int().positive().optional().describe('只列该单位的风险点可关联的职权：该单位及其上级单位的职权'),
});

// ---------------------------------------------------------------- risk commitments (风险防范承诺书)

export const Commitment = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  year: z.number().int(),
  campaignId: z.number().int().nullable().describe('风险排查的承诺书所属排查；年度承诺书为 null'),
  campaignTitle: z.string().nullable(),
  title: z.string(),
  text: z.string().describe('承诺书全文（签署时即为所签文本）'),
  status: z.enum(['pending', 'signed']),
  signedAt: z.string().nullable(),
  sha256: z.string().nullable().describe('SHA-256（人员编号、年度、全文、签署时间）'),
  unitCopyAt: z.string().nullable().describe('单位留存件登记时间'),
  filedAt: z.string().nullable().describe('纪检监察机关备案时间'),
  actions: z.array(z.string()),
});
export type Commitment = z.infer<typeof Commitment>;
export const CommitmentGenerate = z
  .object({
    orgId: z.number().int().positive(),
    year: z.number().int().min(2000).max(2100).optional().describe('年度承诺书的年度'),
    campaignId: z.number().int().positive().optional().describe('风险排查：为排查范围内（且在所选单位之下）的在岗干部生成该次排查的承诺书'),
  })
  .refine((v) => (v.year === undefined) !== (v.campaignId === undefined), { message: '须指定年度或风险排查（二者选一）', path: ['year'] });
export const CommitmentSign = z.object({ password: z.string().min(1, '请输入登录密码确认签署').max(200) });
export const CommitmentsQuery = Pagination.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  campaignId: z.coerce.number().int().positive().optional().describe('只列该次风险排查的承诺书'),
  kind: z.enum(['yearly', 'campaign']).optional().describe('yearly：年度承诺书；campaign：风险排查的承诺书'),
  orgId: z.coerce.number().int().positive().optional(),
  status: z.enum(['pending', 'signed']).optional(),
});
export const CommitmentStats = z.object({
  rows: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), total: z.number().int(), signed: z.number().int(), unitCopies: z.number().int(), filed: z.number().int() })),
});
