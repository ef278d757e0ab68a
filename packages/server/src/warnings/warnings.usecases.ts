import {
  hasPermission,
  ANSWER_FIELDS,
  formatSerial,
  isOverdue,
  isWarningSubject,
  missingAnswerFields,
  missingRecords,
  NOTICE_KINDS,
  ruleFor,
  todayIn,
  transition,
  unknownMeasures,
  WARNING_DEMANDS,
  WARNING_LEVEL_LABELS,
  warningDeadline,
  type Actor,
  type WarningAnswerFields,
  type WarningBackRegister,
  type WarningDemand,
  type WarningEvent,
  type WarningIssue,
  type WarningLevel,
  type WarningReview,
  type WarningStatus,
} from '@qingfeng/core';
import { saveAttachments, type UploadedFile } from '../attachments/attachments.store.js';
import { recordAudit } from '../audit/audit.recorder.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { clueViewer, findClue } from '../clues/clues.repository.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { nextNumber } from '../numbering/numbering.js';
import { requirePermission } from '../policy/scope.js';
import { escalate, noticeSeries } from './warnings.escalation.js';
import { ANSWER_OWNER, factsOf as facts, findWarningInScope, issuerOrgOf, loadWarningConfig, subjectOrgInScope, subjectPersonInScope, type WarningRow } from './warnings.repository.js';

function step(w: WarningRow, event: WarningEvent, today: string) {
  const t = transition(w.status as WarningStatus, w.level as WarningLevel, event, isOverdue(facts(w), today));
  if (!t.ok) throw new AppError(t.code);
  return t;
}

/** A warning the actor may read; 404 outside scope. */
async function readable(trx: Executor, actor: Actor, id: number): Promise<WarningRow> {
  requirePermission(actor, 'warnings.read');
  const w = await findWarningInScope(trx, actor, 'warnings.read', id, true);
  if (!w) throw notFound();
  return w;
}

/** A warning the actor reviews or escalates: issuers over its subject only (403 for other readers, 404 outside scope). */
async function forIssuer(trx: Executor, actor: Actor, id: number): Promise<WarningRow> {
  requirePermission(actor, 'warnings.issue');
  const w = await findWarningInScope(trx, actor, 'warnings.issue', id, true);
  if (w) return w;
  if (await findWarningInScope(trx, actor, 'warnings.read', id)) throw forbidden();
  throw notFound();
}

/** A warning the actor answers: its subject only. */
async function forSubject(trx: Executor, actor: Actor, id: number): Promise<WarningRow> {
  const w = await readable(trx, actor, id);
  if (!isWarningSubject(actor, facts(w))) throw new AppError('warnings.not_subject');
  return w;
}

interface Subject {
  kind: 'person' | 'org';
  personId: number | null;
  orgId: number;
  name: string;
}

async function subjectOf(trx: Executor, actor: Actor, input: Pick<WarningIssue, 'subjectKind' | 'subjectPersonId' | 'subjectOrgId' | 'disposalMeasures'>): Promise<Subject> {
  const unknown = unknownMeasures(input.subjectKind, input.disposalMeasures);
  if (unknown.length) throw new AppError('warnings.measure_unknown', `处置措施「${unknown.join('、')}」不在${input.subjectKind === 'person' ? '对个人' : '对单位'}的处置措施字典中`);
  if (input.subjectKind === 'person') {
    const p = await subjectPersonInScope(trx, actor, input.subjectPersonId!);
    if (!p || p.retired_at) throw new AppError('not_found', '被预警人不存在、已离岗或不在您的权限范围内');
    return { kind: 'person', personId: p.id, orgId: p.org_id, name: `${p.name}（${p.org_name}）` };
  }
  const o = await subjectOrgInScope(trx, actor, input.subjectOrgId!);
  if (!o || o.retired_at) throw new AppError('not_found', '被预警单位不存在、已撤销或不在您的权限范围内');
  return { kind: 'org', personId: null, orgId: o.id, name: o.name };
}

