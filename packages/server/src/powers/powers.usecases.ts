import {
  fieldLabel,
  POWER_MACHINE,
  POWER_STATUS_LABELS,
  POWER_TYPE_LABELS,
  POWER_TYPES,
  type Actor,
  type AuditAction,
  type FlowStep,
  type PowerAction,
  type PowerStatus,
  type PowerType,
  type RowIssue,
} from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { dataRows, headerProblem, loadWorkbook } from '../imports/imports.workbook.js';
import { findOrgInScope, type OrgRow } from '../orgs/orgs.repository.js';
import { requirePermission } from '../policy/scope.js';
import { findPowerInScope, powerParties, type PowerRow } from './powers.repository.js';

export interface PowerInput {
  name: string;
  type: PowerType;
  legalBasis: string;
  sectionOrgId?: number | null | undefined;
  postId?: number | null | undefined;
  steps: FlowStep[];
}

const invalid = (field: string, message: string) => new AppError('request.invalid', `${fieldLabel([field])}：${message}`, { issues: [{ field, message }] });

/** The responsible section must be a section under the org; the post must belong to the org or that section. */
async function checkResponsible(trx: Executor, org: Pick<OrgRow, 'id' | 'path'>, sectionOrgId: number | null | undefined, postId: number | null | undefined) {
  if (sectionOrgId) {
    const s = await trx.selectFrom('orgs').select(['path', 'kind']).where('id', '=', sectionOrgId).executeTakeFirst();
    if (!s || s.kind !== 'section' || !s.path.startsWith(org.path)) throw invalid('sectionOrgId', '责任股室须是本单位的内设股室');
  }
  if (postId) {
    const p = await trx.selectFrom('posts').select(['org_id', 'retired_at']).where('id', '=', postId).executeTakeFirst();
    if (!p || p.retired_at || (p.org_id !== org.id && p.org_id !== sectionOrgId)) throw invalid('postId', '责任岗位须是本单位或责任股室的在用岗位');
  }
}

async function ownOrg(trx: Executor, actor: Actor, orgId: number): Promise<OrgRow> {
  const org = await findOrgInScope(trx, actor, 'risk.write', orgId);
  if (!org) {
    if (await findOrgInScope(trx, actor, 'risk.read', orgId)) throw forbidden();
    throw new AppError('not_found', '所属单位不存在或不在您的权限范围内');
  }
  if (org.retired_at) throw new AppError('orgs.retired');
  return org;
}

const audit = (action: AuditAction, row: { id: number; org_id: number; name: string }, summary: string, extra: { before?: unknown; after?: unknown } = {}) => ({
  action,
  objectType: 'power',
  objectId: row.id,
  orgId: row.org_id,
  summary: `${summary}「${row.name}」`,
  ...extra,
});

export async function createPower(ctx: AppContext, actor: Actor, input: PowerInput & { orgId: number }): Promise<number> {
  requirePermission(actor, 'risk.write');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const org = await ownOrg(trx, actor, input.orgId);
    await checkResponsible(trx, org, input.sectionOrgId, input.postId);
    const { id } = await trx
      .insertInto('powers')
      .values({ org_id: org.id, name: input.name, type: input.type, legal_basis: input.legalBasis, section_org_id: input.sectionOrgId ?? null, post_id: input.postId ?? null, steps: JSON.stringify(input.steps), status: 'draft', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, audit('POWER_CREATED', { id, org_id: org.id, name: input.name }, `新增职权（${org.name}）`, { after: input }), now);
    return id;
  });
}

/** The power, locked, if the actor may take the action: 404 outside scope, 403 wrong party, 409 wrong status. */
async function powerFor(trx: Executor, actor: Actor, id: number, action: PowerAction): Promise<PowerRow> {
  requirePermission(actor, 'risk.read');
  const row = await findPowerInScope(trx, actor, id, true);
  if (!row) throw notFound();
  const by = POWER_MACHINE.transitions.find((t) => t.action === action)!.by;
  if (!powerParties(actor, row)[by]) throw forbidden();
  if (!POWER_MACHINE.next(row.status as PowerStatus, action)) throw new AppError('powers.wrong_status', `职权当前为「${POWER_STATUS_LABELS[row.status as PowerStatus]}」，不能执行此操作`);
  return row;
}

export async function updatePower(ctx: AppContext, actor: Actor, id: number, input: Partial<PowerInput>): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await powerFor(trx, actor, id, 'update');
    const sectionOrgId = input.sectionOrgId !== undefined ? input.sectionOrgId : row.section_org_id;
    const postId = input.postId !== undefined ? input.postId : row.post_id;
    await checkResponsible(trx, { id: row.org_id, path: row.org_path }, sectionOrgId, postId);
    if (input.steps) {
      // A step that is marked as a risk point must stay in the chart.
      const marked = await trx.selectFrom('risk_points').select(['title', 'power_step_key']).where('power_id', '=', id).where('status', 'not in', ['superseded', 'retired']).execute();
      const lost = marked.find((m) => m.power_step_key && !input.steps!.some((s) => s.key === m.power_step_key));
      if (lost) throw invalid('steps', `步骤「${lost.power_step_key}」已标记为风险点「${lost.title}」，不能删除`);
    }
    await trx
      .updateTable('powers')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.type !== undefined && { type: input.type }),
        ...(input.legalBasis !== undefined && { legal_basis: input.legalBasis }),
        section_org_id: sectionOrgId,
        post_id: postId,
        ...(input.steps !== undefined && { steps: JSON.stringify(input.steps) }),
        status: 'draft',
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, audit('POWER_UPDATED', row, '修改职权及流程图', { before: row, after: input }), now);
  });
}

