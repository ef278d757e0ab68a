import { REPLY_KINDS } from '@qingfeng/core';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../shared/format';
import { portalApi, proofOfWork, type ReportStatus } from './reports-api';
import { PortalLayout } from './PortalLayout';

/** 查询办理情况: the acceptance number and the query code open one report, its replies and messages. */
export default function QueryPage() {
  const [form] = Form.useForm<{ acceptanceNo: string; queryCode: string }>();
  const [status, setStatus] = useState<ReportStatus | null>(null);
  const [creds, setCreds] = useState<{ acceptanceNo: string; queryCode: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');

  const query = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      setStatus(await portalApi.query(v.acceptanceNo, v.queryCode));
      setCreds(v);
      form.resetFields();
    } catch (e) {
      setError((e as Error).message);
      setStatus(null);
    } finally {
      setBusy(false);
    }
  };
  const send = async () => {
    if (!creds || !text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setStatus(await portalApi.message({ ...creds, ...(await proofOfWork()), body: text }));
      setText('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PortalLayout>
      <Card title="查询办理情况" style={{ marginBottom: 16 }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="portal-query-error" />}
        <Form form={form} layout="inline" style={{ rowGap: 12 }}>
          <Form.Item name="acceptanceNo" label="受理编号" rules={[{ required: true, message: '请填写受理编号' }]}>
            <Input style={{ width: 180 }} data-testid="portal-query-acceptance" />
          </Form.Item>
          <Form.Item name="queryCode" label="查询码" rules={[{ required: true, message: '请填写查询码' }]}>
            <Input.Password style={{ width: 280 }} visibilityToggle data-testid="portal-query-code-input" autoComplete="off" />
          </Form.Item>
          <Button type="primary" loading={busy} onClick={() => void query()} data-testid="portal-query-submit">
            查询
          </Button>
        </Form>
      </Card>
      {status && (
        <Card data-testid="portal-status">
          <Descriptions column={1} size="small">
            <Descriptions.Item label="受理编号">{status.acceptanceNo}</Descriptions.Item>
            <Descriptions.Item label="收件日期">{status.receivedOn}</Descriptions.Item>
            <Descriptions.Item label="办理状态"><span data-testid="portal-status-text">{status.status}</span></Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>答复与留言</Typography.Title>
          {status.messages.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无答复" />
          ) : (
            <Timeline
              data-testid="portal-messages"
              items={status.messages.map((m) => ({
                color: m.direction === 'to_reporter' ? 'blue' : 'gray',
                content: (
                  <div>
                    <b>{m.direction === 'to_reporter' ? `办理单位答复（${REPLY_KINDS[m.kind]}）` : '我的留言'}</b>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(m.createdAt)}</Typography.Text>
                  </div>
                ),
              }))}
            />
          )}
          <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} placeholder="补充情况或向办理单位留言" data-testid="portal-message" />
          <Button style={{ marginTop: 8 }} loading={busy} onClick={() => void send()} data-testid="portal-message-send">
            发送留言
          </Button>
        </Card>
      )}
    </PortalLayout>
  );
}