/** The row of a new warning entered by an issuer (issued now, or back-registered). */
async function insertWarning(
  trx: Executor,
  actor: Actor,
  subject: Subject,
  input: Pick<WarningIssue, 'level' | 'facts' | 'basis' | 'clueId' | 'disposalMeasures'>,
  row: { serialNo: string; issuedOn: string; deadline: string; status: WarningStatus; backRegistered: boolean; acknowledgedOn?: string | null; closedOn?: string | null },
  now: Date,
): Promise<number> {
  const [config, issuerOrgId] = await Promise.all([loadWarningConfig(trx), issuerOrgOf(trx, actor)]);
  const { id } = await trx
    .insertInto('warnings')
    .values({
      serial_no: row.serialNo,
      level: input.level,
      subject_kind: subject.kind,
      subject_person_id: subject.personId,
      subject_org_id: subject.orgId,
      issuer_org_id: issuerOrgId,
      issued_by: actor.userId,
      issued_on: row.issuedOn,
      deadline: row.deadline,
      status: row.status,
      facts: input.facts,
      basis: input.basis,
      clue_id: input.clueId ?? null,
      disposal_measures: input.disposalMeasures,
      demands: ruleFor(config.rules, input.level).demands,
      parent_warning_id: null,
      back_registered: row.backRegistered,
      acknowledged_at: row.acknowledgedOn ? `${row.acknowledgedOn}T00:00:00+08:00` : null,
      closed_on: row.closedOn ?? null,
      outcome: row.closedOn ? 'accepted' : null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A warning issued from a clue cites one the issuer may read in the ledger (seed 000: 线索 → 预警). */
async function requireSourceClue(trx: Executor, actor: Actor, clueId: number | null | undefined) {
  if (clueId == null) return;
  const clue = hasPermission(actor, 'clues.read') ? await findClue(trx, await clueViewer(trx, actor), clueId) : undefined;
  if (!clue) throw new AppError('not_found', `线索 ${clueId} 不存在或不在您的权限范围内`);
}

/** Issues a warning with its notices (numbered 文号); the subject finds it in their to-do list. */
export async function issueWarning(ctx: AppContext, actor: Actor, input: WarningIssue): Promise<number> {
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => (await issueWarningWithin(trx, actor, input, now)).id);
}

/**
 * Issues a warning inside the caller's transaction, so that another record can stand on it (a 不及格
 * assessment's rectification notice, issue 6). The subject must lie in the actor's issuing scope.
 */
export async function issueWarningWithin(trx: Executor, actor: Actor, input: WarningIssue, now: Date): Promise<{ id: number; serialNo: string }> {
  requirePermission(actor, 'warnings.issue');
  const today = todayIn(now);
  if (input.deadline && input.deadline < today) throw new AppError('warnings.deadline_past', `整改期限 ${input.deadline} 早于今天（${today}）；历史纸质预警请用补录`);
  const subject = await subjectOf(trx, actor, input);
  await requireSourceClue(trx, actor, input.clueId);
  const [cal, config] = await Promise.all([loadCalendar(trx), loadWarningConfig(trx)]);
  const rule = ruleFor(config.rules, input.level);
  const deadline = warningDeadline(cal, rule, today, input.deadline);
  const year = Number(today.slice(0, 4));
  const notices = [];
  for (const kind of rule.notices) {
    notices.push({ kind, serial: formatSerial(NOTICE_KINDS[kind].serialTemplate, { year, seq: await nextNumber(trx, noticeSeries(kind), year) }) });
  }
  const serialNo = notices[0]!.serial;
  const id = await insertWarning(trx, actor, subject, input, { serialNo, issuedOn: today, deadline, status: 'issued', backRegistered: false }, now);
  await trx.insertInto('warning_notices').values(notices.map((n) => ({ warning_id: id, kind: n.kind, serial_no: n.serial, issued_on: today }))).execute();
  await recordAudit(
    trx,
    actor,
    {
      action: 'WARNING_ISSUED',
      objectType: 'warning',
      objectId: id,
      orgId: subject.orgId,
      summary: `向${subject.name}发出${WARNING_LEVEL_LABELS[input.level]} ${serialNo}，整改期限 ${deadline}`,
      after: { level: input.level, deadline, clueId: input.clueId ?? null, notices: notices.map((n) => n.serial) },
    },
    now,
  );
  return { id, serialNo };
}

/** 补录: a paper warning entered with its original 文号 and dates; escalation applies from now on. */
export async function backRegisterWarning(ctx: AppContext, actor: Actor, input: WarningBackRegister): Promise<number> {
  requirePermission(actor, 'warnings.issue');
  const now = ctx.clock.now();
  const today = todayIn(now);
  if (input.issuedOn > today) throw new AppError('request.invalid', `发出日期（issuedOn）：补录的预警须是已发出的，不能晚于今天（${today}）`, { issues: [{ field: 'issuedOn', message: '不能晚于今天' }] });
  return ctx.database.db.transaction().execute(async (trx) => {
    const subject = await subjectOf(trx, actor, input);
    const duplicate = await trx.selectFrom('warnings').select('id').where('serial_no', '=', input.serialNo).executeTakeFirst();
    if (duplicate) throw new AppError('warnings.serial_duplicate', `文号「${input.serialNo}」已存在`);
    const status: WarningStatus = input.closedOn ? 'closed' : input.acknowledgedOn ? 'acknowledged' : 'issued';
    const id = await insertWarning(
      trx,
      actor,
      subject,
      input,
      { serialNo: input.serialNo, issuedOn: input.issuedOn, deadline: input.deadline, status, backRegistered: true, acknowledgedOn: input.acknowledgedOn ?? null, closedOn: input.closedOn ?? null },
      now,
    );
    await recordAudit(
      trx,
      actor,
      {
        action: 'WARNING_BACK_REGISTERED',
        objectType: 'warning',
        objectId: id,
        orgId: subject.orgId,
        summary: `补录${WARNING_LEVEL_LABELS[input.level]} ${input.serialNo}（${subject.name}，原发出日期 ${input.issuedOn}，期限 ${input.deadline}）`,
        after: { ...input, status },
      },
      now,
    );
    return id;
  });
}

export async function acknowledgeWarning(ctx: AppContext, actor: Actor, id: number) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const w = await forSubject(trx, actor, id);
    step(w, 'acknowledge', todayIn(now));
    await trx.updateTable('warnings').set({ status: 'acknowledged', acknowledged_at: now, acknowledged_by: actor.userId }).where('id', '=', id).where('status', '=', 'issued').execute();
    await recordAudit(trx, actor, { action: 'WARNING_ACKNOWLEDGED', objectType: 'warning', objectId: id, orgId: w.subject_org_id, summary: `签收${WARNING_LEVEL_LABELS[w.level as WarningLevel]}通知 ${w.serial_no}` }, now);
  });
}

