import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_STAGES,
  layoutFlowchart,
  monitoringOwner,
  nextCampaignStage,
  POWER_MACHINE,
  RISK_POINT_MACHINE,
  submitProblem,
  validateFlowchart,
  type ChainOrg,
  type FlowStep,
  type MonitorTier,
} from '../src/index.js';

// A district: commission 1 with its supervision office 2 and dispatched group 3, which supervises
// department 10 (with section 11); township commission 20 with unit 21 and its section 22.
const commission: ChainOrg = { id: 1, kind: 'commission', supervisedBy: [] };
const dept: ChainOrg = { id: 10, kind: 'unit', supervisedBy: [3] };
const deptSection: ChainOrg = { id: 11, kind: 'section', supervisedBy: [] };
const town: ChainOrg = { id: 20, kind: 'township_commission', supervisedBy: [] };
const townUnit: ChainOrg = { id: 21, kind: 'unit', supervisedBy: [] };
const townSection: ChainOrg = { id: 22, kind: 'section', supervisedBy: [] };

describe('monitoringOwner (seed 001: 一级 监察室/派驻组, 二级 乡镇纪委, 三级 所在党组织)', () => {
  it.each<[string, MonitorTier, ChainOrg[], number | null, { orgId: number; tier: MonitorTier }]>([
    ['level 1 in a supervised department: the dispatched group', 'supervisor', [dept, commission], 2, { orgId: 3, tier: 'supervisor' }],
    ['level 1 in a section of a supervised department: the group of the department', 'supervisor', [deptSection, dept, commission], 2, { orgId: 3, tier: 'supervisor' }],
    ['level 1 in a township unit: the supervision office', 'supervisor', [townUnit, town, commission], 2, { orgId: 2, tier: 'supervisor' }],
    ['level 1 without a supervision office: the commission', 'supervisor', [townUnit, town, commission], null, { orgId: 1, tier: 'supervisor' }],
    ['level 2 in a township unit: the township commission', 'township', [townUnit, town, commission], 2, { orgId: 20, tier: 'township' }],
    ['level 2 in a township section: the township commission', 'township', [townSection, townUnit, town, commission], 2, { orgId: 20, tier: 'township' }],
    ['level 2 with no township above: falls back to the supervisor', 'township', [dept, commission], 2, { orgId: 3, tier: 'supervisor' }],
    ['level 3 in a unit: the unit itself', 'own', [townUnit, town, commission], 2, { orgId: 21, tier: 'own' }],
    ['level 3 in a section: the unit above it', 'own', [townSection, townUnit, town, commission], 2, { orgId: 21, tier: 'own' }],
    ['level 3 in a department section: the department', 'own', [deptSection, dept, commission], 2, { orgId: 10, tier: 'own' }],
  ])('%s', (_label, tier, chain, office, expected) => {
    expect(monitoringOwner(tier, { chain, supervisionOfficeId: office })).toEqual(expected);
  });
});

describe('risk point workflow', () => {
  it.each([
    ['draft', 'submit', 'submitted'],
    ['returned', 'submit', 'submitted'],
    ['returned', 'update', 'draft'],
    ['submitted', 'return', 'returned'],
    ['submitted', 'approve', 'approved'],
    ['approved', 'publish', 'published'],
    ['published', 'revise', 'draft'],
    ['published', 'retire', 'retired'],
    ['draft', 'approve', null],
    ['draft', 'publish', null],
    ['submitted', 'update', null],
    ['submitted', 'submit', null],
    ['published', 'update', null],
    ['retired', 'revise', null],
    ['superseded', 'retire', null],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(RISK_POINT_MACHINE.next(from, action)).toBe(to);
  });

  it.each([
    ['draft', { owner: true, reviewer: false }, ['update', 'submit', 'retire']],
    ['draft', { owner: false, reviewer: true }, []],
    ['submitted', { owner: true, reviewer: false }, []],
    ['submitted', { owner: false, reviewer: true }, ['return', 'approve']],
    ['approved', { owner: true, reviewer: true }, ['publish', 'revise', 'retire']],
    ['published', { owner: true, reviewer: false }, ['revise', 'retire']],
    ['retired', { owner: true, reviewer: true }, []],
  ] as const)('actions from %s for %o', (status, parties, expected) => {
    expect(RISK_POINT_MACHINE.actions(status, parties)).toEqual(expected);
  });

  it.each([
    [[], '至少需要一条防控措施才能提交审核'],
    [[{ owner: '所长', dueOn: '2026-12-31' }], null],
    [[{ owner: '所长', dueOn: '2026-12-31' }, { owner: ' ', dueOn: '2026-12-31' }], '第 2 条防控措施缺少责任人或完成时限'],
    [[{ owner: '所长', dueOn: null }], '第 1 条防控措施缺少责任人或完成时限'],
  ])('submitProblem %#', (measures, expected) => {
    expect(submitProblem(measures)).toBe(expected);
  });
});

