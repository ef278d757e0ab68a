import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { AUDIT_ACTIONS } from '@qingfeng/core';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { usersApi } from '../users/api';
import { formatDateTimeSeconds } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useRequest } from '../shared/useRequest';
import { auditActionLabel, auditApi, auditObjectTypeLabel, OBJECT_TYPE_LABELS, type AuditEntry, type AuditFilter, type ChainVerification } from './api';

interface FilterValues {
  action?: string;
  objectType?: string;
  objectId?: string;
  actorUserId?: number;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const ACTION_OPTIONS = Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }));
const OBJECT_TYPE_OPTIONS = Object.entries(OBJECT_TYPE_LABELS).map(([value, label]) => ({ value, label }));

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">（无）</Typography.Text>;
  return <pre className="qf-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** 审计日志: every change and every read of a sensitive record, hash-chained. */
export default function AuditPage() {
  const { can } = useAuth();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const entries = useRequest(() => auditApi.list({ ...filter, page, pageSize }), [filter, page, pageSize]);
  const users = useRequest(() => usersApi.list({ pageSize: 200 }), [], can('users.read'));
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<ChainVerification | { error: string } | null>(null);

  const apply = (v: FilterValues) => {
    setPage(1);
    setFilter({
      action: v.action || undefined,
      objectType: v.objectType || undefined,
      objectId: v.objectId?.trim() || undefined,
      actorUserId: v.actorUserId || undefined,
      // ISO 8601 with the offset, as the API expects.
      from: v.range?.[0]?.startOf('minute').format() ?? undefined,
      to: v.range?.[1]?.endOf('minute').add(1, 'millisecond').format() ?? undefined,
    });
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await auditApi.verify());
    } catch (e) {
      setVerification({ error: errorMessage(e) });
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <PageHeader
        title="审计日志"
        subtitle="只增不改；每条记录含前一条的哈希，任何篡改都会使哈希链断裂。"
        extra={
          can('system.admin') && (
            <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={verify} data-testid="audit-verify">
              校验哈希链
            </Button>
          )
        }
      />
      {verification && (
        <div data-testid="audit-verify-result" style={{ marginBottom: 16 }}>
          {'error' in verification ? (
            <Alert type="error" showIcon title={verification.error} closable onClose={() => setVerification(null)} />
          ) : verification.ok ? (
            <Alert type="success" showIcon title={`哈希链完整：已校验 ${verification.checked} 条记录，未发现篡改。`} closable onClose={() => setVerification(null)} />
          ) : (
            <Alert
              type="error"
              showIcon
              title={`哈希链断裂：第一条异常记录编号 ${verification.firstBrokenId ?? '—'}（已校验 ${verification.checked} 条）`}
              description={verification.reason ?? undefined}
              closable
              onClose={() => setVerification(null)}
            />
          )}
        </div>
      )}
      <Card>
        <Form form={form} layout="inline" onFinish={apply} className="qf-filters" style={{ rowGap: 12 }} data-testid="audit-filters">
          <Form.Item label="操作" name="action">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部"
              style={{ width: 200 }}
              popupMatchSelectWidth={false}
              options={ACTION_OPTIONS}
              data-testid="audit-action"
            />
          </Form.Item>
          <Form.Item label="对象类型" name="objectType">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部"
              style={{ width: 160 }}
              popupMatchSelectWidth={false}
              options={OBJECT_TYPE_OPTIONS}
              data-testid="audit-object-type"
            />
          </Form.Item>
          <Form.Item label="对象编号" name="objectId">
            <Input allowClear style={{ width: 110 }} data-testid="audit-object-id" />
          </Form.Item>
          <Form.Item label="操作人" name="actorUserId">
            {can('users.read') ? (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="全部"
                style={{ width: 180 }}
                loading={users.loading}
                options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
                data-testid="audit-actor"
              />
            ) : (
              <InputNumber min={1} placeholder="用户编号" style={{ width: 120 }} data-testid="audit-actor" />
            )}
          </Form.Item>
          <Form.Item label="时间" name="range">
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} data-testid="audit-range" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  apply({});
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
        {entries.error && <Alert type="error" showIcon title={errorMessage(entries.error)} style={{ marginBottom: 12 }} />}
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={entries.loading}
          dataSource={entries.data?.items ?? []}
          data-testid="audit-table"
          expandable={{
            rowExpandable: (r) => r.before !== null || r.after !== null,
            expandedRowRender: (r) => (
              <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
                <div>
                  <Typography.Text strong>变更前</Typography.Text>
                  <Json value={r.before} />
                </div>
                <div>
                  <Typography.Text strong>变更后</Typography.Text>
                  <Json value={r.after} />
                </div>
              </div>
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: '编号', dataIndex: 'id', width: 80 },
            { title: '时间', dataIndex: 'occurredAt', width: 170, render: (v: string) => formatDateTimeSeconds(v) },
            { title: '操作人', dataIndex: 'actorLabel', width: 180, ellipsis: true },
            {
              title: '操作',
              dataIndex: 'action',
              width: 210,
              render: (a: string, r) => (
                <Tooltip
                  title={
                    <>
                      {auditActionLabel(a)}
                      <br />
                      对象类型：{auditObjectTypeLabel(r.objectType)}
                    </>
                  }
                >
                  <Tag color={a === 'PERSON_VIEWED' ? 'gold' : a.endsWith('FAILED') || a === 'USER_LOCKED' ? 'red' : 'blue'}>{auditActionLabel(a)}</Tag>
                </Tooltip>
              ),
            },
            { title: '摘要', dataIndex: 'summary', ellipsis: { showTitle: true } },
            {
              title: '对象',
              key: 'object',
              width: 160,
              render: (_: unknown, r) => (
                <span>
                  {auditObjectTypeLabel(r.objectType)}
                  {r.objectId && <Typography.Text type="secondary"> #{r.objectId}</Typography.Text>}
                </span>
              ),
            },
            {
              title: '哈希',
              dataIndex: 'hash',
              width: 120,
              render: (h: string) => (
                <Typography.Text className="qf-mono" style={{ fontSize: 12 }} copyable={{ text: h, tooltips: ['复制完整哈希', '已复制'] }}>
                  <Tooltip title={h}>{h.slice(0, 10)}</Tooltip>
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
