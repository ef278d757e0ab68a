import { ERRORS, isStrongPassword, SCOPE_LABELS, UserCreate } from '@qingfeng/core';
import { Checkbox, Col, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { peopleApi } from '../people/api';
import type { Role } from '../roles/api';
import { FormModal } from '../shared/FormModal';
import { useFormSubmit } from '../shared/useFormSubmit';
import { zodRule } from '../shared/zod-rule';
import { usersApi, type User, type UserUpdateBody } from './api';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  orgId?: number;
  personId?: number;
  roleIds: number[];
  scopes?: Record<string, number[] | undefined>;
  disabled?: boolean;
  unlock?: boolean;
}

const FIELDS = ['username', 'displayName', 'password', 'orgId', 'personId'] as const;

export type UserFormMode = { kind: 'create' } | { kind: 'edit'; user: User };

const passwordRule = {
  validator: async (_: unknown, v: string | undefined) => {
    if (v && !isStrongPassword(v)) throw new Error(ERRORS['auth.password_weak'].message);
  },
};

/** Picks the person record a user account belongs to (for cadres: “仅本人” scope). */
function PersonPicker({ value, onChange, initialLabel }: { value?: number; onChange?: (v?: number) => void; initialLabel?: string }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(async () => {
      setLoading(true);
      try {
        const r = await peopleApi.list({ q: q.trim(), pageSize: 20 });
        setOptions(r.items.map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}）` })));
      } finally {
        setLoading(false);
      }
    }, 300);
  };
  const shown = value && !options.some((o) => o.value === value) ? [{ value, label: initialLabel ?? `人员 #${value}` }, ...options] : options;
  return (
    <Select
      value={value}
      onChange={onChange}
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      loading={loading}
      options={shown}
      placeholder="输入姓名搜索"
      notFoundContent={loading ? '搜索中…' : '输入姓名搜索人员'}
    />
  );
}

export function UserFormModal({ mode, roles, onClose, onSaved }: { mode: UserFormMode | null; roles: Role[]; onClose: () => void; onSaved: (u: User) => void }) {
  const { can, me } = useAuth();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS);
  const editing = mode?.kind === 'edit';
  const roleIds = Form.useWatch('roleIds', form);
  const rolesById = useMemo(() => new Map(roles.map((r) => [r.id, r])), [roles]);
  const customRoles = (roleIds ?? []).map((id) => rolesById.get(id)).filter((r): r is Role => r?.scopeKind === 'custom');
  const locked = editing && !!mode.user.lockedUntil && new Date(mode.user.lockedUntil) > new Date();

  useEffect(() => {
    if (!mode) return;
    if (mode.kind === 'edit') {
      const u = mode.user;
      submission.reset({
        username: u.username,
        displayName: u.displayName,
        orgId: u.orgId ?? undefined,
        personId: u.personId ?? undefined,
        roleIds: u.roles.map((r) => r.roleId),
        scopes: Object.fromEntries(u.roles.map((r) => [String(r.roleId), r.scopeOrgIds ?? undefined])),
        disabled: u.disabled,
        unlock: false,
      });
    } else {
      submission.reset({ roleIds: [] });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode !== null]);

  const submit = () =>
    submission.run(async (v) => {
      if (!mode) return;
      const assignments = v.roleIds.map((roleId) => {
        const scope = rolesById.get(roleId)?.scopeKind === 'custom' ? v.scopes?.[String(roleId)] : undefined;
        return { roleId, ...(scope && scope.length ? { scopeOrgIds: scope } : {}) };
      });
      if (mode.kind === 'create') {
        onSaved(
          await usersApi.create({
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            password: v.password!,
            orgId: v.orgId ?? null,
            personId: v.personId ?? null,
            roles: assignments,
          }),
        );
      } else {
        const body: UserUpdateBody = {
          displayName: v.displayName.trim(),
          orgId: v.orgId ?? null,
          personId: v.personId ?? null,
          roles: assignments,
          disabled: !!v.disabled,
          ...(v.password ? { password: v.password } : {}),
          ...(v.unlock ? { unlock: true } : {}),
        };
        onSaved(await usersApi.update(mode.user.id, body));
      }
    });

  return (
    <FormModal
      open={mode !== null}
      title={editing ? `编辑用户 · ${mode.user.username}` : '新建用户'}
      width={680}
      onCancel={onClose}
      onOk={submit}
      submit={submission}
      okTestId="user-submit"
      errorTestId="user-form-error"
    >
      <Form form={form} layout="vertical" name="user">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="用户名" name="username" rules={editing ? [] : [{ required: true, message: '请输入用户名' }, zodRule(UserCreate.shape.username)]}>
              <Input maxLength={40} disabled={editing} autoComplete="off" className="qf-mono" data-testid="user-username" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, zodRule(UserCreate.shape.displayName)]}>
              <Input maxLength={50} autoComplete="off" data-testid="user-display-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label={editing ? '重置密码' : '初始密码'}
              name="password"
              rules={editing ? [passwordRule] : [{ required: true, message: '请输入初始密码' }, passwordRule]}
              extra={editing ? '留空则不修改' : '至少10位，含大小写字母、数字、符号中的三类'}
            >
              <Input.Password autoComplete="new-password" data-testid="user-password" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="所属组织" name="orgId" extra="数据范围“本单位”“本单位及下级”以此为准">
              <OrgTreeSelect data-testid="user-org" />
            </Form.Item>
          </Col>
          {can('people.read') && (
            <Col span={12}>
              <Form.Item label="对应人员" name="personId" extra="党员干部账户须关联本人">
                <PersonPicker initialLabel={mode?.kind === 'edit' ? (mode.user.personName ?? undefined) : undefined} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item label="角色" name="roleIds" rules={[{ required: true, type: 'array', min: 1, message: '至少分配一个角色' }]}>
          <Select
            mode="multiple"
            data-testid="user-roles"
            options={roles.map((r) => ({ value: r.id, label: `${r.name}（${SCOPE_LABELS[r.scopeKind]}）` }))}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择角色"
          />
        </Form.Item>
        {customRoles.map((r) => (
          <Form.Item
            key={r.id}
            label={`「${r.name}」的指定单位`}
            name={['scopes', String(r.id)]}
            extra="该角色的数据范围为“指定单位”：选择此用户可以查看的单位（含其下级）；不选则为其所属派驻纪检组监督的单位。"
          >
            <OrgTreeSelect multiple placeholder="选择单位（可多选）" />
          </Form.Item>
        ))}
        {editing && (
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item label="停用账户" name="disabled" valuePropName="checked" extra={mode.user.id === me?.userId ? '不能停用自己的账户' : undefined}>
                <Switch disabled={mode.user.id === me?.userId} data-testid="user-disabled" />
              </Form.Item>
            </Col>
            {locked && (
              <Col span={12}>
                <Form.Item label="登录锁定" name="unlock" valuePropName="checked">
                  <Checkbox data-testid="user-unlock">
                    解除锁定
                    <Typography.Text type="secondary">（锁定至 {new Date(mode.user.lockedUntil!).toLocaleString('zh-CN')}）</Typography.Text>
                  </Checkbox>
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
      </Form>
    </FormModal>
  );
}
