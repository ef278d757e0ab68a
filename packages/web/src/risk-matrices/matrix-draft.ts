import { validateMatrix, type MatrixIssue, type MonitorTier, type RiskMatrixDefinition } from '@qingfeng/core';

/**
 * The matrix as the form edits it. Rows carry a stable key, so a grid cell or a band stays with its
 * scale step or level while the value, rank or name is being changed; numbers being typed may be
 * empty (null). `toDefinition` turns it into the definition the server takes, and records which
 * row each band and cell came from, so a problem named `rule.bands.1` or `rule.cells.4` is shown on
 * the row or cell it is about.
 */
export interface ScaleRow {
  key: number;
  value: number | null;
  label: string;
}
export interface LevelRow {
  key: number;
  rank: number | null;
  name: string;
  color: string;
  monitor: MonitorTier;
}
export interface Band {
  min: number | null;
  max: number | null;
}
export interface MatrixDraft {
  likelihood: ScaleRow[];
  impact: ScaleRow[];
  levels: LevelRow[];
  kind: 'product' | 'grid';
  /** One band of D = L × C per level, by level key; a null bound is unbounded. */
  bands: Record<number, Band>;
  /** `${likelihoodKey}:${impactKey}` → level key. */
  cells: Record<string, number>;
}

let next = 1;
export const newKey = () => next++;
export const cellKey = (likelihoodKey: number, impactKey: number) => `${likelihoodKey}:${impactKey}`;

export function fromDefinition(def: RiskMatrixDefinition): MatrixDraft {
  const scale = (steps: RiskMatrixDefinition['likelihood']): ScaleRow[] => steps.map((s) => ({ key: newKey(), value: s.value, label: s.label }));
  const likelihood = scale(def.likelihood);
  const impact = scale(def.impact);
  const levels: LevelRow[] = def.levels.map((l) => ({ key: newKey(), ...l }));
  const levelKey = (rank: number) => levels.find((l) => l.rank === rank)?.key;
  const bands: MatrixDraft['bands'] = {};
  const cells: MatrixDraft['cells'] = {};
  if (def.rule.kind === 'product') {
    for (const b of def.rule.bands) {
      const k = levelKey(b.level);
      if (k !== undefined && !bands[k]) bands[k] = { min: b.min, max: b.max };
    }
  } else {
    for (const c of def.rule.cells) {
      const l = likelihood.find((s) => s.value === c.likelihood);
      const i = impact.find((s) => s.value === c.impact);
      const k = levelKey(c.level);
      if (l && i && k !== undefined) cells[cellKey(l.key, i.key)] = k;
    }
  }
  return { likelihood, impact, levels, kind: def.rule.kind, bands, cells };
}

export interface DraftResult {
  def: RiskMatrixDefinition;
  /** Level key of each band of `def.rule.bands`, by index. */
  bandLevels: number[];
  /** Cell key of each cell of `def.rule.cells`, by index. */
  cellKeys: string[];
}

export function toDefinition(d: MatrixDraft): DraftResult {
  const scale = (rows: ScaleRow[]) => rows.map((r) => ({ value: r.value ?? Number.NaN, label: r.label.trim() }));
  const levels = d.levels.map((l) => ({ rank: l.rank ?? Number.NaN, name: l.name.trim(), color: l.color, monitor: l.monitor }));
  const rankOf = (key: number) => d.levels.find((l) => l.key === key)?.rank ?? Number.NaN;
  const base = { likelihood: scale(d.likelihood), impact: scale(d.impact), levels };
  if (d.kind === 'product') {
    const bandLevels = d.levels.map((l) => l.key);
    const bands = d.levels.map((l) => ({ level: rankOf(l.key), min: d.bands[l.key]?.min ?? null, max: d.bands[l.key]?.max ?? null }));
    return { def: { ...base, rule: { kind: 'product', bands } }, bandLevels, cellKeys: [] };
  }
  const cellKeys: string[] = [];
  const cells: { likelihood: number; impact: number; level: number }[] = [];
  for (const l of d.likelihood)
    for (const i of d.impact) {
      const k = cellKey(l.key, i.key);
      const level = d.cells[k];
      if (level === undefined || !d.levels.some((x) => x.key === level)) continue;
      cellKeys.push(k);
      cells.push({ likelihood: l.value ?? Number.NaN, impact: i.value ?? Number.NaN, level: rankOf(level) });
    }
  return { def: { ...base, rule: { kind: 'grid', cells } }, bandLevels: [], cellKeys };
}

export const LIMITS = { scale: { min: 2, max: 10, label: 40 }, levels: { min: 2, max: 9, name: 20 } } as const;

/**
 * Every problem of the draft, each naming its field as the server would (`likelihood.2.value`,
 * `rule.bands`, …): what `validateMatrix` finds, and the blanks and lengths the schema refuses.
 */
export function draftIssues(d: MatrixDraft, def: RiskMatrixDefinition): MatrixIssue[] {
  const issues: MatrixIssue[] = [];
  (['likelihood', 'impact'] as const).forEach((name) =>
    d[name].forEach((r, i) => {
      if (!r.label.trim()) issues.push({ field: `${name}.${i}.label`, message: '请填写说明' });
      else if (r.label.trim().length > LIMITS.scale.label) issues.push({ field: `${name}.${i}.label`, message: `不能超过${LIMITS.scale.label}个字符` });
    }),
  );
  d.levels.forEach((l, i) => {
    if (!l.name.trim()) issues.push({ field: `levels.${i}.name`, message: '请填写等级名称' });
    else if (l.name.trim().length > LIMITS.levels.name) issues.push({ field: `levels.${i}.name`, message: `不能超过${LIMITS.levels.name}个字符` });
  });
  // A blank name is reported above, not also as a duplicate of another blank one.
  return [...issues, ...validateMatrix(def).filter((x) => !(/^levels\.\d+\.name$/.test(x.field) && x.message.includes('「」')))];
}
