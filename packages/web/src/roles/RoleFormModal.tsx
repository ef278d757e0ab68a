import { PERMISSION_KEYS, PERMISSIONS, RoleCreate, SCOPE_KINDS, SCOPE_LABELS } from '@qingfeng/core';
import { Alert, Checkbox, Col, Form, Input, Radio, Row, Space } from 'antd';
import { useEffect } from 'react';
import { FormModal } from '../shared/FormModal';
import { useFormSubmit } from '../shared/useFormSubmit';
import { zodRule } from '../shared/zod-rule';
import { rolesApi, type Role, type RoleCreateBody } from './api';

interface Values {
  code: string;
  name: string;
  description?: string;
  permissions: string[];
  scopeKind: Role['scopeKind'];
}

const FIELDS = ['code', 'name', 'description', 'permissions', 'scopeKind'] as const;

export type RoleFormMode = { kind: 'create' } | { kind: 'edit'; role: Role };

export function RoleFormModal({ mode, onClose, onSaved }: { mode: RoleFormMode | null; onClose: () => void; onSaved: (r: Role) => void }) {
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS);
  const editing = mode?.kind === 'edit';

  useEffect(() => {
    if (!mode) return;
    if (mode.kind === 'edit') {
      const r = mode.role;
      submission.reset({ code: r.code, name: r.name, description: r.description ?? undefined, permissions: r.permissions, scopeKind: r.scopeKind });
    } else {
      submission.reset({ permissions: ['orgs.read'], scopeKind: 'org_subtree' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode !== null]);

  const submit = () =>
    submission.run(async (v) => {
      if (!mode) return;
      const body = {
        name: v.name.trim(),
        description: v.description?.trim() || null,
        permissions: v.permissions as RoleCreateBody['permissions'],
        scopeKind: v.scopeKind,
      };
      onSaved(mode.kind === 'edit' ? await rolesApi.update(mode.role.id, body) : await rolesApi.create({ ...body, code: v.code.trim() }));
    });

  return (
    <FormModal
      open={mode !== null}
      title={editing ? `编辑角色 · ${mode.role.name}` : '新建角色'}
      width={680}
      onCancel={onClose}
      onOk={submit}
      submit={submission}
      okTestId="role-submit"
    >
      {editing && mode.role.builtin && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="这是内置角色。修改其权限或数据范围将立即影响所有使用该角色的用户。" />
      )}
      <Form form={form} layout="vertical" name="role">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="角色代码" name="code" rules={[{ required: true, message: '请输入角色代码' }, zodRule(RoleCreate.shape.code)]} extra="创建后不能修改，如 audit_officer">
              <Input maxLength={40} disabled={editing} className="qf-mono" data-testid="role-code" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="角色名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入角色名称' }, zodRule(RoleCreate.shape.name)]}>
              <Input maxLength={40} data-testid="role-name" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="说明" name="description">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item label="权限" name="permissions" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项权限' }]}>
          <Checkbox.Group style={{ width: '100%' }} data-testid="role-permissions">
            <Row gutter={[8, 8]}>
              {PERMISSION_KEYS.map((p) => (
                <Col span={12} key={p}>
                  <Checkbox value={p}>
                    {PERMISSIONS[p]} <span className="qf-mono" style={{ color: '#8c8c8c', fontSize: 12 }}>{p}</span>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item label="数据范围" name="scopeKind" rules={[{ required: true, message: '请选择数据范围' }]}>
          <Radio.Group data-testid="role-scope">
            <Space orientation="vertical" size={4}>
              {SCOPE_KINDS.map((k) => (
                <Radio key={k} value={k}>
                  {SCOPE_LABELS[k]}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
    </FormModal>
  );
}
