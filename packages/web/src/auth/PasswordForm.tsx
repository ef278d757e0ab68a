import { ERRORS, isStrongPassword } from '@qingfeng/core';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../shared/form-errors';
import { authApi } from './api';

interface Values {
  password: string;
  newPassword: string;
  confirm: string;
}

export function PasswordForm() {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const onFinish = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await authApi.changePassword({ password: v.password, newPassword: v.newPassword });
      message.success('密码已修改');
      form.resetFields();
    } catch (e) {
      const msg = applyServerErrors(form, e, ['password', 'newPassword']);
      if (msg) setError(msg);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }} data-testid="password-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item label="当前密码" name="password" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra="至少10位，包含大写字母、小写字母、数字和符号中的三类。"
        rules={[
          { required: true, message: '请输入新密码' },
          { validator: (_, v: string) => (!v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(ERRORS['auth.password_weak'].message))) },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, v: string) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="password-submit">
        修改密码
      </Button>
    </Form>
  );
}
