import { Alert, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useRequest } from '../shared/useRequest';
import { peopleApi, type PeopleFilter, type Person } from './api';
import { TalkClassTag } from './TalkClassTag';

interface Props {
  filter: Omit<PeopleFilter, 'page' | 'pageSize'>;
  /** Change it to fetch again (after a create or an edit). */
  reloadKey?: number;
  showOrg?: boolean;
  onOpen?: (person: Person) => void;
  testId?: string;
}

/** The people of a scope, paged by the server; ID numbers arrive masked. */
export function PeopleTable({ filter, reloadKey = 0, showOrg = true, onOpen, testId = 'people-table' }: Props) {
  const filterKey = JSON.stringify(filter);
  // A new filter starts again at page 1.
  const [pager, setPager] = useState({ key: filterKey, page: 1 });
  const page = pager.key === filterKey ? pager.page : 1;
  const setPage = (p: number) => setPager({ key: filterKey, page: p });
  const [pageSize, setPageSize] = useState(20);

  const { data, loading, error } = useRequest(() => peopleApi.list({ ...filter, page, pageSize }), [filterKey, page, pageSize, reloadKey]);

  const columns: ColumnsType<Person> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 120,
      render: (name: string, p) => (
        <Space size={4}>
          {onOpen ? (
            <Typography.Link onClick={() => onOpen(p)} data-testid={`person-link-${p.id}`}>
              {name}
            </Typography.Link>
          ) : (
            name
          )}
          {p.retiredAt && <Tag>已离岗</Tag>}
        </Space>
      ),
    },
    { title: '身份证号', dataIndex: 'idNumber', width: 190, render: (v: string) => <span className="qf-mono">{v}</span> },
    ...(showOrg ? [{ title: '所属组织', dataIndex: 'orgName', ellipsis: true } as const] : []),
    {
      title: '岗位',
      key: 'posts',
      render: (_: unknown, p: Person) =>
        p.posts.length ? p.posts.map((a) => a.postName).join('、') : <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: '谈话类别', dataIndex: 'talkClass', width: 96, render: (v: Person['talkClass']) => <TalkClassTag value={v} /> },
    {
      title: '领导班子',
      key: 'leadership',
      width: 150,
      render: (_: unknown, p: Person) =>
        p.isLeadershipMember || p.isPrincipalLeader ? (
          <Space size={4}>
            {p.isLeadershipMember && <Tag color="cyan">班子成员</Tag>}
            {p.isPrincipalLeader && <Tag color="volcano">主要负责人</Tag>}
          </Space>
        ) : (
          <Typography.Text type="secondary">否</Typography.Text>
        ),
    },
  ];

  return (
    <>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Table<Person>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        data-testid={testId}
        onRow={(p) => ({ onDoubleClick: () => onOpen?.(p) })}
        locale={{ emptyText: '暂无人员' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 人`,
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
        }}
      />
    </>
  );
}
