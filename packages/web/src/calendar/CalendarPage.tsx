import { HOLIDAY_DAY_KIND_LABELS, type HolidayDay } from '@qingfeng/core';
import { Alert, App, Button, Calendar, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { PageHeader } from '../shared/PageHeader';
import { useRequest } from '../shared/useRequest';
import { calendarApi } from './api';

/** 节假日历: the official holidays and adjusted workdays on which every deadline counts. */
export default function CalendarPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const editable = can('calendar.write');
  // ?month=2026-10 opens that month (links from deadlines, and the browser test).
  const [params, setParams] = useSearchParams();
  const shown = params.get('month') && dayjs(`${params.get('month')}-01`).isValid() ? dayjs(`${params.get('month')}-01`) : dayjs();
  const year = shown.year();
  const cal = useRequest(() => calendarApi.year(year), [year]);
  const byDay = useMemo(() => new Map((cal.data?.days ?? []).map((d) => [d.day, d])), [cal.data]);
  const [editing, setEditing] = useState<string | null>(null);
  const [form] = Form.useForm<Pick<HolidayDay, 'kind' | 'name'>>();

  const open = (d: Dayjs) => {
    if (!editable) return;
    const day = d.format('YYYY-MM-DD');
    const existing = byDay.get(day);
    form.setFieldsValue(existing ? { kind: existing.kind, name: existing.name } : { kind: d.day() === 0 || d.day() === 6 ? 'workday' : 'holiday', name: '' });
    setEditing(day);
  };
  const save = async () => {
    const values = await form.validateFields();
    try {
      await calendarApi.set(editing!, values);
      message.success(`已保存 ${editing}`);
      setEditing(null);
      cal.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const remove = async () => {
    try {
      await calendarApi.remove(editing!);
      message.success(`已删除 ${editing}`);
      setEditing(null);
      cal.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <>
      <PageHeader title="节假日历" subtitle="法定节假日与调休上班日；线索答复、预警整改等期限均按工作日计算" />
      {cal.error && <Alert type="error" showIcon title={cal.error.message} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">
        <Tag color="red">休</Tag>放假　<Tag color="blue">班</Tag>调休上班{editable ? '　点击日期可设置或删除' : ''}
      </Typography.Paragraph>
      <Calendar
        data-testid="holiday-calendar"
        value={shown}
        onPanelChange={(d) => setParams({ month: d.format('YYYY-MM') }, { replace: true })}
        onSelect={(d, info) => (info.source === 'date' ? open(d) : setParams({ month: d.format('YYYY-MM') }, { replace: true }))}
        cellRender={(d, info) => {
          if (info.type !== 'date') return null;
          const entry = byDay.get(d.format('YYYY-MM-DD'));
          return entry ? (
            <Space size={2} data-testid={`holiday-${entry.day}`}>
              <Tag color={entry.kind === 'holiday' ? 'red' : 'blue'}>{entry.kind === 'holiday' ? '休' : '班'}</Tag>
              <Typography.Text ellipsis style={{ fontSize: 12, maxWidth: 90 }}>
                {entry.name}
              </Typography.Text>
            </Space>
          ) : null;
        }}
      />
      <Modal
        open={editing !== null}
        title={`设置 ${editing ?? ''}`}
        onCancel={() => setEditing(null)}
        footer={
          <Space>
            {editing && byDay.has(editing) && (
              <Button danger onClick={remove} data-testid="holiday-remove">
                删除
              </Button>
            )}
            <Button onClick={() => setEditing(null)}>取消</Button>
            <Button type="primary" onClick={save} data-testid="holiday-save">
              保存
            </Button>
          </Space>
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Radio.Group options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: HOLIDAY_DAY_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称，如“春节”“国庆节调休上班”' }, { max: 100 }]}>
            <Input placeholder="如：春节、国庆节调休上班" data-testid="holiday-name" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
