import { Alert, Button, Form, Input, Skeleton, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { applyServerErrors } from '../shared/form-errors';
import { authApi } from './api';

function Step({ n, title, children }: { n: number; title: string; children?: ReactNode }) {
  return (
    <div className="qf-step">
      <span className="qf-step-no">{n}</span>
      <div className="qf-step-body">
        <div className="qf-step-title">{title}</div>
        {children}
      </div>
    </div>
  );
}

/**
 * Binding an authenticator app: the server makes a secret, we show it as a QR code (and as text for
 * manual entry), the user types the first 6-digit code to prove the app works.
 */
export function TotpEnrolment({ onDone }: { onDone: () => void }) {
  const [setup, setSetup] = useState<{ secret: string; uri: string; qr: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [form] = Form.useForm<{ totp: string }>();
  const started = useRef(false);

  const begin = useCallback(async () => {
    setError(null);
    setSetup(null);
    try {
      const s = await authApi.totpSetup();
      const qr = await QRCode.toDataURL(s.uri, { width: 200, margin: 1, errorCorrectionLevel: 'M' });
      setSetup({ ...s, qr });
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    // Once per mount, even under StrictMode's double effects: a second secret would replace the first.
    if (started.current) return;
    started.current = true;
    void begin();
  }, [begin]);

  const confirm = async ({ totp }: { totp: string }) => {
    setConfirming(true);
    setError(null);
    try {
      await authApi.totpConfirm(totp.trim());
      onDone();
    } catch (e) {
      const msg = applyServerErrors(form, e, ['totp']);
      if (msg) setError(msg);
    } finally {
      setConfirming(false);
    }
  };

  return (
    <div className="qf-totp" data-testid="totp-enrolment">
      <Step n={1} title="在手机上安装动态验证码 App">
        <Typography.Text type="secondary">支持 TOTP 标准的验证器均可，如 Microsoft Authenticator、Google 身份验证器、阿里云 App 等。</Typography.Text>
      </Step>
      <Step n={2} title="用 App 扫描二维码">
        {setup ? (
          <Space align="start" size="large" wrap style={{ marginTop: 8 }}>
            <img src={setup.qr} width={200} height={200} alt="动态验证码绑定二维码" className="qf-totp-qr" data-testid="totp-qr" />
            <div style={{ maxWidth: 300 }}>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
                无法扫码时，可在 App 中选择“手动输入密钥”：
              </Typography.Paragraph>
              <div className="qf-totp-secret qf-mono" data-testid="totp-secret">
                {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
              </div>
              <Space style={{ marginTop: 8 }}>
                <Typography.Text copyable={{ text: setup.secret, tooltips: ['复制密钥', '已复制'] }} type="secondary">
                  复制密钥
                </Typography.Text>
                <Button size="small" type="link" onClick={() => void begin()}>
                  重新生成
                </Button>
              </Space>
            </div>
          </Space>
        ) : error ? null : (
          <Skeleton.Node active style={{ width: 200, height: 200, marginTop: 8 }} />
        )}
      </Step>
      <Step n={3} title="输入 App 上显示的 6 位动态验证码">
        <Form form={form} layout="inline" onFinish={confirm} style={{ marginTop: 8 }} requiredMark={false}>
          <Form.Item
            name="totp"
            rules={[
              { required: true, message: '请输入动态验证码' },
              { pattern: /^\d{6}$/, message: '动态验证码为6位数字' },
            ]}
          >
            <Input
              aria-label="动态验证码"
              inputMode="numeric"
              maxLength={6}
              autoComplete="one-time-code"
              placeholder="6 位数字"
              style={{ width: 160, letterSpacing: 4 }}
              className="qf-mono"
              data-testid="totp-code"
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={confirming} disabled={!setup} data-testid="totp-confirm">
              完成绑定
            </Button>
          </Form.Item>
        </Form>
      </Step>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="totp-error" />}
    </div>
  );
}
