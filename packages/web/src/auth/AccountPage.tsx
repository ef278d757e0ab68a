import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { SCOPE_LABELS } from '@qingfeng/core';
import { PageHeader } from '../shared/PageHeader';
import { useAuth, useMe } from './AuthContext';
import { PasswordForm } from './PasswordForm';
import { TotpEnrolment } from './TotpEnrolment';

export default function AccountPage() {
  const me = useMe();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const [binding, setBinding] = useState(false);
  return (
    <>
      <PageHeader title="账户安全" subtitle="修改密码、绑定动态验证码" />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title="账户信息" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
              <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
              <Descriptions.Item label="角色">
                <Space orientation="vertical" size={4}>
                  {me.roles.map((r) => (
                    <span key={r.code}>
                      <Tag color="blue">{r.name}</Tag>
                      <Typography.Text type="secondary">数据范围：{SCOPE_LABELS[r.scopeKind]}</Typography.Text>
                    </span>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="修改密码">
            <PasswordForm />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title="动态验证码（双因素认证）">
            {me.totpEnabled ? (
              <Space data-testid="totp-bound">
                <CheckCircleFilled style={{ color: '#389e0d', fontSize: 20 }} />
                <span>已绑定。登录时除密码外还须输入手机 App 上的 6 位动态验证码。</span>
              </Space>
            ) : (
              <>
                <Typography.Paragraph type="secondary">
                  绑定后，登录时除密码外还须输入动态验证码，即使密码泄露，他人也无法登录您的账户。
                </Typography.Paragraph>
                {binding ? (
                  <TotpEnrolment
                    onDone={async () => {
                      message.success('动态验证码已绑定');
                      setBinding(false);
                      await refresh();
                    }}
                  />
                ) : (
                  <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setBinding(true)} data-testid="totp-start">
                    开始绑定
                  </Button>
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
