import { Alert, Form, Modal, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { tid } from '../shared/testid';
import { orgsApi, type Org, type OrgDetail } from './api';
import { OrgTreeSelect } from './OrgTreeSelect';

/** 调整上级: the whole subtree moves; its own descendants and orgs outside the write scope are greyed out. */
export function OrgMoveModal({ org, onClose, onSaved }: { org: Org | null; onClose: () => void; onSaved: (o: OrgDetail) => void }) {
  const [form] = Form.useForm<{ parentId: number }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!org) return;
    setError(null);
    form.setFieldsValue({ parentId: org.parentId ?? undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [org !== null]);

  const isDisabled = useCallback((o: Org) => !!org && (o.path.startsWith(org.path) || !o.actions.includes('createChild')), [org]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !org) return;
    if (v.parentId === org.parentId) return onClose();
    setSaving(true);
    setError(null);
    try {
      onSaved(await orgsApi.move(org.id, v.parentId));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={org !== null} title={`调整上级组织 · ${org?.name ?? ''}`} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} forceRender okButtonProps={tid('org-move-submit')}>
      <Typography.Paragraph type="secondary">该组织的全部下级组织、岗位和人员随之移动。本组织及其下级不能作为新的上级。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item label="新的上级组织" name="parentId" rules={[{ required: true, message: '请选择上级组织' }]}>
          <OrgTreeSelect isDisabled={isDisabled} allowClear={false} data-testid="org-move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
