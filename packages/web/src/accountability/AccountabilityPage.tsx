import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  ACCOUNTABILITY_FORM_GROUPS,
  ACCOUNTABILITY_FORM_LABELS,
  ACCOUNTABLE_ROLE_LABELS,
  BEHAVIOUR_SUBJECT_LABELS,
  DECISION_SOURCE_LABELS,
  type AccountabilityForm,
  type AccountableRole,
} from '@qingfeng/core';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { PersonSelect } from '../people/PersonSelect';
import { FormModal } from '../shared/FormModal';
import { PageHeader } from '../shared/PageHeader';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useResetOnOpen } from '../shared/useResetOnOpen';
import { useRequest } from '../shared/useRequest';
import { accountabilityApi, type AccountabilityDecision, type PendingItem } from './api';

const FORM_OPTIONS = (Object.keys(ACCOUNTABILITY_FORM_LABELS) as AccountabilityForm[]).map((f) => ({ value: f, label: `${ACCOUNTABILITY_FORM_GROUPS[f]}·${ACCOUNTABILITY_FORM_LABELS[f]}` }));
const ROLE_OPTIONS = (Object.keys(ACCOUNTABLE_ROLE_LABELS) as AccountableRole[]).map((r) => ({ value: r, label: ACCOUNTABLE_ROLE_LABELS[r] }));

/** 问责: decisions (一案双查), what waits for one, and the catalogue of accountable behaviours. */
export default function AccountabilityPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [reload, setReload] = useState(0);
  const [deciding, setDeciding] = useState<Partial<PendingItem> | null>(null);
  const tab = params.get('tab') ?? 'decisions';
  return (
    <>
      <PageHeader
        title="问责"
        subtitle="问责方式：三诫勉（诫勉提醒、诫勉督导、诫勉纠错）、通报批评、岗位处理（停职检查、调整岗位）、纪律处分；一案双查，违纪人员与负有监督责任的领导一并追究。"
        extra={
          can('accountability.write') && (
            <Button type="primary" onClick={() => setDeciding({})} data-testid="decision-create">
              作出问责决定
            </Button>
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'decisions', label: '问责决定', children: <DecisionsTab reload={reload} /> },
          ...(can('accountability.write') ? [{ key: 'pending', label: '待问责事项', children: <PendingTab reload={reload} onDecide={setDeciding} /> }] : []),
          { key: 'catalogue', label: '问责情形', children: <CatalogueTab /> },
        ]}
      />
      <DecisionModal source={deciding} onClose={() => setDeciding(null)} onSaved={() => (setDeciding(null), setReload((r) => r + 1))} />
    </>
  );
}

