import { levelDef, levelOf, type RiskMatrixDefinition } from '@qingfeng/core';
import { Col, Form, Row, Select, Space, Typography } from 'antd';
import { LevelTag } from './LevelTag';

/**
 * 发生概率 and 危害程度 from the active matrix's scales (form fields `likelihood`, `impact`), and the
 * level with its colour as they change. Inside a Form.
 */
export function RiskLevelFields({ matrix }: { matrix: RiskMatrixDefinition | undefined }) {
  const form = Form.useFormInstance();
  const likelihood = Form.useWatch('likelihood', form) as number | undefined;
  const impact = Form.useWatch('impact', form) as number | undefined;
  const level = matrix && likelihood && impact ? levelOf(matrix, likelihood, impact) : null;
  const def = matrix && level ? levelDef(matrix, level.level) : undefined;
  return (
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
  );
}
