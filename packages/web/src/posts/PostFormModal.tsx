import { PostCreate } from '@qingfeng/core';
import { Checkbox, Form, Input } from 'antd';
import { useEffect } from 'react';
import { FormModal } from '../shared/FormModal';
import { useFormSubmit } from '../shared/useFormSubmit';
import { zodRule } from '../shared/zod-rule';
import { postsApi, type Post } from './api';

interface Values {
  name: string;
  duties?: string;
  isLeadership: boolean;
}

const FIELDS = ['name', 'duties', 'isLeadership'] as const;

export type PostFormMode = { kind: 'create'; orgId: number; orgName: string } | { kind: 'edit'; post: Post };

export function PostFormModal({ mode, onClose, onSaved }: { mode: PostFormMode | null; onClose: () => void; onSaved: (p: Post) => void }) {
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS);

  useEffect(() => {
    if (!mode) return;
    submission.reset(
      mode.kind === 'edit'
        ? { name: mode.post.name, duties: mode.post.duties ?? undefined, isLeadership: mode.post.isLeadership }
        : { isLeadership: false },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode !== null]);

  const submit = () =>
    submission.run(async (v) => {
      if (!mode) return;
      const body = { name: v.name.trim(), duties: v.duties?.trim() || null, isLeadership: v.isLeadership };
      onSaved(mode.kind === 'edit' ? await postsApi.update(mode.post.id, body) : await postsApi.create({ ...body, orgId: mode.orgId }));
    });

  const orgName = mode?.kind === 'edit' ? mode.post.orgName : mode?.orgName;
  return (
    <FormModal
      open={mode !== null}
      title={mode?.kind === 'edit' ? '编辑岗位' : `新建岗位 · ${orgName ?? ''}`}
      onCancel={onClose}
      onOk={submit}
      submit={submission}
      okTestId="post-submit"
    >
      <Form form={form} layout="vertical" name="post">
        <Form.Item label="岗位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入岗位名称' }, zodRule(PostCreate.shape.name)]}>
          <Input maxLength={60} data-testid="post-name" />
        </Form.Item>
        <Form.Item name="isLeadership" valuePropName="checked">
          <Checkbox data-testid="post-leadership">领导岗位（领导班子成员担任）</Checkbox>
        </Form.Item>
        <Form.Item label="岗位职责" name="duties" rules={[zodRule(PostCreate.shape.duties)]}>
          <Input.TextArea rows={5} maxLength={2000} showCount placeholder="岗位的主要职责；廉政风险点将关联到岗位" data-testid="post-duties" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
