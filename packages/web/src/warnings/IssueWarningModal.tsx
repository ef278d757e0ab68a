import { DISPOSAL_MEASURES, WarningIssue, type Person, type WarningDraft } from '@qingfeng/core';
import { DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { peopleApi } from '../people/api';
import { FormModal } from '../shared/FormModal';
import { useFormSubmit } from '../shared/useFormSubmit';
import { zodRule } from '../shared/zod-rule';
import { warningsApi, type WarningDetail } from './api';

interface Values {
  subjectKind: 'person' | 'org';
  subjectPersonId?: number;
  subjectOrgId?: number;
  level: 1 | 2 | 3;
  facts: string;
  basis: string;
  clueId?: number | null;
  disposalMeasures: string[];
  deadline?: Dayjs | null;
  serialNo?: string;
  issuedOn?: Dayjs;
  acknowledgedOn?: Dayjs | null;
  closedOn?: Dayjs | null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);


/**
 * 发出预警: to a person or an org, at a level, with the facts, the basis, the measures and a deadline.
 * `backRegister`: 补录 a paper warning with its original 文号, dates and state.
 */
export function IssueWarningModal({
  open,
  backRegister = false,
  draft,
  onClose,
  onIssued,
}: {
  open: boolean;
  backRegister?: boolean;
  /** Pre-filled from a clue's approved 发出预警 disposal (GET /clues/:id/warning-draft). */
  draft?: z.infer<typeof WarningDraft> | null;
  onClose: () => void;
  onIssued: (w: WarningDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const submit = useFormSubmit(form, ['subjectPersonId', 'subjectOrgId', 'facts', 'basis', 'disposalMeasures', 'deadline', 'clueId', 'serialNo', 'issuedOn', 'acknowledgedOn', 'closedOn']);
  const kind = Form.useWatch('subjectKind', form) ?? 'person';
  const [people, setPeople] = useState<Person[]>([]);
  const search = async (q: string) => setPeople(q.trim() ? (await peopleApi.list({ q, pageSize: 20 })).items : []);
  useEffect(() => {
    if (!open || !draft) return;
    form.setFieldsValue({ ...draft, subjectPersonId: draft.subjectPersonId ?? undefined, subjectOrgId: draft.subjectOrgId ?? undefined });
    if (draft.subjectPersonId) void peopleApi.get(draft.subjectPersonId).then((p) => setPeople([p]));
  }, [open, draft, form]);

  const save = () =>
    submit.run(async (v) => {
      const common = {
        subjectKind: v.subjectKind,
        subjectPersonId: v.subjectKind === 'person' ? v.subjectPersonId ?? null : null,
        subjectOrgId: v.subjectKind === 'org' ? v.subjectOrgId ?? null : null,
        level: v.level,
        facts: v.facts,
        basis: v.basis,
        clueId: v.clueId ?? null,
        disposalMeasures: v.disposalMeasures,
      };
      const w = backRegister
        ? await warningsApi.backRegister({ ...common, serialNo: v.serialNo!, issuedOn: day(v.issuedOn)!, deadline: day(v.deadline)!, acknowledgedOn: day(v.acknowledgedOn), closedOn: day(v.closedOn) })
        : await warningsApi.issue({ ...common, deadline: day(v.deadline) });
      submit.reset({ subjectKind: 'person', level: 1, disposalMeasures: [] });
      onIssued(w);
    });

  return (
    <FormModal title={backRegister ? '补录纸质预警' : '发出预警'} open={open} onCancel={onClose} onOk={save} submit={submit} okText={backRegister ? '补录' : '发出'} okTestId="warning-issue-submit" errorTestId="warning-issue-error" width={640}>
      <Form form={form} layout="vertical" initialValues={{ subjectKind: 'person', level: 1, disposalMeasures: [] }} data-testid="warning-issue-form">
        <Form.Item name="subjectKind" label="预警对象">
          <Radio.Group data-testid="warning-subject-kind" onChange={() => form.setFieldValue('disposalMeasures', [])}>
            <Radio value="person">个人</Radio>
            <Radio value="org">单位</Radio>
          </Radio.Group>
        </Form.Item>
        {kind === 'person' ? (
          <Form.Item name="subjectPersonId" label="被预警人" rules={[{ required: true, message: '请选择被预警人' }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
              placeholder="输入姓名搜索"
              options={people.map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}）` }))}
              data-testid="warning-subject-person"
            />
          </Form.Item>
        ) : (
          <Form.Item name="subjectOrgId" label="被预警单位" rules={[{ required: true, message: '请选择被预警单位' }]}>
            <OrgTreeSelect data-testid="warning-subject-org" />
          </Form.Item>
        )}
        <Form.Item name="level" label="预警等级">
          <Radio.Group data-testid="warning-level-input">
            <Radio value={1}>一级（书面情况说明）</Radio>
            <Radio value={2}>二级（说明、整改、整改报告）</Radio>
            <Radio value={3}>三级（诫勉谈话、备案、整改、报告）</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="facts" label="预警事实（被预警对象可见，写入通知书）" rules={[{ required: true, message: '请填写预警事实' }, zodRule(WarningIssue.shape.facts)]}>
          <Input.TextArea rows={3} data-testid="warning-facts" />
        </Form.Item>
        <Form.Item name="basis" label="预警依据（内部，不向被预警对象显示）" rules={[{ required: true, message: '请填写预警依据' }, zodRule(WarningIssue.shape.basis)]}>
          <Input.TextArea rows={2} data-testid="warning-basis" />
        </Form.Item>
        <Form.Item name="clueId" label="来源线索编号（可选）">
          <InputNumber min={1} style={{ width: 200 }} data-testid="warning-clue" />
        </Form.Item>
        <Form.Item name="disposalMeasures" label="处置措施" rules={[{ required: true, message: '至少选择一项处置措施' }]}>
          <Select mode="multiple" options={DISPOSAL_MEASURES[kind].map((m) => ({ value: m, label: m }))} data-testid="warning-measures" />
        </Form.Item>
        {backRegister ? (
          <Space wrap>
            <Form.Item name="serialNo" label="原文号" rules={[{ required: true, message: '请填写原文号' }]}>
              <Input data-testid="warning-serial" />
            </Form.Item>
            <Form.Item name="issuedOn" label="原发出日期" rules={[{ required: true, message: '请选择发出日期' }]}>
              <DatePicker data-testid="warning-issued-on" />
            </Form.Item>
            <Form.Item name="deadline" label="原整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
              <DatePicker data-testid="warning-deadline" />
            </Form.Item>
            <Form.Item name="acknowledgedOn" label="签收日期（如已签收）">
              <DatePicker />
            </Form.Item>
            <Form.Item name="closedOn" label="办结日期（如已整改到位）">
              <DatePicker />
            </Form.Item>
          </Space>
        ) : (
          <Form.Item name="deadline" label="整改期限" extra={<Typography.Text type="secondary">不填则按本级答复时限（工作日，按节假日历）计算；落在休息日的顺延到下一个工作日</Typography.Text>}>
            <DatePicker data-testid="warning-deadline" />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
