import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import { Brand } from '../layout/Brand';
import { authApi } from './api';
import { useAuth } from './AuthContext';
import type { InputRef } from 'antd';

interface Values {
  username: string;
  password: string;
  totp?: string;
}

/** Only same-site paths: never bounce a user to another origin after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const { me, refresh } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const totpRef = useRef<InputRef>(null);

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  if (me && !submitting) return <Navigate to={me.totpEnrollmentRequired ? '/totp-enrolment' : safeNext(params.get('next'))} replace />;

  const onFinish = async (v: Values) => {
    setError(null);
    setSubmitting(true);
    try {
      await authApi.login({ username: v.username.trim(), password: v.password, ...(needTotp && v.totp ? { totp: v.totp.trim() } : {}) });
      const m = await refresh();
      navigate(m?.totpEnrollmentRequired ? '/totp-enrolment' : safeNext(params.get('next')), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.totp_required') {
        setNeedTotp(true);
      } else if (e instanceof ApiError && e.code === 'auth.totp_invalid') {
        form.setFields([{ name: 'totp', errors: [e.message], value: '' }]);
        totpRef.current?.focus();
      } else {
        setError(errorMessage(e));
        if (e instanceof ApiError && e.code === 'auth.invalid_credentials') form.setFieldValue('password', '');
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="qf-login">
      <div className="qf-login-aside">
        <Brand size="large" />
        <div className="qf-login-tagline">
          <div>前期预防 · 中期监控 · 后期处置</div>
          <div className="qf-login-sub">横向到边 · 纵向到底 · 件件有着落 · 事事有回音</div>
        </div>
        <div className="qf-login-foot">区纪委监委 · 预警信息中心</div>
      </div>
      <div className="qf-login-main">
        <div className="qf-login-card">
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            账户登录
          </Typography.Title>
          <Typography.Paragraph type="secondary">请使用本单位分配的账户登录。</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          {needTotp && !error && (
            <Alert
              type="info"
              showIcon
              title="该账户已启用双因素认证，请输入动态验证码 App 中显示的 6 位数字。"
              style={{ marginBottom: 16 }}
              data-testid="login-totp-hint"
            />
          )}
          <Form form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark={false} data-testid="login-form">
            <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus disabled={needTotp} data-testid="login-username" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" disabled={needTotp} data-testid="login-password" />
            </Form.Item>
            {needTotp && (
              <Form.Item
                label="动态验证码"
                name="totp"
                rules={[
                  { required: true, message: '请输入动态验证码' },
                  { pattern: /^\d{6}$/, message: '动态验证码为6位数字' },
                ]}
              >
                <Input
                  ref={totpRef}
                  prefix={<SafetyCertificateOutlined />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  placeholder="6 位数字"
                  data-testid="login-totp"
                />
              </Form.Item>
            )}
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
                {needTotp ? '验证并登录' : '登录'}
              </Button>
            </Form.Item>
            {needTotp && (
              <Button
                type="link"
                block
                onClick={() => {
                  setNeedTotp(false);
                  setError(null);
                  form.resetFields(['password', 'totp']);
                }}
              >
                返回，更换账户
              </Button>
            )}
          </Form>
        </div>
        <div className="qf-login-legal">本系统仅限授权人员使用，所有操作均记入审计日志。</div>
      </div>
    </div>
  );
}
