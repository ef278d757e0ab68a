import {
  OBJECT_LEVEL_LABELS,
  OBJECT_LEVELS,
  RISK_CATEGORIES,
  RISK_CATEGORY_LABELS,
  RISK_POINT_STATUS_LABELS,
  RISK_POINT_STATUSES,
  type ObjectLevel,
  type RiskCategory,
  type RiskPointStatus,
} from '@qingfeng/core';
import { DownloadOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useAuth, useMe } from '../auth/AuthContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { PageHeader } from '../shared/PageHeader';
import { SearchInput } from '../shared/SearchInput';
import { useRequest } from '../shared/useRequest';
import { matricesApi, riskApi, type RiskFilter, type RiskPoint } from './api';
import { LevelTag } from './LevelTag';
import { LikelihoodImpactHeatmap, OrgCategoryHeatmap } from './RiskCharts';
import { RiskPointDrawer, StatusTag } from './RiskPointDrawer';
import { RiskPointFormModal, type RiskFormMode } from './RiskPointFormModal';
import { useQueryParams } from '../shared/useQueryParams';

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
const num = (v: string | null) => (v ? Number(v) : undefined);

/** 廉政风险点: the register with its filters, the heat maps and per-unit counts, the point drawer. */
export default function RiskPointsPage() {
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params, setQuery] = useQueryParams();
  const [page, setPage] = useState(1);
  const [create, setCreate] = useState<RiskFormMode | null>(null);
  const [tick, setTick] = useState(0);

  const filter: RiskFilter = useMemo(
    () => ({
      orgId: num(params.get('orgId')),
      subtree: params.get('orgId') ? true : undefined,
      level: num(params.get('level')),
      category: (params.get('category') as RiskCategory) ?? undefined,
      objectLevel: (params.get('objectLevel') as ObjectLevel) ?? undefined,
      status: (params.get('status') as RiskPointStatus) ?? undefined,
      q: params.get('q') ?? undefined,
      // A monitoring owner's work list (seed 001): the org picked, or the user's own with 本单位监控的.
      monitorOrgId: num(params.get('monitor')) ?? (params.get('mine') && me.orgId ? me.orgId : undefined),
    }),
    [params, me.orgId],
  );
  const key = JSON.stringify(filter);
  const set = (k: string, v: string | number | undefined | null) => {
    setQuery({ [k]: v });
    setPage(1);
  };

  const matrix = useRequest(() => matricesApi.active(), []);
  const list = useRequest(() => riskApi.list({ ...filter, page, pageSize: 20 }), [key, page, tick]);
  const [tab, setTab] = useState('register');
  const heat = useRequest(() => riskApi.heatmap(filter), [key, tick, tab], tab === 'charts');
  const byCategory = useRequest(() => riskApi.stats({ ...filter, groupBy: 'category' }), [key, tick, tab], tab === 'charts');
  const byObject = useRequest(() => riskApi.stats({ ...filter, groupBy: 'objectLevel' }), [key, tick, tab], tab === 'charts');
  const def = matrix.data?.definition;

  const open = (pid: number) => navigate(`/risk-points/${pid}${window.location.search}`);
  const refresh = () => setTick((t) => t + 1);

  return (
    <>
      <PageHeader
        title="廉政风险点"
        subtitle="岗位、股室、单位、领导班子及其成员的廉政风险点，等级由风险矩阵确定；一级由监督室或派驻纪检组、二级由乡镇纪委、三级由所在单位党组织监控"
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => void riskApi.exportXlsx(filter).catch((e) => message.error(errorMessage(e)))} data-testid="risk-export">
              导出 Excel
            </Button>
            {(filter.orgId ?? me.orgId) && (
              <Button icon={<FileWordOutlined />} onClick={() => void riskApi.registerDocument((filter.orgId ?? me.orgId)!).catch((e) => message.error(errorMessage(e)))} data-testid="risk-register-document">
                一览表（Word）
              </Button>
            )}
            {can('risk.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreate({ kind: 'create' })} data-testid="risk-create">
                登记风险点
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }} data-testid="risk-filters">
        <Space wrap>
          <OrgTreeSelect style={{ width: 240 }} placeholder="单位（含下级）" value={filter.orgId} onChange={(v) => set('orgId', v as number | undefined)} data-testid="risk-filter-org" />
          <Select allowClear style={{ width: 110 }} placeholder="等级" value={filter.level} onChange={(v) => set('level', v)} options={(def?.levels ?? []).map((l) => ({ value: l.rank, label: l.name }))} data-testid="risk-filter-level" />
          <Select allowClear style={{ width: 130 }} placeholder="风险类别" value={filter.category} onChange={(v) => set('category', v)} options={opts(RISK_CATEGORIES, RISK_CATEGORY_LABELS)} data-testid="risk-filter-category" />
          <Select allowClear style={{ width: 140 }} placeholder="对象层级" value={filter.objectLevel} onChange={(v) => set('objectLevel', v)} options={opts(OBJECT_LEVELS, OBJECT_LEVEL_LABELS)} data-testid="risk-filter-object-level" />
          <Select allowClear style={{ width: 140 }} placeholder="状态（默认现行）" value={filter.status} onChange={(v) => set('status', v)} options={opts(RISK_POINT_STATUSES, RISK_POINT_STATUS_LABELS)} data-testid="risk-filter-status" />
          <SearchInput placeholder="名称或表现" value={filter.q ?? ''} onSearch={(v: string) => set('q', v)} testId="risk-search" />
          <OrgTreeSelect style={{ width: 220 }} placeholder="监控责任单位" value={num(params.get('monitor'))} onChange={(v) => set('monitor', v as number | undefined)} data-testid="risk-filter-monitor" />
          <Checkbox checked={!!params.get('mine')} disabled={!!params.get('monitor')} onChange={(e) => set('mine', e.target.checked ? '1' : undefined)} data-testid="risk-filter-mine">
            本单位监控的
          </Checkbox>
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'register',
            label: '登记册',
            children: (
              <>
                {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
                <Table<RiskPoint>
                  rowKey="id"
                  size="middle"
                  loading={list.loading}
                  dataSource={list.data?.items ?? []}
                  data-testid="risk-table"
                  locale={{ emptyText: '暂无风险点' }}
                  pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 个风险点` }}
                  columns={[
                    { title: '风险点', dataIndex: 'title', render: (v: string, p) => <Typography.Link onClick={() => open(p.id)} data-testid={`risk-link-${p.id}`}>{v}</Typography.Link> },
                    { title: '单位', dataIndex: 'orgName', width: 170 },
                    { title: '对象', key: 'obj', width: 150, render: (_: unknown, p) => `${OBJECT_LEVEL_LABELS[p.objectLevel]}${p.postName ? ` · ${p.postName}` : ''}` },
                    { title: '类别', dataIndex: 'category', width: 90, render: (v: RiskCategory) => RISK_CATEGORY_LABELS[v] },
                    { title: '等级', key: 'level', width: 80, render: (_: unknown, p) => <LevelTag name={p.levelName} color={p.levelColor} /> },
                    { title: '状态', dataIndex: 'status', width: 100, render: (v: RiskPointStatus) => <StatusTag status={v} /> },
                    { title: '监控责任单位', dataIndex: 'monitorOrgName', width: 170 },
                    { title: '措施', key: 'measures', width: 60, render: (_: unknown, p) => p.measures.length },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'charts',
            label: '热力图与统计',
            children: (
              <Row gutter={16}>
                <Col xs={24} xl={12}>
                  <Card title="发生概率 × 危害程度（风险点数）" size="small">{heat.data && <LikelihoodImpactHeatmap data={heat.data} />}</Card>
                </Col>
                <Col xs={24} xl={12}>
                  <Card title="单位 × 风险类别" size="small">{byCategory.data && <OrgCategoryHeatmap data={byCategory.data} />}</Card>
                </Col>
                <Col span={24} style={{ marginTop: 16 }}>
                  <Card title="各单位风险点数（按对象层级）" size="small">
                    <Table
                      rowKey="orgId"
                      size="small"
                      data-testid="risk-object-level-counts"
                      dataSource={byObject.data?.rows ?? []}
                      pagination={{ pageSize: 20, hideOnSinglePage: true }}
                      columns={[
                        { title: '单位', dataIndex: 'orgName' },
                        ...OBJECT_LEVELS.map((k) => ({ title: `${OBJECT_LEVEL_LABELS[k]}风险点`, key: k, width: 130, render: (_: unknown, r: { counts: Record<string, number> }) => r.counts[k] ?? 0 })),
                        { title: '合计', dataIndex: 'total', width: 80 },
                      ]}
                    />
                  </Card>
                </Col>
              </Row>
            ),
          },
        ]}
      />
      <RiskPointFormModal
        mode={create}
        matrix={def}
        onClose={() => setCreate(null)}
        onSaved={(p) => {
          setCreate(null);
          message.success(`已登记风险点「${p.title}」（${p.levelName}）`);
          refresh();
          open(p.id);
        }}
      />
      <RiskPointDrawer id={id ? Number(id) : null} matrix={def} onClose={() => navigate(`/risk-points${window.location.search}`)} onChanged={refresh} onOpen={open} />
    </>
  );
}
