import { Alert, Button, Form, Input, Skeleton, Space, Steps, Typography } from 'antd';
import QRCode from 'qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import { applyServerErrors } from '../shared/form-errors';
import { authApi } from './api';

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
      <Steps
        orientation="vertical"
        size="small"
        current={-1}
        items={[
          { title: '安装动态验证码 App', content: '在手机上安装支持 TOTP 的验证器，如“Microsoft Authenticator”“Google 身份验证器”或“阿里云 App”。' },
          {
            title: '扫描二维码',
            content: (
              <div style={{ marginTop: 8 }}>
                {setup ? (
                  <Space align="start" size="large" wrap>
                    <img src={setup.qr} width={200} height={200} alt="动态验证码绑定二维码" className="qf-totp-qr" data-testid="totp-qr" />
                    <div style={{ maxWidth: 320 }}>
                      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                        无法扫码时，可在 App 中手动输入密钥：
                      </Typography.Paragraph>
                      <Typography.Paragraph copyable={{ text: setup.secret }} code className="qf-totp-secret" data-testid="totp-secret">
                        {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
                      </Typography.Paragraph>
                      <Button size="small" onClick={() => void begin()}>
                        重新生成
                      </Button>
                    </div>
                  </Space>
                ) : error ? null : (
                  <Skeleton.Image active style={{ width: 200, height: 200 }} />
                )}
              </div>
            ),
          },
          {
            title: '输入 App 显示的 6 位动态验证码',
            content: (
              <Form form={form} layout="inline" onFinish={confirm} style={{ marginTop: 8 }} requiredMark={false}>
                <Form.Item
                  name="totp"
                  label="动态验证码"
                  rules={[
                    { required: true, message: '请输入动态验证码' },
                    { pattern: /^\d{6}$/, message: '动态验证码为6位数字' },
                  ]}
                >
                  <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" placeholder="6 位数字" style={{ width: 140 }} data-testid="totp-code" />
                </Form.Item>
                <Form.Item>
                  <Button type="primary" htmlType="submit" loading={confirming} disabled={!setup} data-testid="totp-confirm">
                    完成绑定
                  </Button>
                </Form.Item>
              </Form>
            ),
          },
        ]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="totp-error" />}
    </div>
  );
}
