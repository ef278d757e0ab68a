import {
  DISCOVERY_METHOD_LABELS,
  DISCOVERY_METHODS,
  levelDef,
  levelOf,
  OBJECT_LEVEL_LABELS,
  OBJECT_LEVELS,
  RISK_CATEGORIES,
  RISK_CATEGORY_LABELS,
  RiskPointCreate,
  type ObjectLevel,
  type RiskMatrixDefinition,
} from '@qingfeng/core';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useMe } from '../auth/AuthContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { peopleApi } from '../people/api';
import { postsApi } from '../posts/api';
import { FormModal } from '../shared/FormModal';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useRequest } from '../shared/useRequest';
import { zodRule } from '../shared/zod-rule';
import { riskApi, type RiskPointDetail } from './api';
import { LevelTag } from './LevelTag';

interface Values {
  orgId: number;
  objectLevel: ObjectLevel;
  postId?: number;
  personId?: number;
  title: string;
  category: RiskPointCreate['category'];
  manifestation: string;
  likelihood: number;
  impact: number;
  discovery: RiskPointCreate['discovery'];
  measures: { content: string; owner: string; dueOn: string }[];
}

const FIELDS = ['orgId', 'objectLevel', 'postId', 'personId', 'title', 'category', 'manifestation', 'likelihood', 'impact', 'discovery', 'measures'] as const;
const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

export type RiskFormMode = { kind: 'create' } | { kind: 'edit'; point: RiskPointDetail };

