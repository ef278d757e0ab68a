import { ArrowLeftOutlined } from '@ant-design/icons';
import { CAMPAIGN_STAGE_LABELS, WORK_STAGES, DEADLINE_FIELDS, type CampaignStage } from '@qingfeng/core';
import { Alert, App, Button, Card, Checkbox, Descriptions, Popconfirm, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useRequest } from '../shared/useRequest';
import { campaignsApi, type CampaignOrg } from './api';
import { CrossCheckerModal } from './CrossCheckerModal';
import { OverdueTag, STAGE_OPTIONS, StageTag } from './labels';
import { StageProgress } from './StageProgress';

/** One campaign: its deadlines and progress, and the orgs still in each stage (who has not finished). */
export default function CampaignDetailPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const [stage, setStage] = useState<CampaignStage | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [assigning, setAssigning] = useState<CampaignOrg | null>(null);
  const campaign = useRequest(() => campaignsApi.get(id), [id]);
  const orgs = useRequest(() => campaignsApi.orgs(id, { stage, overdue: overdue || undefined, page, pageSize: 50 }), [id, stage, overdue, page]);
  const reload = () => (campaign.reload(), orgs.reload());

  if (campaign.error) return <Alert type="error" showIcon title={errorMessage(campaign.error)} />;
  const c = campaign.data;
  if (!c) return <Skeleton active />;

  const close = async () => {
    try {
      await campaignsApi.close(c.id);
      message.success('已结束本次风险排查');
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <>
      <PageHeader
        title={c.title}
        subtitle={
          <Link to="/check-campaigns">
            <ArrowLeftOutlined /> 返回风险排查
          </Link>
        }
        extra={
          c.actions.includes('close') && (
            <Popconfirm title="结束本次风险排查？" description="未完成的单位保留其所处阶段，不能再填报或审查。" okText="结束" okButtonProps={{ danger: true }} onConfirm={() => void close()}>
              <Button danger data-testid="campaign-close">
                结束排查
              </Button>
            </Popconfirm>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={4} data-testid="campaign-summary">
          <Descriptions.Item label="发起单位">{c.launchedByOrg}</Descriptions.Item>
          <Descriptions.Item label="年度">{c.year}</Descriptions.Item>
          <Descriptions.Item label="期间">
            {c.startsOn} 至 {c.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label="状态">{c.status === 'open' ? <Tag color="processing">进行中</Tag> : <Tag>已结束 {formatDateTime(c.closedAt)}</Tag>}</Descriptions.Item>
          {WORK_STAGES.map((s) => (
            <Descriptions.Item key={s} label={`${CAMPAIGN_STAGE_LABELS[s]}截止`}>
              {c.deadlines[DEADLINE_FIELDS[s]]}
            </Descriptions.Item>
          ))}
        </Descriptions>
        <div style={{ marginTop: 12 }}>
          <StageProgress progress={c.progress} testId="campaign-progress" />
          {c.progress.overdue > 0 && (
            <Typography.Text type="danger">
              <OverdueTag />
              {c.progress.overdue} 个单位已超过本阶段截止日期
            </Typography.Text>
          )}
        </div>
      </Card>
      <Card size="small" title="各单位排查进度">
        <Space style={{ marginBottom: 12 }}>
          <Select<CampaignStage> allowClear placeholder="全部阶段" style={{ width: 140 }} value={stage} onChange={(v) => (setStage(v), setPage(1))} options={STAGE_OPTIONS} data-testid="campaign-filter-stage" />
          <Checkbox checked={overdue} onChange={(e) => (setOverdue(e.target.checked), setPage(1))} data-testid="campaign-filter-overdue">
            只看逾期
          </Checkbox>
        </Space>
        {orgs.error && <Alert type="error" showIcon title={errorMessage(orgs.error)} style={{ marginBottom: 12 }} />}
        <Table<CampaignOrg>
          rowKey="orgId"
          size="middle"
          loading={orgs.loading}
          dataSource={orgs.data?.items ?? []}
          data-testid="campaign-orgs"
          locale={{ emptyText: '没有符合条件的单位' }}
          pagination={{ current: page, pageSize: 50, total: orgs.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个单位` }}
          columns={[
            {
              title: '单位',
              dataIndex: 'orgName',
              render: (v: string, o) => (
                <Link to={`/check-campaigns/${c.id}/orgs/${o.orgId}`} data-testid={`campaign-org-${o.orgId}`}>
                  {v}
                </Link>
              ),
            },
            { title: '当前阶段', dataIndex: 'stage', width: 100, render: (v: CampaignStage) => <StageTag stage={v} /> },
            {
              title: '本阶段截止',
              key: 'deadline',
              width: 150,
              render: (_: unknown, o) => (
                <Space size={4}>
                  {o.stageDeadline ?? '—'}
                  {o.overdue && <OverdueTag />}
                </Space>
              ),
            },
            { title: '岗位自查表', key: 'forms', width: 100, render: (_: unknown, o) => `${o.formsSubmitted} / ${o.formsTotal}` },
            { title: '单位自查表', dataIndex: 'unitFormSubmitted', width: 100, render: (v: boolean) => (v ? <Tag color="success">已提交</Tag> : <Tag>未提交</Tag>) },
            {
              title: '交叉互查单位',
              key: 'cross',
              width: 220,
              render: (_: unknown, o) => (
                <Space>
                  {o.crossOrgName ?? <Typography.Text type="secondary">未指定</Typography.Text>}
                  {o.actions.includes('assignCrossChecker') && (
                    <Typography.Link onClick={() => setAssigning(o)} data-testid={`assign-cross-${o.orgId}`}>
                      {o.crossOrgId ? '更换' : '指定'}
                    </Typography.Link>
                  )}
                </Space>
              ),
            },
            { title: '拟定风险点', dataIndex: 'proposalCount', width: 100 },
          ]}
        />
      </Card>
      <CrossCheckerModal
        target={assigning && { campaignId: c.id, orgId: assigning.orgId, orgName: assigning.orgName, crossOrgId: assigning.crossOrgId }}
        onClose={() => setAssigning(null)}
        onAssigned={(d) => {
          setAssigning(null);
          message.success(`已指定${d.crossOrgName}交叉互查${d.orgName}`);
          orgs.reload();
        }}
      />
    </>
  );
}
