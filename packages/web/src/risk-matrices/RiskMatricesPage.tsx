import { MONITOR_TIER_LABELS, RiskMatrixDefinitionSchema, type MatrixIssue, type RiskMatrixPreview } from '@qingfeng/core';
import { Alert, App, Button, Card, Col, Descriptions, Input, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { tid } from '../shared/testid';
import { useRequest } from '../shared/useRequest';
import { matricesApi, type RiskMatrix } from '../risk-points/api';
import { draftIssues, fromDefinition, toDefinition, type MatrixDraft } from './matrix-draft';
import { MatrixEditor } from './MatrixEditor';
import { MatrixGrid } from './MatrixGrid';

interface Editing {
  name: string;
  draft: MatrixDraft;
  /** The server's 400 issues on the last save, field names as in the definition; cleared by the next edit. */
  serverIssues: MatrixIssue[];
  error: string | null;
}

const STATUS = { draft: ['草稿', 'default'], active: ['现行', 'success'], superseded: ['已停用', 'default'] } as const;

/**
 * 风险矩阵: the active matrix and every version. An administrator fills in a new version, starting
 * from the active one (scales, levels with colour and monitoring tier, product bands or a grid;
 * each problem under its field as it is typed), saves it as a draft, previews which points it would
 * re-level and confirms with that number.
 */
export default function RiskMatricesPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const { data, reload } = useRequest(() => matricesApi.list(), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [preview, setPreview] = useState<{ matrix: RiskMatrix; result: RiskMatrixPreview } | null>(null);
  const [busy, setBusy] = useState(false);
  const active = data?.items.find((m) => m.status === 'active');

  const result = useMemo(() => (editing ? toDefinition(editing.draft) : null), [editing?.draft]);
  const localIssues = useMemo(() => (editing && result ? draftIssues(editing.draft, result.def) : []), [editing?.draft, result]);
  const issues = [...localIssues, ...(editing?.serverIssues.filter((i) => i.field !== 'name') ?? [])];
  const nameIssues = editing?.serverIssues.filter((i) => i.field === 'name') ?? [];

  const startNew = async () => {
    try {
      const current = await matricesApi.active();
      setEditing({ name: '', draft: fromDefinition(current.definition), serverIssues: [], error: null });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const saveDraft = async () => {
    if (!editing || !result || localIssues.length) return;
    const check = RiskMatrixDefinitionSchema.safeParse(result.def);
    if (!check.success) {
      const serverIssues = check.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      return setEditing({ ...editing, serverIssues, error: null });
    }
    setBusy(true);
    try {
      const m = await matricesApi.create({ name: editing.name.trim() || '新版本', definition: check.data });
      setEditing(null);
      reload();
      await showPreview(m);
    } catch (e) {
      const serverIssues = e instanceof ApiError ? e.issues.map((i) => ({ field: i.field.replace(/^definition\./, ''), message: i.message })) : [];
      setEditing({ ...editing, serverIssues, error: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const showPreview = async (m: RiskMatrix) => {
    try {
      setPreview({ matrix: m, result: await matricesApi.preview(m.id) });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const activate = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await matricesApi.activate(preview.matrix.id, preview.result);
      message.success(`已启用第 ${r.matrix.version} 版，重新定级 ${r.changeCount} 个风险点`);
      setPreview(null);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title="风险矩阵"
        subtitle="发生概率 × 危害程度 → 风险等级；可按网格逐格指定，也可按乘积 D = L × C 与阈值定级（如 D ≥ 240 一级，90–240 二级，90 以下三级）"
        extra={can('risk.matrix') && <Button type="primary" onClick={() => void startNew()} data-testid="matrix-new">新建版本</Button>}
      />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={active ? `现行：${active.name}（第 ${active.version} 版）` : '现行矩阵'} size="small">
            {active && <MatrixGrid def={active.definition} testId="matrix-active" />}
            {active && (
              <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
                {active.definition.levels.map((l) => (
                  <Descriptions.Item key={l.rank} label={<Tag color={l.color}>{l.name}</Tag>}>
                    监控责任：{MONITOR_TIER_LABELS[l.monitor]}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="各版本" size="small">
            <Table<RiskMatrix>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={data?.items ?? []}
              data-testid="matrix-versions"
              columns={[
                { title: '版本', dataIndex: 'version', width: 60 },
                { title: '名称', dataIndex: 'name' },
                { title: '状态', dataIndex: 'status', width: 80, render: (s: RiskMatrix['status']) => <Tag color={STATUS[s][1]}>{STATUS[s][0]}</Tag> },
                { title: '启用时间', dataIndex: 'activatedAt', width: 140, render: (v: string | null) => formatDateTime(v) },
                {
                  title: '',
                  key: 'op',
                  width: 80,
                  render: (_: unknown, m) => m.actions.includes('preview') && <Typography.Link onClick={() => void showPreview(m)}>预览启用</Typography.Link>,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={editing !== null}
        title="新建风险矩阵版本"
        width={1280}
        style={{ top: 24 }}
        onCancel={() => setEditing(null)}
        onOk={() => void saveDraft()}
        confirmLoading={busy}
        okText="保存草稿并预览"
        okButtonProps={{ ...tid('matrix-save'), disabled: localIssues.length > 0 }}
      >
        {editing && result && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {editing.error && <Alert type="error" showIcon title={editing.error} data-testid="matrix-error" />}
            <div>
              <Input
                placeholder="版本名称，如：2027 年度风险矩阵"
                maxLength={60}
                value={editing.name}
                onChange={(e) => setEditing({ ...editing, name: e.target.value, serverIssues: editing.serverIssues.filter((i) => i.field !== 'name') })}
                status={nameIssues.length ? 'error' : undefined}
                style={{ maxWidth: 480 }}
                data-testid="matrix-name"
              />
              {nameIssues.map((i, n) => (
                <div key={n} style={{ color: '#ff4d4f', fontSize: 12 }}>
                  {i.message}
                </div>
              ))}
            </div>
            <Typography.Text type={localIssues.length ? 'danger' : 'secondary'} data-testid="matrix-form-status">
              {localIssues.length ? `有 ${localIssues.length} 个问题，已在相应位置标出；修正后才能保存。` : '以现行矩阵为起点修改；保存为草稿后，将预览需重新定级的风险点，确认后启用。'}
            </Typography.Text>
            <MatrixEditor draft={editing.draft} onChange={(draft) => setEditing({ ...editing, draft, serverIssues: [], error: null })} result={result} issues={issues} />
          </Space>
        )}
      </Modal>
      <Modal
        open={preview !== null}
        title={preview ? `预览：启用「${preview.matrix.name}」（第 ${preview.matrix.version} 版）` : ''}
        width={820}
        onCancel={() => setPreview(null)}
        onOk={() => void activate()}
        okText={preview ? `确认启用并重新定级 ${preview.result.changeCount} 个风险点` : '确认'}
        okButtonProps={{ ...tid('matrix-activate'), disabled: !!preview?.result.blocked.length || !can('risk.matrix'), danger: true }}
        confirmLoading={busy}
      >
        {preview && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="matrix-preview">
            <MatrixGrid def={preview.matrix.definition} />
            <Alert
              type={preview.result.blocked.length ? 'error' : 'info'}
              showIcon
              title={
                preview.result.blocked.length
                  ? `${preview.result.blocked.length} 个风险点的发生概率或危害程度不在新矩阵的刻度中，不能启用`
                  : `现行风险点 ${preview.result.total} 个，其中 ${preview.result.changeCount} 个的等级或监控责任单位将改变；其余不变。`
              }
            />
            <Table<RiskMatrixPreview['changes'][number]>
              rowKey="pointId"
              size="small"
              dataSource={preview.result.changes}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                { title: '风险点', dataIndex: 'title' },
                { title: '单位', dataIndex: 'orgName', width: 160 },
                { title: 'L × C', key: 'lc', width: 90, render: (_: unknown, c) => `${c.likelihood} × ${c.impact}` },
                { title: '等级', key: 'lv', width: 100, render: (_: unknown, c) => `${c.fromLevel} 级 → ${c.toLevel} 级` },
              ]}
            />
          </Space>
        )}
      </Modal>
    </>
  );
}
