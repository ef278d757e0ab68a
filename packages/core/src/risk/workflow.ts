// State machines of the risk register: risk points, power inventories, self-check campaign stages.
// Each transition names who may take it: the owning org ('owner') or its reviewer ('reviewer').

export type Party = 'owner' | 'reviewer';

export interface Transition<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  to: S;
  by: Party;
}

export interface Machine<S extends string, A extends string> {
  /** The status after the action, or null when the action is not allowed from this status. */
  next(status: S, action: A): S | null;
  /** The actions open from a status to a caller who is the owner and/or the reviewer. */
  actions(status: S, parties: { owner: boolean; reviewer: boolean }): A[];
  transitions: readonly Transition<S, A>[];
}

export function machine<S extends string, A extends string>(transitions: readonly Transition<S, A>[]): Machine<S, A> {
  return {
    transitions,
    next: (status, action) => transitions.find((t) => t.action === action && t.from.includes(status))?.to ?? null,
    actions: (status, parties) => transitions.filter((t) => t.from.includes(status) && parties[t.by]).map((t) => t.action),
  };
}

export const RISK_POINT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published', 'retired', 'superseded'] as const;
export type RiskPointStatus = (typeof RISK_POINT_STATUSES)[number];
export const RISK_POINT_STATUS_LABELS: Record<RiskPointStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已审核',
  published: '已公示',
  retired: '已撤销',
  superseded: '已被新版本替代',
};

export type RiskPointAction = 'update' | 'submit' | 'return' | 'approve' | 'publish' | 'revise' | 'retire';
export const RISK_POINT_ACTION_LABELS: Record<RiskPointAction, string> = {
  update: '修改',
  submit: '提交审核',
  return: '退回',
  approve: '审核通过',
  publish: '公示',
  revise: '修订（生成新版本）',
  retire: '撤销',
};

/**
 * draft → submitted → approved → published; submitted → returned → (amended) → submitted.
 * Revising an approved or published point leaves it as it is and opens a new draft version; the old
 * one becomes 'superseded' when the new one is published. Retiring ends a point for good.
 */
export const RISK_POINT_MACHINE = machine<RiskPointStatus, RiskPointAction>([
  { action: 'update', from: ['draft', 'returned'], to: 'draft', by: 'owner' },
  { action: 'submit', from: ['draft', 'returned'], to: 'submitted', by: 'owner' },
  { action: 'return', from: ['submitted'], to: 'returned', by: 'reviewer' },
  { action: 'approve', from: ['submitted'], to: 'approved', by: 'reviewer' },
  { action: 'publish', from: ['approved'], to: 'published', by: 'reviewer' },
  { action: 'revise', from: ['approved', 'published'], to: 'draft', by: 'owner' },
  { action: 'retire', from: ['draft', 'returned', 'approved', 'published'], to: 'retired', by: 'owner' },
]);

/** A point cannot be submitted without at least one measure, each with an owner and a date. */
export function submitProblem(measures: readonly { owner: string; dueOn: string | null }[]): string | null {
  if (measures.length === 0) return '至少需要一条防控措施才能提交审核';
  const i = measures.findIndex((m) => !m.owner.trim() || !m.dueOn);
  return i >= 0 ? `第 ${i + 1} 条防控措施缺少责任人或完成时限` : null;
}

export const POWER_STATUSES = ['draft', 'submitted', 'returned', 'filed', 'published', 'retired'] as const;
export type PowerStatus = (typeof POWER_STATUSES)[number];
export const POWER_STATUS_LABELS: Record<PowerStatus, string> = {
  draft: '草稿',
  submitted: '待备案',
  returned: '已退回',
  filed: '已备案',
  published: '已公开',
  retired: '已撤销',
};
export type PowerAction = 'update' | 'submit' | 'return' | 'file' | 'publish' | 'retire';
/** Inventory and flowchart: draft → submitted → filed (by the reviewing commission) → published [002]. */
export const POWER_MACHINE = machine<PowerStatus, PowerAction>([
  { action: 'update', from: ['draft', 'returned'], to: 'draft', by: 'owner' },
  { action: 'submit', from: ['draft', 'returned'], to: 'submitted', by: 'owner' },
  { action: 'return', from: ['submitted'], to: 'returned', by: 'reviewer' },
  { action: 'file', from: ['submitted'], to: 'filed', by: 'reviewer' },
  { action: 'publish', from: ['filed'], to: 'published', by: 'owner' },
  { action: 'retire', from: ['draft', 'returned', 'filed', 'published'], to: 'retired', by: 'owner' },
]);