describe('power and campaign workflows', () => {
  it.each([
    ['draft', 'submit', 'submitted'],
    ['submitted', 'file', 'filed'],
    ['submitted', 'return', 'returned'],
    ['filed', 'publish', 'published'],
    ['draft', 'file', null],
    ['draft', 'publish', null],
    ['submitted', 'publish', null],
  ] as const)('power %s --%s--> %s', (from, action, to) => {
    expect(POWER_MACHINE.next(from, action)).toBe(to);
  });

  it('campaign stages run 个人自查 → 部门评查 → 交叉互查 → 纪委审查 → 结束', () => {
    const seen = [];
    for (let s: (typeof CAMPAIGN_STAGES)[number] | null = 'self_check'; s; s = nextCampaignStage(s)) seen.push(s);
    expect(seen).toEqual(['self_check', 'dept_review', 'cross_check', 'commission_review', 'closed']);
  });
});

const step = (key: string, next: string[], name = key): FlowStep => ({ key, name, actor: '窗口', timeLimitDays: 1, next });

describe('validateFlowchart', () => {
  const ok = [step('a', ['b']), step('b', ['c', 'd']), step('c', ['e']), step('d', ['b']), step('e', [])];
  it('a valid chart (with a loop back for corrections)', () => expect(validateFlowchart(ok)).toEqual([]));

  it.each<[string, FlowStep[], { field: string; message: string }[]]>([
    ['empty', [], [{ field: 'steps', message: '流程图至少需要一个步骤' }]],
    ['a dangling arrow', [step('a', ['b'], '受理'), step('b', ['x'], '审核')], [{ field: 'steps.1.next.0', message: '第 2 步「审核」指向的步骤「x」不存在（悬空连线）' }]],
    ['a duplicate key', [step('a', []), step('a', [])], [{ field: 'steps.1.key', message: '第 2 步的编号「a」重复' }]],
    ['two starts', [step('a', ['c'], '受理'), step('b', ['c'], '登记'), step('c', [])], [{ field: 'steps', message: '流程图只能有一个起始步骤，现有 2 个：「受理」、「登记」' }]],
    ['a step unreachable from the start', [step('a', ['b']), step('b', []), step('c', ['d'], '复核'), step('d', ['c'])], [{ field: 'steps.2', message: '第 3 步「复核」无法从起始步骤到达（悬空步骤）' }, { field: 'steps.3', message: '第 4 步「d」无法从起始步骤到达（悬空步骤）' }]],
    ['no end', [step('a', ['b']), step('b', ['c']), step('c', ['b'])], [{ field: 'steps', message: '流程图没有结束步骤' }]],
    ['a self loop', [step('a', ['a'], '受理')], [{ field: 'steps.0.next.0', message: '第 1 步「受理」不能指向自身' }]],
  ])('%s', (_label, steps, expected) => {
    expect(validateFlowchart(steps)).toEqual(expected);
  });

  it('layout: rows by distance from the start', () => {
    expect(layoutFlowchart(ok)).toEqual([
      { key: 'a', row: 0, col: 0 },
      { key: 'b', row: 1, col: 0 },
      { key: 'c', row: 2, col: 0 },
      { key: 'd', row: 2, col: 1 },
      { key: 'e', row: 3, col: 0 },
    ]);
  });
});
