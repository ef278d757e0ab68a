import { ORG_KIND_LABELS, type OrgKind } from '@qingfeng/core';
import { Tag } from 'antd';

/** Display colours of the org kinds (presentation only; the labels come from the core). */
export const ORG_KIND_COLORS: Record<OrgKind, string> = {
  commission: 'red',
  dispatched_group: 'purple',
  township_commission: 'blue',
  unit: 'geekblue',
  section: 'default',
  workstation: 'orange',
  reporting_point: 'gold',
};

export function OrgKindTag({ kind, short = false }: { kind: OrgKind; short?: boolean }) {
  const label = ORG_KIND_LABELS[kind];
  return (
    <Tag color={ORG_KIND_COLORS[kind]} variant="filled" style={{ marginInlineEnd: 0 }}>
      {short ? label.replace(/（.*?）/g, '') : label}
    </Tag>
  );
}
