import { POWER_STATUS_LABELS, POWER_TYPE_LABELS, POWER_TYPES, PowerCreate, validateFlowchart, type FlowStep, type PowerAction, type PowerType } from '@qingfeng/core';
import { DownloadOutlined, MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Descriptions, Drawer, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { useAuth, useMe } from '../auth/AuthContext';
import { useOrgs } from '../orgs/OrgsContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { postsApi } from '../posts/api';
import { FormModal } from '../shared/FormModal';
import { PageHeader } from '../shared/PageHeader';
import { tid } from '../shared/testid';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useRequest } from '../shared/useRequest';
import { zodRule } from '../shared/zod-rule';
import { powersApi, type Power } from './api';
import { FlowchartDiagram } from './FlowchartDiagram';

const ACTION_LABELS: Record<PowerAction, string> = { update: '编辑', submit: '提交备案', return: '退回', file: '备案', publish: '公开', retire: '撤销' };
const typeOptions = POWER_TYPES.map((t) => ({ value: t, label: POWER_TYPE_LABELS[t] }));

interface Values {
  orgId: number;
  name: string;
  type: PowerType;
  legalBasis: string;
  sectionOrgId?: number;
  postId?: number;
  steps: FlowStep[];
}

/** The steps as the API takes them (an empty time limit is none), and what is wrong with them, if anything. */
const stepsBody = (steps: Partial<FlowStep>[] | undefined): FlowStep[] =>
  (steps ?? []).map((s) => ({ key: s.key?.trim() ?? '', name: s.name?.trim() ?? '', actor: s.actor?.trim() ?? '', timeLimitDays: s.timeLimitDays ?? null, next: s.next ?? [] }));

/** The diagram as it stands while the steps are edited, or what keeps it from being drawn. */
function FlowchartPreview({ steps, riskSteps }: { steps: FlowStep[]; riskSteps: Power['riskSteps'] }) {
  if (steps.some((s) => !s.key || !s.name || !s.actor)) return <Typography.Text type="secondary">填写每一步的编号、环节和办理主体后显示流程图</Typography.Text>;
  const issues = validateFlowchart(steps);
  if (issues.length) return <Alert type="warning" showIcon title="流程图尚不能保存" description={issues.map((i) => i.message).join('；')} data-testid="power-flow-issues" />;
  return <FlowchartDiagram steps={steps} riskSteps={riskSteps} testId="power-flow-preview" />;
}

