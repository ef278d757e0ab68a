import { RISK_CATEGORIES, RISK_CATEGORY_LABELS, RiskPointFields, type ObjectLevel, type RiskCategory } from '@qingfeng/core';
import { Col, Form, Input, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import { measuresBody, type MeasureValues } from '../shared/MeasuresField';
import { zodRule } from '../shared/zod-rule';

export const labelOptions = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

/** What a registered risk point and a campaign's proposed one both say about the risk. */
export interface RiskSubjectValues {
  objectLevel: ObjectLevel;
  postId?: number;
  personId?: number;
  title: string;
  category: RiskCategory;
  manifestation: string;
  likelihood: number;
  impact: number;
  measures: MeasureValues[];
}

type Subject = Pick<RiskSubjectValues, 'objectLevel' | 'title' | 'category' | 'manifestation' | 'likelihood' | 'impact'> & {
  postId: number | null;
  personId: number | null;
  measures: { content: string; owner: string; dueOn: string | null }[];
};

/** The form's values of a point or proposal being amended. */
export const riskSubjectValues = (p: Subject): RiskSubjectValues => ({
  objectLevel: p.objectLevel,
  postId: p.postId ?? undefined,
  personId: p.personId ?? undefined,
  title: p.title,
  category: p.category,
  manifestation: p.manifestation,
  likelihood: p.likelihood,
  impact: p.impact,
  measures: p.measures.map((m) => ({ content: m.content, owner: m.owner, dueOn: m.dueOn ?? '' })),
});

/** The body the API takes: the post only for a post's point, the person only for a leadership member's. */
export const riskSubjectBody = (v: RiskSubjectValues) => ({
  objectLevel: v.objectLevel,
  postId: v.objectLevel === 'post' ? (v.postId ?? null) : null,
  personId: v.objectLevel === 'leader_member' ? (v.personId ?? null) : null,
  title: v.title.trim(),
  category: v.category,
  manifestation: v.manifestation.trim(),
  likelihood: v.likelihood,
  impact: v.impact,
  measures: measuresBody(v.measures),
});

/** 风险点名称, 风险类别 (and `extra`, e.g. 查找方式, beside them) and 风险表现. Inside a Form. */
export function RiskSubjectFields({ titlePlaceholder, extra }: { titlePlaceholder: string; extra?: ReactNode }) {
  return (
    <>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item label="风险点名称" name="title" rules={[{ required: true, whitespace: true, message: '请输入风险点名称' }, zodRule(RiskPointFields.shape.title)]}>
            <Input maxLength={100} data-testid="risk-title" placeholder={titlePlaceholder} />
          </Form.Item>
        </Col>
        <Col span={extra ? 5 : 10}>
          <Form.Item label="风险类别" name="category" rules={[{ required: true }]}>
            <Select options={labelOptions(RISK_CATEGORIES, RISK_CATEGORY_LABELS)} data-testid="risk-category" />
          </Form.Item>
        </Col>
        {extra && <Col span={5}>{extra}</Col>}
      </Row>
      <Form.Item label="风险表现" name="manifestation" rules={[{ required: true, whitespace: true, message: '请描述风险的表现形式' }]}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="risk-manifestation" />
      </Form.Item>
    </>
  );
}
