import { ArrowLeftOutlined, EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { CLUE_CHANNELS, DISPOSAL_MODES, HANDLER_ROUTES, PROBLEM_TYPES, REPLY_KINDS, REPLY_VIAS, REPORTER_KINDS, type ReporterIdentity } from '@qingfeng/core';
import { Alert, App, Button, Card, Col, Descriptions, Empty, List, Row, Select, Skeleton, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { IssueWarningModal } from '../warnings/IssueWarningModal';
import { api } from '../api/client';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useRequest } from '../shared/useRequest';
import { cluesApi, type ClueDetail } from './api';
import { ClueActionModal, type ClueAction } from './ClueActions';
import { LEVEL_OPTIONS, LevelTag, StatusTag } from './labels';

const DECISIONS = { pending: '待审批', approved: '已批准', rejected: '已退回' } as const;

/** One clue: its record, deadlines, the handling steps the caller may take, disposals and replies. */
export default function ClueDetailPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const [clue, setClue] = useState<ClueDetail>();
  const req = useRequest(async () => setClue(await cluesApi.get(id)), [id]);
  const [action, setAction] = useState<ClueAction>(null);
  const [identity, setIdentity] = useState<ReporterIdentity>();
  const [draft, setDraft] = useState<Awaited<ReturnType<typeof cluesApi.warningDraft>> | null>(null);
  const { can: allowed } = useAuth();
  const navigate = useNavigate();

  if (req.error) return <Alert type="error" showIcon title={req.error.message} data-testid="clue-error" />;
  if (!clue) return <Skeleton active />;
  const can = (a: string) => clue.actions.includes(a);
  const done = (c: ClueDetail) => {
    setClue(c);
    setAction(null);
    message.success('已保存');
  };
  const grade = async (level: 1 | 2 | 3) => {
    try {
      setClue(await cluesApi.triage(clue.id, { level }));
      message.success('已定级');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const reveal = async () => {
    try {
      setIdentity(await cluesApi.reveal(clue.id));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const upload = async (file: File) => {
    const body = new FormData();
    body.append('files', file, file.name);
    try {
      setClue(await api.post<ClueDetail>(`/api/v1/clues/${clue.id}/attachments`, body));
      message.success(`已上传 ${file.name}`);
    } catch (e) {
      message.error((e as Error).message);
    }
    return false;
  };
  // 发出预警 approved: the issuer starts from the draft the disposal calls for (seed 000: 线索 → 预警).
  const warningDue = clue.status === 'disposing' && clue.disposalMode === 'warning' && allowed('warnings.issue');
  const openDraft = async () => {
    try {
      setDraft(await cluesApi.warningDraft(clue.id));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const subject = [clue.subjectPerson?.name, clue.subjectOrg?.name, clue.subjectText].filter(Boolean).join(' · ') || '不明';
  const deadline = (due: string | null, label: string) => (due ? <Tag color={clue.overdue ? 'red' : 'default'}>{label} {due}</Tag> : null);

  return (
    <>
      <PageHeader
        title={`线索 ${clue.ledgerNo}`}
        subtitle={<Link to="/clues"><ArrowLeftOutlined /> 返回台账</Link>}
        extra={
          <Space wrap data-testid="clue-actions">
            {can('route') && <Button onClick={() => setAction('route')} data-testid="clue-route">分办/改派</Button>}
            {can('grade') && (
              <Select<1 | 2 | 3> placeholder="定级" style={{ width: 110 }} value={clue.level ?? undefined} onChange={(l) => void grade(l)} options={LEVEL_OPTIONS} data-testid="clue-grade" />
            )}
            {can('propose') && <Button onClick={() => setAction('propose')} data-testid="clue-propose">提出处置意见</Button>}
            {can('approve') && <Button type="primary" onClick={() => setAction('decide')} data-testid="clue-approve">审批</Button>}
            {can('reply') && <Button onClick={() => setAction('reply')} data-testid="clue-reply">答复举报人</Button>}
            {warningDue && <Button type="primary" onClick={() => void openDraft()} data-testid="clue-issue-warning">按处置决定发出预警</Button>}
            {can('close') && <Button type="primary" onClick={() => setAction('close')} data-testid="clue-close">办结</Button>}
            {can('attach') && (
              <Upload beforeUpload={(f) => upload(f)} showUploadList={false}>
                <Button icon={<PaperClipOutlined />} data-testid="clue-attach">上传附件</Button>
              </Upload>
            )}
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card style={{ marginBottom: 16 }} data-testid="clue-detail">
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="台账编号">{clue.ledgerNo}</Descriptions.Item>
              <Descriptions.Item label="状态"><span data-testid="clue-status"><StatusTag status={clue.status} /></span></Descriptions.Item>
              <Descriptions.Item label="来源渠道">{CLUE_CHANNELS[clue.channel]}</Descriptions.Item>
              <Descriptions.Item label="问题类别">{PROBLEM_TYPES[clue.problemType]}</Descriptions.Item>
              <Descriptions.Item label="被反映对象" span={2}>{subject}</Descriptions.Item>
              <Descriptions.Item label="主要内容" span={2}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="clue-content-text">{clue.content}</Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label="承办单位"><span data-testid="clue-handler">{clue.handlerOrg.name}</span>（{HANDLER_ROUTES[clue.routedAs]}）</Descriptions.Item>
              <Descriptions.Item label="建议等级"><span data-testid="clue-level"><LevelTag level={clue.level} /></span></Descriptions.Item>
              <Descriptions.Item label="收件日期">{clue.receivedOn}</Descriptions.Item>
              <Descriptions.Item label="问题发生日期">{clue.factsOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="来源">{clue.sourceOrg?.name ?? (clue.acceptanceNo ? '网上举报' : '—')}{clue.sourceDocument ? `（${clue.sourceDocument}）` : ''}</Descriptions.Item>
              <Descriptions.Item label="登记人">{clue.registeredBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="举报人">
                <Space>
                  {REPORTER_KINDS[clue.reporterKind]}
                  {clue.acceptanceNo && <Tag>受理编号 {clue.acceptanceNo}</Tag>}
                  {can('revealReporter') && !identity && (
                    <Button size="small" icon={<EyeOutlined />} onClick={() => void reveal()} data-testid="clue-reveal">查看身份（记入审计）</Button>
                  )}
                  {identity && <Tag color="red" data-testid="clue-identity">{identity.name} · {identity.phone}{identity.idNumber ? ` · ${identity.idNumber}` : ''}</Tag>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="期限">
                <Space size={4} wrap>
                  {deadline(clue.ackDue, '受理告知')}
                  {deadline(clue.resultDue, '结果反馈')}
                  {deadline(clue.forwardDue, '移送')}
                  {!clue.ackDue && !clue.resultDue && !clue.forwardDue && '—'}
                </Space>
              </Descriptions.Item>
              {clue.duplicateOf && (
                <Descriptions.Item label="疑似重复" span={2}><Link to={`/clues/${clue.duplicateOf.id}`}>{clue.duplicateOf.ledgerNo}</Link></Descriptions.Item>
              )}
              {clue.mergedInto && (
                <Descriptions.Item label="已并入" span={2}><Link to={`/clues/${clue.mergedInto.id}`}>{clue.mergedInto.ledgerNo}</Link></Descriptions.Item>
              )}
              {clue.merged.length > 0 && (
                <Descriptions.Item label="并入本件" span={2}>{clue.merged.map((m) => <Link key={m.id} to={`/clues/${m.id}`} style={{ marginRight: 8 }}>{m.ledgerNo}</Link>)}</Descriptions.Item>
              )}
              {clue.outcome && <Descriptions.Item label="办理结果" span={2}><span data-testid="clue-outcome">{clue.outcome}</span>（{clue.closedOn}）</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title="附件" size="small" style={{ marginBottom: 16 }}>
            {clue.attachments.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无附件" />
            ) : (
              <List
                size="small"
                dataSource={clue.attachments}
                renderItem={(a) => (
                  <List.Item>
                    <Button type="link" onClick={() => void api.download(cluesApi.attachmentUrl(clue.id, a.id), a.fileName)}>{a.fileName}</Button>
                    <Typography.Text type="secondary">{(a.size / 1024).toFixed(1)} KB · {formatDateTime(a.createdAt)}</Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title="处置经过" size="small" style={{ marginBottom: 16 }} data-testid="clue-disposals">
            {clue.disposals.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未提出处置意见" />
            ) : (
              <Timeline
                items={clue.disposals.map((d) => ({
                  color: d.decision === 'approved' ? 'green' : d.decision === 'rejected' ? 'red' : 'gold',
                  content: (
                    <div>
                      <b>{DISPOSAL_MODES[d.mode]}</b>
                      {d.level ? `（建议${['', '一', '二', '三'][d.level]}级预警）` : ''}
                      {d.transferTo ? `（移送：${d.transferTo}）` : ''} — {DECISIONS[d.decision]}
                      <div>{d.note}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {d.proposedBy} 提出 {formatDateTime(d.proposedAt)}
                        {d.decidedBy ? `；${d.decidedBy} 审批 ${formatDateTime(d.decidedAt!)}` : ''}
                        {d.comment ? `：${d.comment}` : ''}
                      </Typography.Text>
                      {d.outcome && <div>结果：{d.outcome}</div>}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          <Card title="答复与留言" size="small" data-testid="clue-messages">
            {clue.messages.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={clue.reporterKind === 'none' ? '无举报人' : '尚未答复'} />
            ) : (
              <Timeline
                items={clue.messages.map((m) => ({
                  color: m.direction === 'to_reporter' ? 'blue' : 'gray',
                  content: (
                    <div>
                      <b>{m.direction === 'to_reporter' ? `${REPLY_KINDS[m.kind]}（${REPLY_VIAS[m.via]}）` : '举报人留言'}</b>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.author ?? '举报人'} {formatDateTime(m.createdAt)}</Typography.Text>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <ClueActionModal clue={clue} action={action} onClose={() => setAction(null)} onDone={done} />
      <IssueWarningModal open={!!draft} draft={draft} onClose={() => setDraft(null)} onIssued={(w) => navigate(`/warnings/${w.id}`)} />
    </>
  );
}
