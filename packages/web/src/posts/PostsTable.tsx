import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useRequest } from '../shared/useRequest';
import { postsApi, type Post } from './api';
import { PostFormModal, type PostFormMode } from './PostFormModal';

/** The posts of one org, with create / edit / retire where the server allows them. */
export function PostsTable({ orgId, orgName, canCreate }: { orgId: number; orgName: string; canCreate: boolean }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const { data, loading, error, reload } = useRequest(() => postsApi.list({ orgId, page, pageSize: 20 }), [orgId, page]);
  const [mode, setMode] = useState<PostFormMode | null>(null);

  const retire = async (p: Post) => {
    try {
      await postsApi.retire(p.id);
      message.success(`已撤销岗位「${p.name}」`);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">岗位是廉政风险点的载体；有在岗人员的岗位不能撤销。</Typography.Text>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setMode({ kind: 'create', orgId, orgName })} data-testid="post-create">
            新建岗位
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Table<Post>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="posts-table"
        locale={{ emptyText: '暂无岗位' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个岗位` }}
        columns={[
          {
            title: '岗位名称',
            dataIndex: 'name',
            width: 180,
            render: (v: string, p) => (
              <Space size={4}>
                {v}
                {p.isLeadership && <Tag color="cyan">领导岗位</Tag>}
              </Space>
            ),
          },
          {
            title: '岗位职责',
            dataIndex: 'duties',
            ellipsis: { showTitle: true },
            render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
          },
          {
            title: '在岗人员',
            key: 'holders',
            width: 200,
            render: (_: unknown, p) =>
              p.holders.length ? p.holders.map((h) => h.name).join('、') : <Typography.Text type="secondary">空缺</Typography.Text>,
          },
          {
            title: '操作',
            key: 'op',
            width: 120,
            render: (_: unknown, p) => (
              <Space size="middle">
                {p.actions.includes('update') && (
                  <Typography.Link onClick={() => setMode({ kind: 'edit', post: p })} data-testid={`post-edit-${p.id}`}>
                    编辑
                  </Typography.Link>
                )}
                {p.actions.includes('retire') && (
                  <Popconfirm title={`撤销岗位「${p.name}」？`} description="撤销后不能再任职此岗位。" okText="撤销" okButtonProps={{ danger: true }} onConfirm={() => retire(p)}>
                    <Typography.Link type="danger" data-testid={`post-retire-${p.id}`}>
                      撤销
                    </Typography.Link>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <PostFormModal
        mode={mode}
        onClose={() => setMode(null)}
        onSaved={(p) => {
          message.success(mode?.kind === 'edit' ? '已保存' : `已新建岗位「${p.name}」`);
          setMode(null);
          reload();
        }}
      />
    </>
  );
}
