import { LEADERSHIP_REPORT_KINDS, WARNING_LEVEL_LABELS } from '@qingfeng/core';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Radio, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { WarningPicker } from '../bulletins/WarningPicker';
import { FormModal } from '../shared/FormModal';
import { PageHeader } from '../shared/PageHeader';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useRequest } from '../shared/useRequest';
import { reportsApi } from './api';

interface Values {
  kind: 'internal_bulletin' | 'thematic_report';
  title: string;
  period: [Dayjs, Dayjs];
  summary: string;
  recommendations?: string;
  warningIds?: number[];
}

/** 领导专报: 内刊 and 专题报告 for the district's leaders, from selected warnings and the period's statistics. */
export default function LeadershipReportsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const list = useRequest(() => reportsApi.list(), []);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<Values>();
  const submit = useFormSubmit(form, ['title', 'summary', 'recommendations', 'warningIds']);
  const create = () =>
    submit.run(async (v) => {
      await reportsApi.create({
        kind: v.kind,
        title: v.title,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        summary: v.summary,
        recommendations: v.recommendations ?? null,
        warningIds: v.warningIds ?? [],
      });
      submit.reset({ kind: 'thematic_report' });
      setCreating(false);
      message.success('已编写领导专报');
      list.reload();
    });

  return (
    <>
      <PageHeader
        title="领导专报"
        subtitle="向领导决策机构反馈：以内刊或专题报告报送区党政主要领导"
        extra={
          can('leadership_reports.write') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="report-create">
              编写专报
            </Button>
          )
        }
      />
      {!list.data?.items.length ? (
        <Empty description="暂无专报" />
      ) : (
        list.data.items.map((r) => (
          <Card
            key={r.id}
            size="small"
            style={{ marginBottom: 12 }}
            data-testid={`report-${r.id}`}
            title={`${LEADERSHIP_REPORT_KINDS[r.kind]} · ${r.title}`}
            extra={
              <Button size="small" onClick={() => void reportsApi.docx(r).catch((e: Error) => message.error(e.message))} data-testid={`report-docx-${r.id}`}>
                导出 Word
              </Button>
            }
          >
            <Descriptions size="small" column={4}>
              <Descriptions.Item label="统计期">{`${r.periodFrom} 至 ${r.periodTo}`}</Descriptions.Item>
              <Descriptions.Item label="预警合计">{r.statistics.total}</Descriptions.Item>
              <Descriptions.Item label="一/二/三级">{`${r.statistics.byLevel[1]} / ${r.statistics.byLevel[2]} / ${r.statistics.byLevel[3]}`}</Descriptions.Item>
              <Descriptions.Item label="逾期/升级/问责">{`${r.statistics.overdue} / ${r.statistics.escalated} / ${r.statistics.referred}`}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</Typography.Paragraph>
            {r.warnings.length > 0 && (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={r.warnings}
                columns={[
                  { title: '文号', dataIndex: 'serialNo' },
                  { title: '等级', render: (_v, w) => WARNING_LEVEL_LABELS[w.level] },
                  { title: '对象', dataIndex: 'subjectName' },
                  { title: '主要问题', dataIndex: 'facts' },
                  { title: '状态', dataIndex: 'statusLabel' },
                ]}
              />
            )}
            {r.recommendations && <Typography.Paragraph style={{ marginTop: 8 }}>意见建议：{r.recommendations}</Typography.Paragraph>}
          </Card>
        ))
      )}
      <FormModal title="编写领导专报" open={creating} onCancel={() => setCreating(false)} onOk={create} submit={submit} okTestId="report-save" width={680}>
        <Form form={form} layout="vertical" initialValues={{ kind: 'thematic_report' }}>
          <Form.Item name="kind" label="类型">
            <Radio.Group options={Object.entries(LEADERSHIP_REPORT_KINDS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="period" label="统计期" rules={[{ required: true, message: '请选择统计期' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="summary" label="基本情况与分析" rules={[{ required: true, message: '请填写分析' }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="recommendations" label="意见建议">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="warningIds" label="典型预警">
            <WarningPicker testId="report-warnings" />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
