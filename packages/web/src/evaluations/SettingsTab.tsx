import { Alert, App, Button, Card, Collapse, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { formatDateTime } from '../shared/format';
import { useRequest } from '../shared/useRequest';
import { evaluationsApi, type EvaluationSetting } from './api';

/** The rules that are data: shown as they stand; those who configure edit them (validated by the server). */
export function SettingsTab() {
  const { can } = useAuth();
  const settings = useRequest(() => evaluationsApi.settings(), []);
  if (settings.error) return <Alert type="error" showIcon title={errorMessage(settings.error)} />;
  return (
    <Card>
      <Collapse items={(settings.data?.items ?? []).map((s) => ({ key: s.key, label: <Space>{s.label}{s.isDefault ? <Tag>默认（种子文件）</Tag> : <Tag color="blue">已修改 {formatDateTime(s.updatedAt)}</Tag>}</Space>, children: <SettingEditor setting={s} editable={can('evaluations.configure')} onSaved={settings.reload} /> }))} />
    </Card>
  );
}

function SettingEditor({ setting, editable, onSaved }: { setting: EvaluationSetting; editable: boolean; onSaved: () => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState(JSON.stringify(setting.value, null, 2));
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      setError('不是有效的 JSON');
      return;
    }
    try {
      await evaluationsApi.saveSetting(setting.key, value);
      message.success('已保存');
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (!editable) return <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>;
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Input.TextArea rows={12} value={text} onChange={(e) => setText(e.target.value)} style={{ fontFamily: 'monospace' }} data-testid={`setting-${setting.key}`} />
      <Button type="primary" style={{ marginTop: 8 }} onClick={() => void save()}>
        保存
      </Button>
    </>
  );
}
