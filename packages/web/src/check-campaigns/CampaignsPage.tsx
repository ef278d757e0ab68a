import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useRequest } from '../shared/useRequest';
import { campaignsApi, type Campaign, type PostForm } from './api';
import { CampaignLaunchModal } from './CampaignLaunchModal';
import { OverdueTag } from './labels';
import { StageProgress } from './StageProgress';

/** 风险排查: the campaigns in the user's scope with each one's progress; the cadre's own post forms. */
export default function CampaignsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [launching, setLaunching] = useState(false);
  const list = useRequest(() => campaignsApi.list({ year: year ?? undefined, page, pageSize: 20 }), [year, page]);
  const forms = useRequest(() => campaignsApi.myForms(), []);

  return (
    <>
      <PageHeader
        title="风险排查"
        subtitle="自上而下下发单位自查表、岗位自查表，自下而上逐级填报：个人自查 → 部门评查 → 交叉互查 → 纪委审查"
        extra={
          <Space>
            年度 <InputNumber min={2000} max={2100} value={year} placeholder="全部" onChange={(v) => (setYear(v), setPage(1))} />
            {can('risk.campaign') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setLaunching(true)} data-testid="campaign-launch">
                发起风险排查
              </Button>
            )}
          </Space>
        }
      />
      {forms.data && forms.data.items.length > 0 && (
        <Card size="small" title="我的岗位自查表" style={{ marginBottom: 12 }}>
          <Table<PostForm>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={forms.data.items}
            data-testid="my-forms"
            columns={[
              { title: '风险排查', dataIndex: 'campaignTitle' },
              { title: '岗位', key: 'post', render: (_: unknown, f) => `${f.postName}（${f.orgName}）` },
              { title: '填报截止', dataIndex: 'deadline', width: 110 },
              { title: '状态', key: 's', width: 200, render: (_: unknown, f) => (f.submittedAt ? <Tag color="success">已提交 {formatDateTime(f.submittedAt)}</Tag> : <Tag color="warning">未提交</Tag>) },
              {
                title: '操作',
                key: 'op',
                width: 100,
                render: (_: unknown, f) => (
                  <Link to={`/check-campaigns/forms/${f.id}`} data-testid={`my-form-${f.id}`}>
                    {f.actions.includes('submit') ? '填写' : '查看'}
                  </Link>
                ),
              },
            ]}
          />
        </Card>
      )}
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<Campaign>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="campaigns-table"
        locale={{ emptyText: '暂无风险排查' }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 次排查` }}
        columns={[
          {
            title: '风险排查',
            dataIndex: 'title',
            render: (v: string, c) => (
              <div>
                <Link to={`/check-campaigns/${c.id}`} data-testid={`campaign-link-${c.id}`}>
                  {v}
                </Link>
                <div>
                  <Typography.Text type="secondary">
                    {c.launchedByOrg} 发起 · {c.startsOn} 至 {c.endsOn}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { title: '年度', dataIndex: 'year', width: 70 },
          { title: '各阶段进度（单位数）', key: 'progress', width: 460, render: (_: unknown, c) => (c.progress.total > 0 ? <StageProgress progress={c.progress} compact /> : <Typography.Text type="secondary">—</Typography.Text>) },
          { title: '逾期', key: 'overdue', width: 90, render: (_: unknown, c) => (c.progress.overdue > 0 ? <Space size={4}><OverdueTag /><b>{c.progress.overdue}</b></Space> : 0) },
          { title: '状态', dataIndex: 'status', width: 90, render: (v: Campaign['status']) => (v === 'open' ? <Tag color="processing">进行中</Tag> : <Tag>已结束</Tag>) },
        ]}
      />
      <CampaignLaunchModal
        open={launching}
        onClose={() => setLaunching(false)}
        onLaunched={(c) => {
          setLaunching(false);
          message.success(`已发起「${c.title}」，共 ${c.progress.total} 个单位`);
          navigate(`/check-campaigns/${c.id}`);
        }}
      />
    </>
  );
}