const EVENTS: Record<Exclude<PowerAction, 'update'>, AuditAction> = {
  submit: 'POWER_SUBMITTED',
  return: 'POWER_RETURNED',
  file: 'POWER_FILED',
  publish: 'POWER_PUBLISHED',
  retire: 'POWER_RETIRED',
};

/** submit (needs a flowchart) → file or return (the reviewing commission) → publish → retire. */
export async function movePower(ctx: AppContext, actor: Actor, id: number, action: Exclude<PowerAction, 'update'>, comment: string | null): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await powerFor(trx, actor, id, action);
    if (action === 'submit' && (row.steps as FlowStep[]).length === 0) throw new AppError('powers.no_steps');
    const to = POWER_MACHINE.next(row.status as PowerStatus, action)!;
    await trx
      .updateTable('powers')
      .set({
        status: to,
        updated_at: now,
        ...(action === 'submit' && { submitted_at: now }),
        ...(action === 'return' && { review_comment: comment }),
        ...(action === 'file' && { filed_at: now, filed_by: actor.userId, review_comment: comment }),
        ...(action === 'publish' && { published_at: now }),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, audit(EVENTS[action], row, POWER_STATUS_LABELS[to], { after: { comment } }), now);
  });
}

export const POWER_COLUMNS = ['职权名称', '职权类型', '法定依据', '责任股室', '责任岗位'] as const;
export const POWER_SHEET = '职权目录';
const TYPE_BY_LABEL = new Map(POWER_TYPES.map((t) => [POWER_TYPE_LABELS[t], t]));

/**
 * Imports an org's inventory from Excel, all or nothing: wrong columns are refused before any row is
 * read; every bad cell is reported with its row and column; nothing is saved unless every row is good.
 */
export async function importPowers(ctx: AppContext, actor: Actor, orgId: number, buffer: Buffer): Promise<{ created: number }> {
  requirePermission(actor, 'risk.write');
  const wb = await loadWorkbook(buffer);
  const ws = wb.getWorksheet(POWER_SHEET) ?? wb.worksheets[0];
  const problem = ws ? headerProblem(ws, POWER_COLUMNS) : '工作簿中没有工作表';
  if (problem) throw new AppError('import.bad_columns', `Excel 表头与职权目录模板不一致：${problem}`, { issues: [{ field: POWER_SHEET, message: problem }] });
  const rows = dataRows(ws!, POWER_COLUMNS);
  if (rows.length === 0) throw new AppError('import.empty', '文件中没有职权数据');
  if (rows.length > 2000) throw new AppError('import.too_many_rows', '每次最多导入 2000 项职权');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const org = await ownOrg(trx, actor, orgId);
    const sections = new Map((await trx.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', org.id).where('kind', '=', 'section').execute()).map((s) => [s.name, s.id]));
    const posts = await trx.selectFrom('posts').select(['id', 'name', 'org_id']).where('org_id', 'in', [org.id, ...sections.values()]).where('retired_at', 'is', null).execute();
    const issues: RowIssue[] = [];
    const bad = (row: number, field: string, message: string) => issues.push({ sheet: POWER_SHEET, row, field, message });
    const values = rows.map(({ row, cells }) => {
      const name = cells['职权名称'].text;
      const typeLabel = cells['职权类型'].text;
      const legal = cells['法定依据'].text;
      const sectionName = cells['责任股室'].text;
      const postName = cells['责任岗位'].text;
      if (!name) bad(row, '职权名称', '不能为空');
      else if (name.length > 100) bad(row, '职权名称', '不能超过100个字符');
      const type = TYPE_BY_LABEL.get(typeLabel);
      if (!type) bad(row, '职权类型', `应为${POWER_TYPES.map((t) => POWER_TYPE_LABELS[t]).join('、')}之一`);
      if (!legal) bad(row, '法定依据', '不能为空');
      const sectionId = sectionName ? sections.get(sectionName) : null;
      if (sectionName && !sectionId) bad(row, '责任股室', `本单位没有名为「${sectionName}」的股室`);
      const post = postName ? posts.find((p) => p.name === postName && (p.org_id === (sectionId ?? org.id) || (!sectionId && p.org_id === org.id))) : null;
      if (postName && !post) bad(row, '责任岗位', `${sectionName || '本单位'}没有名为「${postName}」的岗位`);
      return { org_id: org.id, name, type: type ?? 'other', legal_basis: legal, section_org_id: sectionId ?? null, post_id: post?.id ?? null, steps: '[]', status: 'draft', created_at: now, updated_at: now };
    });
    if (issues.length) throw new AppError('import.rows_invalid', `${issues.length} 处错误，未导入任何职权`, { rows: issues });
    await trx.insertInto('powers').values(values).execute();
    await recordAudit(trx, actor, { action: 'POWERS_IMPORTED', objectType: 'power', orgId: org.id, summary: `导入职权目录 ${values.length} 项（${org.name}）` }, now);
    return { created: values.length };
  });
}
