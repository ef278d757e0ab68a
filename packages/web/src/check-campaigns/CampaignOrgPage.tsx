import { ArrowLeftOutlined, CheckCircleOutlined, DownloadOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { CAMPAIGN_STAGE_LABELS, CAMPAIGN_STAGES, type CampaignStage } from '@qingfeng/core';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Popconfirm, Skeleton, Space, Steps, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useMe } from '../auth/AuthContext';
import { matricesApi } from '../risk-points/api';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { tid } from '../shared/testid';
import { useRequest } from '../shared/useRequest';
import { campaignsApi, type CampaignOrgDetail, type PostForm } from './api';
import { CrossCheckerModal } from './CrossCheckerModal';
import { OverdueTag, StageTag } from './labels';
import { ProposalFormModal, type ProposalFormMode } from './ProposalFormModal';
import { ProposalsTable } from './ProposalsTable';

const REGISTER_HINT = '本单位（含下属股室）已审核、已公示的风险点；Excel 与 Word 所列相同';

/**
 * One org in a campaign: where it is in the stages and who finished each, its unit form, its post
 * forms (the officer enters paper ones), the proposed risk points with their history, and the
 * unit's 一览表 as the register holds it.
 */
export default function CampaignOrgPage() {
  const params = useParams();
  const id = Number(params.id);
  const orgId = Number(params.orgId);
  const me = useMe();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<CampaignOrgDetail>();
  const req = useRequest(async () => setDetail(await campaignsApi.org(id, orgId)), [id, orgId]);
  const matrix = useRequest(() => matricesApi.active(), []);
  const [findings, setFindings] = useState('');
  const [entering, setEntering] = useState<PostForm | null>(null);
  const [formFindings, setFormFindings] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [proposing, setProposing] = useState<ProposalFormMode | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => setFindings(detail?.findings ?? ''), [detail?.findings]);

  if (req.error) return <Alert type="error" showIcon title={errorMessage(req.error)} data-testid="campaign-org-error" />;
  const d = detail;
  if (!d) return <Skeleton active />;
  const can = (a: string) => d.actions.includes(a);

  const run = async (fn: () => Promise<CampaignOrgDetail | void>, done: string) => {
    setBusy(true);
    try {
      const next = await fn();
      if (next) setDetail(next);
      else req.reload();
      message.success(done);
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const enterForm = async () => {
    if (!entering) return;
    setBusy(true);
    try {
      await campaignsApi.submitForm(entering.id, formFindings.trim());
      message.success(`已录入${entering.personName}的岗位自查表`);
      setEntering(null);
      req.reload();
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const stageIndex = CAMPAIGN_STAGES.indexOf(d.stage);
  const done = new Map(d.stagesDone.map((s) => [s.stage, s]));
  const missing = d.forms.filter((f) => !f.submittedAt).length;

  return (
    <>
      <PageHeader
        title={`${d.orgName} · 风险排查`}
        subtitle={
          <Link to={`/check-campaigns/${d.campaignId}`}>
            <ArrowLeftOutlined /> {d.campaignTitle}
          </Link>
        }
        extra={
          <Space wrap>
            {can('downloadRegister') && (
              <>
                <Button title={REGISTER_HINT} icon={<DownloadOutlined />} onClick={() => void campaignsApi.register(d.campaignId, d.orgId, 'xlsx').catch((e) => message.error(errorMessage(e)))} data-testid="org-register-xlsx">
                  一览表（Excel）
                </Button>
                <Button title={REGISTER_HINT} icon={<FileWordOutlined />} onClick={() => void campaignsApi.register(d.campaignId, d.orgId, 'docx').catch((e) => message.error(errorMessage(e)))} data-testid="org-register-docx">
                  一览表（Word）
                </Button>
              </>
            )}
            {can('complete') && (
              <Popconfirm
                title={`完成${CAMPAIGN_STAGE_LABELS[d.stage]}？`}
                description={d.stage === 'commission_review' ? '审查通过的拟定风险点将转为已审核的风险点。' : '完成后进入下一阶段，本阶段的内容不能再修改。'}
                okText="完成"
                okButtonProps={tid('org-complete-ok')}
                onConfirm={() => void run(() => campaignsApi.complete(d.campaignId, d.orgId), `已完成${CAMPAIGN_STAGE_LABELS[d.stage]}`)}
              >
                <Button type="primary" icon={<CheckCircleOutlined />} loading={busy} data-testid="org-complete">
                  完成{CAMPAIGN_STAGE_LABELS[d.stage]}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Steps
          current={stageIndex}
          status={d.overdue ? 'error' : d.stage === 'closed' ? 'finish' : 'process'}
          data-testid="org-steps"
          items={CAMPAIGN_STAGES.map((s: CampaignStage, i) => {
            const log = done.get(s);
            return {
              title: CAMPAIGN_STAGE_LABELS[s],
              content: log ? (
                <span>
                  {log.by}
                  <br />
                  {formatDateTime(log.at)}
                </span>
              ) : i === stageIndex && d.stageDeadline ? (
                <span>
                  截止 {d.stageDeadline} {d.overdue && <OverdueTag />}
                </span>
              ) : null,
            };
          })}
        />
        <Descriptions size="small" column={4} style={{ marginTop: 16 }} data-testid="org-summary">
          <Descriptions.Item label="当前阶段">
            <span data-testid="org-stage">
              <StageTag stage={d.stage} />
            </span>
            {d.overdue && <OverdueTag />}
          </Descriptions.Item>
          <Descriptions.Item label="岗位自查表">
            已提交 {d.formsSubmitted} / {d.formsTotal}
          </Descriptions.Item>
          <Descriptions.Item label="交叉互查单位">
            <Space>
              <span data-testid="org-cross-checker">{d.crossOrgName ?? '未指定'}</span>
              {can('assignCrossChecker') && (
                <Typography.Link onClick={() => setAssigning(true)} data-testid="org-assign-cross">
                  {d.crossOrgId ? '更换' : '指定'}
                </Typography.Link>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="拟定风险点">{d.proposalCount}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title="单位自查表" style={{ marginBottom: 12 }} extra={d.unitFormSubmitted ? <Tag color="success">已提交</Tag> : <Tag color="warning">未提交</Tag>}>
        {can('submitUnitForm') ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.TextArea rows={4} maxLength={5000} value={findings} onChange={(e) => setFindings(e.target.value)} placeholder="本单位自查情况：重点排查的业务、发现的问题、拟采取的措施" data-testid="unit-form-findings" />
            <Button type="primary" disabled={!findings.trim()} loading={busy} onClick={() => void run(() => campaignsApi.submitUnitForm(d.campaignId, d.orgId, findings.trim()), '单位自查表已提交')} data-testid="unit-form-submit">
              {d.unitFormSubmitted ? '重新提交单位自查表' : '提交单位自查表'}
            </Button>
          </Space>
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} type={d.findings ? undefined : 'secondary'} data-testid="unit-form-text">
            {d.findings ?? '尚未提交'}
          </Typography.Paragraph>
        )}
      </Card>

      <Card size="small" title={`岗位自查表（${d.formsSubmitted} / ${d.formsTotal}）`} style={{ marginBottom: 12 }} extra={missing > 0 && <Typography.Text type="warning">尚有 {missing} 份未提交</Typography.Text>}>
        <Table<PostForm>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.forms}
          data-testid="org-forms"
          locale={{ emptyText: '本单位没有在岗人员' }}
          columns={[
            { title: '岗位', dataIndex: 'postName', width: 160 },
            { title: '姓名', dataIndex: 'personName', width: 100 },
            { title: '状态', key: 's', width: 190, render: (_: unknown, f) => (f.submittedAt ? <Tag color="success">已提交 {formatDateTime(f.submittedAt)}</Tag> : <Tag color="warning">未提交</Tag>) },
            { title: '自查情况', dataIndex: 'findings', render: (v: string | null) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>{v ?? '—'}</Typography.Paragraph> },
            {
              title: '操作',
              key: 'op',
              width: 150,
              render: (_: unknown, f) => (
                <Space>
                  <Link to={`/check-campaigns/forms/${f.id}`}>{f.personId === me.personId && f.actions.includes('submit') ? '填写' : '查看'}</Link>
                  {f.actions.includes('submit') && f.personId !== me.personId && (
                    <Typography.Link onClick={() => (setEntering(f), setFormFindings(f.findings ?? ''), setFormError(null))} data-testid={`form-enter-${f.id}`}>
                      {f.submittedAt ? '重新录入' : '代为录入'}
                    </Typography.Link>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="拟定风险点"
        extra={
          can('propose') && (
            <Button icon={<PlusOutlined />} onClick={() => setProposing({ kind: 'create', campaignId: d.campaignId, orgId: d.orgId, orgName: d.orgName })} data-testid="org-propose">
              提出拟定风险点
            </Button>
          )
        }
      >
        <ProposalsTable proposals={d.proposals} matrix={matrix.data?.definition} onAmend={(p) => setProposing({ kind: 'amend', proposal: p })} onChanged={req.reload} />
      </Card>

      <ProposalFormModal
        mode={proposing}
        matrix={matrix.data?.definition}
        subjects={d}
        onClose={() => setProposing(null)}
        onSaved={(p) => {
          setProposing(null);
          message.success(proposing?.kind === 'amend' ? `已修改「${p.title}」` : `已提出拟定风险点「${p.title}」`);
          req.reload();
        }}
      />
      <Modal
        open={entering !== null}
        title={`代为录入岗位自查表 · ${entering?.personName ?? ''}（${entering?.postName ?? ''}）`}
        onCancel={() => setEntering(null)}
        onOk={() => void enterForm()}
        okText="提交"
        okButtonProps={{ ...tid('form-enter-ok'), disabled: !formFindings.trim(), loading: busy }}
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">按本人填写的纸质岗位自查表录入，记入审计日志。</Typography.Paragraph>
        <Input.TextArea rows={5} maxLength={5000} value={formFindings} onChange={(e) => setFormFindings(e.target.value)} placeholder="本岗位自查情况" data-testid="form-enter-findings" />
      </Modal>
      <CrossCheckerModal
        target={assigning ? { campaignId: d.campaignId, orgId: d.orgId, orgName: d.orgName, crossOrgId: d.crossOrgId } : null}
        onClose={() => setAssigning(false)}
        onAssigned={(next) => {
          setAssigning(false);
          setDetail(next);
          message.success(`已指定${next.crossOrgName}交叉互查`);
        }}
      />
    </>
  );
}
