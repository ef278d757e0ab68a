import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Popconfirm, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { postsApi } from '../posts/api';
import { FormModal } from '../shared/FormModal';
import { formatDate, formatDateTime } from '../shared/format';
import { tid } from '../shared/testid';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useRequest } from '../shared/useRequest';
import { peopleApi, type Assignment, type PersonDetail } from './api';
import { AssignmentTable } from './AssignmentTable';
import { PersonFormModal } from './PersonFormModal';
import { TalkClassTag } from './TalkClassTag';

/**
 * One person: the full ID number (this read is written to the audit log), current posts and the
 * history of posts, with the actions the server says the user may take.
 */
export function PersonDrawer({ personId, onClose, onChanged }: { personId: number | null; onClose: () => void; onChanged?: () => void }) {
  const { message } = App.useApp();
  const [person, setPerson] = useState<PersonDetail | null>(null);
  const { loading, error } = useRequest(
    async () => {
      setPerson(null);
      const p = await peopleApi.get(personId!);
      setPerson(p);
      return p;
    },
    [personId],
    personId !== null,
  );
  const [editing, setEditing] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState<Assignment | null>(null);

  const can = (a: string) => !!person?.actions.includes(a);
  const { can: canAuth } = useAuth();
  const navigate = useNavigate();
  const changed = (p: PersonDetail) => {
    setPerson(p);
    onChanged?.();
  };
  /** A dialog's onSaved: close it, say `done` and show the person as saved. */
  const afterSave = (close: () => void, done: string) => (p: PersonDetail) => {
    close();
    message.success(done);
    changed(p);
  };

  const retire = async () => {
    try {
      changed(await peopleApi.retire(person!.id));
      message.success('已办理离岗');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Drawer
      open={personId !== null}
      onClose={onClose}
      size={720}
      title={person ? `人员详情 · ${person.name}` : '人员详情'}
      data-testid="person-drawer"
      extra={
        person && (
          <Space>
            {canAuth('archives.read') && (
              <Button onClick={() => navigate(`/archives/${person.id}`)} data-testid="person-archive">
                廉政档案
              </Button>
            )}
            {can('update') && (
              <Button onClick={() => setEditing(true)} data-testid="person-edit">
                编辑
              </Button>
            )}
            {can('assign') && (
              <Button onClick={() => setAssigning(true)} data-testid="person-assign">
                任职
              </Button>
            )}
            {can('retire') && (
              <Popconfirm
                title="办理离岗"
                description={`「${person.name}」的全部任职将于今天结束，且不再出现在在岗人员中。确定吗？`}
                okText="确定离岗"
                okButtonProps={{ danger: true, ...tid('person-retire-confirm') }}
                onConfirm={retire}
              >
                <Button danger data-testid="person-retire">
                  离岗
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {loading && !person && <Skeleton active paragraph={{ rows: 8 }} />}
      {person && (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="本页显示完整身份证号，本次查看已记入审计日志。请勿截屏或外传。" />
          <Descriptions bordered column={2} size="small" data-testid="person-detail">
            <Descriptions.Item label="姓名">
              <Space>
                {person.name}
                {person.retiredAt && <Tag>已离岗</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="所属组织">{person.orgName}</Descriptions.Item>
            <Descriptions.Item label="身份证号">
              <Typography.Text className="qf-mono" data-testid="person-id-full">
                {person.idNumber}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="性别 / 出生日期">
              {person.gender === 'male' ? '男' : '女'} / {person.birthDate}
            </Descriptions.Item>
            <Descriptions.Item label="电话">{person.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="谈话类别">
              <TalkClassTag value={person.talkClass} />
            </Descriptions.Item>
            <Descriptions.Item label="领导班子成员">{person.isLeadershipMember ? '是' : '否'}</Descriptions.Item>
            <Descriptions.Item label="主要负责人">{person.isPrincipalLeader ? '是' : '否'}</Descriptions.Item>
            {person.retiredAt && <Descriptions.Item label="离岗时间">{formatDateTime(person.retiredAt)}</Descriptions.Item>}
          </Descriptions>

          <AssignmentTable
            title="现任岗位"
            rows={person.posts}
            emptyText="暂无任职"
            startedOnWidth={120}
            testId="person-current-posts"
            more={
              can('assign')
                ? [
                    {
                      title: '操作',
                      key: 'op',
                      width: 80,
                      render: (_: unknown, a: Assignment) => (
                        <Typography.Link onClick={() => setEnding(a)} data-testid={`assignment-end-${a.id}`}>
                          离任
                        </Typography.Link>
                      ),
                    },
                  ]
                : []
            }
          />
          <AssignmentTable
            title="任职经历"
            rows={person.history}
            emptyText="暂无记录"
            startedOnWidth={110}
            testId="person-history"
            more={[
              {
                title: '离任日期',
                dataIndex: 'endedOn',
                width: 110,
                render: (v: string | null) => (v ? formatDate(v) : <Tag color="green">在任</Tag>),
              },
            ]}
          />
        </>
      )}

      <PersonFormModal
        formName="person-edit"
        mode={editing && person ? { kind: 'edit', person } : null}
        onClose={() => setEditing(false)}
        onSaved={afterSave(() => setEditing(false), '已保存')}
      />
      {person && (
        <AssignModal
          open={assigning}
          person={person}
          onClose={() => setAssigning(false)}
          onSaved={afterSave(() => setAssigning(false), '已任职')}
        />
      )}
      {person && (
        <EndAssignmentModal
          assignment={ending}
          personId={person.id}
          onClose={() => setEnding(null)}
          onSaved={afterSave(() => setEnding(null), '已离任')}
        />
      )}
    </Drawer>
  );
}

function AssignModal({ open, person, onClose, onSaved }: { open: boolean; person: PersonDetail; onClose: () => void; onSaved: (p: PersonDetail) => void }) {
  const [form] = Form.useForm<{ orgId: number; postId: number; startedOn: Dayjs }>();
  const orgId = Form.useWatch('orgId', form) ?? person.orgId;
  const submission = useFormSubmit(form);
  const posts = useRequest(() => postsApi.list({ orgId, pageSize: 200 }), [orgId], open);
  const held = new Set(person.posts.map((a) => a.postId));

  const submit = () =>
    submission.run(async (v) => {
      onSaved(await peopleApi.assign(person.id, { postId: v.postId, startedOn: v.startedOn.format('YYYY-MM-DD') }));
      form.resetFields();
    });

  return (
    <FormModal open={open} title={`任职 · ${person.name}`} onCancel={onClose} onOk={submit} submit={submission} okTestId="assign-submit">
      <Form form={form} layout="vertical" initialValues={{ orgId: person.orgId, startedOn: dayjs() }}>
        <Form.Item label="岗位所在组织" name="orgId" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect allowClear={false} onChange={() => form.setFieldValue('postId', undefined)} />
        </Form.Item>
        <Form.Item label="岗位" name="postId" rules={[{ required: true, message: '请选择岗位' }]}>
          <Select
            loading={posts.loading}
            placeholder={posts.data?.items.length === 0 ? '该组织尚无岗位' : '选择岗位'}
            options={(posts.data?.items ?? []).map((p) => ({ value: p.id, label: p.name, disabled: held.has(p.id) }))}
            data-testid="assign-post"
          />
        </Form.Item>
        <Form.Item label="任职日期" name="startedOn" rules={[{ required: true, message: '请选择任职日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function EndAssignmentModal({
  assignment,
  personId,
  onClose,
  onSaved,
}: {
  assignment: Assignment | null;
  personId: number;
  onClose: () => void;
  onSaved: (p: PersonDetail) => void;
}) {
  const [form] = Form.useForm<{ endedOn: Dayjs }>();
  const submission = useFormSubmit(form);
  const submit = () =>
    submission.run(async (v) => {
      if (!assignment) return;
      onSaved(await peopleApi.endAssignment(personId, assignment.id, v.endedOn.format('YYYY-MM-DD')));
    });
  return (
    <FormModal
      open={assignment !== null}
      title={assignment ? `离任 · ${assignment.postName}` : '离任'}
      onCancel={onClose}
      onOk={submit}
      submit={submission}
      okTestId="assignment-end-submit"
    >
      <Form form={form} layout="vertical" initialValues={{ endedOn: dayjs() }}>
        <Form.Item
          label="离任日期"
          name="endedOn"
          rules={[
            { required: true, message: '请选择离任日期' },
            {
              validator: async (_, v: Dayjs | undefined) => {
                if (v && assignment && v.format('YYYY-MM-DD') < assignment.startedOn) throw new Error(`离任日期不能早于任职日期 ${assignment.startedOn}`);
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
