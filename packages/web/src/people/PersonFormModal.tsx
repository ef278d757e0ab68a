import { checkIdNumber, ID_NUMBER_PROBLEM_MESSAGES, PersonCreate } from '@qingfeng/core';
import { Checkbox, Col, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useEffect } from 'react';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { postsApi } from '../posts/api';
import { FormModal } from '../shared/FormModal';
import { tid } from '../shared/testid';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useRequest } from '../shared/useRequest';
import { zodRule } from '../shared/zod-rule';
import { peopleApi, type PersonDetail } from './api';
import { TALK_CLASS_OPTIONS } from './TalkClassTag';

interface Values {
  orgId: number;
  name: string;
  idNumber: string;
  phone?: string;
  talkClass: 'A' | 'B' | 'C';
  isLeadershipMember: boolean;
  isPrincipalLeader: boolean;
  postIds?: number[];
}

const FIELDS = ['orgId', 'name', 'idNumber', 'phone', 'talkClass', 'isLeadershipMember', 'isPrincipalLeader', 'postIds'] as const;

export type PersonFormMode = { kind: 'create'; orgId?: number } | { kind: 'edit'; person: PersonDetail };

/** 新增人员 / 编辑人员. The ID number is checked here (GB 11643) and again by the server. */
export function PersonFormModal({
  mode,
  onClose,
  onSaved,
  formName = 'person',
}: {
  mode: PersonFormMode | null;
  onClose: () => void;
  onSaved: (p: PersonDetail) => void;
  /** Unique per page: it prefixes the inputs' ids that the labels point to. */
  formName?: string;
}) {
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS);
  const open = mode !== null;
  const creating = mode?.kind === 'create';
  const orgId = Form.useWatch('orgId', form);

  useEffect(() => {
    if (!mode) return;
    if (mode.kind === 'create') {
      submission.reset({ orgId: mode.orgId, talkClass: 'C', isLeadershipMember: false, isPrincipalLeader: false, postIds: [] });
    } else {
      const p = mode.person;
      submission.reset({
        orgId: p.orgId,
        name: p.name,
        idNumber: p.idNumber,
        phone: p.phone ?? undefined,
        talkClass: p.talkClass,
        isLeadershipMember: p.isLeadershipMember,
        isPrincipalLeader: p.isPrincipalLeader,
      });
    }
    // Reset only when the dialog opens, not on every render of the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const posts = useRequest(() => postsApi.list({ orgId, pageSize: 200 }), [orgId], open && creating && !!orgId);

  const submit = () =>
    submission.run(async (v) => {
      const common = {
        orgId: v.orgId,
        name: v.name.trim(),
        idNumber: v.idNumber.trim().toUpperCase(),
        talkClass: v.talkClass,
        isLeadershipMember: v.isLeadershipMember,
        isPrincipalLeader: v.isPrincipalLeader,
      };
      let saved: PersonDetail;
      if (mode?.kind === 'edit') {
        const p = mode.person;
        // A PATCH names only what changed.
        const body = {
          ...(common.orgId !== p.orgId && { orgId: common.orgId }),
          ...(common.name !== p.name && { name: common.name }),
          ...(common.idNumber !== p.idNumber && { idNumber: common.idNumber }),
          ...((v.phone?.trim() || null) !== p.phone && { phone: v.phone?.trim() || null }),
          ...(common.talkClass !== p.talkClass && { talkClass: common.talkClass }),
          ...(common.isLeadershipMember !== p.isLeadershipMember && { isLeadershipMember: common.isLeadershipMember }),
          ...(common.isPrincipalLeader !== p.isPrincipalLeader && { isPrincipalLeader: common.isPrincipalLeader }),
        };
        saved = Object.keys(body).length ? await peopleApi.update(p.id, body) : p;
      } else {
        saved = await peopleApi.create({ ...common, ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}), postIds: v.postIds ?? [] });
      }
      onSaved(saved);
    });

  return (
    <FormModal
      open={open}
      title={creating ? '新增人员' : '编辑人员'}
      width={640}
      onCancel={onClose}
      onOk={submit}
      okText={creating ? '保存' : '保存修改'}
      cancelButtonProps={tid('person-cancel')}
      submit={submission}
      okTestId="person-submit"
      errorTestId="person-form-error"
    >
      <Form form={form} layout="vertical" name={formName} data-testid="person-form" onFinish={() => void submit()}>
        <Form.Item label="所属组织" name="orgId" rules={[{ required: true, message: '请选择所属组织' }]}>
          <OrgTreeSelect
            data-testid="person-org"
            onChange={() => form.setFieldValue('postIds', [])}
            allowClear={false}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, zodRule(PersonCreate.shape.name)]}>
            <Input maxLength={50} autoComplete="off" data-testid="person-name" />
          </Form.Item>
          </Col>
          <Col span={12}>
          <Form.Item label="电话" name="phone" rules={[zodRule(PersonCreate.shape.phone)]}>
            <Input maxLength={20} autoComplete="off" data-testid="person-phone" />
          </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="身份证号"
          name="idNumber"
          validateTrigger="onBlur"
          extra="18位居民身份证号码，末位校验码按 GB 11643 核验；性别与出生日期由号码得出。"
          rules={[
            { required: true, whitespace: true, message: '请输入身份证号' },
            {
              validator: async (_, value: string | undefined) => {
                if (!value?.trim()) return;
                const problem = checkIdNumber(value.trim());
                if (problem) throw new Error(ID_NUMBER_PROBLEM_MESSAGES[problem]);
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" className="qf-mono" data-testid="person-id-number" />
        </Form.Item>
        <Form.Item label="谈话类别" name="talkClass" rules={[{ required: true, message: '请选择谈话类别' }]}>
          <Radio.Group data-testid="person-talk-class">
            <Space orientation="vertical" size={4}>
              {TALK_CLASS_OPTIONS.map((o) => (
                <Radio key={o.value} value={o.value}>
                  {o.label}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Space size="large">
          <Form.Item name="isLeadershipMember" valuePropName="checked">
            <Checkbox data-testid="person-leadership">领导班子成员</Checkbox>
          </Form.Item>
          <Form.Item name="isPrincipalLeader" valuePropName="checked">
            <Checkbox data-testid="person-principal">主要负责人（一把手）</Checkbox>
          </Form.Item>
        </Space>
        {creating && (
          <Form.Item label="岗位" name="postIds" extra="可选。任职日期记为今天；之后可在人员详情中调整任职。">
            <Select
              mode="multiple"
              allowClear
              loading={posts.loading}
              placeholder={orgId ? (posts.data?.items.length === 0 ? '该组织尚无岗位' : '选择岗位') : '请先选择所属组织'}
              options={(posts.data?.items ?? []).map((p) => ({ value: p.id, label: p.isLeadership ? `${p.name}（领导岗位）` : p.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="person-posts"
            />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
