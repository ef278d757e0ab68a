import { TALK_KIND_LABELS, TALK_STATUS_LABELS, TALKER_ROLE_LABELS, type TalkKind, type TalkStatus } from '@qingfeng/core';
import { Alert, App, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { TalkClassTag } from '../people/TalkClassTag';
import { FormModal } from '../shared/FormModal';
import { formatDate } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useResetOnOpen } from '../shared/useResetOnOpen';
import { useRequest } from '../shared/useRequest';
import { talksApi, type ScheduleResult, type Talk, type TalkPlan } from './api';
import { TalkRecordModal } from './TalkRecordModal';
import { useQueryParams } from '../shared/useQueryParams';

const STATUS_COLORS: Record<TalkStatus, string> = { planned: 'blue', held: 'green', cancelled: 'default' };

export function TalkStatusTag({ talk }: { talk: Talk }) {
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[talk.status]}>{TALK_STATUS_LABELS[talk.status]}</Tag>
      {talk.overdue && <Tag color="red">逾期</Tag>}
    </Space>
  );
}

/** 谈话: graded talks and the talks ratings and warnings demand; talk plans and their schedules. */
export default function TalksPage() {
  const { can } = useAuth();
  const [params, setQuery] = useQueryParams();
  const tab = params.get('tab') ?? 'talks';
  const set = (key: string, value?: string) => setQuery({ [key]: value });
  return (
    <>
      <PageHeader title="谈话" subtitle="分级谈话：A类由纪委常委或纪检组长谈话，B类由分管领导谈话，C类由单位纪检负责人谈话；考评和预警要求的诫勉谈话也在这里登记。" />
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          { key: 'talks', label: '谈话记录', children: <TalksTab openId={Number(params.get('talk')) || null} onOpen={(id) => set('talk', id ? String(id) : undefined)} /> },
          ...(can('talks.plan') || can('talks.read') ? [{ key: 'plans', label: '谈话计划', children: <PlansTab /> }] : []),
        ]}
      />
    </>
  );
}

