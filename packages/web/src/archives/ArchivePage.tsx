import { DownloadOutlined } from '@ant-design/icons';
import {
  ACCOUNTABILITY_FORM_LABELS,
  ACCOUNTABLE_ROLE_LABELS,
  CHECK_METHOD_LABELS,
  GRADE_LABELS,
  PERSONAL_MATTER_FINDING_LABELS,
  PERSONAL_MATTER_KIND_LABELS,
  RISK_POINT_STATUS_LABELS,
  TALK_KIND_LABELS,
  WARNING_OUTCOME_LABELS,
  WARNING_STATUS_LABELS,
  type Grade,
  type RiskPointStatus,
  type WarningOutcome,
  type WarningStatus,
} from '@qingfeng/core';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Row, Select, Skeleton, Space, Statistic, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useAuth, useMe } from '../auth/AuthContext';
import { PersonSelect } from '../people/PersonSelect';
import { TalkClassTag } from '../people/TalkClassTag';
import { FormModal } from '../shared/FormModal';
import { formatDate, formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useResetOnOpen } from '../shared/useResetOnOpen';
import { useRequest } from '../shared/useRequest';
import { TalkStatusTag } from '../talks/TalksPage';
import { archivesApi, type IntegrityArchive, type PersonalMatter } from './api';

export const GRADE_COLORS: Record<Grade, string> = { good: 'green', fair: 'gold', poor: 'red' };

/** A section of the archive: its table, or a line saying there is nothing. */
/** One part of the archive: its records as a table, or 暂无记录. */
function Section<T extends object>({ title, items, rowKey, columns, testId }: { title: string; items: T[]; rowKey: keyof T & string; columns: TableColumnsType<T>; testId: string }) {
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }} data-testid={testId}>
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" /> : <Table<T> rowKey={rowKey} size="small" pagination={false} dataSource={items} columns={columns} />}
    </Card>
  );
}

/** 个人廉政档案: /archives/:personId, or /archives/me for one's own. */
export default function ArchivePage() {
  const me = useMe();
  const { personId: param } = useParams();
  const navigate = useNavigate();
  const personId = param === 'me' ? me.personId : Number(param) || null;
  if (!personId) return <ArchiveSearch own={param === 'me'} onPick={(id) => navigate(`/archives/${id}`)} />;
  return <Archive personId={personId} />;
}

function ArchiveSearch({ own, onPick }: { own: boolean; onPick: (id: number) => void }) {
  const me = useMe();
  return (
    <>
      <PageHeader title="个人廉政档案" subtitle="任职经历、谈话、预警、考评、问责、个人有关事项报告与廉洁信用度" />
      <Card>
        {own ? (
          <Alert type="info" showIcon title="您的账户未关联干部信息，没有个人廉政档案。" />
        ) : (
          <Space>
            查询干部：
            <PersonSelect style={{ width: 320 }} onChange={(v) => typeof v === 'number' && onPick(v)} data-testid="archive-search" />
            {me.personId && (
              <Button onClick={() => onPick(me.personId!)} data-testid="archive-mine">
                我的廉政档案
              </Button>
            )}
          </Space>
        )}
      </Card>
    </>
  );
}

