import { DownloadOutlined } from '@ant-design/icons';
import type { OpinionSettings } from '@qingfeng/core';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { PersonSelect } from '../people/PersonSelect';
import { FormModal } from '../shared/FormModal';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { tid } from '../shared/testid';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useResetOnOpen } from '../shared/useResetOnOpen';
import { useRequest } from '../shared/useRequest';
import { opinionsApi, type IntegrityOpinion } from './api';

const STATUS = { draft: ['草稿', 'default'], submitted: ['待审核', 'blue'], approved: ['已审核', 'green'] } as const;

/** 党风廉政意见回复: replies to the organisation department, drafted from the archive, approved by a second person. */
export default function OpinionsPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const openId = Number(params.get('opinion')) || null;
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const list = useRequest(() => opinionsApi.list({ pageSize: 50 }), [reload]);
  const open = (id: number | null) => setParams(id ? { opinion: String(id) } : {}, { replace: true });
  return (
    <>
      <PageHeader
        title="党风廉政意见回复"
        subtitle="组织部门就拟提拔使用干部征求意见时，依据个人廉政档案生成回复，经另一人审核后以公文格式出具。"
        extra={
          can('opinions.draft') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="opinion-create">
              起草回复
            </Button>
          )
        }
      />
      <Card>
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
        <Table<IntegrityOpinion>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="opinions-table"
          pagination={false}
          columns={[
            { title: '文号', dataIndex: 'serialNo', width: 170, render: (s: string | null, o) => <Typography.Link onClick={() => open(o.id)} data-testid={`opinion-open-${o.id}`}>{s ?? '（审核后编号）'}</Typography.Link> },
            { title: '来函', key: 'req', render: (_, o) => `${o.requester}${o.requestRef ? ` ${o.requestRef}` : ''}` },
            { title: '干部', key: 'people', render: (_, o) => o.people.map((p) => p.name).join('、') },
            { title: '状态', dataIndex: 'status', width: 100, render: (s: IntegrityOpinion['status']) => <Tag color={STATUS[s][1]}>{STATUS[s][0]}</Tag> },
            { title: '起草', dataIndex: 'draftedBy', width: 140 },
          ]}
        />
      </Card>
      <CreateModal open={creating} onClose={() => setCreating(false)} onSaved={(o) => (setCreating(false), setReload((r) => r + 1), open(o.id))} />
      <Drawer open={openId !== null} onClose={() => open(null)} size={760} title="意见回复" data-testid="opinion-drawer">
        {openId !== null && <OpinionDetail id={openId} onChanged={() => setReload((r) => r + 1)} />}
      </Drawer>
    </>
  );
}