function TalksTab({ openId, onOpen }: { openId: number | null; onOpen: (id: number | null) => void }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [status, setStatus] = useState<TalkStatus | undefined>();
  const [kind, setKind] = useState<TalkKind | undefined>();
  const [mine, setMine] = useState(false);
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  const [recording, setRecording] = useState<Talk | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useRequest(() => talksApi.list({ status, kind, mine: mine || undefined, page, pageSize: 20 }), [status, kind, mine, page, reload]);
  const detail = useRequest(() => talksApi.get(openId!), [openId, reload], openId !== null);
  const saved = (t: Talk) => {
    setRecording(null);
    setCreating(false);
    message.success('已登记谈话');
    setReload((r) => r + 1);
    onOpen(t.id);
  };
  const cancel = (t: Talk) => {
    let reason = '';
    Modal.confirm({
      title: '取消谈话',
      content: <Input.TextArea rows={3} placeholder="取消理由" onChange={(e) => (reason = e.target.value)} data-testid="talk-cancel-reason" />,
      okText: '取消谈话',
      cancelText: '返回',
      onOk: async () => {
        try {
          await talksApi.cancel(t.id, reason);
          message.success('已取消');
          setReload((r) => r + 1);
        } catch (e) {
          message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="状态" style={{ width: 120 }} value={status} onChange={setStatus} options={Object.entries(TALK_STATUS_LABELS).map(([value, label]) => ({ value, label }))} data-testid="talks-status" />
        <Select allowClear placeholder="谈话类型" style={{ width: 150 }} value={kind} onChange={setKind} options={Object.entries(TALK_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="talks-mine">
          由我谈话
        </Checkbox>
        {can('talks.write') && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="talk-create">
            登记谈话
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table<Talk>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="talks-table"
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showTotal: (n) => `共 ${n} 次` }}
        columns={[
          { title: '类型', dataIndex: 'kind', width: 120, render: (k: TalkKind) => TALK_KIND_LABELS[k] },
          {
            title: '谈话对象',
            key: 'subject',
            render: (_, t) => (
              <Typography.Link onClick={() => onOpen(t.id)} data-testid={`talk-open-${t.id}`}>
                {t.subjectName ?? `${t.subjectOrgName}（集体）`}
              </Typography.Link>
            ),
          },
          { title: '类别', dataIndex: 'talkClass', width: 70, render: (c: Talk['talkClass']) => (c ? <TalkClassTag value={c} /> : '—') },
          { title: '单位', dataIndex: 'subjectOrgName', ellipsis: true },
          { title: '谈话人', key: 'talker', render: (_, t) => t.talkerName ?? '待定' },
          { title: '应谈日期', dataIndex: 'dueOn', width: 110, render: formatDate },
          { title: '谈话日期', dataIndex: 'heldOn', width: 110, render: formatDate },
          { title: '状态', key: 'status', width: 120, render: (_, t) => <TalkStatusTag talk={t} /> },
          {
            title: '操作',
            key: 'op',
            width: 120,
            render: (_, t) => (
              <Space>
                {t.actions.includes('record') && (
                  <Typography.Link onClick={() => setRecording(t)} data-testid={`talk-record-${t.id}`}>
                    登记
                  </Typography.Link>
                )}
                {t.actions.includes('cancel') && (
                  <Typography.Link type="danger" onClick={() => cancel(t)}>
                    取消
                  </Typography.Link>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={openId !== null} onClose={() => onOpen(null)} size={640} title="谈话详情" data-testid="talk-drawer">
        {detail.data && <TalkDetail talk={detail.data} onRecord={() => setRecording(detail.data!)} />}
        {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      </Drawer>
      <TalkRecordModal talk={recording} open={recording !== null || creating} onClose={() => (setRecording(null), setCreating(false))} onSaved={saved} />
    </Card>
  );
}

export function TalkDetail({ talk, onRecord }: { talk: Talk; onRecord?: () => void }) {
  return (
    <>
      <Descriptions bordered column={1} size="small" data-testid="talk-detail">
        <Descriptions.Item label="类型">{TALK_KIND_LABELS[talk.kind]}</Descriptions.Item>
        <Descriptions.Item label="谈话对象">{talk.subjectName ?? `${talk.subjectOrgName}（集体）`}</Descriptions.Item>
        <Descriptions.Item label="单位">{talk.subjectOrgName}</Descriptions.Item>
        <Descriptions.Item label="谈话人">
          {talk.talkerName ?? '待定'}
          {talk.talkerRole && <Tag style={{ marginLeft: 8 }}>{TALKER_ROLE_LABELS[talk.talkerRole]}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <TalkStatusTag talk={talk} />
        </Descriptions.Item>
        <Descriptions.Item label="应谈日期">{formatDate(talk.dueOn)}</Descriptions.Item>
        <Descriptions.Item label="谈话日期">{formatDate(talk.heldOn)}</Descriptions.Item>
        <Descriptions.Item label="地点">{talk.location ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="参加人员">{[...talk.participants.map((p) => p.name), ...(talk.participantsNote ? [talk.participantsNote] : [])].join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label="谈话要点">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="talk-detail-points">
            {talk.points ?? '—'}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="表态与承诺">{talk.commitments ?? '—'}</Descriptions.Item>
        {talk.cancelReason && <Descriptions.Item label="取消理由">{talk.cancelReason}</Descriptions.Item>}
        <Descriptions.Item label="来源">{{ plan: '谈话计划', rating: '廉情预警考评', warning: '三级预警', manual: '直接登记' }[talk.sourceKind]}</Descriptions.Item>
      </Descriptions>
      {onRecord && talk.actions.includes('record') && (
        <Button type="primary" style={{ marginTop: 16 }} onClick={onRecord} data-testid="talk-detail-record">
          登记谈话
        </Button>
      )}
    </>
  );
}

function PlansTab() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [result, setResult] = useState<ScheduleResult | null>(null);
  const plans = useRequest(() => talksApi.plans({ pageSize: 100 }), [reload]);
  const generate = async (p: TalkPlan) => {
    try {
      setResult(await talksApi.schedule(p.id));
      setReload((r) => r + 1);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card>
      {can('talks.plan') && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)} data-testid="talk-plan-create">
          制定谈话计划
        </Button>
      )}
      <Table<TalkPlan>
        rowKey="id"
        size="middle"
        loading={plans.loading}
        dataSource={plans.data?.items ?? []}
        data-testid="talk-plans-table"
        pagination={false}
        columns={[
          { title: '年度', dataIndex: 'year', width: 70 },
          { title: '计划', dataIndex: 'name' },
          { title: '范围', dataIndex: 'orgName' },
          { title: '每年次数（A/B/C）', key: 'times', width: 150, render: (_, p) => `${p.timesA} / ${p.timesB} / ${p.timesC}` },
          { title: '待谈 / 已谈 / 逾期', key: 'talks', width: 150, render: (_, p) => `${p.talks.planned} / ${p.talks.held} / ${p.talks.overdue}` },
          {
            title: '操作',
            key: 'op',
            width: 130,
            render: (_, p) =>
              p.actions.includes('generate') && (
                <Typography.Link onClick={() => void generate(p)} data-testid={`talk-plan-generate-${p.id}`}>
                  {p.generatedAt ? '补充生成' : '生成谈话安排'}
                </Typography.Link>
              ),
          },
        ]}
      />
      <PlanFormModal open={creating} onClose={() => setCreating(false)} onSaved={() => (setCreating(false), setReload((r) => r + 1), message.success('已制定谈话计划'))} />
      <Modal open={result !== null} title="谈话安排已生成" onCancel={() => setResult(null)} onOk={() => setResult(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        {result && (
          <div data-testid="talk-schedule-result">
            <Typography.Paragraph>新安排谈话 {result.created} 次。</Typography.Paragraph>
            {result.unassigned.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={`${result.unassigned.length} 人未能确定谈话人`}
                description={result.unassigned.slice(0, 20).map((u) => `${u.name}（${u.orgName}）：${u.reason}`).join('；')}
              />
            )}
          </div>
        )}
      </Modal>
    </Card>
  );
}

function PlanFormModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ year: number; orgId: number; name: string; timesA: number; timesB: number; timesC: number }>();
  const submission = useFormSubmit(form, ['year', 'orgId', 'name', 'timesA', 'timesB', 'timesC']);
  useResetOnOpen(open, submission, () => ({ year: dayjs().year(), timesA: 1, timesB: 2, timesC: 4 }));
  const save = () =>
    submission.run(async (v) => {
      await talksApi.createPlan(v);
      onSaved();
    });
  return (
    <FormModal open={open} title="制定谈话计划" onCancel={onClose} onOk={save} submit={submission} okTestId="talk-plan-submit">
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="计划名称" rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="talk-plan-name" />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} data-testid="talk-plan-year" />
        </Form.Item>
        <Form.Item name="orgId" label="范围（组织及其下级）" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect data-testid="talk-plan-org" />
        </Form.Item>
        <Space>
          <Form.Item name="timesA" label="A类每年次数" rules={[{ required: true }]}>
            <InputNumber min={0} max={12} data-testid="talk-plan-a" />
          </Form.Item>
          <Form.Item name="timesB" label="B类每年次数" rules={[{ required: true }]}>
            <InputNumber min={0} max={12} data-testid="talk-plan-b" />
          </Form.Item>
          <Form.Item name="timesC" label="C类每年次数" rules={[{ required: true }]}>
            <InputNumber min={0} max={12} data-testid="talk-plan-c" />
          </Form.Item>
        </Space>
      </Form>
    </FormModal>
  );
}
