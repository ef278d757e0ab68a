import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Typography } from 'antd';

export interface MeasureValues {
  content: string;
  owner: string;
  dueOn: string;
}

export const emptyMeasure = (): MeasureValues => ({ content: '', owner: '', dueOn: '' });

/** The values of the editor as the API takes them: trimmed text, a date. */
export const measuresBody = (measures: MeasureValues[] | undefined) => (measures ?? []).map((m) => ({ content: m.content.trim(), owner: m.owner.trim(), dueOn: m.dueOn }));

/**
 * 防控措施: the rows of a form's `measures` list (content, owner, due date), each required, for a
 * risk point and for a proposed one in a self-check campaign.
 */
export function MeasuresField({ name = 'measures', title = '防控措施（提交审核前至少一条，每条须有责任人和完成时限）' }: { name?: string; title?: string }) {
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <Form.List name={name}>
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
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(emptyMeasure())} data-testid="measure-add">
              添加措施
            </Button>
          </div>
        )}
      </Form.List>
    </>
  );
}
