import { PERSONAL_MATTER_FINDING_LABELS, todayIn, type Actor, type PersonalMatterCheck, type PersonalMatterCreate } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { findPersonInScope } from '../people/people.repository.js';
import { requirePermission } from '../policy/scope.js';
import { findMatterInScope } from './personal-matters.repository.js';

/** Registers a report as submitted (a cadre their own; a unit or township for its people). */
export async function submitMatter(ctx: AppContext, actor: Actor, input: PersonalMatterCreate): Promise<number> {
  requirePermission(actor, 'personal_matters.write');
  const now = ctx.clock.now();
  if (input.submittedOn > todayIn(now)) throw invalid('submittedOn', '报告日期不能晚于今天');
  return ctx.database.db.transaction().execute(async (trx) => {
    const person = await findPersonInScope(trx, actor, 'personal_matters.write', input.personId);
    if (!person) throw new AppError('not_found', '人员不存在或不在您的权限范围内');
    if (input.kind === 'annual' && (await trx.selectFrom('personal_matter_reports').select('id').where('person_id', '=', input.personId).where('year', '=', input.year).where('kind', '=', 'annual').executeTakeFirst())) {
      throw new AppError('personal_matters.annual_duplicate', `${person.name} ${input.year}年度的个人有关事项报告已登记`);
    }
    const { id } = await trx
      .insertInto('personal_matter_reports')
      .values({ person_id: input.personId, year: input.year, kind: input.kind, submitted_on: input.submittedOn, summary: input.matters ?? null, status: 'submitted', created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'PERSONAL_MATTER_SUBMITTED', objectType: 'personal_matter_report', objectId: id, orgId: person.org_id, summary: `登记${person.name} ${input.year}年度个人有关事项报告` }, now);
    return id;
  });
}

/** Records the check (抽查核实 or 重点查核) and its finding; never by the reporting person. */
export async function checkMatter(ctx: AppContext, actor: Actor, id: number, input: PersonalMatterCheck): Promise<void> {
  requirePermission(actor, 'personal_matters.check');
  const now = ctx.clock.now();
  if (input.checkedOn > todayIn(now)) throw invalid('checkedOn', '核查日期不能晚于今天');
  await ctx.database.db.transaction().execute(async (trx) => {
    const m = await findMatterInScope(trx, actor, 'personal_matters.check', id);
    if (!m) {
      if (await findMatterInScope(trx, actor, 'archives.read', id)) throw new AppError('auth.forbidden');
      throw notFound();
    }
    if (m.status === 'checked') throw new AppError('personal_matters.already_checked');
    if (m.person_id === actor.personId) throw new AppError('auth.forbidden', '不能核查本人的报告');
    if (input.checkedOn < m.submitted_on) throw invalid('checkedOn', `核查日期不能早于报告日期 ${m.submitted_on}`);
    await trx
      .updateTable('personal_matter_reports')
      .set({ status: 'checked', check_method: input.checkMethod, checked_on: input.checkedOn, finding: input.finding, finding_note: input.findingNote ?? null, checked_by: actor.userId })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'PERSONAL_MATTER_CHECKED', objectType: 'personal_matter_report', objectId: id, orgId: m.org_id, summary: `核查${m.person_name} ${m.year}年度个人有关事项报告：${PERSONAL_MATTER_FINDING_LABELS[input.finding]}` }, now);
  });
}