function PowerFormModal({ mode, onClose, onSaved }: { mode: { kind: 'create' } | { kind: 'edit'; power: Power } | null; onClose: () => void; onSaved: (p: Power) => void }) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, ['orgId', 'name', 'type', 'legalBasis', 'sectionOrgId', 'postId', 'steps']);
  const steps = Form.useWatch('steps', form) ?? [];
  const orgId = Form.useWatch('orgId', form);
  const sectionOrgId = Form.useWatch('sectionOrgId', form);
  // 责任股室: the unit's own sections; 责任岗位: the section's posts, or the unit's when no section is named.
  const { active } = useOrgs();
  const sections = active.filter((o) => o.parentId === orgId && o.kind === 'section');
  const posts = useRequest(() => postsApi.list({ orgId: sectionOrgId ?? orgId, pageSize: 200 }), [orgId, sectionOrgId], !!orgId);
  useEffect(() => {
    if (!mode) return;
    submission.reset(
      mode.kind === 'edit'
        ? {
            orgId: mode.power.orgId,
            name: mode.power.name,
            type: mode.power.type,
            legalBasis: mode.power.legalBasis,
            sectionOrgId: mode.power.sectionOrgId ?? undefined,
            postId: mode.power.postId ?? undefined,
            steps: mode.power.steps,
          }
        : { orgId: me.orgId ?? undefined, type: 'approval', steps: [{ key: 's1', name: '受理', actor: '', timeLimitDays: 1, next: [] }] },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);
  const submit = () =>
    submission.run(async (v) => {
      if (!mode) return;
      const body = { name: v.name.trim(), type: v.type, legalBasis: v.legalBasis.trim(), sectionOrgId: v.sectionOrgId ?? null, postId: v.postId ?? null, steps: stepsBody(v.steps) };
      onSaved(mode.kind === 'edit' ? await powersApi.update(mode.power.id, body) : await powersApi.create({ ...body, orgId: v.orgId }));
    });
  return (
    <FormModal open={mode !== null} width={900} title={mode?.kind === 'edit' ? `编辑职权 · ${mode.power.name}` : '新增职权'} onCancel={onClose} onOk={submit} submit={submission} okTestId="power-submit" errorTestId="power-form-error">
      <Form form={form} layout="vertical" name="power">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="所属单位" name="orgId" rules={[{ required: true, message: '请选择单位' }]}>
              <OrgTreeSelect disabled={mode?.kind === 'edit'} onChange={() => form.setFieldsValue({ sectionOrgId: undefined, postId: undefined })} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="职权名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入职权名称' }, zodRule(PowerCreate.shape.name)]}>
              <Input maxLength={100} data-testid="power-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="职权类型" name="type" rules={[{ required: true }]}>
              <Select options={typeOptions} data-testid="power-type" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="法定依据" name="legalBasis" rules={[{ required: true, whitespace: true, message: '请输入法定依据' }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="power-legal-basis" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="责任股室" name="sectionOrgId">
              <Select
                allowClear
                options={sections.map((o) => ({ value: o.id, label: o.name }))}
                onChange={() => form.setFieldValue('postId', undefined)}
                placeholder={sections.length ? '选择本单位内设股室' : '本单位没有内设股室'}
                data-testid="power-section"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="责任岗位" name="postId">
              <Select allowClear loading={posts.loading} options={(posts.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} placeholder="选择岗位" data-testid="power-post" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>权力运行流程（每步：编号、环节、办理主体、时限、下一步；只能有一个起始步骤，不能有悬空连线）</Typography.Text>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key}>
                  <Col span={3}><Form.Item name={[f.name, 'key']} rules={[{ required: true, message: '编号' }]}><Input placeholder="编号" data-testid={`step-key-${i}`} /></Form.Item></Col>
                  <Col span={6}><Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '环节名称' }]}><Input placeholder="环节" data-testid={`step-name-${i}`} /></Form.Item></Col>
                  <Col span={5}><Form.Item name={[f.name, 'actor']} rules={[{ required: true, message: '办理主体' }]}><Input placeholder="办理主体" data-testid={`step-actor-${i}`} /></Form.Item></Col>
                  <Col span={3}><Form.Item name={[f.name, 'timeLimitDays']}><InputNumber min={0} max={365} placeholder="天" style={{ width: '100%' }} /></Form.Item></Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'next']}>
                      <Select mode="multiple" placeholder="下一步" data-testid={`step-next-${i}`} options={steps.filter((_, j) => j !== i && steps[j]?.key).map((s) => ({ value: s.key, label: `${s.key} ${s.name ?? ''}` }))} />
                    </Form.Item>
                  </Col>
                  <Col span={1}><MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 9, color: '#8c8c8c' }} aria-label="删除步骤" /></Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: `s${fields.length + 1}`, name: '', actor: '', timeLimitDays: 1, next: [] })} data-testid="step-add">添加步骤</Button>
            </div>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>流程图预览</Typography.Title>
        <FlowchartPreview steps={stepsBody(steps)} riskSteps={mode?.kind === 'edit' ? mode.power.riskSteps : []} />
      </Form>
    </FormModal>
  );
}

