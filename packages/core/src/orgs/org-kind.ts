// DOMAIN.md · Org: the kinds of node in the organisation tree.
export const ORG_KINDS = [
  'commission',
  'dispatched_group',
  'township_commission',
  'unit',
  'section',
  'workstation',
  'reporting_point',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  commission: '纪委监委',
  dispatched_group: '派驻纪检组',
  township_commission: '乡镇（街道）纪委',
  unit: '单位',
  section: '股室（科室）',
  workstation: '预警工作站',
  reporting_point: '信息报送点',
};
