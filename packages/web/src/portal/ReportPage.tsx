import { PortalReportCreate, PROBLEM_TYPES, ReporterIdentity } from '@qingfeng/core';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Result, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { zodRule } from '../shared/zod-rule';
import { portalApi, proofOfWork, type Receipt } from './reports-api';
import { PortalLayout } from './PortalLayout';

interface Values {
  kind: 'anonymous' | 'named';
  name?: string;
  phone?: string;
  idNumber?: string;
  subjectText: string;
  problemType: string;
  content: string;
  factsOn?: Dayjs;
  concernsCommissionPrincipal?: boolean;
}

/** 我要举报: by name or anonymously; the query code is shown once. */
export default function ReportPage() {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [saved, setSaved] = useState(false);
  const [finished, setFinished] = useState(false);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      setBusy('正在进行安全验证（约需数秒）…');
      const proof = await proofOfWork();
      setBusy('正在提交…');
      const r = await portalApi.submit({
        ...proof,
        reporter: v.kind === 'named' ? { kind: 'named', identity: { name: v.name!, phone: v.phone!, idNumber: v.idNumber || null } } : { kind: 'anonymous' },
        subjectText: v.subjectText,
        problemType: v.problemType as PortalReportCreate['problemType'],
        content: v.content,
        factsOn: v.factsOn?.format('YYYY-MM-DD') ?? null,
        concernsCommissionPrincipal: !!v.concernsCommissionPrincipal,
      });
      if (!r.sealed && files.length) {
        setBusy('正在上传附件…');
        await portalApi.attach(r.acceptanceNo, r.queryCode, files.map((f) => f.originFileObj as File));
      }
      form.resetFields();
      setFiles([]);
      setReceipt(r);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  if (finished) {
    return (
      <PortalLayout>
        <Result status="success" title="举报已提交" subTitle="查询码已从页面清除。请凭受理编号和查询码查询办理情况。" extra={<Link to="/portal/query">查询办理情况</Link>} data-testid="portal-finished" />
      </PortalLayout>
    );
  }
  if (receipt) {
    return (
      <PortalLayout>
        {receipt.sealed ? (
          <Result status="info" title="已按规定处理" subTitle={receipt.message} data-testid="portal-sealed" />
        ) : (
          <Card data-testid="portal-receipt">
            <Result status="success" title="举报已受理" subTitle="以下查询码只显示这一次，本系统不保存其原文，遗失后无法找回。" />
            <Space orientation="vertical" size={12} style={{ width: '100%', alignItems: 'center' }}>
              <Typography.Text>
                受理编号：<Typography.Text strong copyable data-testid="portal-acceptance-no">{receipt.acceptanceNo}</Typography.Text>
              </Typography.Text>
              <Typography.Text>
                查询码：<Typography.Text strong copyable style={{ fontSize: 22, letterSpacing: 2 }} data-testid="portal-query-code">{receipt.queryCode}</Typography.Text>
              </Typography.Text>
              <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="portal-saved">
                我已抄录保存受理编号和查询码
              </Checkbox>
              <Button type="primary" disabled={!saved} onClick={() => { setReceipt(null); setFinished(true); }} data-testid="portal-done">
                完成
              </Button>
            </Space>
          </Card>
        )}
      </PortalLayout>
    );
  }

  return (
    <PortalLayout>
      <Card title="我要举报" data-testid="portal-report">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="可以实名或匿名举报。实名举报的身份信息加密保存，仅经授权的办理人员可见；匿名举报凭查询码查看答复，本系统无法追查您的身份。"
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="portal-error" />}
        <Form form={form} layout="vertical" initialValues={{ kind: 'anonymous' }}>
          <Form.Item name="kind" label="举报方式">
            <Radio.Group options={[{ value: 'anonymous', label: '匿名举报' }, { value: 'named', label: '实名举报' }]} data-testid="portal-kind" />
          </Form.Item>
          {kind === 'named' && (
            <>
              <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }, zodRule(ReporterIdentity.shape.name)]}>
                <Input data-testid="portal-name" />
              </Form.Item>
              <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }, zodRule(ReporterIdentity.shape.phone)]}>
                <Input data-testid="portal-phone" />
              </Form.Item>
              <Form.Item name="idNumber" label="身份证号（选填）" rules={[zodRule(ReporterIdentity.shape.idNumber)]}>
                <Input />
              </Form.Item>
            </>
          )}
          <Form.Item name="subjectText" label="被反映人及其单位、职务" rules={[{ required: true, whitespace: true, message: '请填写被反映人' }, zodRule(PortalReportCreate.shape.subjectText)]}>
            <Input data-testid="portal-subject" />
          </Form.Item>
          <Form.Item name="problemType" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
            <Select options={Object.entries(PROBLEM_TYPES).map(([value, label]) => ({ value, label }))} data-testid="portal-problem-type" />
          </Form.Item>
          <Form.Item name="content" label="反映的主要问题" rules={[{ required: true, whitespace: true, message: '请填写反映的问题' }, zodRule(PortalReportCreate.shape.content)]}>
            <Input.TextArea rows={6} showCount maxLength={5000} placeholder="时间、地点、人物、事实经过，以及可以核实的线索" data-testid="portal-content" />
          </Form.Item>
          <Form.Item name="factsOn" label="问题发生日期（选填）">
            <DatePicker />
          </Form.Item>
          <Form.Item name="concernsCommissionPrincipal" valuePropName="checked">
            <Checkbox>反映的是区纪委监委主要负责人（将直接报送上级纪委监委，本级不留存）</Checkbox>
          </Form.Item>
          <Form.Item label="证据材料（选填）" extra="PDF、图片、Word、Excel、文本；每个不超过 10 MB，最多 10 个">
            <Upload fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList.slice(0, 10))} multiple>
              <Button>选择文件</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" size="large" loading={busy !== null} onClick={() => void submit()} data-testid="portal-submit">
            {busy ?? '提交举报'}
          </Button>
        </Form>
      </Card>
    </PortalLayout>
  );
}