/** 职权目录与权力运行流程图. */
export default function PowersPage() {
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [orgId, setOrgId] = useState<number>();
  const [q, setQ] = useState('');
  const list = useRequest(() => powersApi.list({ orgId, subtree: orgId ? true : undefined, q: q || undefined, page, pageSize: 20 }), [orgId, q, page]);
  const [openId, setOpenId] = useState<number | null>(null);
  const detail = useRequest(() => powersApi.get(openId!), [openId], openId !== null);
  const [mode, setMode] = useState<{ kind: 'create' } | { kind: 'edit'; power: Power } | null>(null);
  const [commentFor, setCommentFor] = useState<PowerAction | null>(null);
  const [comment, setComment] = useState('');
  const p = openId !== null ? detail.data : undefined;

  const act = async (action: PowerAction, text?: string) => {
    if (!p) return;
    if (action === 'update') return setMode({ kind: 'edit', power: p });
    try {
      await powersApi.act(p.id, action, text);
      message.success(`${ACTION_LABELS[action]}：已完成`);
      setCommentFor(null);
      setComment('');
      detail.reload();
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <>
      <PageHeader
        title="职权目录与权力运行流程图"
        subtitle="各单位清理职权、编制流程图，标记风险环节；经审核备案后在门户网站公开"
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => void powersApi.exportXlsx({ orgId, subtree: orgId ? true : undefined }).catch((e) => message.error(errorMessage(e)))} data-testid="power-export">导出 Excel</Button>
            {can('risk.write') && me.orgId && (
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(file) => {
                  powersApi.importXlsx(orgId ?? me.orgId!, file).then(
                    (r) => (message.success(`已导入 ${r.created} 项职权`), list.reload()),
                    (e) => message.error(errorMessage(e)),
                  );
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} data-testid="power-import">导入 Excel</Button>
              </Upload>
            )}
            {can('risk.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setMode({ kind: 'create' })} data-testid="power-create">新增职权</Button>}
          </Space>
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <OrgTreeSelect style={{ width: 260 }} placeholder="单位（含下级）" value={orgId} onChange={(v) => (setOrgId(v as number | undefined), setPage(1))} />
        <Input.Search allowClear placeholder="职权名称" onSearch={(v) => (setQ(v), setPage(1))} style={{ width: 220 }} />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table<Power>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="powers-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 项职权` }}
        columns={[
          { title: '职权名称', dataIndex: 'name', render: (v: string, r) => <Typography.Link onClick={() => setOpenId(r.id)} data-testid={`power-link-${r.id}`}>{v}</Typography.Link> },
          { title: '单位', dataIndex: 'orgName', width: 180 },
          { title: '类型', dataIndex: 'type', width: 80, render: (v: PowerType) => POWER_TYPE_LABELS[v] },
          { title: '流程步骤', key: 'steps', width: 90, render: (_: unknown, r) => r.steps.length },
          { title: '风险环节', key: 'risk', width: 90, render: (_: unknown, r) => (r.riskSteps.length ? <Tag color="red">{r.riskSteps.length}</Tag> : 0) },
          { title: '状态', dataIndex: 'status', width: 90, render: (v: Power['status']) => POWER_STATUS_LABELS[v] },
        ]}
      />
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} size="large" title={p?.name ?? '职权'} destroyOnHidden data-testid="power-drawer"
        extra={p && <Space>{(['update', 'submit', 'file', 'return', 'publish', 'retire'] as PowerAction[]).filter((a) => p.actions.includes(a)).map((a) => (
          <Button key={a} type={a === 'submit' || a === 'file' || a === 'publish' ? 'primary' : 'default'} danger={a === 'return' || a === 'retire'} onClick={() => (a === 'return' ? setCommentFor(a) : void act(a))} data-testid={`power-action-${a}`}>{ACTION_LABELS[a]}</Button>
        ))}</Space>}
      >
        {p && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {p.status === 'returned' && p.reviewComment && <Alert type="warning" showIcon title={`退回意见：${p.reviewComment}`} />}
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="单位">{p.orgName}</Descriptions.Item>
              <Descriptions.Item label="状态"><span data-testid="power-status">{POWER_STATUS_LABELS[p.status]}</span></Descriptions.Item>
              <Descriptions.Item label="类型">{POWER_TYPE_LABELS[p.type]}</Descriptions.Item>
              <Descriptions.Item label="责任股室 / 岗位">{[p.sectionName, p.postName].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
              <Descriptions.Item label="法定依据" span={2}>{p.legalBasis}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>权力运行流程图</Typography.Title>
            {p.steps.length ? <FlowchartDiagram steps={p.steps} riskSteps={p.riskSteps} testId="power-flowchart" /> : <Typography.Text type="secondary">尚未编制流程图（提交备案前须编制）</Typography.Text>}
            {p.riskSteps.length > 0 && (
              <Space wrap>{p.riskSteps.map((r) => <Tag key={r.pointId} color={r.levelColor}>{r.levelName} · {r.title}</Tag>)}</Space>
            )}
          </Space>
        )}
      </Drawer>
      <Modal open={commentFor !== null} title="退回" onCancel={() => setCommentFor(null)} onOk={() => commentFor && void act(commentFor, comment.trim())} okButtonProps={{ ...tid('power-comment-ok'), disabled: !comment.trim() }}>
        <Input.TextArea rows={4} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="退回意见（必填）" />
      </Modal>
      <PowerFormModal
        mode={mode}
        onClose={() => setMode(null)}
        onSaved={(saved) => {
          setMode(null);
          message.success('已保存');
          list.reload();
          setOpenId(saved.id);
          detail.reload();
        }}
      />
    </>
  );
}
