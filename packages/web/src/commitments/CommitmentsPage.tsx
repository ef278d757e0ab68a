import { Alert, App, Button, Card, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useAuth, useMe } from '../auth/AuthContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { tid } from '../shared/testid';
import { useRequest } from '../shared/useRequest';
import { campaignsApi } from '../check-campaigns/api';
import { commitmentsApi, type Commitment } from './api';

/** 风险防范承诺书: cadres read and sign theirs; units draft them and keep their copy; the commission files its copy. */
export default function CommitmentsPage() {
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [page, setPage] = useState(1);
  // Which of the year's commitments: all of them, the yearly ones, or one self-check campaign's
  // (seed 001: 承诺书 for a year or a campaign); drafting follows the choice.
  const [target, setTarget] = useState<'all' | 'yearly' | number>('all');
  const campaigns = useRequest(() => campaignsApi.list({ year, page: 1, pageSize: 100 }), [year]);
  const campaign = (campaigns.data?.items ?? []).find((c) => c.id === target);
  const filter = { year, ...(campaign ? { campaignId: campaign.id } : target === 'yearly' ? { kind: 'yearly' as const } : {}) };
  const list = useRequest(() => commitmentsApi.list({ ...filter, page, pageSize: 20 }), [year, target, page]);
  // Completion of all would count a cadre with both a yearly and a campaign commitment twice.
  const stats = useRequest(() => commitmentsApi.stats(campaign ? filter : { year, kind: 'yearly' }), [year, target, list.data], can('risk.write') || can('risk.review'));
  const [reading, setReading] = useState<Commitment | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [draftOrg, setDraftOrg] = useState<number | undefined>(me.orgId ?? undefined);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const sign = async () => {
    if (!reading) return;
    try {
      const signed = await commitmentsApi.sign(reading.id, password);
      message.success('已签署');
      setReading(signed);
      setPassword('');
      setError(null);
      list.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <PageHeader
        title="风险防范承诺书"
        subtitle="每位干部对照岗位风险点和防范措施签订承诺书，一式三份：个人留存、交所在单位、报纪检监察机关备案"
        extra={
          <Space>
            年度 <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && (setYear(v), setTarget('all'), setPage(1))} />
            <Select<'all' | 'yearly' | number>
              style={{ width: 300 }}
              value={campaign ? campaign.id : target === 'yearly' ? 'yearly' : 'all'}
              onChange={(v) => (setTarget(v), setPage(1))}
              options={[
                { value: 'all' as const, label: '全部承诺书' },
                { value: 'yearly' as const, label: `${year}年度承诺书` },
                ...(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: `风险排查：${c.title}` })),
              ]}
              data-testid="commitment-target"
            />
          </Space>
        }
      />
      {can('risk.write') && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space>
            <OrgTreeSelect style={{ width: 260 }} value={draftOrg} onChange={(v) => setDraftOrg(v as number)} />
            <Button
              disabled={!draftOrg || campaign?.status === 'closed'}
              onClick={() => void run(async () => message.info(`生成 ${(await commitmentsApi.draft(draftOrg!, campaign ? { campaignId: campaign.id } : { year })).drafted} 份`), '已按岗位风险点生成承诺书')}
              data-testid="commitment-draft"
            >
              {campaign ? `按岗位风险点生成「${campaign.title}」承诺书` : `按岗位风险点生成${year}年度承诺书`}
            </Button>
          </Space>
        </Card>
      )}
      {stats.data && stats.data.rows.length > 0 && (
        <Card size="small" title={campaign ? `完成情况 · ${campaign.title}` : `完成情况 · ${year}年度承诺书`} style={{ marginBottom: 12 }}>
          <Table rowKey="orgId" size="small" pagination={false} dataSource={stats.data.rows} data-testid="commitment-stats"
            columns={[{ title: '单位', dataIndex: 'orgName' }, { title: '应签', dataIndex: 'total' }, { title: '已签署', dataIndex: 'signed' }, { title: '单位留存', dataIndex: 'unitCopies' }, { title: '纪委备案', dataIndex: 'filed' }]} />
        </Card>
      )}
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table<Commitment>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="commitments-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: '承诺人', dataIndex: 'personName', width: 110 },
          { title: '单位', dataIndex: 'orgName', width: 180 },
          { title: '承诺书', dataIndex: 'title', render: (v: string, c) => <Typography.Link onClick={() => setReading(c)} data-testid={`commitment-open-${c.id}`}>{v}</Typography.Link> },
          { title: '状态', key: 's', width: 100, render: (_: unknown, c) => (c.status === 'signed' ? <Tag color="success">已签署</Tag> : <Tag color="warning">待签署</Tag>) },
          { title: '签署时间', dataIndex: 'signedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
          { title: '单位留存', dataIndex: 'unitCopyAt', width: 150, render: (v: string | null) => formatDateTime(v) },
          { title: '纪委备案', dataIndex: 'filedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
          {
            title: '操作',
            key: 'op',
            width: 200,
            render: (_: unknown, c) => (
              <Space>
                {c.actions.includes('sign') && <Typography.Link onClick={() => setReading(c)}>阅读并签署</Typography.Link>}
                {c.actions.includes('unitCopy') && <Typography.Link onClick={() => void run(() => commitmentsApi.unitCopy(c.id), '已登记单位留存件')}>单位留存</Typography.Link>}
                {c.actions.includes('file') && <Typography.Link onClick={() => void run(() => commitmentsApi.file(c.id), '已备案')} data-testid={`commitment-file-${c.id}`}>备案</Typography.Link>}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={reading !== null}
        width={760}
        title={reading?.title}
        onCancel={() => (setReading(null), setPassword(''), setError(null))}
        footer={
          reading && (
            <Space>
              {reading.actions.includes('download') && (
                <>
                  <Button onClick={() => void commitmentsApi.download(reading, 'docx').catch((e) => message.error(errorMessage(e)))} data-testid="commitment-download">下载本人留存件（Word）</Button>
                  <Button onClick={() => void commitmentsApi.download(reading, 'pdf').catch((e) => message.error(errorMessage(e)))}>PDF</Button>
                </>
              )}
              {reading.actions.includes('sign') && (
                <>
                  <Input.Password placeholder="再次输入登录密码以签署" value={password} onChange={(e) => setPassword(e.target.value)} style={{ width: 240 }} data-testid="commitment-password" />
                  <Button type="primary" disabled={!password} onClick={() => void sign()} {...tid('commitment-sign')}>确认签署</Button>
                </>
              )}
            </Space>
          )
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="commitment-error" />}
        {reading?.status === 'signed' && (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="commitment-signed" title={`已于 ${formatDateTime(reading.signedAt)} 签署`} description={<span style={{ wordBreak: 'break-all' }}>SHA-256：{reading.sha256}</span>} />
        )}
        <div style={{ whiteSpace: 'pre-wrap', maxHeight: 420, overflow: 'auto', lineHeight: 1.8 }} data-testid="commitment-text">{reading?.text}</div>
      </Modal>
    </>
  );
}
