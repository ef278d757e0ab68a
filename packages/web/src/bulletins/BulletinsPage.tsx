import { BULLETIN_STATUS_LABELS, REDACTIONS } from '@qingfeng/core';
import { App, Button, Card, Empty, Form, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { FormModal } from '../shared/FormModal';
import { PageHeader } from '../shared/PageHeader';
import { formatDateTime } from '../shared/format';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useRequest } from '../shared/useRequest';
import { bulletinsApi, type Bulletin, type BulletinBody } from './api';
import { WarningPicker } from './WarningPicker';

/** 通报: composed from warnings, names redacted or kept; a second person approves before the portal shows it. */
export default function BulletinsPage() {
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const list = useRequest(() => bulletinsApi.list(), []);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<BulletinBody>();
  const submit = useFormSubmit(form, ['title', 'intro', 'redaction', 'warningIds']);
  const act = async (fn: () => Promise<unknown>, msg: string) => {
    try {
      await fn();
      message.success(msg);
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const create = () =>
    submit.run(async (v) => {
      await bulletinsApi.create(v);
      submit.reset({ redaction: 'redacted' });
      setCreating(false);
      message.success('已保存通报草稿');
      list.reload();
    });
  const askReason = (b: Bulletin) => {
    let reason = '';
    modal.confirm({
      title: '退回通报',
      content: <Input.TextArea rows={3} placeholder="退回理由" onChange={(e) => (reason = e.target.value)} data-testid="bulletin-return-reason" />,
      onOk: () => act(() => bulletinsApi.return(b.id, reason), '已退回'),
    });
  };

  return (
    <>
      <PageHeader
        title="通报"
        subtitle="向社会公众反馈：对普遍性、倾向性问题在一定范围内通报；公开前须经编写人以外的另一人审批"
        extra={
          can('bulletins.write') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="bulletin-create">
              编写通报
            </Button>
          )
        }
      />
      {!list.data?.items.length ? (
        <Empty description="暂无通报" />
      ) : (
        <List
          data-testid="bulletins-list"
          dataSource={list.data.items}
          renderItem={(b) => (
            <Card
              key={b.id}
              size="small"
              style={{ marginBottom: 12 }}
              data-testid={`bulletin-${b.id}`}
              data-status={b.status}
              title={
                <Space>
                  {b.title}
                  <Tag color={b.status === 'published' ? 'green' : b.status === 'pending' ? 'orange' : undefined}>{BULLETIN_STATUS_LABELS[b.status]}</Tag>
                  <Tag>{REDACTIONS[b.redaction]}</Tag>
                </Space>
              }
              extra={
                <Space>
                  {b.actions.includes('submit') && (
                    <Button size="small" onClick={() => void act(() => bulletinsApi.submit(b.id), '已提交审批')} data-testid={`bulletin-submit-${b.id}`}>
                      提交审批
                    </Button>
                  )}
                  {b.actions.includes('approve') && (
                    <Button size="small" type="primary" onClick={() => void act(() => bulletinsApi.approve(b.id), '已审批发布')} data-testid={`bulletin-approve-${b.id}`}>
                      审批发布
                    </Button>
                  )}
                  {b.actions.includes('return') && (
                    <Button size="small" onClick={() => askReason(b)} data-testid={`bulletin-return-${b.id}`}>
                      退回
                    </Button>
                  )}
                </Space>
              }
            >
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{b.body}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {b.createdBy} 编写于 {formatDateTime(b.createdAt)}
                {b.approvedBy ? `；${b.approvedBy} 审批，${b.publishedOn} 发布` : ''}
                {b.returnReason ? `；退回理由：${b.returnReason}` : ''}
              </Typography.Text>
            </Card>
          )}
        />
      )}
      <FormModal title="编写通报" open={creating} onCancel={() => setCreating(false)} onOk={create} submit={submit} okTestId="bulletin-save" width={640}>
        <Form form={form} layout="vertical" initialValues={{ redaction: 'redacted' }}>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input data-testid="bulletin-title" />
          </Form.Item>
          <Form.Item name="intro" label="导语" rules={[{ required: true, message: '请填写导语' }]}>
            <Input.TextArea rows={2} data-testid="bulletin-intro" />
          </Form.Item>
          <Form.Item name="warningIds" label="通报的预警" rules={[{ required: true, message: '至少选择一条预警' }]}>
            <WarningPicker testId="bulletin-warnings" />
          </Form.Item>
          <Form.Item name="redaction" label="姓名处理（须经第二人审批）">
            <Radio.Group data-testid="bulletin-redaction">
              <Radio value="redacted">{REDACTIONS.redacted}</Radio>
              <Radio value="named">{REDACTIONS.named}</Radio>
            </Radio.Group>
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}

