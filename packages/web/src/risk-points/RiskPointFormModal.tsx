import { DISCOVERY_METHOD_LABELS, DISCOVERY_METHODS, OBJECT_LEVEL_LABELS, OBJECT_LEVELS, type RiskMatrixDefinition, type RiskPointCreate } from '@qingfeng/core';
import { Col, Form, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useMe } from '../auth/AuthContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { peopleApi } from '../people/api';
import { postsApi } from '../posts/api';
import { powersApi } from '../powers/api';
import { FormModal } from '../shared/FormModal';
import { emptyMeasure, MeasuresField } from '../shared/MeasuresField';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useRequest } from '../shared/useRequest';
import { riskApi, type RiskPointDetail } from './api';
import { RiskLevelFields } from './RiskLevelFields';
import { labelOptions, RiskSubjectFields, riskSubjectBody, riskSubjectValues, type RiskSubjectValues } from './RiskSubjectFields';

interface Values extends RiskSubjectValues {
  orgId: number;
  discovery: RiskPointCreate['discovery'];
  powerId?: number;
  powerStepKey?: string;
}

const FIELDS = ['orgId', 'objectLevel', 'postId', 'personId', 'title', 'category', 'manifestation', 'likelihood', 'impact', 'discovery', 'powerId', 'powerStepKey', 'measures'] as const;

export type RiskFormMode = { kind: 'create' } | { kind: 'edit'; point: RiskPointDetail };

/** Create or amend a risk point; the level and its colour follow the active matrix as the values change. */
export function RiskPointFormModal({ mode, matrix, onClose, onSaved }: { mode: RiskFormMode | null; matrix: RiskMatrixDefinition | undefined; onClose: () => void; onSaved: (p: RiskPointDetail) => void }) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS);
  const orgId = Form.useWatch('orgId', form);
  const objectLevel = Form.useWatch('objectLevel', form);
  const posts = useRequest(() => postsApi.list({ orgId: orgId!, pageSize: 200 }), [orgId], !!orgId && objectLevel === 'post');
  const leaders = useRequest(() => peopleApi.list({ orgId: orgId!, pageSize: 200 }), [orgId], !!orgId && objectLevel === 'leader_member');
  // 职权目录: the org's own powers and its superiors' (a section's point names its unit's power), and the step it arises at.
  const powerId = Form.useWatch('powerId', form);
  const powers = useRequest(() => powersApi.list({ linkableFrom: orgId!, page: 1, pageSize: 200 }), [orgId], !!orgId);
  const power = powers.data?.items.find((w) => w.id === powerId);

  useEffect(() => {
    if (!mode) return;
    if (mode.kind === 'edit') {
      const p = mode.point;
      submission.reset({ ...riskSubjectValues(p), orgId: p.orgId, discovery: p.discovery, powerId: p.powerId ?? undefined, powerStepKey: p.powerStepKey ?? undefined });
    } else {
      submission.reset({ orgId: me.orgId ?? undefined, objectLevel: 'post', category: 'post_duties', discovery: 'self_check', measures: [emptyMeasure()] });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  const submit = () =>
    submission.run(async (v) => {
      if (!mode) return;
      const body = { ...riskSubjectBody(v), discovery: v.discovery, powerId: v.powerId ?? null, powerStepKey: v.powerId ? (v.powerStepKey ?? null) : null };
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
              <OrgTreeSelect disabled={mode?.kind === 'edit'} onChange={() => form.setFieldsValue({ postId: undefined, personId: undefined, powerId: undefined, powerStepKey: undefined })} data-testid="risk-org" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="对象层级" name="objectLevel" rules={[{ required: true }]}>
              <Select options={labelOptions(OBJECT_LEVELS, OBJECT_LEVEL_LABELS)} data-testid="risk-object-level" />
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
        <RiskSubjectFields
          titlePlaceholder="如：惠农补贴资金发放优亲厚友"
          extra={
            <Form.Item label="查找方式" name="discovery" rules={[{ required: true }]}>
              <Select options={labelOptions(DISCOVERY_METHODS, DISCOVERY_METHOD_LABELS)} data-testid="risk-discovery" />
            </Form.Item>
          }
        />
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="关联职权" name="powerId" extra="本单位及上级单位职权目录中您可查看的职权，可不选">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={powers.loading}
                options={(powers.data?.items ?? []).map((w) => ({ value: w.id, label: w.orgId === orgId ? w.name : `${w.name}（${w.orgName}）` }))}
                onChange={() => form.setFieldValue('powerStepKey', undefined)}
                data-testid="risk-power"
                placeholder="选择职权"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="风险环节" name="powerStepKey" extra="流程图中的步骤；标记后在流程图上以风险等级颜色突出显示">
              <Select
                allowClear
                disabled={!power}
                options={(power?.steps ?? []).map((s) => ({ value: s.key, label: `${s.key} ${s.name}` }))}
                data-testid="risk-power-step"
                placeholder={power ? '选择流程步骤' : '先选择关联职权'}
              />
            </Form.Item>
          </Col>
        </Row>
        <RiskLevelFields matrix={matrix} />
        <MeasuresField />
      </Form>
    </FormModal>
  );
}
