import { WARNING_STATUS_LABELS, WARNING_STATUSES } from '@qingfeng/core';
import { App, Button, Checkbox, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { PageHeader } from '../shared/PageHeader';
import { SearchInput } from '../shared/SearchInput';
import { useRequest } from '../shared/useRequest';
import { warningsApi, type Warning } from './api';
import { IssueWarningModal } from './IssueWarningModal';
import { LevelTag, StatusTag } from './WarningTags';
import { useQueryParams } from '../shared/useQueryParams';

/** 三级预警: the warnings in the user's scope, coloured by level, overdue highlighted. */
export default function WarningsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setQuery] = useQueryParams();
  const level = params.get('level') ? Number(params.get('level')) : undefined;
  const status = params.get('status') ?? undefined;
  const overdue = params.get('overdue') === 'true';
  const q = params.get('q') ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const list = useRequest(() => warningsApi.list({ level, status, overdue: overdue || undefined, q, page, pageSize: 20 }), [level, status, overdue, q, page]);
  const [issuing, setIssuing] = useState<null | 'issue' | 'backRegister'>(null);
  const set = (k: string, v: string | undefined) => setQuery({ [k]: v, page: undefined }, { push: true });
  const sweep = async () => {
    try {
      const r = await warningsApi.sweep();
      message.success(`截至 ${r.asOf}：升级 ${r.escalated} 件，移送问责 ${r.referred} 件`);
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <>
      <PageHeader
        title="三级预警"
        subtitle="一级：书面说明；二级：说明、整改、整改报告；三级：诫勉谈话、备案、整改、报告。逾期未整改或整改不到位自动升级"
        extra={
          <Space>
            {can('warnings.sweep') && (
              <Button onClick={() => void sweep()} data-testid="warning-sweep">
                立即执行逾期升级
              </Button>
            )}
            {can('warnings.issue') && (
              <>
                <Button onClick={() => setIssuing('backRegister')} data-testid="warning-back-register">
                  补录纸质预警
                </Button>
                <Button type="primary" onClick={() => setIssuing('issue')} data-testid="warning-issue">
                  发出预警
                </Button>
              </>
            )}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <SearchInput placeholder="文号、姓名或单位" value={q} onSearch={(v) => set('q', v || undefined)} testId="warnings-search" />
        <Select
          allowClear
          placeholder="等级"
          style={{ width: 120 }}
          value={level}
          onChange={(v) => set('level', v ? String(v) : undefined)}
          options={[1, 2, 3].map((l) => ({ value: l, label: ['一级', '二级', '三级'][l - 1] }))}
          data-testid="warnings-level"
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 170 }}
          value={status}
          onChange={(v) => set('status', v)}
          options={[{ value: 'open', label: '在办（全部未办结）' }, ...WARNING_STATUSES.map((s) => ({ value: s, label: WARNING_STATUS_LABELS[s] }))]}
          data-testid="warnings-status"
        />
        <Checkbox checked={overdue} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)} data-testid="warnings-overdue">
          只看逾期
        </Checkbox>
      </Space>
      <Table<Warning>
        rowKey="id"
        data-testid="warnings-table"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        onRow={(w) => ({ style: w.overdue ? { boxShadow: `inset 4px 0 0 ${w.highlight}` } : { boxShadow: `inset 4px 0 0 ${w.colour}` } })}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (n) => `共 ${n} 件`, onChange: (p) => setQuery({ page: p }, { push: true }) }}
        columns={[
          {
            title: '文号',
            dataIndex: 'serialNo',
            render: (_v, w) => (
              <Link to={`/warnings/${w.id}`} data-testid={`warning-link-${w.id}`}>
                {w.serialNo}
              </Link>
            ),
          },
          { title: '等级', render: (_v, w) => <LevelTag w={w} /> },
          { title: '预警对象', dataIndex: 'subjectName' },
          { title: '发出单位', dataIndex: 'issuerOrgName', responsive: ['lg'] },
          { title: '发出日期', dataIndex: 'issuedOn' },
          { title: '整改期限', dataIndex: 'deadline', render: (d: string, w) => <Typography.Text type={w.overdue ? 'danger' : undefined}>{d}</Typography.Text> },
          { title: '状态', render: (_v, w) => <StatusTag w={w} /> },
        ]}
      />
      <IssueWarningModal
        open={issuing !== null}
        backRegister={issuing === 'backRegister'}
        onClose={() => setIssuing(null)}
        onIssued={(w) => {
          setIssuing(null);
          message.success(`已${w.backRegistered ? '补录' : '发出'} ${w.serialNo}`);
          navigate(`/warnings/${w.id}`);
        }}
      />
    </>
  );
}
