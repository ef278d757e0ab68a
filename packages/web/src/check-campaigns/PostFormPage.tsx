import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { matricesApi } from '../risk-points/api';
import { formatDateTime, today } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useRequest } from '../shared/useRequest';
import { campaignsApi, type PostFormDetail } from './api';
import { OverdueTag } from './labels';
import { ProposalFormModal, type ProposalFormMode } from './ProposalFormModal';
import { ProposalsTable } from './ProposalsTable';

/** 岗位自查表: the holder writes what they found, proposes risk points of their post, and submits. */
export default function PostFormPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const [form, setForm] = useState<PostFormDetail>();
  const req = useRequest(async () => setForm(await campaignsApi.form(id)), [id]);
  const matrix = useRequest(() => matricesApi.active(), []);
  const [findings, setFindings] = useState('');
  const [proposing, setProposing] = useState<ProposalFormMode | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setFindings(form?.findings ?? ''), [form?.findings]);

  if (req.error) return <Alert type="error" showIcon title={errorMessage(req.error)} data-testid="post-form-error" />;
  const f = form;
  if (!f) return <Skeleton active />;
  const can = (a: string) => f.actions.includes(a);

  const submit = async () => {
    setBusy(true);
    try {
      setForm(await campaignsApi.submitForm(f.id, findings.trim()));
      message.success('岗位自查表已提交');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={`岗位自查表 · ${f.postName}`}
        subtitle={
          <Link to="/check-campaigns">
            <ArrowLeftOutlined /> 风险排查「{f.campaignTitle}」
          </Link>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={4} data-testid="post-form-summary">
          <Descriptions.Item label="单位">{f.orgName}</Descriptions.Item>
          <Descriptions.Item label="岗位">{f.postName}</Descriptions.Item>
          <Descriptions.Item label="填表人">{f.personName}</Descriptions.Item>
          <Descriptions.Item label="填报截止">
            {f.deadline} {!f.submittedAt && today() > f.deadline && <OverdueTag />}
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <span data-testid="post-form-status">{f.submittedAt ? <Tag color="success">已提交 {formatDateTime(f.submittedAt)}</Tag> : <Tag color="warning">未提交</Tag>}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title="本岗位风险点"
        style={{ marginBottom: 12 }}
        extra={
          can('propose') && (
            <Button icon={<PlusOutlined />} onClick={() => setProposing({ kind: 'create', campaignId: f.campaignId, orgId: f.orgId, orgName: f.orgName, form: f })} data-testid="form-propose">
              提出本岗位风险点
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">对照岗位职责，查找本岗位在履职中可能出现的廉政风险，写明表现形式、发生概率和危害程度，并提出防控措施。</Typography.Paragraph>
        <ProposalsTable proposals={f.proposals} matrix={matrix.data?.definition} onAmend={(p) => setProposing({ kind: 'amend', proposal: p })} onChanged={req.reload} testId="form-proposals" />
      </Card>
      <Card size="small" title="自查情况">
        {can('submit') ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.TextArea rows={4} maxLength={5000} value={findings} onChange={(e) => setFindings(e.target.value)} placeholder="本岗位自查情况：查找的风险、已有的防控措施、需要改进的地方" data-testid="post-form-findings" />
            <Button type="primary" disabled={!findings.trim()} loading={busy} onClick={() => void submit()} data-testid="post-form-submit">
              {f.submittedAt ? '重新提交' : '提交岗位自查表'}
            </Button>
          </Space>
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} type={f.findings ? undefined : 'secondary'}>
            {f.findings ?? '未填写'}
          </Typography.Paragraph>
        )}
      </Card>
      <ProposalFormModal
        mode={proposing}
        matrix={matrix.data?.definition}
        onClose={() => setProposing(null)}
        onSaved={(p) => {
          setProposing(null);
          message.success(proposing?.kind === 'amend' ? `已修改「${p.title}」` : `已提出「${p.title}」`);
          req.reload();
        }}
      />
    </>
  );
}
