import { PlusOutlined } from '@ant-design/icons';
import { PERMISSIONS, SCOPE_LABELS, type Permission } from '@qingfeng/core';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import type { RequestState } from '../shared/useRequest';
import { rolesApi, type Role } from './api';
import { RoleFormModal, type RoleFormMode } from './RoleFormModal';

/** 角色: permissions and data scope, as data. Built-in roles can be edited but not deleted. */
export function RolesTable({ roles }: { roles: RequestState<{ items: Role[] }> }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const writable = can('roles.write');
  const [mode, setMode] = useState<RoleFormMode | null>(null);

  const remove = async (r: Role) => {
    try {
      await rolesApi.remove(r.id);
      message.success(`已删除角色「${r.name}」`);
      roles.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">角色 = 一组权限 + 数据范围。数据范围决定用户能看到组织树的哪一部分。</Typography.Text>
        {writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setMode({ kind: 'create' })} data-testid="role-create">
            新建角色
          </Button>
        )}
      </Space>
      {roles.error && <Alert type="error" showIcon title={errorMessage(roles.error)} style={{ marginBottom: 12 }} />}
      <Table<Role>
        rowKey="id"
        size="middle"
        loading={roles.loading}
        dataSource={roles.data?.items ?? []}
        pagination={false}
        data-testid="roles-table"
        columns={[
          {
            title: '角色',
            key: 'name',
            width: 220,
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <Space size={4}>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  {r.builtin && <Tag>内置</Tag>}
                </Space>
                <Typography.Text type="secondary" className="qf-mono" style={{ fontSize: 12 }}>
                  {r.code}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '权限',
            dataIndex: 'permissions',
            render: (ps: string[]) => (
              <Space size={[4, 4]} wrap>
                {ps.map((p) => (
                  <Tag key={p} color={p === 'system.admin' ? 'red' : p.endsWith('.read') ? 'default' : 'blue'}>
                    {PERMISSIONS[p as Permission] ?? p}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: '数据范围',
            dataIndex: 'scopeKind',
            width: 200,
            render: (k: Role['scopeKind']) => SCOPE_LABELS[k],
          },
          { title: '用户数', dataIndex: 'userCount', width: 80, align: 'right' },
          {
            title: '说明',
            dataIndex: 'description',
            ellipsis: { showTitle: true },
            render: (v: string | null) => v ?? '—',
          },
          ...(writable
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 110,
                  render: (_: unknown, r: Role) => (
                    <Space size="middle">
                      <Typography.Link onClick={() => setMode({ kind: 'edit', role: r })} data-testid={`role-edit-${r.code}`}>
                        编辑
                      </Typography.Link>
                      {r.builtin || r.userCount > 0 ? (
                        <Tooltip title={r.builtin ? '内置角色不能删除' : '仍有用户使用该角色'}>
                          <Typography.Text type="secondary">删除</Typography.Text>
                        </Tooltip>
                      ) : (
                        <Popconfirm title={`删除角色「${r.name}」？`} okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove(r)}>
                          <Typography.Link type="danger" data-testid={`role-delete-${r.code}`}>
                            删除
                          </Typography.Link>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <RoleFormModal
        mode={mode}
        onClose={() => setMode(null)}
        onSaved={(r) => {
          message.success(mode?.kind === 'edit' ? '已保存' : `已新建角色「${r.name}」`);
          setMode(null);
          roles.reload();
        }}
      />
    </>
  );
}