function DecisionsTab({ reload }: { reload: number }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<AccountabilityDecision | null>(null);
  const list = useRequest(() => accountabilityApi.list({ page, pageSize: 20 }), [page, reload]);
  return (
    <Card>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table<AccountabilityDecision>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="decisions-table"
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        columns={[
          { title: '文号', dataIndex: 'serialNo', width: 160, render: (s: string, d) => <Typography.Link onClick={() => setOpen(d)}>{s}</Typography.Link> },
          { title: '决定日期', dataIndex: 'decidedOn', width: 110 },
          { title: '单位', dataIndex: 'orgName', ellipsis: true },
          { title: '相关人员', key: 'people', render: (_, d) => d.people.map((p) => `${p.name}（${ACCOUNTABILITY_FORM_LABELS[p.form]}）`).join('、') },
          { title: '来源', dataIndex: 'sourceKind', width: 170, render: (s: AccountabilityDecision['sourceKind']) => DECISION_SOURCE_LABELS[s] },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={720} title={open?.serialNo}>
        {open && (
          <>
            <Descriptions bordered column={2} size="small">
              <Descriptions.Item label="决定日期">{open.decidedOn}</Descriptions.Item>
              <Descriptions.Item label="决定机关">{open.decisionMaker}</Descriptions.Item>
              <Descriptions.Item label="单位">{open.orgName}</Descriptions.Item>
              <Descriptions.Item label="来源">{DECISION_SOURCE_LABELS[open.sourceKind]}</Descriptions.Item>
              <Descriptions.Item label="问责事实" span={2}>
                {open.caseFacts}
              </Descriptions.Item>
            </Descriptions>
            <Table
              style={{ marginTop: 16 }}
              rowKey="personId"
              size="small"
              pagination={false}
              dataSource={open.people}
              columns={[
                { title: '姓名', dataIndex: 'name', width: 90 },
                { title: '身份', dataIndex: 'role', width: 180, render: (r: AccountableRole) => ACCOUNTABLE_ROLE_LABELS[r] },
                { title: '问责情形', key: 'b', render: (_, p) => `${p.behaviourCode} ${p.behaviourTitle}` },
                { title: '问责方式', dataIndex: 'form', width: 140, render: (f: AccountabilityForm) => ACCOUNTABILITY_FORM_LABELS[f] },
              ]}
            />
          </>
        )}
      </Drawer>
    </Card>
  );
}

function PendingTab({ reload, onDecide }: { reload: number; onDecide: (p: PendingItem) => void }) {
  const pending = useRequest(() => accountabilityApi.pending(), [reload]);
  return (
    <Card>
      {pending.error && <Alert type="error" showIcon title={errorMessage(pending.error)} />}
      <Table<PendingItem>
        rowKey={(p) => `${p.sourceKind}-${p.sourceId}`}
        size="middle"
        loading={pending.loading}
        dataSource={pending.data?.items ?? []}
        data-testid="pending-table"
        pagination={false}
        columns={[
          { title: '事项', dataIndex: 'title' },
          { title: '对象', key: 'who', render: (_, p) => p.personName ?? p.orgName },
          { title: '单位', dataIndex: 'orgName' },
          { title: '操作', key: 'op', width: 120, render: (_, p) => <Typography.Link onClick={() => onDecide(p)}>作出问责决定</Typography.Link> },
        ]}
      />
    </Card>
  );
}

function CatalogueTab() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const list = useRequest(() => accountabilityApi.behaviours(), []);
  const counts = (s: 'staff' | 'unit_head') => list.data?.items.filter((b) => b.subject === s).length ?? 0;
  return (
    <Card>
      {list.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`种子文件（清新县行政问责暂行办法）列明工作人员 ${list.data.seedCounts.staff} 种、单位负责人 ${list.data.seedCounts.unit_head} 种问责情形，但只点名了其中几种；目录现有工作人员 ${counts('staff')} 种、单位负责人 ${counts('unit_head')} 种，请按本地办法补全。`}
        />
      )}
      {can('evaluations.configure') && (
        <Button style={{ marginBottom: 12 }} onClick={() => setAdding(true)} data-testid="behaviour-create">
          新增问责情形
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.data?.items ?? []}
        data-testid="behaviours-table"
        columns={[
          { title: '代码', dataIndex: 'code', width: 70 },
          { title: '对象', dataIndex: 'subject', width: 110, render: (s: 'staff' | 'unit_head') => BEHAVIOUR_SUBJECT_LABELS[s] },
          { title: '问责情形', dataIndex: 'title', render: (t: string, b) => <Space>{t}{b.detection && <Tag color="purple">系统自动识别</Tag>}</Space> },
          { title: '出处', dataIndex: 'source', width: 120, render: (s: string | null) => (s && /^\d{3}$/.test(s) ? `种子文件 ${s}` : (s ?? '—')) },
          ...(can('evaluations.configure')
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 80,
                  render: (_: unknown, b: { id: number }) => (
                    <Popconfirm title="停用该情形？已引用的决定不受影响。" onConfirm={() => accountabilityApi.retireBehaviour(b.id).then(list.reload, (e) => message.error(errorMessage(e)))}>
                      <Typography.Link type="danger">停用</Typography.Link>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <BehaviourModal open={adding} onClose={() => setAdding(false)} onSaved={() => (setAdding(false), list.reload())} />
    </Card>
  );
}

function BehaviourModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ code: string; subject: 'staff' | 'unit_head'; title: string; source?: string }>();
  const submission = useFormSubmit(form, ['code', 'subject', 'title', 'source']);
  useResetOnOpen(open, submission, () => ({ subject: 'staff' as const }));
  const save = () => submission.run(async (v) => (await accountabilityApi.createBehaviour({ ...v, source: v.source || null }), onSaved()));
  return (
    <FormModal open={open} title="新增问责情形" onCancel={onClose} onOk={save} submit={submission} okTestId="behaviour-submit">
      <Form form={form} layout="vertical">
        <Form.Item name="code" label="代码" rules={[{ required: true }]} extra="大写字母开头，如 S08、H09">
          <Input maxLength={10} />
        </Form.Item>
        <Form.Item name="subject" label="对象" rules={[{ required: true }]}>
          <Select options={Object.entries(BEHAVIOUR_SUBJECT_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="title" label="问责情形" rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item name="source" label="出处">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface DecisionValues {
  decidedOn: Dayjs;
  decisionMaker: string;
  caseFacts: string;
  people: { personId: number; role: AccountableRole; behaviourId: number; form: AccountabilityForm }[];
}

function DecisionModal({ source, onClose, onSaved }: { source: Partial<PendingItem> | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionValues>();
  const submission = useFormSubmit(form, ['decidedOn', 'decisionMaker', 'caseFacts', 'people']);
  useResetOnOpen(source !== null, submission, () => ({ decidedOn: dayjs(), decisionMaker: '示范区纪委常委会', people: [{ personId: source?.personId ?? undefined, role: 'violator', form: 'admonish_remind' } as DecisionValues['people'][number]] }));
  const behaviours = useRequest(() => accountabilityApi.behaviours(), [], source !== null);
  const options = (behaviours.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.code} ${b.title}` }));
  const suggest = async () => {
    const violator = form.getFieldValue(['people', 0, 'personId']) as number | undefined;
    if (!violator) return message.warning('请先选择违纪违规人员');
    try {
      const l = await accountabilityApi.leaders(violator);
      const rows = [
        ...l.directLeaders.map((x) => ({ personId: x.personId, role: 'direct_leader' as const, form: 'admonish_remind' as const })),
        ...l.principalLeaders.map((x) => ({ personId: x.personId, role: 'principal_leader' as const, form: 'admonish_remind' as const })),
      ];
      if (!rows.length) return message.info('组织树中未找到负有监督责任的领导');
      form.setFieldValue('people', [form.getFieldValue(['people', 0]), ...rows]);
      message.success(`已按组织树加入：${[...l.directLeaders, ...l.principalLeaders].map((x) => `${x.name}（${x.postName}）`).join('、')}，请选择问责情形`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const save = () =>
    submission.run(async (v) => {
      await accountabilityApi.create({
        decidedOn: v.decidedOn.format('YYYY-MM-DD'),
        decisionMaker: v.decisionMaker,
        caseFacts: v.caseFacts,
        sourceKind: source?.sourceKind ?? 'manual',
        sourceId: source?.sourceId ?? null,
        people: v.people,
      });
      message.success('已作出问责决定');
      onSaved();
    });
  return (
    <FormModal
      open={source !== null}
      title={source?.title ? `作出问责决定：${source.title}` : '作出问责决定'}
      onCancel={onClose}
      onOk={save}
      submit={submission}
      okTestId="decision-submit"
      errorTestId="decision-error"
      width={860}
    >
      <Form form={form} layout="vertical">
        <Space>
          <Form.Item name="decidedOn" label="决定日期" rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="decisionMaker" label="决定机关" rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Form.Item name="caseFacts" label="问责事实" rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="decision-facts" />
        </Form.Item>
        <Form.List name="people">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'personId']} rules={[{ required: true, message: '请选择人员' }]}>
                    <PersonSelect style={{ width: 200 }} data-testid={`decision-person-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} rules={[{ required: true }]}>
                    <Select style={{ width: 210 }} options={ROLE_OPTIONS} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'behaviourId']} rules={[{ required: true, message: '请选择问责情形' }]}>
                    <Select style={{ width: 260 }} options={options} placeholder="问责情形" showSearch={{ optionFilterProp: 'label' }} data-testid={`decision-behaviour-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'form']} rules={[{ required: true }]}>
                    <Select style={{ width: 170 }} options={FORM_OPTIONS} />
                  </Form.Item>
                  {i > 0 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ role: 'direct_leader', form: 'admonish_remind' })}>
                  增加人员
                </Button>
                <Button onClick={() => void suggest()} data-testid="decision-suggest">
                  一案双查：按组织树加入负有监督责任的领导
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}
