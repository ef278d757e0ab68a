// The risk matrix is data [002, 004]: administrators define the likelihood and impact scales, the
// level names and colours, and how a (likelihood, impact) pair maps to a level — either cell by cell
// (a grid) or through the product D = L × C and thresholds (the LEC-style scoring used in practice).
// Level rank 1 is the highest (一级), as in seed 001.

export interface ScaleStep {
  value: number;
  label: string;
}

/** Who monitors the points of a level [001]: level 1 the commission's supervision office or the
 *  dispatched group, level 2 the township commission, level 3 the point's own party organisation. */
export const MONITOR_TIERS = ['supervisor', 'township', 'own'] as const;
export type MonitorTier = (typeof MONITOR_TIERS)[number];
export const MONITOR_TIER_LABELS: Record<MonitorTier, string> = {
  supervisor: '纪委监督室或派驻纪检组',
  township: '乡镇（街道）纪委',
  own: '所在单位党组织',
};

export interface RiskLevelDef {
  rank: number;
  name: string;
  color: string;
  monitor: MonitorTier;
}

export interface GridCell {
  likelihood: number;
  impact: number;
  level: number;
}

/** A band of the product D = likelihood × impact: min ≤ D < max; null is unbounded. */
export interface ProductBand {
  level: number;
  min: number | null;
  max: number | null;
}

export type MatrixRule = { kind: 'grid'; cells: GridCell[] } | { kind: 'product'; bands: ProductBand[] };

export interface RiskMatrixDefinition {
  likelihood: ScaleStep[];
  impact: ScaleStep[];
  levels: RiskLevelDef[];
  rule: MatrixRule;
}

export interface MatrixIssue {
  field: string;
  message: string;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
/** Products compared at a fixed precision, so 0.1 × 3 is 0.3 and not 0.30000000000000004. */
export const score = (likelihood: number, impact: number): number => Math.round(likelihood * impact * 1e6) / 1e6;

function scaleIssues(name: 'likelihood' | 'impact', steps: ScaleStep[]): MatrixIssue[] {
  const label = name === 'likelihood' ? '发生概率' : '危害程度';
  const issues: MatrixIssue[] = [];
  if (steps.length < 2) issues.push({ field: name, message: `${label}刻度至少需要 2 档` });
  const seen = new Set<number>();
  steps.forEach((s, i) => {
    if (!Number.isFinite(s.value) || s.value <= 0) issues.push({ field: `${name}.${i}.value`, message: `${label}第 ${i + 1} 档的分值须为正数` });
    else if (seen.has(s.value)) issues.push({ field: `${name}.${i}.value`, message: `${label}分值 ${s.value} 重复` });
    seen.add(s.value);
  });
  return issues;
}

/** Every problem of a matrix definition, each naming its field; empty when the matrix is usable. */
export function validateMatrix(def: RiskMatrixDefinition): MatrixIssue[] {
  const issues = [...scaleIssues('likelihood', def.likelihood), ...scaleIssues('impact', def.impact)];
  const ranks = def.levels.map((l) => l.rank).sort((a, b) => a - b);
  if (def.levels.length < 2) issues.push({ field: 'levels', message: '风险等级至少需要 2 级' });
  if (ranks.some((r, i) => r !== i + 1)) issues.push({ field: 'levels', message: '风险等级的序号须从 1 起连续编号（1 为最高级）' });
  const names = new Set<string>();
  def.levels.forEach((l, i) => {
    if (names.has(l.name)) issues.push({ field: `levels.${i}.name`, message: `等级名称「${l.name}」重复` });
    names.add(l.name);
    if (!COLOR.test(l.color)) issues.push({ field: `levels.${i}.color`, message: '颜色须为 #RRGGBB 格式' });
  });
  if (issues.length) return issues;
  const levelSet = new Set(ranks);
  const lValues = new Set(def.likelihood.map((s) => s.value));
  const iValues = new Set(def.impact.map((s) => s.value));

  if (def.rule.kind === 'grid') {
    const assigned = new Map<string, number>();
    def.rule.cells.forEach((c, i) => {
      if (!lValues.has(c.likelihood)) issues.push({ field: `rule.cells.${i}.likelihood`, message: `发生概率 ${c.likelihood} 不在刻度中` });
      if (!iValues.has(c.impact)) issues.push({ field: `rule.cells.${i}.impact`, message: `危害程度 ${c.impact} 不在刻度中` });
      if (!levelSet.has(c.level)) issues.push({ field: `rule.cells.${i}.level`, message: `等级 ${c.level} 未定义` });
      const key = `${c.likelihood}×${c.impact}`;
      if (assigned.has(key)) issues.push({ field: `rule.cells.${i}`, message: `发生概率 ${c.likelihood} × 危害程度 ${c.impact} 重复定义（重叠）` });
      assigned.set(key, c.level);
    });
    for (const l of def.likelihood)
      for (const im of def.impact)
        if (!assigned.has(`${l.value}×${im.value}`))
          issues.push({ field: 'rule.cells', message: `发生概率 ${l.value}（${l.label}）× 危害程度 ${im.value}（${im.label}）未指定等级（缺口）` });
    return issues;
  }

  const bands = def.rule.bands;
  bands.forEach((b, i) => {
    if (!levelSet.has(b.level)) issues.push({ field: `rule.bands.${i}.level`, message: `等级 ${b.level} 未定义` });
    if (b.min !== null && b.max !== null && !(b.min < b.max)) issues.push({ field: `rule.bands.${i}`, message: `分值区间 [${b.min}, ${b.max}) 为空` });
  });
  if (bands.length === 0) issues.push({ field: 'rule.bands', message: '至少需要一个分值区间' });
  if (issues.length) return issues;
  const lo = (b: ProductBand) => b.min ?? -Infinity;
  const hi = (b: ProductBand) => b.max ?? Infinity;
  const sorted = [...bands].sort((a, b) => lo(a) - lo(b) || hi(a) - hi(b));
  const products = def.likelihood.flatMap((l) => def.impact.map((im) => score(l.value, im.value)));
  const minD = Math.min(...products);
  const maxD = Math.max(...products);
  const fmt = (v: number) => (Number.isFinite(v) ? String(v) : v < 0 ? '-∞' : '+∞');
  if (lo(sorted[0]!) > minD) issues.push({ field: 'rule.bands', message: `分值低于 ${fmt(lo(sorted[0]!))} 的风险未指定等级（缺口；最低分值为 ${minD}）` });
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (hi(a) < lo(b)) issues.push({ field: 'rule.bands', message: `分值 ${fmt(hi(a))} 至 ${fmt(lo(b))} 之间未指定等级（缺口）` });
    else if (hi(a) > lo(b)) issues.push({ field: 'rule.bands', message: `分值区间 [${fmt(lo(a))}, ${fmt(hi(a))}) 与 [${fmt(lo(b))}, ${fmt(hi(b))}) 重叠` });
  }
  const last = sorted[sorted.length - 1]!;
  if (hi(last) <= maxD) issues.push({ field: 'rule.bands', message: `分值达到 ${fmt(hi(last))} 及以上的风险未指定等级（缺口；最高分值为 ${maxD}）` });
  return issues;
}

