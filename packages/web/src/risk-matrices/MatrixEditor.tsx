import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { levelOf, MONITOR_TIER_LABELS, MONITOR_TIERS, score, type MatrixIssue } from '@qingfeng/core';
import { Alert, Button, Card, Col, ColorPicker, Input, InputNumber, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { LevelTag } from '../risk-points/LevelTag';
import { cellKey, LIMITS, newKey, type DraftResult, type LevelRow, type MatrixDraft, type ScaleRow } from './matrix-draft';
import { MatrixGrid } from './MatrixGrid';

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
const SCALE_TITLES = { likelihood: '发生概率（L）刻度', impact: '危害程度（C）刻度' } as const;

/** The problems the editor shows next to a field; the rest go in the list above it. */
const PLACED = [/^(likelihood|impact)(\.\d+\.(value|label))?$/, /^levels(\.\d+\.(rank|name|color|monitor))?$/];

function Problems({ issues, field }: { issues: MatrixIssue[]; field: string }) {
  if (!issues.length) return null;
  return (
    <div data-testid={`matrix-issue-${field}`} style={{ color: '#ff4d4f', fontSize: 12, lineHeight: 1.5, marginTop: 2 }}>
      {issues.map((i, n) => (
        <div key={n}>{i.message}</div>
      ))}
    </div>
  );
}

/**
 * The form of a matrix definition: the two scales, the levels (rank, name, colour, monitoring tier)
 * and the rule — bands of D = L × C, one per level, or a grid with a level in every cell — with
 * each problem under its field and, beside it, the matrix as it would level every cell.
 */
export function MatrixEditor({ draft, onChange, result, issues }: { draft: MatrixDraft; onChange: (d: MatrixDraft) => void; result: DraftResult; issues: MatrixIssue[] }) {
  const at = (field: string) => issues.filter((i) => i.field === field);
  const bandIndex = (levelKey: number) => result.bandLevels.indexOf(levelKey);
  const cellIndex = (k: string) => result.cellKeys.indexOf(k);
  const placed = (field: string) => {
    if (PLACED.some((r) => r.test(field))) return true;
    const band = /^rule\.bands(?:\.(\d+))?/.exec(field);
    if (band && draft.kind === 'product') return band[1] === undefined || Number(band[1]) < result.bandLevels.length;
    const cell = /^rule\.cells(?:\.(\d+))?/.exec(field);
    return !!cell && draft.kind === 'grid' && (cell[1] === undefined || Number(cell[1]) < result.cellKeys.length);
  };
  const others = issues.filter((i) => !placed(i.field));
  const set = (patch: Partial<MatrixDraft>) => onChange({ ...draft, ...patch });
  const levelsByRank = [...draft.levels].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  const levelOfKey = (key: number | undefined) => draft.levels.find((l) => l.key === key);

  const scaleTable = (name: 'likelihood' | 'impact') => {
    const rows = draft[name];
    const update = (key: number, patch: Partial<ScaleRow>) => set({ [name]: rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
    const values = rows.map((r) => r.value ?? 0);
    return (
      <Card size="small" title={SCALE_TITLES[name]} data-testid={`matrix-${name}`}>
        <Problems issues={at(name)} field={name} />
        <Table<ScaleRow>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: '分值',
              key: 'value',
              width: 110,
              render: (_: unknown, r, i) => (
                <>
                  <InputNumber
                    min={0}
                    max={1_000_000}
                    value={r.value}
                    onChange={(v) => update(r.key, { value: v })}
                    status={at(`${name}.${i}.value`).length ? 'error' : undefined}
                    style={{ width: '100%' }}
                    data-testid={`matrix-${name}-value-${i}`}
                  />
                  <Problems issues={at(`${name}.${i}.value`)} field={`${name}.${i}.value`} />
                </>
              ),
            },
            {
              title: '说明',
              key: 'label',
              render: (_: unknown, r, i) => (
                <>
                  <Input
                    value={r.label}
                    maxLength={LIMITS.scale.label}
                    onChange={(e) => update(r.key, { label: e.target.value })}
                    status={at(`${name}.${i}.label`).length ? 'error' : undefined}
                    data-testid={`matrix-${name}-label-${i}`}
                  />
                  <Problems issues={at(`${name}.${i}.label`)} field={`${name}.${i}.label`} />
                </>
              ),
            },
            {
              title: '',
              key: 'op',
              width: 40,
              render: (_: unknown, r) => (
                <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除此档" disabled={rows.length <= LIMITS.scale.min} onClick={() => set({ [name]: rows.filter((x) => x.key !== r.key) })} />
              ),
            },
          ]}
        />
        <Button
          type="dashed"
          block
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          disabled={rows.length >= LIMITS.scale.max}
          onClick={() => set({ [name]: [...rows, { key: newKey(), value: Math.max(0, ...values) + 1, label: '' }] })}
          data-testid={`matrix-${name}-add`}
        >
          添加一档（最多 {LIMITS.scale.max} 档）
        </Button>
      </Card>
    );
  };

  const updateLevel = (key: number, patch: Partial<LevelRow>) => set({ levels: draft.levels.map((l) => (l.key === key ? { ...l, ...patch } : l)) });
  const addLevel = () => {
    const rank = draft.levels.length + 1;
    set({ levels: [...draft.levels, { key: newKey(), rank, name: `${CN[rank - 1] ?? rank}级`, color: '#8c8c8c', monitor: 'own' }] });
  };

  const setKind = (kind: MatrixDraft['kind']) => {
    // A grid started from bands (or bands from nothing) shows the same levels as before the switch.
    if (kind === 'grid' && Object.keys(draft.cells).length === 0 && result.def.rule.kind === 'product') {
      const cells: MatrixDraft['cells'] = {};
      for (const l of draft.likelihood)
        for (const i of draft.impact) {
          const r = l.value !== null && i.value !== null ? levelOf(result.def, l.value, i.value) : null;
          const level = r ? draft.levels.find((x) => x.rank === r.level) : undefined;
          if (level) cells[cellKey(l.key, i.key)] = level.key;
        }
      return set({ kind, cells });
    }
    set({ kind });
  };

  const products = draft.likelihood.flatMap((l) => draft.impact.map((i) => (l.value && i.value ? score(l.value, i.value) : null))).filter((v): v is number => v !== null);

  const bandsTable = (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        每一级一个分值区间：下限 ≤ D &lt; 上限，留空表示不设下限或上限；各区间须首尾相接，覆盖全部分值
        {products.length > 0 && `（本矩阵 D 最小 ${Math.min(...products)}，最大 ${Math.max(...products)}）`}。
      </Typography.Paragraph>
      <Problems issues={at('rule.bands')} field="rule.bands" />
      <Table<LevelRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={levelsByRank}
        data-testid="matrix-bands"
        columns={[
          { title: '等级', key: 'level', width: 90, render: (_: unknown, l) => <LevelTag name={l.name || '（未命名）'} color={l.color} /> },
          ...(['min', 'max'] as const).map((bound) => ({
            title: bound === 'min' ? '下限（D ≥）' : '上限（D <）',
            key: bound,
            render: (_: unknown, l: LevelRow) => {
              const i = bandIndex(l.key);
              const band = draft.bands[l.key] ?? { min: null, max: null };
              return (
                <InputNumber
                  min={0}
                  max={1_000_000_000}
                  value={band[bound]}
                  placeholder={bound === 'min' ? '不设下限' : '不设上限'}
                  onChange={(v) => set({ bands: { ...draft.bands, [l.key]: { ...band, [bound]: v } } })}
                  status={issues.some((x) => x.field.startsWith(`rule.bands.${i}`)) ? 'error' : undefined}
                  style={{ width: '100%' }}
                  data-testid={`matrix-band-${l.rank ?? `k${l.key}`}-${bound}`}
                />
              );
            },
          })),
          {
            title: '',
            key: 'problems',
            width: 200,
            render: (_: unknown, l) => {
              const i = bandIndex(l.key);
              return <Problems issues={issues.filter((x) => x.field === `rule.bands.${i}` || x.field.startsWith(`rule.bands.${i}.`))} field={`rule.bands.${i}`} />;
            },
          },
        ]}
      />
    </>
  );

  const likelihoodDesc = [...draft.likelihood].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const grid = (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        为每一个「发生概率 × 危害程度」组合选择等级，不得留空。
      </Typography.Paragraph>
      <Problems issues={at('rule.cells')} field="rule.cells" />
      <table data-testid="matrix-grid-editor" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            <th style={{ padding: 6, textAlign: 'left' }}>发生概率 ＼ 危害程度</th>
            {draft.impact.map((i) => (
              <th key={i.key} style={{ padding: 6, fontWeight: 500 }}>
                {i.value ?? '？'}
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>{i.label}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {likelihoodDesc.map((l) => (
            <tr key={l.key}>
              <th style={{ padding: 6, textAlign: 'left', fontWeight: 500 }}>
                {l.value ?? '？'} {l.label}
              </th>
              {draft.impact.map((i) => {
                const k = cellKey(l.key, i.key);
                const level = levelOfKey(draft.cells[k]);
                const n = cellIndex(k);
                const cellIssues = n < 0 ? [] : issues.filter((x) => x.field === `rule.cells.${n}` || x.field.startsWith(`rule.cells.${n}.`));
                return (
                  <td key={i.key} style={{ padding: 4, background: level?.color ?? '#f0f0f0', border: cellIssues.length ? '2px solid #ff4d4f' : '2px solid #fff' }}>
                    <Select<number>
                      size="small"
                      variant="borderless"
                      placeholder="选择等级"
                      value={level?.key}
                      onChange={(v) => set({ cells: { ...draft.cells, [k]: v } })}
                      options={levelsByRank.map((x) => ({ value: x.key, label: x.name || '（未命名）' }))}
                      labelRender={({ label }) => <span style={{ color: '#fff', fontWeight: 600 }}>{label}</span>}
                      style={{ width: '100%' }}
                      data-testid={`matrix-cell-${l.value}-${i.value}`}
                    />
                    <Problems issues={cellIssues} field={`rule.cells.${n}`} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );

  return (
    <Row gutter={16} data-testid="matrix-form">
      <Col span={15}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {others.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="matrix-issues"
              title={`还有 ${others.length} 个问题`}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {others.map((i, n) => (
                    <li key={n}>{i.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Row gutter={12}>
            <Col span={12}>{scaleTable('likelihood')}</Col>
            <Col span={12}>{scaleTable('impact')}</Col>
          </Row>
          <Card size="small" title="风险等级（序号 1 为最高级）" data-testid="matrix-levels">
            <Problems issues={at('levels')} field="levels" />
            <Table<LevelRow>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={draft.levels}
              columns={[
                {
                  title: '序号',
                  key: 'rank',
                  width: 80,
                  render: (_: unknown, l, i) => (
                    <>
                      <InputNumber min={1} max={LIMITS.levels.max} precision={0} value={l.rank} onChange={(v) => updateLevel(l.key, { rank: v })} status={at(`levels.${i}.rank`).length ? 'error' : undefined} style={{ width: '100%' }} data-testid={`matrix-level-rank-${i}`} />
                      <Problems issues={at(`levels.${i}.rank`)} field={`levels.${i}.rank`} />
                    </>
                  ),
                },
                {
                  title: '名称',
                  key: 'name',
                  width: 120,
                  render: (_: unknown, l, i) => (
                    <>
                      <Input value={l.name} maxLength={LIMITS.levels.name} onChange={(e) => updateLevel(l.key, { name: e.target.value })} status={at(`levels.${i}.name`).length ? 'error' : undefined} data-testid={`matrix-level-name-${i}`} />
                      <Problems issues={at(`levels.${i}.name`)} field={`levels.${i}.name`} />
                    </>
                  ),
                },
                {
                  title: '颜色',
                  key: 'color',
                  width: 130,
                  render: (_: unknown, l, i) => (
                    <>
                      <ColorPicker value={l.color} format="hex" disabledAlpha showText onChange={(c) => updateLevel(l.key, { color: c.toHexString() })} data-testid={`matrix-level-color-${i}`} />
                      <Problems issues={at(`levels.${i}.color`)} field={`levels.${i}.color`} />
                    </>
                  ),
                },
                {
                  title: '监控责任',
                  key: 'monitor',
                  render: (_: unknown, l, i) => (
                    <Select
                      value={l.monitor}
                      onChange={(v) => updateLevel(l.key, { monitor: v })}
                      options={MONITOR_TIERS.map((t) => ({ value: t, label: MONITOR_TIER_LABELS[t] }))}
                      style={{ width: '100%' }}
                      data-testid={`matrix-level-monitor-${i}`}
                    />
                  ),
                },
                {
                  title: '',
                  key: 'op',
                  width: 40,
                  render: (_: unknown, l) => (
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除此等级" disabled={draft.levels.length <= LIMITS.levels.min} onClick={() => set({ levels: draft.levels.filter((x) => x.key !== l.key) })} />
                  ),
                },
              ]}
            />
            <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} disabled={draft.levels.length >= LIMITS.levels.max} onClick={addLevel} data-testid="matrix-level-add">
              添加一级（最多 {LIMITS.levels.max} 级）
            </Button>
          </Card>
          <Card
            size="small"
            title="定级规则"
            extra={
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                size="small"
                value={draft.kind}
                onChange={(e) => setKind(e.target.value as MatrixDraft['kind'])}
                options={[
                  { value: 'product', label: '乘积分级（D = L × C）' },
                  { value: 'grid', label: '网格（逐格指定）' },
                ]}
                data-testid="matrix-rule-kind"
              />
            }
          >
            {draft.kind === 'product' ? bandsTable : grid}
          </Card>
        </Space>
      </Col>
      <Col span={9}>
        <div style={{ position: 'sticky', top: 0 }}>
          <Card size="small" title="预览：每一格的等级" data-testid="matrix-form-preview">
            <MatrixGrid def={result.def} />
            <Space orientation="vertical" size={4} style={{ marginTop: 12 }}>
              {levelsByRank.map((l) => (
                <span key={l.key}>
                  <LevelTag name={l.name || '（未命名）'} color={l.color} />
                  <Typography.Text type="secondary">{MONITOR_TIER_LABELS[l.monitor]}</Typography.Text>
                </span>
              ))}
            </Space>
          </Card>
        </div>
      </Col>
    </Row>
  );
}
