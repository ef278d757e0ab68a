import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { CLUE_CHANNELS, HANDLER_ORG_KINDS, PROBLEM_TYPES } from '@qingfeng/core';
import { App, Button, Card, Checkbox, DatePicker, Form, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useOrgs } from '../orgs/OrgsContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { PageHeader } from '../shared/PageHeader';
import { SearchInput } from '../shared/SearchInput';
import { useRequest } from '../shared/useRequest';
import { cluesApi, type Clue, type ClueFilter } from './api';
import { ClueFormModal } from './ClueFormModal';
import { CHANNEL_OPTIONS, LEVEL_OPTIONS, LevelTag, PROBLEM_TYPE_OPTIONS, STATUS_OPTIONS, StatusTag } from './labels';
import { useQueryParams } from '../shared/useQueryParams';

const ClueCharts = lazy(() => import('./ClueCharts'));

/** 预警信息台账: filters, full-text search, statistics, export; a row opens the clue. */
export default function CluesPage() {
  const { can } = useAuth();
  const orgs = useOrgs();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setQuery] = useQueryParams();
  const num = (k: string) => (Number(params.get(k)) > 0 ? Number(params.get(k)) : undefined);
  const str = (k: string) => params.get(k) || undefined;
  const filter: Omit<ClueFilter, 'page' | 'pageSize'> = {
    q: str('q'),
    channel: str('channel'),
    problemType: str('problemType'),
    level: num('level'),
    status: str('status'),
    handlerOrgId: num('handlerOrgId'),
    orgId: num('orgId'),
    from: str('from'),
    to: str('to'),
    duplicates: params.get('duplicates') === 'true' || undefined,
    overdue: params.get('overdue') === 'true' || undefined,
  };
  const page = num('page') ?? 1;
  const key = JSON.stringify(filter);
  const list = useRequest(() => cluesApi.list({ ...filter, page, pageSize: 20 }), [key, page]);
  const [creating, setCreating] = useState(false);
  // The statistics aggregate the whole filtered ledger: fetched only while the panel is open.
  const [showCharts, setShowCharts] = useState(false);
  const stats = useRequest(() => cluesApi.statistics(filter), [key], can('clues.read') && showCharts);
  const [exporting, setExporting] = useState(false);

  const set = (k: string, v: string | undefined) => setQuery(k === 'page' ? { page: v } : { [k]: v, page: undefined });
  const handlers = orgs.active.filter((o) => (HANDLER_ORG_KINDS as readonly string[]).includes(o.kind));
  const canRegister = can('clues.register') || can('clues.submit');

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await cluesApi.exportXlsx(filter);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const columns = [
    {
      title: '台账编号',
      key: 'ledgerNo',
      width: 190,
      render: (c: Clue) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/clues/${c.id}`} data-testid={`clue-link-${c.id}`}>
            {c.ledgerNo}
          </Link>
          <Space size={2}>
            {c.overdue && <Tag color="red">逾期</Tag>}
            {c.duplicateOf && (
              <Tooltip title={`与 ${c.duplicateOf.ledgerNo} 相似`}>
                <Tag color="purple">疑似重复</Tag>
              </Tooltip>
            )}
          </Space>
        </Space>
      ),
    },
    { title: '收件日期', dataIndex: 'receivedOn', width: 100 },
    { title: '来源', key: 'channel', width: 100, render: (c: Clue) => CLUE_CHANNELS[c.channel] },
    { title: '问题类别', key: 'type', width: 120, render: (c: Clue) => PROBLEM_TYPES[c.problemType] },
    { title: '被反映对象', key: 'subject', width: 200, render: (c: Clue) => [c.subjectPerson?.name, c.subjectOrg?.name, c.subjectText].filter(Boolean).join(' · ') || '不明' },
    { title: '内容摘要', key: 'content', render: (c: Clue) => <Typography.Text ellipsis={{ tooltip: c.content }} style={{ maxWidth: 320 }}>{c.content}</Typography.Text> },
    { title: '承办单位', key: 'handler', width: 170, render: (c: Clue) => c.handlerOrg.name },
    { title: '等级', key: 'level', width: 70, render: (c: Clue) => <LevelTag level={c.level} /> },
    { title: '状态', key: 'status', width: 100, render: (c: Clue) => <StatusTag status={c.status} /> },
  ];

  return (
    <>
      <PageHeader
        title="预警信息台账"
        subtitle="各渠道廉情预警信息统一登记编号、分办、研判处置、答复反馈：件件有着落、事事有回音。"
        extra={
          <Space>
            {canRegister && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="clue-create">
                {can('clues.register') ? '登记线索' : '报送线索'}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="clues-export">
              导出台账
            </Button>
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" className="qf-filters" style={{ rowGap: 12 }} data-testid="clue-filters">
          <Form.Item label="全文检索">
            <SearchInput value={filter.q ?? ''} onSearch={(v) => set('q', v)} placeholder="内容、被反映对象或台账编号" width={260} testId="clues-search" />
          </Form.Item>
          <Form.Item label="来源">
            <Select allowClear placeholder="全部" style={{ width: 140 }} value={filter.channel} onChange={(v?: string) => set('channel', v)} options={CHANNEL_OPTIONS} data-testid="clues-channel" />
          </Form.Item>
          <Form.Item label="类别">
            <Select allowClear placeholder="全部" style={{ width: 150 }} value={filter.problemType} onChange={(v?: string) => set('problemType', v)} options={PROBLEM_TYPE_OPTIONS} />
          </Form.Item>
          <Form.Item label="等级">
            <Select allowClear placeholder="全部" style={{ width: 90 }} value={filter.level} onChange={(v?: number) => set('level', v ? String(v) : undefined)} options={LEVEL_OPTIONS} />
          </Form.Item>
          <Form.Item label="状态">
            <Select allowClear placeholder="全部" style={{ width: 120 }} value={filter.status} onChange={(v?: string) => set('status', v)} options={STATUS_OPTIONS} data-testid="clues-status" />
          </Form.Item>
          <Form.Item label="承办单位">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部"
              style={{ width: 200 }}
              value={filter.handlerOrgId}
              onChange={(v?: number) => set('handlerOrgId', v ? String(v) : undefined)}
              options={handlers.map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
          <Form.Item label="被反映单位">
            <OrgTreeSelect style={{ width: 220 }} value={filter.orgId} onChange={(v) => set('orgId', v ? String(v) : undefined)} placeholder="全部（含下级）" />
          </Form.Item>
          <Form.Item label="收件期间">
            <DatePicker.RangePicker
              value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
              onChange={(r) => setQuery({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD'), page: undefined })}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={!!filter.overdue} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)} data-testid="clues-overdue">
              只看逾期
            </Checkbox>
          </Form.Item>
          <Form.Item>
            <Checkbox checked={!!filter.duplicates} onChange={(e) => set('duplicates', e.target.checked ? 'true' : undefined)}>
              只看疑似重复
            </Checkbox>
          </Form.Item>
        </Form>
      </Card>
      {can('clues.read') && (
        <Card
          size="small"
          title={
            <Space>
              台账统计
              {stats.data && (
                <Typography.Text type="secondary" data-testid="clue-stats-total">
                  共 {stats.data.total} 件，逾期 {stats.data.overdue} 件
                </Typography.Text>
              )}
            </Space>
          }
          extra={<Button type="link" onClick={() => setShowCharts(!showCharts)} data-testid="clue-stats-toggle">{showCharts ? '收起' : '展开统计'}</Button>}
          style={{ marginBottom: 16 }}
        >
          {showCharts && (stats.data ? <Suspense fallback={<Skeleton active />}><ClueCharts stats={stats.data} /></Suspense> : <Skeleton active />)}
        </Card>
      )}
      <Card>
        <Table<Clue>
          rowKey="id"
          size="middle"
          data-testid="clues-table"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          onRow={(c) => ({ onDoubleClick: () => navigate(`/clues/${c.id}`) })}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => `共 ${n.toLocaleString()}${list.data?.totalCapped ? '+' : ''} 件`, onChange: (p) => set('page', String(p)) }}
        />
      </Card>
      <ClueFormModal
        open={creating}
        title={can('clues.register') ? '登记线索' : '报送线索'}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          list.reload();
          stats.reload();
          if (c) navigate(`/clues/${c.id}`);
        }}
      />
    </>
  );
}
