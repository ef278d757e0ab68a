import { ORG_KIND_LABELS, ORG_KINDS, OrgCreate, type OrgKind } from '@qingfeng/core';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useEffect } from 'react';
import { FormModal } from '../shared/FormModal';
import { useFormSubmit } from '../shared/useFormSubmit';
import { zodRule } from '../shared/zod-rule';
import { orgsApi, type Org, type OrgDetail } from './api';
import { OrgTreeSelect } from './OrgTreeSelect';

interface Values {
  name: string;
  shortName?: string;
  kind: OrgKind;
  code?: string;
  sortOrder: number;
  supervisedOrgIds?: number[];
}

const FIELDS = ['name', 'shortName', 'kind', 'code', 'sortOrder', 'supervisedOrgIds'] as const;

/** What a child of a given kind usually is: a sensible default for 新建下级. */
const CHILD_KIND: Partial<Record<OrgKind, OrgKind>> = {
  commission: 'section',
  township_commission: 'unit',
  unit: 'section',
  dispatched_group: 'section',
};

export type OrgFormMode = { kind: 'create'; parent: Org | null } | { kind: 'edit'; org: OrgDetail };

export function OrgFormModal({ mode, onClose, onSaved }: { mode: OrgFormMode | null; onClose: () => void; onSaved: (o: OrgDetail) => void }) {
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS);
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!mode) return;
    if (mode.kind === 'edit') {
      const o = mode.org;
      submission.reset({
        name: o.name,
        shortName: o.shortName ?? undefined,
        kind: o.kind,
        code: o.code ?? undefined,
        sortOrder: o.sortOrder,
        supervisedOrgIds: o.supervisedOrgIds,
      });
    } else {
      submission.reset({ kind: (mode.parent && CHILD_KIND[mode.parent.kind]) ?? 'unit', sortOrder: 0, supervisedOrgIds: [] });
    }
    // Reset only when the dialog opens, not on every render of the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode !== null]);

  const submit = () =>
    submission.run(async (v) => {
      if (!mode) return;
      const fields = {
        name: v.name.trim(),
        shortName: v.shortName?.trim() || null,
        kind: v.kind,
        code: v.code?.trim() || null,
        sortOrder: v.sortOrder ?? 0,
        supervisedOrgIds: v.kind === 'dispatched_group' ? (v.supervisedOrgIds ?? []) : [],
      };
      if (mode.kind === 'create') {
        onSaved(await orgsApi.create({ parentId: mode.parent?.id ?? null, ...fields }));
      } else {
        const o = mode.org;
        // A PATCH names only what changed.
        const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
        const before: Record<string, unknown> = { name: o.name, shortName: o.shortName, kind: o.kind, code: o.code, sortOrder: o.sortOrder, supervisedOrgIds: sorted(o.supervisedOrgIds) };
        const after: Record<string, unknown> = { ...fields, supervisedOrgIds: sorted(fields.supervisedOrgIds) };
        const body = Object.fromEntries(Object.entries(after).filter(([k, val]) => JSON.stringify(val) !== JSON.stringify(before[k])));
        onSaved(Object.keys(body).length ? await orgsApi.update(o.id, body) : o);
      }
    });

  const title = mode?.kind === 'edit' ? `编辑组织 · ${mode.org.name}` : mode?.parent ? `新建下级组织 · ${mode.parent.name}` : '新建顶级组织';
  return (
    <FormModal open={mode !== null} title={title} width={620} onCancel={onClose} onOk={submit} submit={submission} okTestId="org-submit" errorTestId="org-form-error">
      <Form form={form} layout="vertical" name="org">
        <Form.Item label="组织名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入组织名称' }, zodRule(OrgCreate.shape.name)]}>
          <Input maxLength={100} data-testid="org-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="简称" name="shortName" rules={[zodRule(OrgCreate.shape.shortName)]}>
              <Input maxLength={30} data-testid="org-short-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
              <Select options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))} data-testid="org-kind" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="组织代码" name="code" rules={[zodRule(OrgCreate.shape.code)]} extra="字母、数字、下划线或短横线，全区唯一">
              <Input maxLength={40} className="qf-mono" data-testid="org-code" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="排序号" name="sortOrder" extra="同级组织按排序号从小到大排列">
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'dispatched_group' && (
          <Form.Item label="监督单位" name="supervisedOrgIds" extra="派驻纪检组监督的单位（可多选，不必属于同一上级）">
            <OrgTreeSelect multiple placeholder="选择监督单位" data-testid="org-supervised" />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