/** The subject's answer: what the level demands, in writing, with attachments; before the deadline. */
export async function answerWarning(ctx: AppContext, actor: Actor, id: number, answer: WarningAnswerFields, files: UploadedFile[]) {
  const now = ctx.clock.now();
  const today = todayIn(now);
  await ctx.database.db.transaction().execute(async (trx) => {
    const w = await forSubject(trx, actor, id);
    step(w, 'respond', today);
    if (w.deadline < today) throw new AppError('warnings.deadline_passed', `答复期限 ${w.deadline} 已过，预警将按规定自动升级`);
    const missing = missingAnswerFields(w.demands as WarningDemand[], answer);
    if (missing.length) {
      const labels = missing.map((f) => ANSWER_FIELDS[f].label);
      throw new AppError('warnings.answer_incomplete', `本级预警要求：${labels.join('、')}，请填写后再提交`, { issues: missing.map((f) => ({ field: f, message: `${ANSWER_FIELDS[f].label}不能为空` })) });
    }
    const { id: answerId } = await trx
      .insertInto('warning_answers')
      .values({ warning_id: id, explanation: answer.explanation || null, causes: answer.causes || null, measures: answer.measures || null, report: answer.report || null, submitted_by: actor.userId, submitted_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveAttachments(trx, ANSWER_OWNER, answerId, files, actor.userId);
    await trx.updateTable('warnings').set({ status: 'answered' }).where('id', '=', id).where('status', '=', 'acknowledged').execute();
    await recordAudit(
      trx,
      actor,
      { action: 'WARNING_ANSWERED', objectType: 'warning', objectId: id, orgId: w.subject_org_id, summary: `答复预警 ${w.serial_no}${files.length ? `（附件 ${files.length} 个）` : ''}`, after: { answerId, attachments: files.map((f) => f.fileName) } },
      now,
    );
  });
}

/** The issuer's verdict on the latest answer: accepted closes the warning; inadequate escalates it. */
export async function reviewWarning(ctx: AppContext, actor: Actor, id: number, review: WarningReview): Promise<number | null> {
  const now = ctx.clock.now();
  const today = todayIn(now);
  return ctx.database.db.transaction().execute(async (trx) => {
    const w = await forIssuer(trx, actor, id);
    step(w, review.verdict === 'accepted' ? 'accept' : 'judge_inadequate', today);
    if (review.verdict === 'accepted') {
      const missing = missingRecords(w.demands as WarningDemand[], { talkHeld: w.talk_held_on != null, filed: w.filed_on != null });
      if (missing.length) throw new AppError('warnings.records_missing', `审核通过前须先记录：${missing.map((d) => WARNING_DEMANDS[d]).join('、')}`);
    }
    const answer = await trx.selectFrom('warning_answers').select('id').where('warning_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    await trx.insertInto('warning_reviews').values({ warning_id: id, answer_id: answer.id, verdict: review.verdict, comment: review.comment ?? null, reviewed_by: actor.userId, reviewed_at: now }).execute();
    if (review.verdict === 'accepted') {
      await trx.updateTable('warnings').set({ status: 'closed', outcome: 'accepted', closed_on: today }).where('id', '=', id).where('status', '=', 'answered').execute();
      await recordAudit(trx, actor, { action: 'WARNING_ACCEPTED', objectType: 'warning', objectId: id, orgId: w.subject_org_id, summary: `审核预警 ${w.serial_no} 的答复：整改到位，办结`, after: { comment: review.comment ?? null } }, now);
      return null;
    }
    await recordAudit(trx, actor, { action: 'WARNING_JUDGED_INADEQUATE', objectType: 'warning', objectId: id, orgId: w.subject_org_id, summary: `审核预警 ${w.serial_no} 的答复：整改不到位（${review.comment}）`, after: { comment: review.comment } }, now);
    const r = await escalate(trx, { today, now, actor, reason: 'inadequate', ids: [id], talk: review.talk ?? null });
    return r.escalated[0]?.childId ?? null;
  });
}

/** An issuer escalates one overdue warning now, by the same rule as the sweep. */
export async function escalateWarning(ctx: AppContext, actor: Actor, id: number): Promise<number | null> {
  const now = ctx.clock.now();
  const today = todayIn(now);
  return ctx.database.db.transaction().execute(async (trx) => {
    const w = await forIssuer(trx, actor, id);
    step(w, 'escalate_overdue', today);
    const r = await escalate(trx, { today, now, actor, reason: 'overdue', ids: [id] });
    if (!r.escalated.length && !r.referred.length) throw new AppError('warnings.closed');
    return r.escalated[0]?.childId ?? null;
  });
}

async function level3ForIssuer(trx: Executor, actor: Actor, id: number) {
  const w = await forIssuer(trx, actor, id);
  if (!['issued', 'acknowledged', 'answered'].includes(w.status)) throw new AppError('warnings.closed');
  if (w.level !== 3) throw new AppError('warnings.not_level3');
  return w;
}

export async function scheduleTalk(ctx: AppContext, actor: Actor, id: number, input: { scheduledOn: string; place: string; talker: string }) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const w = await level3ForIssuer(trx, actor, id);
    await trx.updateTable('warnings').set({ talk_scheduled_on: input.scheduledOn, talk_place: input.place, talk_by: input.talker }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'WARNING_TALK_SCHEDULED', objectType: 'warning', objectId: id, orgId: w.subject_org_id, summary: `安排诫勉谈话：${input.scheduledOn}，${input.place}，谈话人 ${input.talker}`, after: input }, now);
  });
}

