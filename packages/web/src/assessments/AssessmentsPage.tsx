import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ASSESSMENT_GRADE_LABELS, COMPUTED_INDICATOR_LABELS, DEFAULT_ASSESSMENT_THRESHOLDS, WARNING_STATUS_LABELS, weightsProblem, type AssessmentGrade, type ComputedIndicator } from '@qingfeng/core';
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { FormModal } from '../shared/FormModal';
import { PageHeader } from '../shared/PageHeader';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useResetOnOpen } from '../shared/useResetOnOpen';
import { useRequest } from '../shared/useRequest';
import { assessmentsApi, type AssessmentResult, type AssessmentScheme } from './api';

const GRADE_COLORS: Record<AssessmentGrade, string> = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' };
const STATUS = { pending: '待评分', scored: '已评分', confirmed: '已确认' } as const;

/** 廉政风险防控考核: schemes of weighted indicators, scoring, grades, and the bottom-ranking rule. */
export default function AssessmentsPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const schemeId = Number(params.get('scheme')) || null;
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const schemes = useRequest(() => assessmentsApi.schemes({ pageSize: 100 }), [reload]);
  const scheme = schemes.data?.items.find((s) => s.id === schemeId) ?? schemes.data?.items[0];
  return (
    <>
      <PageHeader
        title="廉政风险防控考核"
        subtitle="考核结果分优秀、良好、及格、不及格四个等次：优秀的给予表彰，不及格的书面下达整改通知。"
        extra={
          can('assessments.write') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="scheme-create">
              制定考核方案
            </Button>
          )
        }
      />
      <Tabs
        defaultActiveKey={params.get('tab') ?? 'results'}
        items={[
          {
            key: 'results',
            label: '考核结果',
            children: (
              <Card>
                <Select
                  style={{ width: 360, marginBottom: 12 }}
                  placeholder="选择考核方案"
                  value={scheme?.id}
                  onChange={(v) => setParams({ scheme: String(v) }, { replace: true })}
                  options={(schemes.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.year}年度 · ${s.name}` }))}
                  data-testid="scheme-select"
                />
                {scheme ? <SchemeResults scheme={scheme} onChanged={() => setReload((r) => r + 1)} /> : <Alert type="info" showIcon title="尚无考核方案" />}
              </Card>
            ),
          },
          { key: 'bottom', label: '连续末位', children: <BottomTab /> },
        ]}
      />
      <SchemeModal open={creating} onClose={() => setCreating(false)} onSaved={(s) => (setCreating(false), setReload((r) => r + 1), setParams({ scheme: String(s.id) }, { replace: true }))} />
    </>
  );
}

function SchemeResults({ scheme, onChanged }: { scheme: AssessmentScheme; onChanged: () => void }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  const [scoring, setScoring] = useState<AssessmentResult | null>(null);
  const results = useRequest(() => assessmentsApi.results(scheme.id, { page, pageSize: 20 }), [scheme.id, page, reload]);
  const changed = () => (setReload((r) => r + 1), onChanged());
  return (
    <>
      <Typography.Paragraph type="secondary">
        指标：{scheme.indicators.map((i) => `${i.name} ${i.weight}%${i.provider ? '（自动计算）' : ''}`).join('；')}。等次线：优秀 ≥ {scheme.thresholds.excellent}，良好 ≥ {scheme.thresholds.good}，及格 ≥ {scheme.thresholds.pass}。
      </Typography.Paragraph>
      <Table<AssessmentResult>
        rowKey="id"
        size="middle"
        loading={results.loading}
        dataSource={results.data?.items ?? []}
        data-testid="assessment-results"
        pagination={{ current: page, total: results.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        columns={[
          { title: '名次', dataIndex: 'place', width: 60, render: (p: number | null) => p ?? '—' },
          { title: '单位', dataIndex: 'orgName' },
          { title: '总分', dataIndex: 'total', width: 80, render: (t: number | null) => t ?? '—' },
          { title: '等次', dataIndex: 'grade', width: 90, render: (g: AssessmentGrade | null) => (g ? <Tag color={GRADE_COLORS[g]}>{ASSESSMENT_GRADE_LABELS[g]}</Tag> : '—') },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: keyof typeof STATUS) => STATUS[s] },
          {
            title: '整改通知（二级预警）',
            key: 'n',
            render: (_, r) =>
              r.warning ? (
                <Space size={4}>
                  <Link to={`/warnings/${r.warning.id}`} data-testid={`assessment-warning-${r.id}`}>
                    {r.warning.serialNo}
                  </Link>
                  <Tag>{WARNING_STATUS_LABELS[r.warning.status]}</Tag>
                </Space>
              ) : (
                (r.noticeSerial ?? '—')
              ),
          },
          {
            title: '操作',
            key: 'op',
            width: 150,
            render: (_, r) => (
              <Space>
                {r.actions.includes('score') && <Typography.Link onClick={() => setScoring(r)}>评分</Typography.Link>}
                {r.actions.includes('confirm') && (
                  <Popconfirm title="确认考核结果？确认后不可修改。" onConfirm={() => assessmentsApi.confirm(r.id).then(changed, (e) => message.error(errorMessage(e)))}>
                    <Typography.Link>确认</Typography.Link>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ScoreModal scheme={scheme} result={scoring} onClose={() => setScoring(null)} onSaved={() => (setScoring(null), changed())} />
    </>
  );
}

function ScoreModal({ scheme, result, onClose, onSaved }: { scheme: AssessmentScheme; result: AssessmentResult | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Record<string, { score?: number; note?: string }>>();
  const submission = useFormSubmit(form);
  useResetOnOpen(result !== null, submission);
  const computed = useRequest(() => assessmentsApi.computed(result!.id), [result?.id], result !== null);
  const value = (id: number) => computed.data?.items.find((c) => c.indicatorId === id);
  const save = () =>
    submission.run(async (v) => {
      const scores = scheme.indicators
        .filter((i) => !value(i.id)?.available)
        .map((i) => ({ indicatorId: i.id, score: v[`i${i.id}`]?.score ?? NaN, note: v[`i${i.id}`]?.note || null }));
      await assessmentsApi.score(result!.id, { scores });
      onSaved();
    });
  return (
    <FormModal open={result !== null} title={`考核评分 · ${result?.orgName ?? ''}`} onCancel={onClose} onOk={save} submit={submission} okTestId="score-submit" width={720}>
      <Form form={form} layout="vertical">
        {scheme.indicators.map((i) => {
          const c = value(i.id);
          return (
            <Card key={i.id} size="small" style={{ marginBottom: 8 }} title={`${i.name}（权重 ${i.weight}%）`}>
              {c?.available ? (
                <Typography.Text>
                  系统计算：<b>{c.score}</b> 分（{c.detail}）
                </Typography.Text>
              ) : (
                <>
                  {c && <Alert type="warning" showIcon title={c.detail} style={{ marginBottom: 8 }} />}
                  <Space align="start">
                    <Form.Item name={[`i${i.id}`, 'score']} label="得分" rules={[{ required: true, message: '请评分' }]}>
                      <InputNumber min={0} max={100} />
                    </Form.Item>
                    <Form.Item name={[`i${i.id}`, 'note']} label="依据" rules={i.provider ? [{ required: true, message: '自动计算不可用时须说明依据' }] : []}>
                      <Input style={{ width: 360 }} maxLength={500} />
                    </Form.Item>
                  </Space>
                </>
              )}
            </Card>
          );
        })}
      </Form>
    </FormModal>
  );
}

function SchemeModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (s: AssessmentScheme) => void }) {
  type Values = { year: number; name: string; orgId: number; thresholds: { excellent: number; good: number; pass: number }; indicators: { name: string; weight: number; provider?: ComputedIndicator; description?: string }[] };
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, ['year', 'name', 'orgId', 'thresholds', 'indicators']);
  useResetOnOpen(open, submission, () => ({
    year: dayjs().year(),
    thresholds: DEFAULT_ASSESSMENT_THRESHOLDS,
    indicators: [
      { name: '风险点防控措施按期落实率', weight: 25, provider: 'risk_measures_on_time' as const },
      { name: '分级谈话按计划完成率', weight: 15, provider: 'talks_held_as_planned' as const },
      { name: '预警按期答复率', weight: 20, provider: 'warnings_answered_on_time' as const },
      { name: '制度建设与资料检查', weight: 40 },
    ],
  }));
  const indicators = Form.useWatch('indicators', form) ?? [];
  const problem = weightsProblem(indicators.filter(Boolean).map((i) => ({ name: i.name ?? '', weight: Number(i.weight ?? 0) })));
  const save = () => submission.run(async (v) => onSaved(await assessmentsApi.createScheme({ ...v, indicators: v.indicators.map((i) => ({ ...i, provider: i.provider ?? null })) })));
  return (
    <FormModal
      open={open}
      title="制定考核方案"
      onCancel={onClose}
      onOk={save}
      submit={submission}
      okTestId="scheme-submit"
      width={860}
    >
      <Form form={form} layout="vertical">
        <Space wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="name" label="方案名称" rules={[{ required: true, whitespace: true }]}>
            <Input style={{ width: 300 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="orgId" label="考核范围（其下各单位）" rules={[{ required: true }]}>
            <OrgTreeSelect style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name={['thresholds', 'excellent']} label="优秀 ≥">
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name={['thresholds', 'good']} label="良好 ≥">
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name={['thresholds', 'pass']} label="及格 ≥">
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '指标名称' }]}>
                    <Input placeholder="指标名称" style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: '权重' }]}>
                    <InputNumber min={0.1} max={100} step={0.1} addonAfter="%" style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'provider']}>
                    <Select allowClear placeholder="人工评分" style={{ width: 220 }} options={(Object.keys(COMPUTED_INDICATOR_LABELS) as ComputedIndicator[]).map((k) => ({ value: k, label: `自动：${COMPUTED_INDICATOR_LABELS[k]}` }))} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ weight: 10 })}>
                增加指标
              </Button>
            </>
          )}
        </Form.List>
        <Alert style={{ marginTop: 12 }} type={problem ? 'warning' : 'success'} showIcon title={problem ?? '指标权重合计为 100%'} data-testid="scheme-weights" />
      </Form>
    </FormModal>
  );
}

function BottomTab() {
  const [year, setYear] = useState(dayjs().year());
  const data = useRequest(() => assessmentsApi.bottomRanking(year), [year]);
  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        截至年度 <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </Space>
      {data.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`问责情形 ${data.data.behaviour ? `${data.data.behaviour.code}「${data.data.behaviour.title}」` : '（目录中未启用）'}：连续 ${data.data.years} 年位列考核方案后 ${data.data.bottomPlaces} 名（按已确认的考核结果认定）`}
        />
      )}
      <Table
        rowKey="orgId"
        size="middle"
        pagination={false}
        dataSource={data.data?.items ?? []}
        locale={{ emptyText: '没有连续末位的单位' }}
        columns={[
          { title: '单位', dataIndex: 'orgName' },
          { title: '主要负责人', key: 'p', render: (_, i) => i.principals.map((p) => p.name).join('、') || '—' },
          { title: '各年名次', key: 'y', render: (_, i) => i.years.map((y) => `${y.year}年 第${y.place}/${y.of}名（${y.total}分）`).join('；') },
        ]}
      />
    </Card>
  );
}
