import { DownloadOutlined } from '@ant-design/icons';
import { GRADE_LABELS, type Grade } from '@qingfeng/core';
import { Alert, App, Button, Card, Col, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { GRADE_COLORS } from '../archives/ArchivePage';
import { formatDate, formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { SearchInput } from '../shared/SearchInput';
import { tid } from '../shared/testid';
import { useRequest } from '../shared/useRequest';
import { evaluationsApi, type EvaluationResult, type EvaluationRun, type EvaluationTask } from './api';
import { SettingsTab } from './SettingsTab';
import { useQueryParams } from '../shared/useQueryParams';

const RUN_STATUS = { confirmed: ['已确认，待发布', 'blue'], published: ['已发布', 'green'], superseded: ['已被更正考评取代', 'default'] } as const;

/** 廉情预警考评: preview the year's ratings with reasons, confirm, publish, correct; follow the consequences. */
export default function EvaluationsPage() {
  const { can } = useAuth();
  const [params, setQuery] = useQueryParams();
  const year = Number(params.get('year')) || dayjs().year() - 1;
  const runId = Number(params.get('run')) || null;
  const set = (entries: Record<string, string | undefined>) => setQuery(entries);
  const [reload, setReload] = useState(0);
  const runs = useRequest(() => evaluationsApi.runs(runId ? undefined : year), [year, runId, reload]);
  const run = runId ? runs.data?.items.find((r) => r.id === runId) : undefined;
  const canRun = can('evaluations.run');
  return (
    <>
      <PageHeader
        title="廉情预警考评"
        subtitle="每年对每个单位和个人评定：一年内未被实施预警为“好”，仅被实施一级预警为“中”，被实施二级、三级预警为“差”。"
        extra={
          <Space>
            年度
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && set({ year: String(v), run: undefined })} data-testid="evaluation-year" />
          </Space>
        }
      />
      {runs.error && <Alert type="error" showIcon title={errorMessage(runs.error)} />}
      <Tabs
        activeKey={run ? 'run' : (params.get('tab') ?? (canRun ? 'preview' : 'runs'))}
        onChange={(k) => set({ tab: k, run: k === 'run' ? String(runId) : undefined })}
        items={[
          ...(canRun ? [{ key: 'preview', label: '预览与确认', children: <PreviewTab year={year} onConfirmed={(r) => (setReload((x) => x + 1), set({ run: String(r.id), tab: undefined }))} /> }] : []),
          { key: 'runs', label: '考评记录', children: <RunsTab runs={runs.data?.items ?? []} onOpen={(r) => set({ run: String(r.id) })} /> },
          ...(run ? [{ key: 'run', label: `${run.year}年度考评（第 ${run.id} 次）`, children: <RunTab run={run} initialTab={params.get('tab')} onChanged={() => setReload((x) => x + 1)} onOpen={(id) => set({ run: String(id) })} /> }] : []),
          ...(can('evaluations.configure') || canRun ? [{ key: 'settings', label: '规则', children: <SettingsTab /> }] : []),
        ]}
      />
    </>
  );
}

function Summary({ summary }: { summary: EvaluationRun['summary'] }) {
  return (
    <Row gutter={16} style={{ marginBottom: 16 }} data-testid="evaluation-summary">
      {(['orgs', 'people'] as const).map((k) => (
        <Col key={k} xs={24} md={12}>
          <Card size="small" title={k === 'orgs' ? '单位' : '个人'}>
            <Space size={32}>
              {(['good', 'fair', 'poor'] as Grade[]).map((g) => (
                <Statistic key={g} title={GRADE_LABELS[g]} value={summary[k][g]} valueStyle={{ color: g === 'poor' ? '#cf1322' : g === 'fair' ? '#d48806' : '#389e0d' }} />
              ))}
            </Space>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function ResultsTable({ load, testId, keyOf }: { load: (q: Record<string, string | number | undefined>) => Promise<{ items: EvaluationResult[]; total: number }>; testId: string; keyOf: string }) {
  const [grade, setGrade] = useState<Grade | undefined>();
  const [subjectKind, setSubjectKind] = useState<'person' | 'org' | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const data = useRequest(() => load({ grade, subjectKind, q: q || undefined, page, pageSize: 20 }), [keyOf, grade, subjectKind, q, page]);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="等次" style={{ width: 100 }} value={grade} onChange={(v) => (setGrade(v), setPage(1))} options={(['good', 'fair', 'poor'] as Grade[]).map((g) => ({ value: g, label: GRADE_LABELS[g] }))} data-testid={`${testId}-grade`} />
        <Select allowClear placeholder="对象" style={{ width: 100 }} value={subjectKind} onChange={(v) => (setSubjectKind(v), setPage(1))} options={[{ value: 'org', label: '单位' }, { value: 'person', label: '个人' }]} />
        <SearchInput value={q} onSearch={(v) => (setQ(v), setPage(1))} placeholder="姓名或单位" testId={`${testId}-search`} />
      </Space>
      {data.error && <Alert type="error" showIcon title={errorMessage(data.error)} />}
      <Table<EvaluationResult>
        rowKey={(r) => `${r.subjectKind}-${r.personId ?? r.orgId}`}
        size="middle"
        loading={data.loading}
        dataSource={data.data?.items ?? []}
        data-testid={testId}
        pagination={{ current: page, total: data.data?.total ?? 0, pageSize: 20, onChange: setPage, showTotal: (n) => `共 ${n} 个` }}
        columns={[
          { title: '对象', key: 'name', width: 200, render: (_, r) => (r.subjectKind === 'person' ? r.personName : <Space>{r.orgName}<Tag>单位</Tag></Space>) },
          { title: '所属单位', dataIndex: 'orgName', width: 200, ellipsis: true },
          { title: '等次', dataIndex: 'grade', width: 70, render: (g: Grade) => <Tag color={GRADE_COLORS[g]}>{GRADE_LABELS[g]}</Tag> },
          { title: '理由', dataIndex: 'reason', render: (r: string) => <Typography.Text>{r}</Typography.Text> },
        ]}
      />
    </>
  );
}

function PreviewTab({ year, onConfirmed }: { year: number; onConfirmed: (r: EvaluationRun) => void }) {
  const { message } = App.useApp();
  const head = useRequest(() => evaluationsApi.preview({ year, pageSize: 1 }), [year]);
  const confirm = async () => {
    try {
      const r = await evaluationsApi.confirm(year);
      message.success(`已确认${year}年度考评`);
      onConfirmed(r);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const p = head.data;
  return (
    <Card>
      {head.error && <Alert type="error" showIcon title={errorMessage(head.error)} />}
      {p && (
        <>
          <Alert
            type={p.yearEnded ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            title={`规则：${p.ruleText}`}
            description={p.yearEnded ? (p.currentRunId ? `${year}年度已确认考评（第 ${p.currentRunId} 次）；如需更正，请在考评记录中发起更正。` : '预览无误后确认；确认后不可修改。') : `${year}年度尚未结束，只能预览，不能确认。`}
          />
          <Summary summary={p.summary} />
          <Popconfirm title={`确认${year}年度廉情预警考评？`} description="确认后结果不可修改，如需变更只能另行更正并说明理由。" onConfirm={() => void confirm()} okButtonProps={tid('evaluation-confirm-ok')}>
            <Button type="primary" disabled={!p.yearEnded || p.currentRunId !== null} style={{ marginBottom: 16 }} data-testid="evaluation-confirm">
              确认考评
            </Button>
          </Popconfirm>
        </>
      )}
      <ResultsTable keyOf={`preview-${year}`} testId="evaluation-preview" load={async (q) => (await evaluationsApi.preview({ ...q, year })).results} />
    </Card>
  );
}

function RunsTab({ runs, onOpen }: { runs: EvaluationRun[]; onOpen: (r: EvaluationRun) => void }) {
  return (
    <Card>
      <Table<EvaluationRun>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={runs}
        data-testid="evaluation-runs"
        locale={{ emptyText: '该年度尚无已确认的考评' }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 70 },
          { title: '考评', key: 'kind', render: (_, r) => <Typography.Link onClick={() => onOpen(r)} data-testid={`evaluation-run-${r.id}`}>{r.kind === 'regular' ? '年度考评' : '更正考评'}（第 {r.id} 次）</Typography.Link> },
          { title: '状态', dataIndex: 'status', width: 160, render: (s: EvaluationRun['status']) => <Tag color={RUN_STATUS[s][1]}>{RUN_STATUS[s][0]}</Tag> },
          { title: '单位 好/中/差', key: 'o', width: 130, render: (_, r) => `${r.summary.orgs.good}/${r.summary.orgs.fair}/${r.summary.orgs.poor}` },
          { title: '个人 好/中/差', key: 'p', width: 130, render: (_, r) => `${r.summary.people.good}/${r.summary.people.fair}/${r.summary.people.poor}` },
          { title: '确认', key: 'c', width: 220, render: (_, r) => `${r.confirmedBy} ${formatDateTime(r.confirmedAt)}` },
          { title: '更正理由', dataIndex: 'reason', ellipsis: true },
        ]}
      />
    </Card>
  );
}

function RunTab({ run, initialTab, onChanged, onOpen }: { run: EvaluationRun; initialTab: string | null; onChanged: () => void; onOpen: (id: number) => void }) {
  const { message } = App.useApp();
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  const act = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      message.success(done);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card>
      <Space style={{ marginBottom: 16 }} wrap>
        <Tag color={RUN_STATUS[run.status][1]} data-testid="evaluation-run-status">
          {RUN_STATUS[run.status][0]}
        </Tag>
        {run.correctsRunId && <Typography.Link onClick={() => onOpen(run.correctsRunId!)}>更正第 {run.correctsRunId} 次考评：{run.reason}</Typography.Link>}
        {run.supersededBy && <Typography.Link onClick={() => onOpen(run.supersededBy!)}>已被第 {run.supersededBy} 次考评更正</Typography.Link>}
        {run.actions.includes('publish') && (
          <Popconfirm title="发布考评？" description="发布后结果存入个人廉政档案，后果转为跟踪任务。" onConfirm={() => void act(() => evaluationsApi.publish(run.id), '已发布')} okButtonProps={tid('evaluation-publish-ok')}>
            <Button type="primary" data-testid="evaluation-publish">
              发布
            </Button>
          </Popconfirm>
        )}
        {run.actions.includes('correct') && (
          <Button onClick={() => setCorrecting(true)} data-testid="evaluation-correct">
            更正
          </Button>
        )}
        {run.actions.includes('export') && (
          <Button icon={<DownloadOutlined />} onClick={() => void evaluationsApi.exportDisqualifications(run.id).catch((e) => message.error(errorMessage(e)))} data-testid="evaluation-export-disqualifications">
            导出取消评先评优资格名单
          </Button>
        )}
      </Space>
      <Summary summary={run.summary} />
      <Tabs
        defaultActiveKey={initialTab === 'tasks' ? 'tasks' : 'results'}
        items={[
          { key: 'results', label: '结果', children: <ResultsTable keyOf={`run-${run.id}-${run.status}`} testId="evaluation-results" load={(q) => evaluationsApi.results(run.id, q)} /> },
          ...(run.status !== 'confirmed' ? [{ key: 'tasks', label: `后果任务（待办 ${run.tasks.open}）`, children: <TasksTable run={run} onChanged={onChanged} /> }] : []),
        ]}
      />
      <Modal
        open={correcting}
        title="更正考评"
        onCancel={() => setCorrecting(false)}
        okButtonProps={{ disabled: !reason.trim(), ...tid('evaluation-correct-ok') }}
        onOk={() => void act(() => evaluationsApi.correct(run.id, reason), '已生成更正考评').then(() => setCorrecting(false))}
      >
        <Typography.Paragraph>按现有预警记录重新评定；原考评保留并标明已被取代，其未完成的后果任务将取消。</Typography.Paragraph>
        <Input.TextArea rows={3} placeholder="更正理由（必填）" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="evaluation-correct-reason" />
      </Modal>
    </Card>
  );
}

function TasksTable({ run, onChanged }: { run: EvaluationRun; onChanged: () => void }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  const tasks = useRequest(() => evaluationsApi.tasks(run.id, { page, pageSize: 20 }), [run.id, page, reload]);
  const done = (t: EvaluationTask) => {
    let note = '';
    Modal.confirm({
      title: `完成：${t.title}`,
      content: <Input.TextArea rows={3} placeholder="办理情况（必填）" onChange={(e) => (note = e.target.value)} />,
      onOk: async () => {
        try {
          await evaluationsApi.taskDone(t.id, note);
          message.success('已完成');
          setReload((r) => r + 1);
          onChanged();
        } catch (e) {
          message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };
  return (
    <Table<EvaluationTask>
      rowKey="id"
      size="small"
      loading={tasks.loading}
      dataSource={tasks.data?.items ?? []}
      data-testid="evaluation-tasks"
      pagination={{ current: page, total: tasks.data?.total ?? 0, pageSize: 20, onChange: setPage }}
      columns={[
        { title: '任务', dataIndex: 'title', width: 220 },
        { title: '对象', dataIndex: 'subject' },
        { title: '期限', dataIndex: 'dueOn', width: 110, render: (d: string, t) => <Typography.Text type={t.overdue ? 'danger' : undefined}>{formatDate(d)}</Typography.Text> },
        { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => ({ open: <Tag color="blue">待办</Tag>, done: <Tag color="green">已完成</Tag>, cancelled: <Tag>已取消</Tag> })[s] },
        { title: '办理情况', dataIndex: 'note', ellipsis: true },
        {
          title: '操作',
          key: 'op',
          width: 110,
          render: (_, t) =>
            t.actions.includes('done') ? (
              <Typography.Link onClick={() => done(t)}>标记完成</Typography.Link>
            ) : t.status === 'open' && t.talkId ? (
              <Typography.Link href={`/talks?talk=${t.talkId}`}>去登记谈话</Typography.Link>
            ) : t.status === 'open' && t.kind === 'accountability' ? (
              <Typography.Link href="/accountability?tab=pending">去作出问责决定</Typography.Link>
            ) : null,
        },
      ]}
    />
  );
}
