import { OBJECT_LEVEL_LABELS, POWER_TYPE_LABELS, RISK_CATEGORY_LABELS } from '@qingfeng/core';
import { FlowchartDiagram } from '../powers/FlowchartDiagram';
import { Alert, Card, Layout, Pagination, Select, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { Brand } from '../layout/Brand';
import { LevelTag } from '../risk-points/LevelTag';
import { SearchInput } from '../shared/SearchInput';
import { useRequest } from '../shared/useRequest';
import { portalApi, type PortalOrg, type PortalPoint } from './api';

/** 廉政风险防控公示: what was published, for everyone, without logging in. */
const POWERS_PAGE = 10;

/** The units that published something of the kind `count` names, each with its count; empty for all. */
function UnitSelect({ orgs, count, value, onChange, testId }: { orgs: PortalOrg[]; count: 'riskPoints' | 'powers'; value: number | undefined; onChange: (v: number | undefined) => void; testId: string }) {
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 260 }}
      placeholder="全部单位"
      value={value}
      onChange={onChange}
      options={orgs.filter((o) => o[count] > 0).map((o) => ({ value: o.id, label: `${o.name}（${o[count]}）` }))}
      data-testid={testId}
    />
  );
}

export default function PortalPage() {
  const [orgId, setOrgId] = useState<number>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const orgs = useRequest(() => portalApi.orgs(), []);
  // The powers tab has its own unit, search and page: a unit may have published powers and no points.
  const [powerOrgId, setPowerOrgId] = useState<number>();
  const [powerQ, setPowerQ] = useState('');
  const [powerPage, setPowerPage] = useState(1);
  const powers = useRequest(() => portalApi.powers({ orgId: powerOrgId, q: powerQ || undefined, page: powerPage, pageSize: POWERS_PAGE }), [powerOrgId, powerQ, powerPage]);
  const points = useRequest(() => portalApi.riskPoints({ orgId, q: q || undefined, page, pageSize: 10 }), [orgId, q, page]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="qf-header" style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#1d4f91' }}>
        <Space>
          <Brand collapsed={false} />
          <Typography.Text style={{ color: '#fff', fontSize: 16 }}>廉政风险防控公示</Typography.Text>
        </Space>
        <Link to="/login" style={{ color: '#fff' }}>工作人员登录</Link>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1200, margin: '0 auto', width: '100%' }}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="各单位经审核公示的廉政风险点及防控措施，接受群众和社会监督。发现问题可通过信访举报渠道反映。"
        />
        <Tabs
          items={[
            {
              key: 'risk',
              label: '廉政风险点',
              children: (
                <Card size="small">
                  <Space wrap style={{ marginBottom: 12 }}>
                    <UnitSelect orgs={orgs.data?.items ?? []} count="riskPoints" value={orgId} onChange={(v) => (setOrgId(v), setPage(1))} testId="portal-org" />
                    <SearchInput placeholder="搜索风险点" value={q} onSearch={(v) => (setQ(v), setPage(1))} testId="portal-search" />
                  </Space>
                  {points.error && <Alert type="error" showIcon title={errorMessage(points.error)} />}
                  <Table<PortalPoint>
                    rowKey="id"
                    loading={points.loading}
                    dataSource={points.data?.items ?? []}
                    data-testid="portal-points"
                    pagination={{ current: page, pageSize: 10, total: points.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 个公示风险点` }}
                    columns={[
                      { title: '单位', dataIndex: 'orgName', width: 180 },
                      { title: '风险点', dataIndex: 'title', render: (v: string, p) => <span data-testid={`portal-point-${p.id}`}>{v}</span> },
                      { title: '对象', key: 'obj', width: 150, render: (_: unknown, p) => `${OBJECT_LEVEL_LABELS[p.objectLevel]}${p.postName ? ` · ${p.postName}` : ''}` },
                      { title: '类别', dataIndex: 'category', width: 90, render: (v: PortalPoint['category']) => RISK_CATEGORY_LABELS[v] },
                      { title: '等级', key: 'level', width: 80, render: (_: unknown, p) => <LevelTag name={p.levelName} color={p.levelColor} /> },
                      { title: '风险表现', dataIndex: 'manifestation', width: 260 },
                      {
                        title: '防控措施',
                        key: 'measures',
                        render: (_: unknown, p) => (
                          <ol style={{ margin: 0, paddingLeft: 18 }}>
                            {p.measures.map((m, i) => (
                              <li key={i}>
                                {m.content}
                                <Typography.Text type="secondary">（责任人：{m.owner}，{m.dueOn} 前完成）</Typography.Text>
                              </li>
                            ))}
                          </ol>
                        ),
                      },
                    ]}
                  />
                </Card>
              ),
            },
            {
              key: 'powers',
              label: '职权目录与流程图',
              children: (
                <Space orientation="vertical" style={{ width: '100%' }} data-testid="portal-powers">
                  <Space wrap>
                    <UnitSelect orgs={orgs.data?.items ?? []} count="powers" value={powerOrgId} onChange={(v) => (setPowerOrgId(v), setPowerPage(1))} testId="portal-power-org" />
                    <SearchInput placeholder="搜索职权" value={powerQ} onSearch={(v) => (setPowerQ(v), setPowerPage(1))} testId="portal-power-search" />
                  </Space>
                  {powers.error && <Alert type="error" showIcon title={errorMessage(powers.error)} />}
                  {(powers.data?.items ?? []).map((w) => (
                    <Card key={w.id} size="small" title={`${w.orgName} · ${w.name}（${POWER_TYPE_LABELS[w.type]}）`}>
                      <Typography.Paragraph type="secondary">法定依据：{w.legalBasis}</Typography.Paragraph>
                      <FlowchartDiagram steps={w.steps} riskSteps={w.riskSteps} testId={`portal-flowchart-${w.id}`} />
                    </Card>
                  ))}
                  {powers.data?.items.length === 0 && <Typography.Text type="secondary">暂无公开的职权目录</Typography.Text>}
                  {(powers.data?.total ?? 0) > POWERS_PAGE && (
                    <Pagination current={powerPage} pageSize={POWERS_PAGE} total={powers.data?.total ?? 0} onChange={setPowerPage} showTotal={(t) => `共 ${t} 项公开职权`} />
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Layout.Content>
    </Layout>
  );
}
