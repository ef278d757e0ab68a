import { HANDLER_ORG_KINDS, REPLY_KINDS, REPLY_VIAS } from '@qingfeng/core';
import { Button, Form, Input, InputNumber, Select } from 'antd';
import { useEffect } from 'react';
import { useOrgs } from '../orgs/OrgsContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { FormModal } from '../shared/FormModal';
import { useFormSubmit } from '../shared/useFormSubmit';
import { cluesApi, type ClueDetail } from './api';
import { LEVEL_OPTIONS, MODE_OPTIONS, options } from './labels';

export type ClueAction = 'route' | 'propose' | 'decide' | 'reply' | 'close' | null;

interface Props {
  clue: ClueDetail;
  action: ClueAction;
  onClose: () => void;
  onDone: (c: ClueDetail) => void;
}

const TITLES = { route: '分办 / 改派', propose: '提出处置意见', decide: '审批处置意见', reply: '答复举报人', close: '办结' } as const;

/** The dialogs of a clue's handling steps; each sends one request and shows the server's refusal. */
export function ClueActionModal({ clue, action, onClose, onDone }: Props) {
  const [form] = Form.useForm();
  const submit = useFormSubmit<Record<string, unknown>>(form, ['handlerOrgId', 'subjectOrgId', 'reason', 'mode', 'level', 'note', 'transferTo', 'mergeIntoId', 'kind', 'via', 'body', 'outcome', 'comment']);
  const orgs = useOrgs();
  const mode = Form.useWatch('mode', form);
  const pending = clue.disposals.find((d) => d.decision === 'pending');
  useEffect(() => {
    if (action) submit.reset(action === 'reply' ? { kind: 'result', via: clue.reporterKind === 'anonymous' || clue.acceptanceNo ? 'portal' : 'phone' } : action === 'route' ? { subjectOrgId: clue.subjectOrg?.id } : {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action]);
  if (!action) return null;

  const run = (decision?: boolean) =>
    submit.run(async (v) => {
      const id = clue.id;
      const c =
        action === 'route'
          ? await cluesApi.assign(id, { handlerOrgId: v.handlerOrgId as number, subjectOrgId: (v.subjectOrgId as number) ?? null, reason: v.reason as string })
          : action === 'propose'
            ? await cluesApi.propose(id, { mode: v.mode as never, note: v.note as string, level: (v.level as 1 | 2 | 3) ?? null, transferTo: (v.transferTo as string) || null, mergeIntoId: (v.mergeIntoId as number) ?? null })
            : action === 'decide'
              ? await cluesApi.decide(id, pending!.id, { approve: decision ?? true, ...(v.comment ? { comment: v.comment as string } : {}) })
              : action === 'reply'
                ? await cluesApi.reply(id, { kind: v.kind as string, via: v.via as string, body: v.body as string })
                : await cluesApi.close(id, v.outcome as string);
      onDone(c);
    });

  const handlers = orgs.active.filter((o) => (HANDLER_ORG_KINDS as readonly string[]).includes(o.kind));
  return (
    <FormModal
      open
      title={TITLES[action]}
      onCancel={onClose}
      onOk={() => run(true)}
      submit={submit}
      okTestId={`clue-${action}-submit`}
      errorTestId="clue-action-error"
      okText={action === 'decide' ? '批准' : '确定'}
      footer={
        action === 'decide'
          ? (_, { OkBtn, CancelBtn }) => (
              <>
                <CancelBtn />
                <Button danger onClick={() => void run(false)} data-testid="clue-decide-reject">
                  退回
                </Button>
                <OkBtn />
              </>
            )
          : undefined
      }
    >
      <Form form={form} layout="vertical">
        {action === 'route' && (
          <>
            <Form.Item name="handlerOrgId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={handlers.map((o) => ({ value: o.id, label: o.name }))} data-testid="clue-route-handler" />
            </Form.Item>
            <Form.Item name="subjectOrgId" label="被反映单位（补正）">
              <OrgTreeSelect data-testid="clue-route-subject" />
            </Form.Item>
            <Form.Item name="reason" label="分办理由" rules={[{ required: true, whitespace: true, message: '请填写分办理由' }]}>
              <Input.TextArea rows={2} data-testid="clue-route-reason" />
            </Form.Item>
          </>
        )}
        {action === 'propose' && (
          <>
            <Form.Item name="mode" label="处置方式" rules={[{ required: true, message: '请选择处置方式' }]}>
              <Select options={MODE_OPTIONS} data-testid="clue-propose-mode" />
            </Form.Item>
            {mode === 'warning' && (
              <Form.Item name="level" label="建议预警等级" rules={[{ required: true, message: '请选择建议的预警等级' }]}>
                <Select options={LEVEL_OPTIONS} data-testid="clue-propose-level" />
              </Form.Item>
            )}
            {mode === 'transfer' && (
              <Form.Item name="transferTo" label="移送对象" rules={[{ required: true, message: '请填写移送对象' }]}>
                <Input placeholder="如：区监委第一审查调查室、区公安分局" />
              </Form.Item>
            )}
            {mode === 'merge' && (
              <Form.Item name="mergeIntoId" label="并入线索（系统编号）" rules={[{ required: true, message: '请填写并入线索的编号' }]} extra={clue.duplicateOf ? `疑似重复：${clue.duplicateOf.ledgerNo}（编号 ${clue.duplicateOf.id}）` : undefined}>
                <InputNumber min={1} style={{ width: 200 }} />
              </Form.Item>
            )}
            <Form.Item name="note" label="处置意见" rules={[{ required: true, whitespace: true, message: '请填写处置意见' }]}>
              <Input.TextArea rows={3} data-testid="clue-propose-note" />
            </Form.Item>
          </>
        )}
        {action === 'decide' && pending && (
          <>
            <p>
              处置意见：{MODE_OPTIONS.find((m) => m.value === pending.mode)?.label}　{pending.note}（{pending.proposedBy} 提出）
            </p>
            <Form.Item name="comment" label="审批说明">
              <Input.TextArea rows={2} data-testid="clue-decide-comment" />
            </Form.Item>
          </>
        )}
        {action === 'reply' && (
          <>
            <Form.Item name="kind" label="答复类型" rules={[{ required: true }]}>
              <Select options={options(REPLY_KINDS)} data-testid="clue-reply-kind" />
            </Form.Item>
            <Form.Item name="via" label="答复方式" rules={[{ required: true }]} extra={clue.acceptanceNo ? '选择“网上查询”，举报人凭查询码可见' : undefined}>
              <Select options={options(REPLY_VIAS)} data-testid="clue-reply-via" />
            </Form.Item>
            <Form.Item name="body" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount data-testid="clue-reply-body" />
            </Form.Item>
          </>
        )}
        {action === 'close' && (
          <Form.Item name="outcome" label="办理结果" rules={[{ required: true, whitespace: true, message: '请填写办理结果' }]}>
            <Input.TextArea rows={4} data-testid="clue-close-outcome" />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