function Archive({ personId }: { personId: number }) {
  const { message } = App.useApp();
  const { can } = useAuth();
  const [reload, setReload] = useState(0);
  const [adding, setAdding] = useState(false);
  const [checking, setChecking] = useState<PersonalMatter | null>(null);
  const [exporting, setExporting] = useState(false);
  const archive = useRequest(() => archivesApi.get(personId), [personId, reload]);
  const a = archive.data;
  const doExport = async () => {
    setExporting(true);
    try {
      await archivesApi.exportXlsx(personId);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  if (archive.error) return <Alert type="error" showIcon title={errorMessage(archive.error)} />;
  if (!a) return <Skeleton active paragraph={{ rows: 12 }} />;
  return (
    <>
      <PageHeader
        title={`个人廉政档案 · ${a.person.name}`}
        subtitle="不含问题线索及其来源；查看和导出均记入审计日志。"
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="archive-export">
            导出档案
          </Button>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={2} size="small" data-testid="archive-person">
              <Descriptions.Item label="姓名">{a.person.name}</Descriptions.Item>
              <Descriptions.Item label="所属组织">{a.person.orgName}</Descriptions.Item>
              <Descriptions.Item label="谈话类别">
                <TalkClassTag value={a.person.talkClass} />
              </Descriptions.Item>
              <Descriptions.Item label="领导职务">{a.person.isPrincipalLeader ? '主要负责人' : a.person.isLeadershipMember ? '班子成员' : '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="任职经历" size="small" style={{ marginBottom: 16 }} data-testid="archive-posts">
            <Timeline
              items={a.posts.map((p) => ({
                color: p.endedOn ? 'gray' : 'green',
                content: `${p.startedOn} 至 ${p.endedOn ?? '今'}　${p.orgName}·${p.postName}`,
              }))}
            />
          </Card>
          <Section
            title="廉情预警考评"
            items={a.ratings.items}
            rowKey="runId"
            testId="archive-ratings"
            columns={[
              { title: '年度', dataIndex: 'year', width: 70 },
              { title: '等次', dataIndex: 'grade', width: 70, render: (g: Grade) => <Tag color={GRADE_COLORS[g]} data-testid={`archive-grade-${g}`}>{GRADE_LABELS[g]}</Tag> },
              { title: '理由', dataIndex: 'reason', render: (r: string, x) => <span data-testid="archive-rating-reason">{r}{x.corrected ? '（更正考评）' : ''}</span> },
            ]}
          />
          <Section
            title="预警"
            items={a.warnings.items}
            rowKey="id"
            testId="archive-warnings"
            columns={[
              { title: '文号', dataIndex: 'serialNo' },
              { title: '级别', dataIndex: 'level', width: 80, render: (l: number) => `${l}级` },
              { title: '发出日期', dataIndex: 'issuedOn', width: 110 },
              { title: '状态', dataIndex: 'status', width: 100, render: (s: string) => WARNING_STATUS_LABELS[s as WarningStatus] ?? s },
              { title: '结果', dataIndex: 'outcome', width: 120, render: (o: string | null) => (o ? (WARNING_OUTCOME_LABELS[o as WarningOutcome] ?? o) : '—') },
            ]}
          />
          <Section
            title="谈话"
            items={a.talks.items}
            rowKey="id"
            testId="archive-talks"
            columns={[
              { title: '类型', dataIndex: 'kind', width: 110, render: (k: keyof typeof TALK_KIND_LABELS) => TALK_KIND_LABELS[k] },
              { title: '日期', key: 'date', width: 110, render: (_, t) => formatDate(t.heldOn ?? t.dueOn) },
              { title: '谈话人', dataIndex: 'talkerName', width: 100 },
              { title: '要点', dataIndex: 'points', ellipsis: true },
              { title: '状态', key: 's', width: 110, render: (_, t) => <TalkStatusTag talk={t} /> },
            ]}
          />
          <Section
            title="问责"
            items={a.accountability.items}
            rowKey="decisionId"
            testId="archive-accountability"
            columns={[
              { title: '文号', dataIndex: 'serialNo', width: 150 },
              { title: '决定日期', dataIndex: 'decidedOn', width: 110 },
              { title: '身份', dataIndex: 'role', width: 150, render: (r: keyof typeof ACCOUNTABLE_ROLE_LABELS) => ACCOUNTABLE_ROLE_LABELS[r] },
              { title: '问责情形', dataIndex: 'behaviourTitle', ellipsis: true },
              { title: '问责方式', dataIndex: 'form', width: 140, render: (f: keyof typeof ACCOUNTABILITY_FORM_LABELS) => ACCOUNTABILITY_FORM_LABELS[f] },
            ]}
          />
          <Card
            title="个人有关事项报告"
            size="small"
            style={{ marginBottom: 16 }}
            data-testid="archive-matters"
            extra={
              can('personal_matters.write') && (
                <Button size="small" onClick={() => setAdding(true)} data-testid="matter-add">
                  登记报告
                </Button>
              )
            }
          >
            <Table<PersonalMatter>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={a.personalMatters.items}
              locale={{ emptyText: '暂无记录' }}
              columns={[
                { title: '年度', dataIndex: 'year', width: 70 },
                { title: '类型', dataIndex: 'kind', width: 110, render: (k: keyof typeof PERSONAL_MATTER_KIND_LABELS) => PERSONAL_MATTER_KIND_LABELS[k] },
                { title: '报告日期', dataIndex: 'submittedOn', width: 110 },
                {
                  title: '核查',
                  key: 'check',
                  render: (_, m) =>
                    m.status === 'checked' ? (
                      <span>
                        {CHECK_METHOD_LABELS[m.checkMethod!]} {m.checkedOn}：<Tag color={m.finding === 'accurate' ? 'green' : 'red'}>{PERSONAL_MATTER_FINDING_LABELS[m.finding!]}</Tag>
                        {m.findingNote}
                      </span>
                    ) : m.actions.includes('check') ? (
                      <Typography.Link onClick={() => setChecking(m)} data-testid={`matter-check-${m.id}`}>
                        登记核查结果
                      </Typography.Link>
                    ) : (
                      '未核查'
                    ),
                },
              ]}
            />
          </Card>
          <Section
            title="岗位廉政风险点"
            items={a.riskPoints.items}
            rowKey="id"
            testId="archive-risk-points"
            columns={[
              { title: '岗位', dataIndex: 'postName', width: 120, render: (p: string | null) => p ?? '（本人）' },
              { title: '风险点', dataIndex: 'title' },
              { title: '等级', dataIndex: 'level', width: 70, render: (l: number) => `${l}级` },
              { title: '状态', dataIndex: 'status', width: 80, render: (st: string) => RISK_POINT_STATUS_LABELS[st as RiskPointStatus] ?? st },
              { title: '措施落实', key: 'm', width: 90, render: (_, r) => `${r.measuresDone}/${r.measuresTotal}` },
            ]}
          />
          <Section
            title="风险防范承诺书"
            items={a.commitments.items}
            rowKey="id"
            testId="archive-commitments"
            columns={[
              { title: '年度', dataIndex: 'year', width: 70 },
              { title: '标题', dataIndex: 'title' },
              { title: '签署', dataIndex: 'signedAt', width: 150, render: (d: string | null) => (d ? formatDateTime(d) : <Tag>未签署</Tag>) },
              { title: '报纪委备案', dataIndex: 'filedAt', width: 150, render: (d: string | null) => (d ? formatDateTime(d) : '—') },
            ]}
          />
        </Col>
        <Col xs={24} lg={8}>
          <CreditCard archive={a} />
        </Col>
      </Row>
      <MatterModal personId={personId} open={adding} onClose={() => setAdding(false)} onSaved={() => (setAdding(false), message.success('已登记'), setReload((r) => r + 1))} />
      <CheckModal matter={checking} onClose={() => setChecking(null)} onSaved={() => (setChecking(null), message.success('已登记核查结果'), setReload((r) => r + 1))} />
    </>
  );
}

function CreditCard({ archive: a }: { archive: IntegrityArchive }) {
  const c = a.credit;
  return (
    <Card title="廉洁信用度" size="small" data-testid="archive-credit">
      <Statistic value={c.score} suffix={`/ ${c.base}`} valueStyle={{ color: c.score >= 90 ? '#389e0d' : c.score >= 70 ? '#d48806' : '#cf1322' }} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        计算期间：{c.since} 至 {a.generatedAt}（公式为配置，可在考评规则中调整）
      </Typography.Paragraph>
      <Table
        rowKey="label"
        size="small"
        pagination={false}
        dataSource={c.terms}
        locale={{ emptyText: '期间内无扣分事项' }}
        columns={[
          { title: '事项', dataIndex: 'label' },
          { title: '次数', dataIndex: 'count', width: 50 },
          { title: '每次扣分', dataIndex: 'points', width: 70 },
          { title: '小计', dataIndex: 'subtotal', width: 50, render: (v: number) => `−${v}` },
        ]}
      />
      <Typography.Paragraph code style={{ marginTop: 12 }} data-testid="archive-credit-expression">
        {c.expression}
      </Typography.Paragraph>
    </Card>
  );
}

function MatterModal({ personId, open, onClose, onSaved }: { personId: number; open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ year: number; kind: 'annual' | 'ad_hoc'; submittedOn: Dayjs; matters?: string }>();
  const submission = useFormSubmit(form, ['year', 'kind', 'submittedOn', 'matters']);
  useResetOnOpen(open, submission, () => ({ year: dayjs().year(), kind: 'annual' as const, submittedOn: dayjs() }));
  const save = () =>
    submission.run(async (v) => {
      await archivesApi.submitMatter({ personId, year: v.year, kind: v.kind, submittedOn: v.submittedOn.format('YYYY-MM-DD'), matters: v.matters || null });
      onSaved();
    });
  return (
    <FormModal open={open} title="登记个人有关事项报告" onCancel={onClose} onOk={save} submit={submission} okTestId="matter-submit">
      <Form form={form} layout="vertical">
        <Form.Item name="year" label="年度" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select options={Object.entries(PERSONAL_MATTER_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="submittedOn" label="报告日期" rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="matters" label="报告事项（摘要）">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function CheckModal({ matter, onClose, onSaved }: { matter: PersonalMatter | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ checkMethod: 'random' | 'targeted'; checkedOn: Dayjs; finding: 'accurate' | 'minor_omission' | 'concealment'; findingNote?: string }>();
  const submission = useFormSubmit(form, ['checkMethod', 'checkedOn', 'finding', 'findingNote']);
  useResetOnOpen(matter !== null, submission, () => ({ checkMethod: 'random' as const, checkedOn: dayjs(), finding: 'accurate' as const }));
  const save = () =>
    submission.run(async (v) => {
      await archivesApi.checkMatter(matter!.id, { ...v, checkedOn: v.checkedOn.format('YYYY-MM-DD'), findingNote: v.findingNote || null });
      onSaved();
    });
  return (
    <FormModal open={matter !== null} title="登记核查结果" onCancel={onClose} onOk={save} submit={submission} okTestId="matter-check-submit">
      <Form form={form} layout="vertical">
        <Form.Item name="checkMethod" label="核查方式" rules={[{ required: true }]}>
          <Select options={Object.entries(CHECK_METHOD_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="checkedOn" label="核查日期" rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="finding" label="核查结果" rules={[{ required: true }]}>
          <Select options={Object.entries(PERSONAL_MATTER_FINDING_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="findingNote" label="说明">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
