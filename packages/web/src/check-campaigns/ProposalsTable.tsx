import { CAMPAIGN_STAGE_LABELS, levelDef, levelOf, OBJECT_LEVEL_LABELS, RISK_CATEGORY_LABELS, type RiskMatrixDefinition } from '@qingfeng/core';
import { Alert, App, Input, Modal, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { LevelTag } from '../risk-points/LevelTag';
import { formatDateTime } from '../shared/format';
import { tid } from '../shared/testid';
import type { Proposal } from './api';
import { campaignsApi } from './api';
import { PROPOSAL_EVENT_LABELS, ProposalStatusTag } from './labels';

/**
 * The proposed risk points of an org (or of one post form): subject, level by the active matrix,
 * measures, status, and each one's history (stage, action, who, comment). 修改 and 否定 where the
 * server allows them (否定 here; 修改 in the page's proposal dialog).
 */
export function ProposalsTable({
  proposals,
  matrix,
  onAmend,
  onChanged,
  testId = 'proposals-table',
}: {
  proposals: Proposal[];
  matrix: RiskMatrixDefinition | undefined;
  /** Opens the page's proposal dialog on this one (one dialog per page: its form is always rendered). */
  onAmend: (p: Proposal) => void;
  onChanged: () => void;
  testId?: string;
}) {
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<Proposal | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());

  const reject = async () => {
    if (!rejecting) return;
    setBusy(true);
    try {
      await campaignsApi.reject(rejecting, comment.trim());
      message.success(`已否定「${rejecting.title}」`);
      setRejecting(null);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const level = (p: Proposal) => {
    if (!matrix) return null;
    const l = levelOf(matrix, p.likelihood, p.impact);
    const def = l ? levelDef(matrix, l.level) : undefined;
    return def ? <LevelTag name={def.name} color={def.color} /> : null;
  };

  return (
    <>
      <Table<Proposal>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={proposals}
        data-testid={testId}
        locale={{ emptyText: '尚无拟定风险点' }}
        expandable={{
          expandedRowKeys: proposals.filter((p) => !collapsed.has(p.id)).map((p) => p.id),
          onExpand: (open, p) => setCollapsed((c) => { const n = new Set(c); if (open) n.delete(p.id); else n.add(p.id); return n; }),
          expandedRowRender: (p) => (
            <div style={{ padding: '4px 0 0 8px' }}>
              <Typography.Text type="secondary">处理记录</Typography.Text>
              <Timeline
                style={{ marginTop: 8, marginBottom: -16 }}
                data-testid={`proposal-history-${p.id}`}
                items={p.history.map((h) => ({
                  content: (
                    <span>
                      【{CAMPAIGN_STAGE_LABELS[h.stage]}】<b>{PROPOSAL_EVENT_LABELS[h.action] ?? h.action}</b>　{h.actor}　<Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
                      {h.comment && <div>意见：{h.comment}</div>}
                    </span>
                  ),
                }))}
              />
            </div>
          ),
        }}
        columns={[
          {
            title: '风险点',
            dataIndex: 'title',
            render: (v: string, p) => (
              <div data-testid={`proposal-${p.id}`}>
                <b>{v}</b>
                <div>
                  <Typography.Text type="secondary">
                    {OBJECT_LEVEL_LABELS[p.objectLevel]}
                    {p.postName ? ` · ${p.postName}` : ''}
                    {p.personName ? ` · ${p.personName}` : ''}
                    {p.targetOrgId !== p.orgId ? ` · ${p.targetOrgName}` : ''}
                  </Typography.Text>
                </div>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: p.manifestation }} style={{ margin: 0, fontSize: 12 }}>
                  {p.manifestation}
                </Typography.Paragraph>
              </div>
            ),
          },
          { title: '类别', dataIndex: 'category', width: 90, render: (v: Proposal['category']) => RISK_CATEGORY_LABELS[v] },
          { title: '等级', key: 'level', width: 70, render: (_: unknown, p) => level(p) },
          { title: '提出阶段', dataIndex: 'stage', width: 90, render: (v: Proposal['stage']) => CAMPAIGN_STAGE_LABELS[v] },
          {
            title: '防控措施',
            key: 'measures',
            width: 300,
            render: (_: unknown, p) =>
              p.measures.length === 0 ? (
                <Typography.Text type="warning">尚无措施</Typography.Text>
              ) : (
                <ol style={{ margin: 0, paddingLeft: 18 }}>
                  {p.measures.map((m, i) => (
                    <li key={i}>
                      {m.content}
                      <Typography.Text type="secondary">（{m.owner || '责任人未定'}，{m.dueOn ?? '时限未定'}）</Typography.Text>
                    </li>
                  ))}
                </ol>
              ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 120,
            render: (v: Proposal['status'], p) => (
              <Space orientation="vertical" size={0}>
                <ProposalStatusTag status={v} />
                {p.riskPointId && <Link to={`/risk-points/${p.riskPointId}`}>查看风险点</Link>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'op',
            width: 110,
            render: (_: unknown, p) => (
              <Space>
                {p.actions.includes('amend') && (
                  <Typography.Link onClick={() => onAmend(p)} data-testid={`proposal-amend-${p.id}`}>
                    修改
                  </Typography.Link>
                )}
                {p.actions.includes('reject') && (
                  <Typography.Link type="danger" onClick={() => (setRejecting(p), setComment(''), setError(null))} data-testid={`proposal-reject-${p.id}`}>
                    否定
                  </Typography.Link>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={rejecting !== null}
        title={`否定拟定风险点 · ${rejecting?.title ?? ''}`}
        onCancel={() => setRejecting(null)}
        onOk={() => void reject()}
        okText="否定"
        okButtonProps={{ ...tid('proposal-reject-ok'), danger: true, disabled: !comment.trim(), loading: busy }}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Input.TextArea rows={4} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="否定理由（必填，记入处理记录）" data-testid="proposal-reject-comment" />
      </Modal>
    </>
  );
}
