import { ClueCreate } from '@qingfeng/core';
import { App, DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { FormModal } from '../shared/FormModal';
import { useFormSubmit } from '../shared/useFormSubmit';
import { zodRule } from '../shared/zod-rule';
import { cluesApi, type ClueDetail } from './api';
import { CHANNEL_OPTIONS, PROBLEM_TYPE_OPTIONS } from './labels';

interface Values {
  channel: string;
  problemType: string;
  content: string;
  factsOn?: Dayjs;
  sourceDocument?: string;
  subjectOrgId?: number;
  subjectText?: string;
  reporterKind: 'none' | 'anonymous' | 'named';
  name?: string;
  phone?: string;
}

const FIELDS = ['channel', 'problemType', 'content', 'factsOn', 'sourceDocument', 'subjectOrgId', 'subjectText'] as const;

/** 登记线索 (staff) or 报送线索 (workstations): routed and numbered by the server. */
export function ClueFormModal({ open, title, onClose, onCreated }: { open: boolean; title: string; onClose: () => void; onCreated: (clue: ClueDetail | null) => void }) {
  const [form] = Form.useForm<Values>();
  const submit = useFormSubmit(form, FIELDS);
  const { message } = App.useApp();
  const reporterKind = Form.useWatch('reporterKind', form);

  const save = () =>
    submit.run(async (v) => {
      const res = await cluesApi.create({
        channel: v.channel as never,
        problemType: v.problemType as never,
        content: v.content,
        factsOn: v.factsOn?.format('YYYY-MM-DD') ?? null,
        sourceDocument: v.sourceDocument || null,
        subjectOrgId: v.subjectOrgId ?? null,
        subjectText: v.subjectText || null,
        reporter: v.reporterKind === 'named' ? { kind: 'named', identity: { name: v.name!, phone: v.phone! } } : { kind: v.reporterKind },
      });
      if (res.sealed) message.warning(res.message, 8);
      else message.success(`已登记，台账编号 ${res.clue.ledgerNo}，承办：${res.clue.handlerOrg.name}`);
      submit.reset({ reporterKind: 'none' });
      onCreated(res.sealed ? null : res.clue);
    });

  return (
    <FormModal open={open} title={title} width={720} onCancel={onClose} onOk={save} submit={submit} okTestId="clue-submit" errorTestId="clue-form-error" okText="提交">
      <Form form={form} layout="vertical" initialValues={{ reporterKind: 'none', channel: 'petition' }} data-testid="clue-form">
        <Form.Item name="channel" label="来源渠道" rules={[{ required: true }]}>
          <Select options={CHANNEL_OPTIONS} showSearch={{ optionFilterProp: 'label' }} data-testid="clue-channel" />
        </Form.Item>
        <Form.Item name="problemType" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
          <Select options={PROBLEM_TYPE_OPTIONS} data-testid="clue-problem-type" />
        </Form.Item>
        <Form.Item name="subjectOrgId" label="被反映单位（组织树）" extra="不在权限范围内或不明时可不选，在下方描述">
          <OrgTreeSelect data-testid="clue-subject-org" />
        </Form.Item>
        <Form.Item name="subjectText" label="被反映对象（描述）" rules={[zodRule(ClueCreate.shape.subjectText)]}>
          <Input placeholder="姓名、单位、职务；不明时写所知情况" data-testid="clue-subject-text" />
        </Form.Item>
        <Form.Item name="content" label="主要内容" rules={[{ required: true, whitespace: true, message: '请填写主要内容' }, zodRule(ClueCreate.shape.content)]}>
          <Input.TextArea rows={5} showCount maxLength={5000} data-testid="clue-content" />
        </Form.Item>
        <Form.Item name="factsOn" label="问题发生日期">
          <DatePicker />
        </Form.Item>
        <Form.Item name="sourceDocument" label="来源文书" rules={[zodRule(ClueCreate.shape.sourceDocument)]}>
          <Input placeholder="如信访件编号、审计报告文号" />
        </Form.Item>
        <Form.Item name="reporterKind" label="举报人">
          <Radio.Group
            options={[
              { value: 'none', label: '无（工作中发现）' },
              { value: 'anonymous', label: '匿名' },
              { value: 'named', label: '实名' },
            ]}
            data-testid="clue-reporter-kind"
          />
        </Form.Item>
        {reporterKind === 'named' && (
          <>
            <Form.Item name="name" label="举报人姓名" rules={[{ required: true, message: '请填写举报人姓名' }]} extra="加密保存，仅经授权可查看，不出现在列表和导出中">
              <Input data-testid="clue-reporter-name" />
            </Form.Item>
            <Form.Item name="phone" label="联系电话" rules={[{ required: true, pattern: /^[0-9+\-() ]{5,20}$/, message: '电话号码格式不正确' }]}>
              <Input data-testid="clue-reporter-phone" />
            </Form.Item>
          </>
        )}
      </Form>
    </FormModal>
  );
}
