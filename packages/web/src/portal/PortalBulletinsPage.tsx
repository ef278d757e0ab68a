import { Card, Empty, Space, Typography } from 'antd';
import { bulletinsApi } from '../bulletins/api';
import { useRequest } from '../shared/useRequest';

/** 门户 · 通报: what the public reads, without logging in. */
export default function PortalBulletinsPage() {
  const list = useRequest(() => bulletinsApi.portal(), []);
  return (
    <div style={{ maxWidth: 860, margin: '32px auto', padding: '0 16px' }}>
      <Typography.Title level={3}>廉情通报</Typography.Title>
      {!list.data?.items.length ? (
        <Empty description="暂无通报" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="portal-bulletins">
          {list.data.items.map((b) => (
            <Card key={b.id} title={b.title} extra={b.publishedOn} data-testid={`portal-bulletin-${b.id}`}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{b.body}</Typography.Paragraph>
            </Card>
          ))}
        </Space>
      )}
    </div>
  );
}