/** Create or amend a risk point; the level and its colour follow the active matrix as the values change. */
export function RiskPointFormModal({ mode, matrix, onClose, onSaved }: { mode: RiskFormMode | null; matrix: RiskMatrixDefinition | undefined; onClose: () => void; onSaved: (p: RiskPointDetail) => void }) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS);
  const orgId = Form.useWatch('orgId', form);
  const objectLevel = Form.useWatch('objectLevel', form);
  const likelihood = Form.useWatch('likelihood', form);
  const impact = Form.useWatch('impact', form);
  const posts = useRequest(() => postsApi.list({ orgId: orgId!, pageSize: 200 }), [orgId], !!orgId && objectLevel === 'post');
  const leaders = useRequest(() => peopleApi.list({ orgId: orgId!, pageSize: 200 }), [orgId], !!orgId && objectLevel === 'leader_member');

  useEffect(() => {
    if (!mode) return;
    if (mode.kind === 'edit') {
      const p = mode.point;
      submission.reset({
        orgId: p.orgId,
        objectLevel: p.objectLevel,
        postId: p.postId ?? undefined,
        personId: p.personId ?? undefined,
        title: p.title,
        category: p.category,
        manifestation: p.manifestation,
        likelihood: p.likelihood,
        impact: p.impact,
        discovery: p.discovery,
        measures: p.measures.map((m) => ({ content: m.content, owner: m.owner, dueOn: m.dueOn })),
      });
    } else {
      submission.reset({ orgId: me.orgId ?? undefined, objectLevel: 'post', category: 'post_duties', discovery: 'self_check', measures: [{ content: '', owner: '', dueOn: '' }] });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  const level = matrix && likelihood && impact ? levelOf(matrix, likelihood, impact) : null;
  const def = matrix && level ? levelDef(matrix, level.level) : undefined;

  const submit = () =>
    submission.run(async (v) => {
      if (!mode) return;
      const body = {
        objectLevel: v.objectLevel,
        postId: v.objectLevel === 'post' ? (v.postId ?? null) : null,
        personId: v.objectLevel === 'leader_member' ? (v.personId ?? null) : null,
        title: v.title.trim(),
        category: v.category,
        manifestation: v.manifestation.trim(),
        likelihood: v.likelihood,
        impact: v.impact,
        discovery: v.discovery,
        measures: (v.measures ?? []).map((m) => ({ content: m.content.trim(), owner: m.owner.trim(), dueOn: m.dueOn })),
      };
      onSaved(mode.kind === 'edit' ? await riskApi.update(mode.point.id, body) : await riskApi.create({ ...body, orgId: v.orgId }));
    });

  return (
    <FormModal
      open={mode !== null}
      width={820}
      title={mode?.kind === 'edit' ? `修改风险点 · ${mode.point.title}` : '登记廉政风险点'}
      onCancel={onClose}
      onOk={submit}
      submit={submission}
      okTestId={mode?.kind === 'edit' ? 'risk-save' : 'risk-submit'}
      errorTestId="risk-form-error"
      okText="保存"
    >
      <Form form={form} layout="vertical" name="risk" data-testid="risk-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="所属单位" name="orgId" rules={[{ required: true, message: '请选择所属单位' }]}>
              <OrgTreeSelect disabled={mode?.kind === 'edit'} data-testid="risk-org" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="对象层级" name="objectLevel" rules={[{ required: true }]}>
              <Select options={options(OBJECT_LEVELS, OBJECT_LEVEL_LABELS)} data-testid="risk-object-level" />
            </Form.Item>
          </Col>
        </Row>
        {objectLevel === 'post' && (
          <Form.Item label="岗位" name="postId" rules={[{ required: true, message: '请选择岗位' }]}>
            <Select loading={posts.loading} options={(posts.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} data-testid="risk-post" placeholder="选择本单位岗位" />
          </Form.Item>
        )}
        {objectLevel === 'leader_member' && (
          <Form.Item label="领导班子成员" name="personId" rules={[{ required: true, message: '请选择人员' }]}>
            <Select
              loading={leaders.loading}
              options={(leaders.data?.items ?? []).filter((p) => p.isLeadershipMember).map((p) => ({ value: p.id, label: p.name }))}
              data-testid="risk-person"
            />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item label="风险点名称" name="title" rules={[{ required: true, whitespace: true, message: '请输入风险点名称' }, zodRule(RiskPointCreate.shape.title)]}>
              <Input maxLength={100} data-testid="risk-title" placeholder="如：惠农补贴资金发放优亲厚友" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item label="风险类别" name="category" rules={[{ required: true }]}>
              <Select options={options(RISK_CATEGORIES, RISK_CATEGORY_LABELS)} data-testid="risk-category" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item label="查找方式" name="discovery" rules={[{ required: true }]}>
              <Select options={options(DISCOVERY_METHODS, DISCOVERY_METHOD_LABELS)} data-testid="risk-discovery" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="风险表现" name="manifestation" rules={[{ required: true, whitespace: true, message: '请描述风险的表现形式' }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="risk-manifestation" />
        </Form.Item>
        <Row gutter={16} align="bottom">
          <Col span={9}>
            <Form.Item label="发生概率" name="likelihood" rules={[{ required: true, message: '请选择发生概率' }]}>
              <Select options={(matrix?.likelihood ?? []).map((s) => ({ value: s.value, label: `${s.value} ${s.label}` }))} data-testid="risk-likelihood" />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item label="危害程度" name="impact" rules={[{ required: true, message: '请选择危害程度' }]}>
              <Select options={(matrix?.impact ?? []).map((s) => ({ value: s.value, label: `${s.value} ${s.label}` }))} data-testid="risk-impact" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="风险等级（按风险矩阵）">
              {def ? (
                <Space>
                  <LevelTag name={def.name} color={def.color} testId="risk-level-preview" />
                  {level?.score != null && <Typography.Text type="secondary">D = {level.score}</Typography.Text>}
                </Space>
              ) : (
                <Typography.Text type="secondary">选择概率和程度后自动定级</Typography.Text>
              )}
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>防控措施（提交审核前至少一条，每条须有责任人和完成时限）</Typography.Text>
        <Form.List name="measures">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key}>
                  <Col span={12}>
                    <Form.Item name={[f.name, 'content']} rules={[{ required: true, whitespace: true, message: '请输入措施内容' }]}>
                      <Input placeholder="措施内容" data-testid={`measure-content-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'owner']} rules={[{ required: true, whitespace: true, message: '请输入责任人' }]}>
                      <Input placeholder="责任人" data-testid={`measure-owner-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: '请选择完成时限' }]}>
                      <Input type="date" data-testid={`measure-due-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 9, color: '#8c8c8c' }} aria-label="删除措施" />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ content: '', owner: '', dueOn: '' })} data-testid="measure-add">
                添加措施
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}
