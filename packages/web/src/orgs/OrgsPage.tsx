import { ApartmentOutlined, DeleteOutlined, EditOutlined, PlusOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Skeleton, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { PeopleTable } from '../people/PeopleTable';
import { PersonDrawer } from '../people/PersonDrawer';
import { PersonFormModal } from '../people/PersonFormModal';
import { PostsTable } from '../posts/PostsTable';
import { formatDateTime } from '../shared/format';
import { useRequest } from '../shared/useRequest';
import { orgsApi, type OrgDetail } from './api';
import { OrgFormModal, type OrgFormMode } from './OrgFormModal';
import { OrgKindTag } from './OrgKindTag';
import { OrgMoveModal } from './OrgMoveModal';
import { useOrgs } from './OrgsContext';
import { OrgTreePanel } from './OrgTreePanel';

/** 组织机构: the tree on the left, the selected org with its people and posts on the right. */
export default function OrgsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const orgs = useOrgs();
  const [params, setParams] = useSearchParams();
  const selectedParam = Number(params.get('org')) || null;
  const selectedId = selectedParam ?? orgs.tree[0]?.org.id ?? null;
  const select = (id: number) => setParams({ org: String(id) }, { replace: false });

  const detail = useRequest(() => orgsApi.get(selectedId!), [selectedId], selectedId !== null);
  const org: OrgDetail | undefined = detail.data?.id === selectedId ? detail.data : undefined;
  const listed = selectedId !== null ? orgs.byId.get(selectedId) : undefined;

  const [formMode, setFormMode] = useState<OrgFormMode | null>(null);
  const [moving, setMoving] = useState(false);
  const [creatingPerson, setCreatingPerson] = useState(false);
  const [openPerson, setOpenPerson] = useState<number | null>(null);
  const [subtree, setSubtree] = useState(false);
  const [peopleKey, setPeopleKey] = useState(0);
  const [tab, setTab] = useState('people');

  useEffect(() => setSubtree(false), [selectedId]);

  const afterChange = async (o: OrgDetail, text: string) => {
    message.success(text);
    await orgs.reload();
    select(o.id);
    detail.reload();
  };

  const retire = async () => {
    if (!org) return;
    try {
      await orgsApi.retire(org.id);
      message.success(`已撤销「${org.name}」`);
      await orgs.reload();
      if (org.parentId && orgs.byId.has(org.parentId)) select(org.parentId);
      else detail.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const actions = org?.actions ?? [];
  const canAddPeople = can('people.write') && !!org && !org.retiredAt;
  const parent = org?.parentId ? orgs.byId.get(org.parentId) : undefined;

  return (
    <div className="qf-orgs">
      <OrgTreePanel
        selectedId={selectedId}
        onSelect={select}
        extra={
          orgs.tree.length === 0 && can('orgs.write') && !orgs.loading ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setFormMode({ kind: 'create', parent: null })}>
              新建顶级组织
            </Button>
          ) : null
        }
      />
      <div className="qf-orgs-main">
        {orgs.error && <Alert type="error" showIcon title={orgs.error} />}
        {selectedId === null ? (
          <Card>
            <Empty description={orgs.loading ? '正在载入组织机构…' : '请在左侧选择组织'} />
          </Card>
        ) : (
          <Card
            data-testid="org-detail"
            title={
              org || listed ? (
                <Space size={8} wrap>
                  <ApartmentOutlined style={{ color: '#1d4f91' }} />
                  <span data-testid="org-detail-name">{(org ?? listed)!.name}</span>
                  <OrgKindTag kind={(org ?? listed)!.kind} />
                  {(org ?? listed)!.retiredAt && <Tag color="default">已撤销</Tag>}
                </Space>
              ) : (
                '组织详情'
              )
            }
            extra={
              org && (
                <Space wrap>
                  {actions.includes('createChild') && (
                    <Button icon={<PlusOutlined />} onClick={() => setFormMode({ kind: 'create', parent: org })} data-testid="org-create-child">
                      新建下级
                    </Button>
                  )}
                  {actions.includes('update') && (
                    <Button icon={<EditOutlined />} onClick={() => setFormMode({ kind: 'edit', org })} data-testid="org-edit">
                      编辑
                    </Button>
                  )}
                  {actions.includes('move') && org.parentId !== null && (
                    <Button icon={<SwapOutlined />} onClick={() => setMoving(true)} data-testid="org-move">
                      调整上级
                    </Button>
                  )}
                  {actions.includes('retire') && (
                    <Popconfirm
                      title={`撤销「${org.name}」？`}
                      description="须先撤销全部下级组织、办理人员离岗。撤销后仍可在“显示已撤销”中查看。"
                      okText="撤销"
                      okButtonProps={{ danger: true }}
                      onConfirm={retire}
                    >
                      <Button danger icon={<DeleteOutlined />} data-testid="org-retire">
                        撤销
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              )
            }
          >
            {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
            {!org && !detail.error && <Skeleton active paragraph={{ rows: 3 }} />}
            {org && (
              <Descriptions column={{ xs: 1, md: 2, xxl: 3 }} size="small" data-testid="org-info">
                <Descriptions.Item label="组织代码">{org.code ? <span className="qf-mono">{org.code}</span> : '—'}</Descriptions.Item>
                <Descriptions.Item label="简称">{org.shortName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="上级组织">
                  {parent ? (
                    <Typography.Link onClick={() => select(parent.id)}>{parent.name}</Typography.Link>
                  ) : org.parentId ? (
                    <Typography.Text type="secondary">（不在您的权限范围内）</Typography.Text>
                  ) : (
                    '—（顶级组织）'
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="在岗人员">
                  <span data-testid="org-people-count">{org.peopleCount}</span> 人
                </Descriptions.Item>
                <Descriptions.Item label="下级组织">{org.childCount} 个</Descriptions.Item>
                <Descriptions.Item label="状态">
                  {org.retiredAt ? <Tag>已于 {formatDateTime(org.retiredAt)} 撤销</Tag> : <Tag color="success">正常</Tag>}
                </Descriptions.Item>
                {org.kind === 'dispatched_group' && (
                  <Descriptions.Item label="监督单位" span="filled">
                    {org.supervisedOrgIds.length ? (
                      <Space size={[4, 4]} wrap data-testid="org-supervised-list">
                        {org.supervisedOrgIds.map((id) => {
                          const s = orgs.byId.get(id);
                          return s ? (
                            <Tag key={id} color="purple" style={{ cursor: 'pointer' }} onClick={() => select(id)}>
                              {s.name}
                            </Tag>
                          ) : (
                            <Tag key={id}>组织 #{id}</Tag>
                          );
                        })}
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">尚未指定</Typography.Text>
                    )}
                  </Descriptions.Item>
                )}
              </Descriptions>
            )}
          </Card>
        )}

        {org && (
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'people',
                  label: <span data-testid="org-tab-people">人员</span>,
                  children: (
                    <>
                      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }} wrap>
                        <Space size={6}>
                          <Switch size="small" checked={subtree} onChange={setSubtree} id="org-people-subtree" data-testid="org-people-subtree" />
                          <label htmlFor="org-people-subtree">含下级</label>
                        </Space>
                        {canAddPeople && (
                          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreatingPerson(true)} data-testid="person-create">
                            新增人员
                          </Button>
                        )}
                      </Space>
                      <PeopleTable
                        filter={{ orgId: org.id, subtree }}
                        reloadKey={peopleKey}
                        showOrg={subtree}
                        onOpen={(p) => setOpenPerson(p.id)}
                        testId="org-people-table"
                      />
                    </>
                  ),
                },
                {
                  key: 'posts',
                  label: <span data-testid="org-tab-posts">岗位</span>,
                  children: <PostsTable key={org.id} orgId={org.id} orgName={org.name} canCreate={can('people.write') && !org.retiredAt} />,
                },
              ]}
            />
          </Card>
        )}
      </div>

      <OrgFormModal
        mode={formMode}
        onClose={() => setFormMode(null)}
        onSaved={(o) => {
          const text = formMode?.kind === 'edit' ? '已保存' : `已新建「${o.name}」`;
          setFormMode(null);
          void afterChange(o, text);
        }}
      />
      <OrgMoveModal
        org={moving && org ? org : null}
        onClose={() => setMoving(false)}
        onSaved={(o) => {
          setMoving(false);
          void afterChange(o, '已调整上级组织');
        }}
      />
      <PersonFormModal
        mode={creatingPerson && org ? { kind: 'create', orgId: org.id } : null}
        onClose={() => setCreatingPerson(false)}
        onSaved={(p) => {
          setCreatingPerson(false);
          message.success(`已新增人员「${p.name}」`);
          setPeopleKey((k) => k + 1);
          detail.reload();
        }}
      />
      <PersonDrawer
        personId={openPerson}
        onClose={() => setOpenPerson(null)}
        onChanged={() => {
          setPeopleKey((k) => k + 1);
          detail.reload();
        }}
      />
    </div>
  );
}
