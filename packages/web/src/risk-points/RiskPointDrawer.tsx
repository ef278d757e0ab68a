import {
  DISCOVERY_METHOD_LABELS,
  OBJECT_LEVEL_LABELS,
  RISK_CATEGORY_LABELS,
  RISK_POINT_ACTION_LABELS,
  RISK_POINT_STATUS_LABELS,
  type RiskMatrixDefinition,
  type RiskPointAction,
} from '@qingfeng/core';
import { Alert, App, Button, Descriptions, Drawer, Input, Modal, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { formatDateTime } from '../shared/format';
import { tid } from '../shared/testid';
import { useRequest } from '../shared/useRequest';
import { powersApi } from '../powers/api';
import { riskApi, type RiskPointDetail } from './api';
import { LevelTag } from './LevelTag';
import { RiskPointFormModal, type RiskFormMode } from './RiskPointFormModal';

const HISTORY_LABELS: Record<string, string> = { create: '登记', ...RISK_POINT_ACTION_LABELS };
const STATUS_COLORS: Record<string, string> = { draft: 'default', submitted: 'processing', returned: 'warning', approved: 'cyan', published: 'success', retired: 'default', superseded: 'default' };

export function StatusTag({ status }: { status: RiskPointDetail['status'] }) {
  return <Tag color={STATUS_COLORS[status]}>{RISK_POINT_STATUS_LABELS[status]}</Tag>;
}

const NEEDS_COMMENT: RiskPointAction[] = ['return'];
const BUTTON_ORDER: RiskPointAction[] = ['update', 'submit', 'approve', 'return', 'publish', 'revise', 'retire'];

/** One risk point: its fields, measures, history and versions, and the actions the server allows. */
export function RiskPointDrawer({ id, matrix, onClose, onChanged, onOpen }: { id: number | null; matrix: RiskMatrixDefinition | undefined; onClose: () => void; onChanged: () => void; onOpen: (id: number) => void }) {
  const { message } = App.useApp();
  const { data: p, error, reload } = useRequest(() => riskApi.get(id!), [id], id !== null);
  const power = useRequest(() => powersApi.get(p!.powerId!), [p?.powerId], !!p?.powerId);
  const step = power.data?.steps.find((s) => s.key === p?.powerStepKey);
  const [edit, setEdit] = useState<RiskFormMode | null>(null);
  const [commentFor, setCommentFor] = useState<RiskPointAction | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  const act = async (action: RiskPointAction, text?: string) => {
    if (!p) return;
    if (action === 'update') return setEdit({ kind: 'edit', point: p });
    setBusy(true);
    try {
      const res = await riskApi.act(p.id, action as Exclude<RiskPointAction, 'update'>, text);
      message.success(`${RISK_POINT_ACTION_LABELS[action]}：已完成`);
      setCommentFor(null);
      setComment('');
      onChanged();
      if (res.id !== p.id) onOpen(res.id);
      else reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const buttons = p ? BUTTON_ORDER.filter((a) => p.actions.includes(a)) : [];
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={p ? p.title : '风险点'} data-testid="risk-drawer" destroyOnHidden
      extra={
        <Space>
          {buttons.map((a) => (
            <Button
              key={a}
              type={a === 'submit' || a === 'approve' || a === 'publish' ? 'primary' : 'default'}
              danger={a === 'retire' || a === 'return'}
              loading={busy}
              onClick={() => (NEEDS_COMMENT.includes(a) || a === 'approve' || a === 'retire' ? setCommentFor(a) : void act(a))}
              data-testid={`risk-action-${a}`}
            >
              {RISK_POINT_ACTION_LABELS[a]}
            </Button>
          ))}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {p && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="risk-detail">
          {p.status === 'returned' && p.reviewComment && <Alert type="warning" showIcon title={`退回意见：${p.reviewComment}`} data-testid="risk-return-comment" />}
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="状态"><span data-testid="risk-status">{RISK_POINT_STATUS_LABELS[p.status]}</span>{p.version > 1 && <Tag style={{ marginLeft: 8 }}>第 {p.version} 版</Tag>}</Descriptions.Item>
            <Descriptions.Item label="风险等级">
              <LevelTag name={p.levelName} color={p.levelColor} testId="risk-level" />
              <Typography.Text type="secondary">
                概率 {p.likelihood} × 程度 {p.impact}{p.score != null ? ` = ${p.score}` : ''}（矩阵第 {p.matrixVersion} 版）
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="所属单位">{p.orgName}</Descriptions.Item>
            <Descriptions.Item label="对象">{OBJECT_LEVEL_LABELS[p.objectLevel]}{p.postName ? ` · ${p.postName}` : ''}{p.personName ? ` · ${p.personName}` : ''}</Descriptions.Item>
            <Descriptions.Item label="风险类别">{RISK_CATEGORY_LABELS[p.category]}</Descriptions.Item>
            <Descriptions.Item label="查找方式">{DISCOVERY_METHOD_LABELS[p.discovery]}</Descriptions.Item>
            <Descriptions.Item label="监控责任单位" span={2}>{p.monitorOrgName}</Descriptions.Item>
            {p.powerId && (
              <Descriptions.Item label="关联职权 / 风险环节" span={2}>
                <span data-testid="risk-power-link">
                  {power.data ? `${power.data.name}（${power.data.orgName}）` : `职权 #${p.powerId}`}
                  {p.powerStepKey ? ` · 环节 ${p.powerStepKey}${step ? ` ${step.name}` : ''}` : ''}
                </span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="风险表现" span={2}>{p.manifestation}</Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>防控措施</Typography.Title>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.measures}
              data-testid="risk-measures"
              locale={{ emptyText: '尚无防控措施（提交审核前须至少一条）' }}
              columns={[
                { title: '措施', dataIndex: 'content' },
                { title: '责任人', dataIndex: 'owner', width: 120 },
                { title: '完成时限', dataIndex: 'dueOn', width: 110 },
                { title: '完成日期', dataIndex: 'doneOn', width: 110, render: (v: string | null) => v ?? '—' },
              ]}
            />
          </div>
          {p.versions.length > 1 && (
            <div>
              <Typography.Title level={5}>各版本</Typography.Title>
              <Space wrap>
                {p.versions.map((v) => (
                  <Button key={v.id} size="small" type={v.id === p.id ? 'primary' : 'default'} onClick={() => onOpen(v.id)}>
                    第 {v.version} 版 · {RISK_POINT_STATUS_LABELS[v.status]}
                  </Button>
                ))}
              </Space>
            </div>
          )}
          {p.levelChanges.length > 0 && (
            <Alert type="info" showIcon title={p.levelChanges.map((c) => `风险矩阵第 ${c.toMatrixVersion} 版启用时由 ${c.fromLevel} 级调整为 ${c.toLevel} 级（${formatDateTime(c.changedAt)}）`).join('；')} />
          )}
          <div>
            <Typography.Title level={5}>处理记录</Typography.Title>
            <Timeline
              data-testid="risk-history"
              items={p.history.map((h) => ({
                content: (
                  <span>
                    <b>{HISTORY_LABELS[h.action] ?? h.action}</b>　{h.actor}　<Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
                    {h.comment && <div>意见：{h.comment}</div>}
                  </span>
                ),
              }))}
            />
          </div>
        </Space>
      )}
      <Modal
        open={commentFor !== null}
        title={commentFor ? RISK_POINT_ACTION_LABELS[commentFor] : ''}
        onCancel={() => setCommentFor(null)}
        onOk={() => commentFor && void act(commentFor, comment.trim())}
        okButtonProps={{ ...tid('risk-comment-ok'), disabled: commentFor === 'return' && !comment.trim(), loading: busy }}
      >
        <Input.TextArea rows={4} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={commentFor === 'return' ? '退回意见（必填）' : '意见（选填）'} data-testid="risk-comment" />
      </Modal>
      <RiskPointFormModal
        mode={edit}
        matrix={matrix}
        onClose={() => setEdit(null)}
        onSaved={() => {
          setEdit(null);
          message.success('已保存');
          reload();
          onChanged();
        }}
      />
    </Drawer>
  );
}
