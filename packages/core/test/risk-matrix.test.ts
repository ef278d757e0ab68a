import { describe, expect, it } from 'vitest';
import { GRID_MATRIX, LEC_MATRIX, levelDef, levelLabel, levelOf, RiskMatrixDefinitionSchema, validateMatrix, type RiskMatrixDefinition } from '../src/index.js';

describe('levelOf · LEC-style product D = L × C with thresholds 240 / 90', () => {
  it.each([
    // [likelihood, impact, level, score]
    [10, 100, 1, 1000],
    [6, 40, 1, 240], // exactly 240: 一级 (D ≥ 240)
    [3, 40, 2, 120],
    [6, 15, 2, 90], // exactly 90: 二级 (90 ≤ D < 240)
    [10, 15, 2, 150],
    [3, 15, 3, 45],
    [10, 7, 3, 70],
    [1, 3, 3, 3],
    [1, 100, 2, 100],
    [3, 100, 1, 300],
  ])('L=%s C=%s → level %s (D=%s)', (l, c, level, score) => {
    expect(levelOf(LEC_MATRIX, l, c)).toEqual({ level, score });
  });

  it.each([
    [2, 40],
    [10, 50],
    [0, 3],
    [-1, 7],
  ])('L=%s C=%s is off the scale: null', (l, c) => {
    expect(levelOf(LEC_MATRIX, l, c)).toBeNull();
  });
});

describe('levelOf · grid', () => {
  it.each([
    [1, 1, 3],
    [1, 3, 2],
    [2, 2, 2],
    [2, 3, 1],
    [3, 1, 2],
    [3, 3, 1],
  ])('L=%s I=%s → level %s', (l, i, level) => {
    expect(levelOf(GRID_MATRIX, l, i)).toEqual({ level, score: null });
  });
  it('off the scale', () => expect(levelOf(GRID_MATRIX, 4, 1)).toBeNull());
});

const product = (bands: { level: number; min: number | null; max: number | null }[]): RiskMatrixDefinition => ({ ...LEC_MATRIX, rule: { kind: 'product', bands } });
const grid = (cells: { likelihood: number; impact: number; level: number }[]): RiskMatrixDefinition => ({ ...GRID_MATRIX, rule: { kind: 'grid', cells } });

describe('validateMatrix', () => {
  it('the defaults are valid', () => {
    expect(validateMatrix(LEC_MATRIX)).toEqual([]);
    expect(validateMatrix(GRID_MATRIX)).toEqual([]);
  });

  it.each<[string, RiskMatrixDefinition, { field: string; message: string }[]]>([
    [
      'product: a gap between bands',
      product([
        { level: 3, min: null, max: 80 },
        { level: 2, min: 90, max: 240 },
        { level: 1, min: 240, max: null },
      ]),
      [{ field: 'rule.bands', message: '分值 80 至 90 之间未指定等级（缺口）' }],
    ],
    [
      'product: overlapping bands',
      product([
        { level: 3, min: null, max: 100 },
        { level: 2, min: 90, max: 240 },
        { level: 1, min: 240, max: null },
      ]),
      [{ field: 'rule.bands', message: '分值区间 [-∞, 100) 与 [90, 240) 重叠' }],
    ],
    [
      'product: nothing below the first band',
      product([
        { level: 2, min: 10, max: 240 },
        { level: 1, min: 240, max: null },
      ]),
      [{ field: 'rule.bands', message: '分值低于 10 的风险未指定等级（缺口；最低分值为 3）' }],
    ],
    [
      'product: nothing above the last band',
      product([
        { level: 3, min: null, max: 90 },
        { level: 2, min: 90, max: 240 },
        { level: 1, min: 240, max: 1000 },
      ]),
      [{ field: 'rule.bands', message: '分值达到 1000 及以上的风险未指定等级（缺口；最高分值为 1000）' }],
    ],
    [
      'product: an undefined level and an empty band',
      product([
        { level: 4, min: null, max: 90 },
        { level: 2, min: 240, max: 90 },
      ]),
      [
        { field: 'rule.bands.0.level', message: '等级 4 未定义' },
        { field: 'rule.bands.1', message: '分值区间 [240, 90) 为空' },
      ],
    ],
    [
      'grid: a missing cell (gap)',
      grid(GRID_MATRIX.rule.kind === 'grid' ? GRID_MATRIX.rule.cells.slice(1) : []),
      [{ field: 'rule.cells', message: '发生概率 1（低）× 危害程度 1（低）未指定等级（缺口）' }],
    ],
    [
      'grid: a cell defined twice (overlap)',
      grid([...(GRID_MATRIX.rule.kind === 'grid' ? GRID_MATRIX.rule.cells : []), { likelihood: 2, impact: 2, level: 1 }]),
      [{ field: 'rule.cells.9', message: '发生概率 2 × 危害程度 2 重复定义（重叠）' }],
    ],
    [
      'grid: a cell off the scale',
      grid([...(GRID_MATRIX.rule.kind === 'grid' ? GRID_MATRIX.rule.cells : []), { likelihood: 5, impact: 1, level: 1 }]),
      [{ field: 'rule.cells.9.likelihood', message: '发生概率 5 不在刻度中' }],
    ],
    [
      'levels: ranks with a hole, a duplicate name, a bad colour',
      {
        ...LEC_MATRIX,
        levels: [
          { rank: 1, name: '一级', color: '#cf1322', monitor: 'supervisor' },
          { rank: 3, name: '一级', color: 'red', monitor: 'own' },
        ],
      },
      [
        { field: 'levels', message: '风险等级的序号须从 1 起连续编号（1 为最高级）' },
        { field: 'levels.1.name', message: '等级名称「一级」重复' },
        { field: 'levels.1.color', message: '颜色须为 #RRGGBB 格式' },
      ],
    ],
    [
      'scales: a duplicate value and a single step',
      { ...LEC_MATRIX, likelihood: [{ value: 1, label: '低' }], impact: [{ value: 3, label: 'a' }, { value: 3, label: 'b' }] },
      [
        { field: 'likelihood', message: '发生概率刻度至少需要 2 档' },
        { field: 'impact.1.value', message: '危害程度分值 3 重复' },
      ],
    ],
  ])('%s', (_label, def, expected) => {
    expect(validateMatrix(def)).toEqual(expected);
  });

  it('the request schema refuses a matrix with a gap, naming the field', () => {
    const res = RiskMatrixDefinitionSchema.safeParse(product([{ level: 3, min: null, max: 80 }, { level: 1, min: 90, max: null }]));
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => [i.path, i.message])).toEqual([[['rule', 'bands'], '分值 80 至 90 之间未指定等级（缺口）']]);
  });
});

describe("levelLabel · how a point's level is shown", () => {
  it("uses the matrix's name and colour for the rank", () => {
    expect(levelLabel(levelDef(LEC_MATRIX, 1), 1)).toEqual({ levelName: '一级', levelColor: '#cf1322' });
    expect(levelLabel(levelDef(LEC_MATRIX, 3), 3)).toEqual({ levelName: '三级', levelColor: '#1677ff' });
  });

  it('shows a rank the matrix does not define as the number, in grey', () => {
    expect(levelDef(LEC_MATRIX, 4)).toBeUndefined();
    expect(levelLabel(levelDef(LEC_MATRIX, 4), 4)).toEqual({ levelName: '4', levelColor: '#8c8c8c' });
    expect(levelLabel(null, 2)).toEqual({ levelName: '2', levelColor: '#8c8c8c' });
  });
});
