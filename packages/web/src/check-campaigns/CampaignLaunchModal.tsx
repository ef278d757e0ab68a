import { CampaignCreate, deadlineProblems, type CampaignDeadlines } from '@qingfeng/core';
import { Checkbox, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMe } from '../auth/AuthContext';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { FormModal } from '../shared/FormModal';
import { useFormSubmit } from '../shared/useFormSubmit';
import { useResetOnOpen } from '../shared/useResetOnOpen';
import { zodRule } from '../shared/zod-rule';
import { campaignsApi, type Campaign } from './api';

interface Values {
  title: string;
  year: number;
  startsOn: string;
  endsOn: string;
  selfCheck: string;
  deptReview: string;
  crossCheck: string;
  commissionReview: string;
  orgIds: number[];
  subtree: boolean;
}

const FIELDS = ['title', 'year', 'startsOn', 'endsOn', 'selfCheck', 'deptReview', 'crossCheck', 'commissionReview', 'orgIds', 'subtree'] as const;
const STAGE_FIELDS = [
  ['selfCheck', '个人自查截止', 'self_check'],
  ['deptReview', '部门评查截止', 'dept_review'],
  ['crossCheck', '交叉互查截止', 'cross_check'],
  ['commissionReview', '纪委审查截止', 'commission_review'],
] as const;

/** The form's defaults: from today, a week for each stage and a little room at the end. */
function defaults(orgId: number | null): Partial<Values> {
  const d = (n: number) => dayjs().add(n, 'day').format('YYYY-MM-DD');
  return { year: dayjs().year(), title: `${dayjs().year()}年度廉政风险排查`, startsOn: d(0), selfCheck: d(7), deptReview: d(14), crossCheck: d(21), commissionReview: d(28), endsOn: d(35), orgIds: orgId ? [orgId] : [], subtree: true };
}

/** 发起风险排查: title, year, period, the four stage deadlines and the orgs (with their units). */
export function CampaignLaunchModal({ open, onClose, onLaunched }: { open: boolean; onClose: () => void; onLaunched: (c: Campaign) => void }) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS);
  useResetOnOpen(open, submission, () => defaults(me.orgId));

  const submit = () =>
    submission.run(async (v) => {
      const deadlines = { selfCheck: v.selfCheck, deptReview: v.deptReview, crossCheck: v.crossCheck, commissionReview: v.commissionReview };
      // The same order rule the server applies, under the field it concerns.
      const problems = deadlineProblems(v.startsOn, v.endsOn, Object.fromEntries(STAGE_FIELDS.map(([f, , s]) => [s, deadlines[f]])) as CampaignDeadlines);
      if (problems.length) {
        form.setFields(problems.map((p) => ({ name: p.field.replace('deadlines.', '') as keyof Values, errors: [p.message] })));
        return;
      }
      onLaunched(await campaignsApi.launch({ title: v.title.trim(), year: v.year, startsOn: v.startsOn, endsOn: v.endsOn, deadlines, orgIds: v.orgIds, subtree: v.subtree }));
    });

  return (
    <FormModal open={open} width={760} title="发起风险排查" onCancel={onClose} onOk={submit} submit={submission} okText="发起" okTestId="campaign-launch-ok" errorTestId="campaign-form-error">
      <Typography.Paragraph type="secondary">
        发起后，向所选各单位下发《单位自查表》，向其在岗人员下发《岗位自查表》；各单位依次完成个人自查、部门评查、交叉互查，再由纪委审查，审查通过的拟定风险点转为已审核的风险点。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="campaign" data-testid="campaign-form">
        <Row gutter={16}>
          <Col span={18}>
            <Form.Item label="排查名称" name="title" rules={[{ required: true, whitespace: true, message: '请输入排查名称' }, zodRule(CampaignCreate.shape.title)]}>
              <Input maxLength={100} data-testid="campaign-title" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="年度" name="year" rules={[{ required: true, message: '请输入年度' }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="campaign-year" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="开始日期" name="startsOn" rules={[{ required: true, message: '请选择开始日期' }]}>
              <Input type="date" data-testid="campaign-starts-on" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="结束日期" name="endsOn" rules={[{ required: true, message: '请选择结束日期' }]}>
              <Input type="date" data-testid="campaign-ends-on" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {STAGE_FIELDS.map(([f, label]) => (
            <Col span={6} key={f}>
              <Form.Item label={label} name={f} rules={[{ required: true, message: '请选择截止日期' }]}>
                <Input type="date" data-testid={`campaign-deadline-${f}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item label="排查范围" name="orgIds" rules={[{ required: true, message: '至少选择一个单位' }]} extra="选择单位；选择纪委、乡镇（街道）等上级机构时请勾选“含下属单位”">
          <OrgTreeSelect multiple data-testid="campaign-orgs" />
        </Form.Item>
        <Form.Item name="subtree" valuePropName="checked">
          <Checkbox data-testid="campaign-subtree">含下属单位（所选机构下属的各单位一并纳入排查，不含股室）</Checkbox>
        </Form.Item>
      </Form>
    </FormModal>
  );
}
