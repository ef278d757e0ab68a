import { TALK_KIND_LABELS, type TalkKind } from '@qingfeng/core';
import { Alert, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { PersonSelect } from '../people/PersonSelect';
import { FormModal } from '../shared/FormModal';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useRequest } from '../shared/useRequest';
import { talksApi, type Talk } from './api';

interface Values {
  kind: TalkKind;
  personId?: number;
  orgId?: number;
  talkerPersonId: number;
  heldOn: Dayjs;
  location?: string;
  points: string;
  commitments?: string;
  participantIds?: number[];
}

/**
 * Records a talk: a scheduled one (`talk` given: its subject and kind are fixed) or one held
 * without a schedule. The talker list follows the graded-talk rule where it applies.
 */
export function TalkRecordModal({ talk, open, onClose, onSaved }: { talk: Talk | null; open: boolean; onClose: () => void; onSaved: (t: Talk) => void }) {
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, ['talkerPersonId', 'heldOn', 'points', 'personId', 'orgId', 'participantIds']);
  const kind = (Form.useWatch('kind', form) ?? talk?.kind ?? 'reminder') as TalkKind;
  const personId = Form.useWatch('personId', form) ?? talk?.subjectPersonId ?? undefined;
  const talkers = useRequest(() => talksApi.talkers(personId!, kind), [personId, kind], open && !!personId && talk?.sourceKind !== 'rating');
  useEffect(() => {
    if (!open) return;
    submission.reset({ kind: talk?.kind ?? 'reminder', heldOn: dayjs(), talkerPersonId: talk?.talkerPersonId ?? undefined, participantIds: [] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, talk?.id]);
  const fixed = talk?.sourceKind === 'rating' && talk.talkerPersonId ? [{ value: talk.talkerPersonId, label: talk.talkerName ?? '' }] : [];
  const initial = [...fixed, ...(talkers.data?.talkers ?? []).map((t) => ({ value: t.personId, label: `${t.name}（${t.orgName}·${t.postName}）` }))];

  const save = () =>
    submission.run(async (v) => {
      const common = {
        talkerPersonId: v.talkerPersonId,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        location: v.location || null,
        points: v.points,
        commitments: v.commitments || null,
        participantIds: v.participantIds ?? [],
      };
      onSaved(talk ? await talksApi.record(talk.id, common) : await talksApi.create({ ...common, kind: v.kind, personId: v.personId ?? null, orgId: v.orgId ?? null }));
    });

  return (
    <FormModal
      open={open}
      title={talk ? `登记谈话 · ${TALK_KIND_LABELS[talk.kind]}（${talk.subjectName ?? talk.subjectOrgName}）` : '登记谈话'}
      onCancel={onClose}
      onOk={save}
      submit={submission}
      okTestId="talk-submit"
      errorTestId="talk-form-error"
      width={640}
    >
      <Form form={form} layout="vertical" data-testid="talk-form">
        {!talk && (
          <>
            <Form.Item name="kind" label="谈话类型" rules={[{ required: true }]}>
              <Select options={Object.entries(TALK_KIND_LABELS).map(([value, label]) => ({ value, label }))} data-testid="talk-kind" />
            </Form.Item>
            {kind === 'collective' ? (
              <Form.Item name="orgId" label="谈话单位" rules={[{ required: true, message: '请选择单位' }]}>
                <OrgTreeSelect data-testid="talk-org" />
              </Form.Item>
            ) : (
              <Form.Item name="personId" label="谈话对象" rules={[{ required: true, message: '请选择谈话对象' }]}>
                <PersonSelect data-testid="talk-person" />
              </Form.Item>
            )}
          </>
        )}
        {talkers.data && talkers.data.role && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`分级谈话规则：${talkers.data.reason}`} />}
        <Form.Item name="talkerPersonId" label="谈话人" rules={[{ required: true, message: '请选择谈话人' }]}>
          <PersonSelect initial={initial} data-testid="talk-talker" />
        </Form.Item>
        <Form.Item name="heldOn" label="谈话日期" rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="talk-held-on" />
        </Form.Item>
        <Form.Item name="location" label="谈话地点">
          <Input maxLength={100} data-testid="talk-location" />
        </Form.Item>
        <Form.Item name="participantIds" label="参加人员">
          <PersonSelect mode="multiple" data-testid="talk-participants" />
        </Form.Item>
        <Form.Item name="points" label="谈话要点" rules={[{ required: true, whitespace: true, message: '请填写谈话要点' }]}>
          <Input.TextArea rows={4} maxLength={5000} data-testid="talk-points" />
        </Form.Item>
        <Form.Item name="commitments" label="表态与承诺">
          <Input.TextArea rows={3} maxLength={5000} data-testid="talk-commitments" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
