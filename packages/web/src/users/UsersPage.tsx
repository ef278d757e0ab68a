import { PlusOutlined } from '@ant-design/icons';
import { SCOPE_LABELS } from '@qingfeng/core';
import { Alert, App, Button, Card, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { useOrgs } from '../orgs/OrgsContext';
import { rolesApi } from '../roles/api';
import { RolesTable } from '../roles/RolesTable';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { SearchInput } from '../shared/SearchInput';
import { useRequest } from '../shared/useRequest';
import { usersApi, type User } from './api';
import { UserFormModal, type UserFormMode } from './UserFormModal';

export default function UsersPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const { byId } = useOrgs();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const users = useRequest(() => usersApi.list({ q: q || undefined, page, pageSize: 20 }), [q, page]);
  const roles = useRequest(() => rolesApi.list(), []);
  const [mode, setMode] = useState<UserFormMode | null>(null);
  const [tab, setTab] = useState('users');

  const scopeNote = (r: User['roles'][number]) => {
    if (r.scopeKind !== 'custom') return SCOPE_LABELS[r.scopeKind];
    if (!r.scopeOrgIds?.length) return `${SCOPE_LABELS.custom}：所属派驻纪检组监督的单位`;
    return `${SCOPE_LABELS.custom}：${r.scopeOrgIds.map((id) => byId.get(id)?.name ?? `#${id}`).join('、')}`;
  };

  const usersTab = (
    <>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <SearchInput
          value={q}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          placeholder="用户名或姓名"
          width={260}
          testId="users-search"
        />
        {can('users.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setMode({ kind: 'create' })} data-testid="user-create">
            新建用户
          </Button>
        )}
      </Space>
      {users.error && <Alert type="error" showIcon title={errorMessage(users.error)} style={{ marginBottom: 12 }} />}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        data-testid="users-table"
        pagination={{ current: page, pageSize: 20, total: users.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 个用户` }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 120, render: (v: string) => <span className="qf-mono">{v}</span> },
          { title: '姓名', dataIndex: 'displayName', width: 140 },
          { title: '所属组织', dataIndex: 'orgName', ellipsis: true, render: (v: string | null) => v ?? '—' },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (rs: User['roles']) => (
              <Space size={[4, 4]} wrap>
                {rs.map((r) => (
                  <Tooltip key={r.roleId} title={`数据范围：${scopeNote(r)}`}>
                    <Tag color={r.code === 'sysadmin' ? 'red' : 'blue'}>{r.name}</Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          {
            title: '动态验证码',
            dataIndex: 'totpEnabled',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="success">已绑定</Tag> : <Tag>未绑定</Tag>),
          },
          {
            title: '状态',
            key: 'status',
            width: 150,
            render: (_: unknown, u) =>
              u.disabled ? (
                <Tag color="error">已停用</Tag>
              ) : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? (
                <Tooltip title={`锁定至 ${formatDateTime(u.lockedUntil)}`}>
                  <Tag color="warning">已锁定</Tag>
                </Tooltip>
              ) : (
                <Tag color="green">正常</Tag>
              ),
          },
          { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => formatDateTime(v) },
          {
            title: '操作',
            key: 'op',
            width: 80,
            render: (_: unknown, u) =>
              u.actions.includes('update') ? (
                <Typography.Link onClick={() => setMode({ kind: 'edit', user: u })} data-testid={`user-edit-${u.username}`}>
                  编辑
                </Typography.Link>
              ) : null,
          },
        ]}
      />
    </>
  );

  return (
    <>
      <PageHeader title="用户与角色" subtitle="账户、角色与数据范围。管理员账户须绑定动态验证码。" />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'users', label: <span data-testid="tab-users">用户</span>, children: usersTab },
            { key: 'roles', label: <span data-testid="tab-roles">角色</span>, children: <RolesTable roles={roles} /> },
          ]}
        />
      </Card>
      <UserFormModal
        mode={mode}
        roles={roles.data?.items ?? []}
        onClose={() => setMode(null)}
        onSaved={(u) => {
          message.success(mode?.kind === 'edit' ? '已保存' : `已新建用户「${u.username}」`);
          setMode(null);
          users.reload();
          roles.reload();
        }}
      />
    </>
  );
}
