import { OBJECT_LEVEL_LABELS, OBJECT_LEVELS, type RiskMatrixDefinition } from '@qingfeng/core';
import { Col, Form, Input, Row, Select } from 'antd';
import { useEffect } from 'react';
import { RiskLevelFields } from '../risk-points/RiskLevelFields';
import { labelOptions, RiskSubjectFields, riskSubjectBody, riskSubjectValues, type RiskSubjectValues } from '../risk-points/RiskSubjectFields';
import { FormModal } from '../shared/FormModal';
import { emptyMeasure, MeasuresField } from '../shared/MeasuresField';
import { useFormSubmit } from '../shared/useFormSubmit';
import { campaignsApi, type CampaignOrgDetail, type PostForm, type Proposal } from './api';

interface Values extends RiskSubjectValues {
  comment?: string;
}

const FIELDS = ['objectLevel', 'postId', 'personId', 'title', 'category', 'manifestation', 'likelihood', 'impact', 'measures', 'comment'] as const;

/**
 * 提出: a proposed risk point of the org in its current stage — or, on a post form, of the holder's
 * own post. 修改: the stage's editor amends one, with a note of why (kept in its history).
 */
export type ProposalFormMode =
  | { kind: 'create'; campaignId: number; orgId: number; orgName: string; form?: PostForm }
  | { kind: 'amend'; proposal: Proposal };

/** `subjects`: the org's posts (its own and its sections') and leadership members, from the campaign's org page. */
export function ProposalFormModal({
  mode,
  matrix,
  subjects,
  onClose,
  onSaved,
}: {
  mode: ProposalFormMode | null;
  matrix: RiskMatrixDefinition | undefined;
  subjects?: Pick<CampaignOrgDetail, 'posts' | 'leaders'>;
  onClose: () => void;
  onSaved: (p: Proposal) => void;
}) {
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS);
  const objectLevel = Form.useWatch('objectLevel', form);
  const fixedPost = mode?.kind === 'create' ? mode.form : undefined;
  // A new point may be of a post of the unit or of one of its sections (registered there); an amended one stays where it was registered.
  const postsOrg = mode?.kind === 'create' ? mode.orgId : mode?.proposal.targetOrgId;
  const own = mode?.kind === 'amend' && mode.proposal.postId ? [{ id: mode.proposal.postId, name: mode.proposal.postName ?? '', orgId: mode.proposal.targetOrgId, orgName: mode.proposal.targetOrgName }] : [];
  const posts = subjects?.posts.filter((p) => mode?.kind === 'create' || p.orgId === postsOrg) ?? own;

  useEffect(() => {
    if (!mode) return;
    if (mode.kind === 'amend') {
      submission.reset(riskSubjectValues(mode.proposal));
    } else {
      submission.reset({ objectLevel: mode.form ? 'post' : 'unit', postId: mode.form?.postId, category: mode.form ? 'post_duties' : 'business_process', measures: [emptyMeasure()] });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  const submit = () =>
    submission.run(async (v) => {
      if (!mode) return;
      const subject = riskSubjectBody(v);
      if (mode.kind === 'amend') {
        onSaved(await campaignsApi.amend(mode.proposal, { ...subject, comment: v.comment?.trim() || null }));
        return;
      }
      const post = posts.find((p) => p.id === subject.postId);
      onSaved(
        await campaignsApi.propose(mode.campaignId, mode.orgId, {
          ...subject,
          ...(mode.form ? { formId: mode.form.id } : post && post.orgId !== mode.orgId ? { targetOrgId: post.orgId } : {}),
        }),
      );
    });

  const title = !mode ? '' : mode.kind === 'amend' ? `修改拟定风险点 · ${mode.proposal.title}` : mode.form ? `提出本岗位风险点 · ${mode.form.postName}` : `提出拟定风险点 · ${mode.orgName}`;
  return (
    <FormModal open={mode !== null} width={820} title={title} onCancel={onClose} onOk={submit} submit={submission} okTestId="proposal-save" errorTestId="proposal-form-error" okText="保存">
      <Form form={form} layout="vertical" name="proposal" data-testid="proposal-form">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="对象层级" name="objectLevel" rules={[{ required: true }]}>
              <Select disabled={!!fixedPost} options={labelOptions(OBJECT_LEVELS, OBJECT_LEVEL_LABELS)} data-testid="proposal-object-level" />
            </Form.Item>
          </Col>
          <Col span={16}>
            {objectLevel === 'post' &&
              (fixedPost ? (
                <Form.Item label="岗位" name="postId">
                  <Select disabled options={[{ value: fixedPost.postId, label: `${fixedPost.postName}（${fixedPost.orgName}）` }]} data-testid="proposal-post" />
                </Form.Item>
              ) : (
                <Form.Item label="岗位" name="postId" rules={[{ required: true, message: '请选择岗位' }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={posts.map((p) => ({ value: p.id, label: p.orgId === postsOrg ? p.name : `${p.name}（${p.orgName}）` }))}
                    data-testid="proposal-post"
                    placeholder="选择岗位"
                  />
                </Form.Item>
              ))}
            {objectLevel === 'leader_member' && (
              <Form.Item label="领导班子成员" name="personId" rules={[{ required: true, message: '请选择人员' }]}>
                <Select options={(subjects?.leaders ?? []).map((p) => ({ value: p.id, label: p.name }))} data-testid="proposal-person" />
              </Form.Item>
            )}
          </Col>
        </Row>
        <RiskSubjectFields titlePlaceholder="如：报销凭证审核把关不严" />
        <RiskLevelFields matrix={matrix} />
        <MeasuresField title="防控措施（纪委审查通过前，每个拟定风险点须至少一条，且有责任人和完成时限）" />
        {mode?.kind === 'amend' && (
          <Form.Item label="修改说明" name="comment" style={{ marginTop: 16 }}>
            <Input.TextArea rows={2} maxLength={500} placeholder="选填，记入处理记录" data-testid="proposal-comment" />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
