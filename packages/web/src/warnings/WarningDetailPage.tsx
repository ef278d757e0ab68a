import { ANSWER_FIELDS, requiredAnswerFields, WARNING_LEVEL_LABELS, type WarningDemand } from '@qingfeng/core';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, List, Radio, Skeleton, Space, Steps, Tag, Timeline, Typography, Upload, DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../shared/PageHeader';
import { FormModal } from '../shared/FormModal';
import { formatDateTime } from '../shared/format';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useRequest } from '../shared/useRequest';
import { warningsApi, type WarningDetail } from './api';
import { LevelTag, StatusTag } from './WarningTags';

type Dialog = null | 'answer' | 'review' | 'talk' | 'talkRecord' | 'filing';

/** One warning: what it demands, by when, its notices, answers, reviews, escalation chain and (issuers) audit trail. */
export default function WarningDetailPage() {
  const id = Number(useParams().id);
  const { message, modal } = App.useApp();
  const w = useRequest(() => warningsApi.get(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const done = (msg: string) => {
    setDialog(null);
    message.success(msg);
    w.reload();
  };
  const act = async (fn: () => Promise<unknown>, msg: string) => {
    try {
      await fn();
      done(msg);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  if (w.error) return <Alert type="error" showIcon title={w.error.message} />;
  if (!w.data) return <Skeleton active />;
  const d = w.data;
  const can = (a: string) => d.actions.includes(a);

  return (
    <div data-testid="warning-detail" data-warning-id={d.id} data-status={d.status} data-level={d.level}>
      <PageHeader
        title={`${d.serialNo}`}
        subtitle={
          <Space size={4}>
            <LevelTag w={d} />
            <StatusTag w={d} />
            <span data-testid="warning-subject">{d.subjectName}</span>
          </Space>
        }
        extra={
          <Space wrap>
            {can('acknowledge') && (
              <Button type="primary" data-testid="warning-acknowledge" onClick={() => void act(() => warningsApi.acknowledge(d.id), '已签收')}>
                签收
              </Button>
            )}
            {can('answer') && (
              <Button type="primary" data-testid="warning-answer" onClick={() => setDialog('answer')}>
                提交答复
              </Button>
            )}
            {can('review') && (
              <Button type="primary" data-testid="warning-review" onClick={() => setDialog('review')}>
                审核答复
              </Button>
            )}
            {can('escalate') && (
              <Button
                danger
                data-testid="warning-escalate"
                onClick={() => modal.confirm({ title: '逾期未整改，立即升级？', onOk: () => act(() => warningsApi.escalate(d.id), '已升级') })}
              >
                立即升级
              </Button>
            )}
            {can('scheduleTalk') && (
              <Button data-testid="warning-talk" onClick={() => setDialog('talk')}>
                安排诫勉谈话
              </Button>
            )}
            {can('recordTalk') && (
              <Button data-testid="warning-talk-record" onClick={() => setDialog('talkRecord')}>
                记录谈话
              </Button>
            )}
            {can('recordFiling') && (
              <Button data-testid="warning-filing" onClick={() => setDialog('filing')}>
                记录备案
              </Button>
            )}
          </Space>
        }
      />

      <Card title="升级链" size="small" style={{ marginBottom: 16 }}>
        <Steps
          data-testid="warning-chain"
          size="small"
          current={d.chain.findIndex((c) => c.id === d.id)}
          items={[
            ...d.chain.map((c) => ({
              title: c.id === d.id ? c.serialNo : <Link to={`/warnings/${c.id}`} data-testid={`chain-link-${c.id}`}>{c.serialNo}</Link>,
              description: `${WARNING_LEVEL_LABELS[c.level]} · ${c.statusLabel} · 期限 ${c.deadline}`,
            })),
            ...(d.referral ? [{ title: '移送问责', description: d.referral.reason }] : []),
          ]}
        />
      </Card>

      <Card title="预警内容" size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={2} size="small" bordered data-testid="warning-info">
          <Descriptions.Item label="预警对象">{d.subjectName}</Descriptions.Item>
          <Descriptions.Item label="发出单位">{d.issuerOrgName}</Descriptions.Item>
          <Descriptions.Item label="发出日期">{d.issuedOn}</Descriptions.Item>
          <Descriptions.Item label="整改期限">
            <span data-testid="warning-deadline">{d.deadline}</span>
          </Descriptions.Item>
          <Descriptions.Item label="处置措施" span={2}>
            {d.disposalMeasures.join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="本级要求" span={2}>
            <Space wrap data-testid="warning-demands">
              {d.demands.map((x) => (
                <Tag key={x.key}>{x.label}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="预警事实" span={2}>
            {d.facts}
          </Descriptions.Item>
          {d.basis !== undefined && (
            <Descriptions.Item label="预警依据（内部）" span={2}>
              {d.basis}
              {d.clueId ? <Tag style={{ marginLeft: 8 }}>线索 {d.clueId}</Tag> : null}
            </Descriptions.Item>
          )}
          {d.talk && (
            <Descriptions.Item label="诫勉谈话" span={2}>
              <span data-testid="warning-talk-info">
                {d.talk.heldOn
                  ? `${d.talk.heldOn} 已谈话；参加人员：${d.talk.participants}；${d.talk.record}`
                  : d.talk.scheduledOn
                    ? `已安排：${d.talk.scheduledOn}，${d.talk.place}，谈话人 ${d.talk.talker}`
                    : '待安排'}
              </span>
            </Descriptions.Item>
          )}
          {d.level === 3 && (
            <Descriptions.Item label="组织人事部门备案" span={2}>
              {d.filing ? `${d.filing.filedOn} 抄送${d.filing.department}` : '待备案'}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card title="通知书" size="small" style={{ marginBottom: 16 }}>
        {d.notices.length === 0 ? (
          <Typography.Text type="secondary">{d.backRegistered ? '补录的纸质预警，通知书为纸质原件' : '无'}</Typography.Text>
        ) : (
          <List
            size="small"
            data-testid="warning-notices"
            dataSource={d.notices}
            renderItem={(n) => (
              <List.Item
                actions={[
                  <Button key="docx" size="small" data-testid={`notice-docx-${n.id}`} onClick={() => void warningsApi.notice(d.id, n.id, 'docx', n.serialNo).catch((e: Error) => message.error(e.message))}>
                    Word
                  </Button>,
                  <Button key="pdf" size="small" data-testid={`notice-pdf-${n.id}`} onClick={() => void warningsApi.notice(d.id, n.id, 'pdf', n.serialNo).catch((e: Error) => message.error(e.message))}>
                    PDF
                  </Button>,
                ]}
              >
                {n.kindLabel} {n.serialNo}（{n.issuedOn}）
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card title="答复与审核" size="small" style={{ marginBottom: 16 }}>
        {d.answers.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未答复" />
        ) : (
          <List
            data-testid="warning-answers"
            dataSource={d.answers}
            renderItem={(a) => {
              const review = d.reviews.find((r) => r.answerId === a.id);
              return (
                <List.Item>
                  <div style={{ width: '100%' }}>
                    <Typography.Text type="secondary">
                      {a.submittedBy} 于 {formatDateTime(a.submittedAt)} 提交
                    </Typography.Text>
                    {(Object.keys(ANSWER_FIELDS) as (keyof typeof ANSWER_FIELDS)[]).map((f) =>
                      a[f] ? (
                        <Typography.Paragraph key={f} style={{ margin: '4px 0' }}>
                          <b>{ANSWER_FIELDS[f].label}：</b>
                          {a[f]}
                        </Typography.Paragraph>
                      ) : null,
                    )}
                    {a.attachments.map((f) => (
                      <Button key={f.id} type="link" size="small" onClick={() => void warningsApi.attachment(d.id, f.id, f.fileName)}>
                        {f.fileName}
                      </Button>
                    ))}
                    {review && (
                      <Alert
                        style={{ marginTop: 8 }}
                        type={review.verdict === 'accepted' ? 'success' : 'warning'}
                        data-testid={`review-${review.id}`}
                        title={`${review.verdict === 'accepted' ? '整改到位' : '整改不到位'}（${review.reviewedBy}，${formatDateTime(review.reviewedAt)}）${review.comment ? `：${review.comment}` : ''}`}
                      />
                    )}
                  </div>
                </List.Item>
              );
            }}
          />
        )}
      </Card>

      {d.audit && (
        <Card title="办理记录（审计日志）" size="small">
          <Timeline
            data-testid="warning-audit"
            items={d.audit.map((e) => ({ content: <span>{formatDateTime(e.occurredAt)} · {e.actorLabel} · {e.summary}</span> }))}
          />
        </Card>
      )}

      <AnswerModal open={dialog === 'answer'} w={d} onClose={() => setDialog(null)} onDone={() => done('已提交答复')} />
      <ReviewModal open={dialog === 'review'} w={d} onClose={() => setDialog(null)} onDone={(m) => done(m)} />
      <RecordModal
        open={dialog === 'talk'}
        title="安排诫勉谈话"
        testId="talk"
        fields={[
          ['scheduledOn', '谈话日期', 'date'],
          ['place', '谈话地点', 'text'],
          ['talker', '谈话人', 'text'],
        ]}
        onClose={() => setDialog(null)}
        save={(v) => warningsApi.scheduleTalk(d.id, v as never).then(() => done('已安排诫勉谈话'))}
      />
      <RecordModal
        open={dialog === 'talkRecord'}
        title="记录诫勉谈话"
        testId="talk-record"
        fields={[
          ['heldOn', '谈话日期', 'date'],
          ['participants', '参加人员', 'text'],
          ['record', '谈话记录', 'textarea'],
        ]}
        onClose={() => setDialog(null)}
        save={(v) => warningsApi.recordTalk(d.id, v as never).then(() => done('已记录诫勉谈话'))}
      />
      <RecordModal
        open={dialog === 'filing'}
        title="抄送组织人事部门备案"
        testId="filing"
        fields={[
          ['filedOn', '备案日期', 'date'],
          ['department', '备案部门', 'text'],
        ]}
        onClose={() => setDialog(null)}
        save={(v) => warningsApi.recordFiling(d.id, v as never).then(() => done('已记录备案'))}
      />
    </div>
  );
}

/** The subject's answer: the parts the level demands, with attachments. */
function AnswerModal({ open, w, onClose, onDone }: { open: boolean; w: WarningDetail; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Record<string, string> & { files?: { originFileObj: File }[] }>();
  const fields = requiredAnswerFields(w.demands.map((x) => x.key as WarningDemand));
  const submit = useFormSubmit(form, fields);
  const save = () =>
    submit.run(async (v) => {
      const body = new FormData();
      for (const f of fields) body.set(f, v[f] ?? '');
      for (const file of v.files ?? []) body.append('files', file.originFileObj, file.originFileObj.name);
      await warningsApi.answer(w.id, body);
      submit.reset();
      onDone();
    });
  return (
    <FormModal title={`答复 ${w.serialNo}`} open={open} onCancel={onClose} onOk={save} submit={submit} okText="提交答复" okTestId="answer-submit" errorTestId="answer-error" width={640}>
      <Typography.Paragraph type="secondary">请于 {w.deadline} 前提交。本级要求：{w.demands.map((x) => x.label).join('、')}。</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="answer-form">
        {fields.map((f) => (
          <Form.Item key={f} name={f} label={ANSWER_FIELDS[f].label} rules={[{ required: true, whitespace: true, message: `请填写${ANSWER_FIELDS[f].label}` }]}>
            <Input.TextArea rows={3} data-testid={`answer-${f}`} />
          </Form.Item>
        ))}
        <Form.Item name="files" label="附件" valuePropName="fileList" getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList}>
          <Upload beforeUpload={() => false} multiple>
            <Button>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** The issuer's verdict; "inadequate" raises the next level (a level-3 warning gets its talk scheduled here). */
function ReviewModal({ open, w, onClose, onDone }: { open: boolean; w: WarningDetail; onClose: () => void; onDone: (msg: string) => void }) {
  const [form] = Form.useForm<{ verdict: 'accepted' | 'inadequate'; comment?: string; scheduledOn?: Dayjs; place?: string; talker?: string }>();
  const submit = useFormSubmit(form, ['comment']);
  const verdict = Form.useWatch('verdict', form);
  const nextIsLevel3 = w.level === 2 && verdict === 'inadequate';
  const save = () =>
    submit.run(async (v) => {
      const talk = nextIsLevel3 && v.scheduledOn && v.place && v.talker ? { scheduledOn: v.scheduledOn.format('YYYY-MM-DD'), place: v.place, talker: v.talker } : null;
      const r = await warningsApi.review(w.id, { verdict: v.verdict, comment: v.comment ?? null, talk });
      submit.reset({ verdict: 'accepted' });
      onDone(r.status === 'closed' ? '已审核：整改到位，预警办结' : r.status === 'referred' ? '已审核：整改不到位，移送问责' : '已审核：整改不到位，已升级预警');
    });
  return (
    <FormModal title={`审核 ${w.serialNo} 的答复`} open={open} onCancel={onClose} onOk={save} submit={submit} okText="提交审核" okTestId="review-submit" errorTestId="review-error">
      <Form form={form} layout="vertical" initialValues={{ verdict: 'accepted' }} data-testid="review-form">
        <Form.Item name="verdict" label="审核结论">
          <Radio.Group data-testid="review-verdict">
            <Radio value="accepted">整改到位（办结）</Radio>
            <Radio value="inadequate">整改不到位（{w.level === 3 ? '移送问责' : `升级为${WARNING_LEVEL_LABELS[(w.level + 1) as 2 | 3]}`}）</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label="审核意见" rules={verdict === 'inadequate' ? [{ required: true, whitespace: true, message: '判定整改不到位须写明理由' }] : []}>
          <Input.TextArea rows={3} data-testid="review-comment" />
        </Form.Item>
        {nextIsLevel3 && (
          <>
            <Typography.Text type="secondary">三级预警须进行诫勉谈话，可在此一并安排：</Typography.Text>
            <Space wrap style={{ marginTop: 8 }}>
              <Form.Item name="scheduledOn" label="谈话日期">
                <DatePicker data-testid="review-talk-date" />
              </Form.Item>
              <Form.Item name="place" label="谈话地点">
                <Input data-testid="review-talk-place" />
              </Form.Item>
              <Form.Item name="talker" label="谈话人">
                <Input data-testid="review-talk-talker" />
              </Form.Item>
            </Space>
          </>
        )}
      </Form>
    </FormModal>
  );
}

/** A small record form (talk scheduled or held, filing). */
function RecordModal({
  open,
  title,
  testId,
  fields,
  onClose,
  save,
}: {
  open: boolean;
  title: string;
  testId: string;
  fields: [string, string, 'date' | 'text' | 'textarea'][];
  onClose: () => void;
  save: (values: Record<string, string>) => Promise<void>;
}) {
  const [form] = Form.useForm<Record<string, string | Dayjs>>();
  const submit = useFormSubmit(form, fields.map((f) => f[0]));
  const ok = () =>
    submit.run(async (v) => {
      const values = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x : x.format('YYYY-MM-DD')]));
      await save(values);
      submit.reset();
    });
  return (
    <FormModal title={title} open={open} onCancel={onClose} onOk={ok} submit={submit} okTestId={`${testId}-submit`}>
      <Form form={form} layout="vertical">
        {fields.map(([name, label, kind]) => (
          <Form.Item key={name} name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
            {kind === 'date' ? <DatePicker data-testid={`${testId}-${name}`} /> : kind === 'text' ? <Input data-testid={`${testId}-${name}`} /> : <Input.TextArea rows={3} data-testid={`${testId}-${name}`} />}
          </Form.Item>
        ))}
      </Form>
    </FormModal>
  );
}