export interface LevelResult {
  level: number;
  /** D = L × C for a product matrix; null for a grid. */
  score: number | null;
}

/** The level of a (likelihood, impact) pair under a valid matrix; null when either is off the scale. */
export function levelOf(def: RiskMatrixDefinition, likelihood: number, impact: number): LevelResult | null {
  if (!def.likelihood.some((s) => s.value === likelihood) || !def.impact.some((s) => s.value === impact)) return null;
  if (def.rule.kind === 'grid') {
    const cell = def.rule.cells.find((c) => c.likelihood === likelihood && c.impact === impact);
    return cell ? { level: cell.level, score: null } : null;
  }
  const d = score(likelihood, impact);
  const band = def.rule.bands.find((b) => (b.min === null || b.min <= d) && (b.max === null || d < b.max));
  return band ? { level: band.level, score: d } : null;
}

export function levelDef(def: RiskMatrixDefinition, rank: number): RiskLevelDef | undefined {
  return def.levels.find((l) => l.rank === rank);
}

/** Grey: a level its matrix no longer names is shown, not hidden. */
const UNKNOWN_LEVEL_COLOR = '#8c8c8c';

/**
 * How a point's level is shown: its matrix's name and colour for it, or — when the matrix does not
 * (or no longer) define that rank — the rank itself in grey.
 */
export function levelLabel(level: RiskLevelDef | null | undefined, rank: number): { levelName: string; levelColor: string } {
  return { levelName: level?.name ?? String(rank), levelColor: level?.color ?? UNKNOWN_LEVEL_COLOR };
}

const DEFAULT_LEVELS: RiskLevelDef[] = [
  { rank: 1, name: '一级', color: '#cf1322', monitor: 'supervisor' },
  { rank: 2, name: '二级', color: '#fa8c16', monitor: 'township' },
  { rank: 3, name: '三级', color: '#1677ff', monitor: 'own' },
];

/** LEC-style scoring: D = L × C; D ≥ 240 一级, 90 ≤ D < 240 二级, D < 90 三级. The default. */
export const LEC_MATRIX: RiskMatrixDefinition = {
  likelihood: [
    { value: 1, label: '极少发生' },
    { value: 3, label: '可能发生' },
    { value: 6, label: '较易发生' },
    { value: 10, label: '经常发生' },
  ],
  impact: [
    { value: 3, label: '轻微：影响个人形象' },
    { value: 7, label: '一般：违反工作纪律' },
    { value: 15, label: '较大：违纪，造成一定损失' },
    { value: 40, label: '重大：违纪违法，损失较大' },
    { value: 100, label: '特别重大：职务犯罪，恶劣影响' },
  ],
  levels: DEFAULT_LEVELS,
  rule: {
    kind: 'product',
    bands: [
      { level: 3, min: null, max: 90 },
      { level: 2, min: 90, max: 240 },
      { level: 1, min: 240, max: null },
    ],
  },
};

/** A 3 × 3 grid (低/中/高 × 低/中/高), for deployments that level by cell rather than by score. */
export const GRID_MATRIX: RiskMatrixDefinition = {
  likelihood: [
    { value: 1, label: '低' },
    { value: 2, label: '中' },
    { value: 3, label: '高' },
  ],
  impact: [
    { value: 1, label: '低' },
    { value: 2, label: '中' },
    { value: 3, label: '高' },
  ],
  levels: DEFAULT_LEVELS,
  rule: {
    kind: 'grid',
    cells: [
      [3, 3, 2],
      [3, 2, 1],
      [2, 1, 1],
    ].flatMap((row, li) => row.map((level, ii) => ({ likelihood: li + 1, impact: ii + 1, level }))),
  },
};