export async function recordTalk(ctx: AppContext, actor: Actor, id: number, input: { heldOn: string; participants: string; record: string }) {
  const now = ctx.clock.now();
  if (input.heldOn > todayIn(now)) throw new AppError('request.invalid', '谈话日期（heldOn）：不能晚于今天', { issues: [{ field: 'heldOn', message: '不能晚于今天' }] });
  await ctx.database.db.transaction().execute(async (trx) => {
    const w = await level3ForIssuer(trx, actor, id);
    await trx.updateTable('warnings').set({ talk_held_on: input.heldOn, talk_participants: input.participants, talk_record: input.record }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'WARNING_TALK_RECORDED', objectType: 'warning', objectId: id, orgId: w.subject_org_id, summary: `记录诫勉谈话：${input.heldOn}，参加人员 ${input.participants}`, after: { heldOn: input.heldOn, participants: input.participants } }, now);
  });
}

export async function recordFiling(ctx: AppContext, actor: Actor, id: number, input: { filedOn: string; department: string }) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const w = await level3ForIssuer(trx, actor, id);
    await trx.updateTable('warnings').set({ filed_on: input.filedOn, filed_with: input.department }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'WARNING_FILED', objectType: 'warning', objectId: id, orgId: w.subject_org_id, summary: `抄送${input.department}备案（${input.filedOn}）`, after: input }, now);
  });
}

export async function updateLevelRule(ctx: AppContext, actor: Actor, level: WarningLevel, input: { demands?: WarningDemand[] | undefined; deadlineWorkingDays?: number | undefined; colour?: string | undefined }) {
  requirePermission(actor, 'warnings.configure');
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('warning_level_rules').select(['demands', 'deadline_working_days', 'colour']).where('level', '=', level).executeTakeFirstOrThrow();
    await trx
      .updateTable('warning_level_rules')
      .set({
        ...(input.demands && { demands: input.demands }),
        ...(input.deadlineWorkingDays !== undefined && { deadline_working_days: input.deadlineWorkingDays }),
        ...(input.colour && { colour: input.colour }),
        updated_at: now,
      })
      .where('level', '=', level)
      .execute();
    await recordAudit(trx, actor, { action: 'WARNING_RULE_UPDATED', objectType: 'warning_level_rule', objectId: level, summary: `修改${WARNING_LEVEL_LABELS[level]}的设置`, before, after: input }, now);
  });
}