function OpinionDetail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { message } = App.useApp();
  const [opinion, setOpinion] = useState<IntegrityOpinion | null>(null);
  const detail = useRequest(async () => {
    const o = await opinionsApi.get(id);
    setOpinion(o);
    return o;
  }, [id]);
  const settings = useRequest(() => opinionsApi.categories(), []);
  const categories = ((settings.data?.items.find((s) => s.key === 'opinions')?.value as OpinionSettings | undefined)?.categories ?? []).map((c) => ({ value: c.code, label: c.label }));
  const act = async (f: () => Promise<IntegrityOpinion>, done: string) => {
    try {
      setOpinion(await f());
      message.success(done);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const askNote = (title: string, required: boolean, then: (note: string) => Promise<IntegrityOpinion>, done: string) => {
    let note = '';
    Modal.confirm({
      title,
      content: <Input.TextArea rows={3} placeholder={required ? '理由（必填）' : '审核意见（可选）'} onChange={(e) => (note = e.target.value)} data-testid="opinion-note" />,
      okButtonProps: tid('opinion-note-ok'),
      onOk: () => act(() => then(note), done),
    });
  };
  if (detail.error) return <Alert type="error" showIcon title={errorMessage(detail.error)} />;
  if (!opinion) return null;
  const can = (a: string) => opinion.actions.includes(a);
  return (
    <>
      <Descriptions bordered column={2} size="small" data-testid="opinion-detail">
        <Descriptions.Item label="文号">{opinion.serialNo ?? '（审核通过后编号）'}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS[opinion.status][1]} data-testid="opinion-status">
            {STATUS[opinion.status][0]}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="来函单位">{opinion.requester}</Descriptions.Item>
        <Descriptions.Item label="来函文号">{opinion.requestRef ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="事由">{opinion.purpose}</Descriptions.Item>
        <Descriptions.Item label="所询期间">{`${opinion.periodStart} 至 ${opinion.periodEnd}`}</Descriptions.Item>
        <Descriptions.Item label="起草">{opinion.draftedBy}</Descriptions.Item>
        <Descriptions.Item label="审核">{opinion.reviewedBy ? `${opinion.reviewedBy} ${formatDateTime(opinion.reviewedAt)}` : '—'}</Descriptions.Item>
        {opinion.reviewNote && <Descriptions.Item label="审核意见" span={2}>{opinion.reviewNote}</Descriptions.Item>}
      </Descriptions>
      <List
        style={{ marginTop: 16 }}
        dataSource={opinion.people}
        renderItem={(p) => (
          <Card size="small" style={{ marginBottom: 12 }} title={`${p.name}（${p.orgName}）`} data-testid={`opinion-person-${p.personId}`}>
            {p.findings.map((f) => (
              <Typography.Paragraph key={f} style={{ marginBottom: 4 }}>
                {f}
              </Typography.Paragraph>
            ))}
            <Space style={{ marginTop: 8 }} wrap>
              结论：
              {can('edit') ? (
                <Select style={{ width: 240 }} value={p.category} options={categories} onChange={(v) => void act(() => opinionsApi.choose(opinion.id, p.personId, v), '已修改结论')} data-testid={`opinion-category-${p.personId}`} />
              ) : (
                <Tag>{p.categoryLabel}</Tag>
              )}
              {p.suggestedCategory !== p.category && <Typography.Text type="secondary">（档案建议：{categories.find((c) => c.value === p.suggestedCategory)?.label}）</Typography.Text>}
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {p.conclusion}
            </Typography.Paragraph>
          </Card>
        )}
      />
      <Space>
        {can('submit') && (
          <Button type="primary" onClick={() => void act(() => opinionsApi.submit(opinion.id), '已提交审核')} data-testid="opinion-submit">
            提交审核
          </Button>
        )}
        {can('approve') && (
          <Button type="primary" onClick={() => askNote('审核通过', false, (n) => opinionsApi.approve(opinion.id, n || null), '已审核通过')} data-testid="opinion-approve">
            审核通过
          </Button>
        )}
        {can('return') && (
          <Button onClick={() => askNote('退回修改', true, (n) => opinionsApi.return(opinion.id, n), '已退回')} data-testid="opinion-return">
            退回
          </Button>
        )}
        {can('download') && (
          <Button icon={<DownloadOutlined />} onClick={() => void opinionsApi.download(opinion.id).catch((e) => message.error(errorMessage(e)))} data-testid="opinion-download">
            下载 Word
          </Button>
        )}
      </Space>
    </>
  );
}

function CreateModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (o: IntegrityOpinion) => void }) {
  const [form] = Form.useForm<{ requester: string; requestRef?: string; requestedOn: Dayjs; purpose: string; period: [Dayjs, Dayjs]; personIds: number[] }>();
  const submission = useFormSubmit(form, ['requester', 'requestRef', 'requestedOn', 'purpose', 'personIds']);
  useResetOnOpen(open, submission, () => ({ requester: '中共示范区委组织部', requestedOn: dayjs(), purpose: '拟提拔任用', period: [dayjs().subtract(3, 'year'), dayjs()] as [Dayjs, Dayjs] }));
  const save = () =>
    submission.run(async (v) => {
      onSaved(
        await opinionsApi.create({
          requester: v.requester,
          requestRef: v.requestRef || null,
          requestedOn: v.requestedOn.format('YYYY-MM-DD'),
          purpose: v.purpose,
          periodStart: v.period[0].format('YYYY-MM-DD'),
          periodEnd: v.period[1].format('YYYY-MM-DD'),
          personIds: v.personIds,
        }),
      );
    });
  return (
    <FormModal
      open={open}
      title="起草党风廉政意见回复"
      onCancel={onClose}
      onOk={save}
      submit={submission}
      okTestId="opinion-create-submit"
      width={640}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="requester" label="来函单位" rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="requestRef" label="来函文号">
          <Input maxLength={60} data-testid="opinion-request-ref" />
        </Form.Item>
        <Form.Item name="requestedOn" label="来函日期" rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="purpose" label="事由" rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="period" label="所询期间" rules={[{ required: true }]}>
          <DatePicker.RangePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="personIds" label="干部" rules={[{ required: true, message: '至少选择一名干部' }]}>
          <PersonSelect mode="multiple" data-testid="opinion-people" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
