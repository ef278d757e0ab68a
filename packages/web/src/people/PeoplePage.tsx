import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Select, Space } from 'antd';
import { useState } from 'react';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { PageHeader } from '../shared/PageHeader';
import { SearchInput } from '../shared/SearchInput';
import { peopleApi, type PeopleFilter } from './api';
import { PeopleTable } from './PeopleTable';
import { PersonDrawer } from './PersonDrawer';
import { TALK_CLASS_OPTIONS } from './TalkClassTag';
import { useQueryParams } from '../shared/useQueryParams';

/** 人员: everyone in the user's scope, with filters; a click opens the person. */
export default function PeoplePage() {
  const [params, setQuery] = useQueryParams();
  const orgParam = Number(params.get('orgId'));
  const filter: Omit<PeopleFilter, 'page' | 'pageSize'> = {
    q: params.get('q') ?? undefined,
    talkClass: (params.get('talkClass') as PeopleFilter['talkClass']) ?? undefined,
    orgId: orgParam > 0 ? orgParam : undefined,
    subtree: orgParam > 0 ? params.get('subtree') !== 'false' : undefined,
    includeRetired: params.get('includeRetired') === 'true' || undefined,
  };
  const [openId, setOpenId] = useState<number | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await peopleApi.exportXlsx(filter);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const set = (key: string, value: string | undefined) => setQuery({ [key]: value });

  return (
    <>
      <PageHeader
        title="人员"
        subtitle="权限范围内的干部名册；列表中身份证号已脱敏，查看详情记入审计日志。"
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="people-export">
            导出名册
          </Button>
        }
      />
      <Card>
        <Form layout="inline" className="qf-filters" style={{ rowGap: 12 }}>
          <Form.Item label="关键词">
            <SearchInput value={filter.q ?? ''} onSearch={(v) => set('q', v)} placeholder="姓名或完整身份证号" width={220} testId="people-search" />
          </Form.Item>
          <Form.Item label="谈话类别">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              value={filter.talkClass}
              onChange={(v?: string) => set('talkClass', v)}
              options={TALK_CLASS_OPTIONS.map((o) => ({ value: o.value, label: `${o.value}类`, title: o.label }))}
              data-testid="people-talk-class"
            />
          </Form.Item>
          <Form.Item label="组织">
            <Space>
              <OrgTreeSelect
                style={{ width: 280 }}
                value={filter.orgId}
                onChange={(v) => set('orgId', v ? String(v) : undefined)}
                placeholder="全部（权限范围内）"
                data-testid="people-org"
              />
              <Checkbox
                checked={filter.subtree ?? true}
                disabled={!filter.orgId}
                onChange={(e) => set('subtree', e.target.checked ? undefined : 'false')}
                data-testid="people-subtree"
              >
                含下级
              </Checkbox>
            </Space>
          </Form.Item>
          <Form.Item>
            <Checkbox checked={!!filter.includeRetired} onChange={(e) => set('includeRetired', e.target.checked ? 'true' : undefined)}>
              含已离岗
            </Checkbox>
          </Form.Item>
        </Form>
        <PeopleTable filter={filter} reloadKey={reloadKey} onOpen={(p) => setOpenId(p.id)} />
      </Card>
      <PersonDrawer personId={openId} onClose={() => setOpenId(null)} onChanged={() => setReloadKey((k) => k + 1)} />
    </>
  );
}
