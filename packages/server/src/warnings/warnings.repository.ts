import {
  AUDIT_ACTIONS,
  DEFAULT_OVERDUE_COLOUR,
  isOverdue,
  isWarningIssuer,
  NOTICE_KINDS,
  warningActions,
  warningLook,
  WARNING_DEMANDS,
  WARNING_LEVEL_LABELS,
  WARNING_STATUS_LABELS,
  type Actor,
  type NoticeKind,
  type Permission,
  type Warning,
  type WarningDemand,
  type WarningDetail,
  type WarningLevel,
  type WarningLevelRule,
  type WarningOutcome,
  type WarningStatus,
} from '@qingfeng/core';
import { sql, type ExpressionBuilder } from 'kysely';
import { listAttachments } from '../attachments/attachments.store.js';
import type { DB } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { orgScope, personScope } from '../policy/scope.js';
import { containing } from '../db/like.js';

export const ANSWER_OWNER = 'warning_answer';

/** The level rules and the overdue colour as configured (warning_level_rules, warning_settings). */
export async function loadWarningConfig(db: Executor): Promise<{ rules: WarningLevelRule[]; overdueColour: string }> {
  const [rows, settings] = await Promise.all([
    db.selectFrom('warning_level_rules').selectAll().orderBy('level').execute(),
    db.selectFrom('warning_settings').select('overdue_colour').executeTakeFirst(),
  ]);
  return {
    rules: rows.map((r) => ({
      level: r.level as WarningLevel,
      name: r.name,
      demands: r.demands as WarningDemand[],
      deadlineWorkingDays: r.deadline_working_days,
      colour: r.colour,
      notices: r.notices as NoticeKind[],
      escalationMeasures: { person: r.escalation_measures_person, org: r.escalation_measures_org },
    })),
    overdueColour: settings?.overdue_colour ?? DEFAULT_OVERDUE_COLOUR,
  };
}

const COLUMNS = [
  'w.id',
  'w.serial_no',
  'w.level',
  'w.subject_kind',
  'w.subject_person_id',
  'w.subject_org_id',
  'so.path as subject_org_path',
  'so.name as subject_org_name',
  'sp.name as subject_person_name',
  'io.name as issuer_org_name',
  'w.issuer_org_id',
  'w.issued_on',
  'w.deadline',
  'w.status',
  'w.outcome',
  'w.closed_on',
  'w.back_registered',
  'w.facts',
  'w.basis',
  'w.clue_id',
  'w.disposal_measures',
  'w.demands',
  'w.parent_warning_id',
  'w.acknowledged_at',
  'w.talk_scheduled_on',
  'w.talk_place',
  'w.talk_by',
  'w.talk_held_on',
  'w.talk_participants',
  'w.talk_record',
  'w.filed_on',
  'w.filed_with',
  (eb: ExpressionBuilder<DB & { w: DB['warnings'] }, 'w'>) =>
    eb.selectFrom('warnings as c').select('c.id').whereRef('c.parent_warning_id', '=', 'w.id').as('child_warning_id'),
] as const;

function base(db: Executor) {
  return db
    .selectFrom('warnings as w')
    .innerJoin('orgs as so', 'so.id', 'w.subject_org_id')
    .innerJoin('orgs as io', 'io.id', 'w.issuer_org_id')
    .leftJoin('people as sp', 'sp.id', 'w.subject_person_id');
}

/** Warnings the actor may read for `permission`: by the subject's org, or — for a cadre — their own. */
export const warningScope = (actor: Actor, permission: Permission) =>
  personScope(actor, permission, { org: 'w.subject_org_id', person: 'w.subject_person_id', orgPath: 'so.path' });

/** One warning within the actor's scope; `lock`: held until the transaction ends, so a sweep waits for the step. */
export function findWarningInScope(db: Executor, actor: Actor, permission: Permission, id: number, lock = false) {
  const q = base(db).select(COLUMNS).where('w.id', '=', id).where(warningScope(actor, permission));
  return (lock ? q.forUpdate('w') : q).executeTakeFirst();
}
export type WarningRow = NonNullable<Awaited<ReturnType<typeof findWarningInScope>>>;

export interface WarningFilter {
  level?: 1 | 2 | 3 | undefined;
  status?: WarningStatus | 'open' | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listWarningsInScope(db: Executor, actor: Actor, f: WarningFilter, today: string) {
  let q = base(db).where(warningScope(actor, 'warnings.read'));
  if (f.level) q = q.where('w.level', '=', f.level);
  if (f.status === 'open') q = q.where('w.status', 'in', ['issued', 'acknowledged', 'answered']);
  else if (f.status) q = q.where('w.status', '=', f.status);
  if (f.overdue) q = q.where('w.status', 'in', ['issued', 'acknowledged']).where('w.deadline', '<', today);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('w.serial_no', 'like', like), eb('sp.name', 'like', like), eb('so.name', 'like', like)]));
  }
  const [rows, total] = await Promise.all([
    q.select(COLUMNS).orderBy('w.issued_on', 'desc').orderBy('w.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** What the core's rules need to know of a warning. */
export const factsOf = (row: WarningRow) => ({
  level: row.level as WarningLevel,
  status: row.status as WarningStatus,
  deadline: row.deadline,
  subjectKind: row.subject_kind,
  subjectPersonId: row.subject_person_id,
  subjectOrgId: row.subject_org_id,
  subjectOrgPath: row.subject_org_path,
  talkHeld: row.talk_held_on != null,
});

/** Those who issue and review warnings over the subject see the clue, the basis and the audit trail. */
export const seesInternals = (actor: Actor, row: WarningRow) => isWarningIssuer(actor, factsOf(row));
export const actionsOn = (actor: Actor, row: WarningRow, today: string) => warningActions(actor, factsOf(row), today);

export function presentWarning(actor: Actor, row: WarningRow, config: { rules: WarningLevelRule[]; overdueColour: string }, today: string): Warning {
  const level = row.level as WarningLevel;
  const overdue = isOverdue({ status: row.status as WarningStatus, deadline: row.deadline }, today);
  const look = warningLook(config.rules, level, overdue, config.overdueColour);
  const internals = seesInternals(actor, row);
  return {
    id: row.id,
    serialNo: row.serial_no,
    level,
    levelName: WARNING_LEVEL_LABELS[level],
    subjectKind: row.subject_kind,
    subjectPersonId: row.subject_person_id,
    subjectName: row.subject_person_name ? `${row.subject_person_name}（${row.subject_org_name}）` : row.subject_org_name,
    subjectOrgId: row.subject_org_id,
    subjectOrgName: row.subject_org_name,
    issuerOrgName: row.issuer_org_name,
    issuedOn: row.issued_on,
    deadline: row.deadline,
    status: row.status as WarningStatus,
    statusLabel: WARNING_STATUS_LABELS[row.status as WarningStatus],
    outcome: row.outcome as WarningOutcome | null,
    closedOn: row.closed_on,
    backRegistered: row.back_registered,
    overdue,
    colour: look.colour,
    highlight: look.highlight,
    facts: row.facts,
    disposalMeasures: row.disposal_measures,
    demands: (row.demands as WarningDemand[]).map((key) => ({ key, label: WARNING_DEMANDS[key] })),
    parentWarningId: row.parent_warning_id,
    childWarningId: row.child_warning_id ?? null,
    acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at).toISOString() : null,
    talk:
      level === 3
        ? { scheduledOn: row.talk_scheduled_on, place: row.talk_place, talker: row.talk_by, heldOn: row.talk_held_on, participants: row.talk_participants, record: row.talk_record }
        : null,
    filing: row.filed_on && row.filed_with ? { filedOn: row.filed_on, department: row.filed_with } : null,
    ...(internals ? { clueId: row.clue_id, basis: row.basis } : {}),
    actions: actionsOn(actor, row, today),
  };
}

/** The warning with its notices, answers, reviews, escalation chain, referral and (issuers) audit trail. */
export async function warningDetail(db: Executor, actor: Actor, row: WarningRow, today: string): Promise<WarningDetail> {
  const config = await loadWarningConfig(db);
  const chain = await chainOf(db, row.id);
  const chainIds = chain.map((c) => c.id);
  const [notices, answers, reviews, referral, audit] = await Promise.all([
    db.selectFrom('warning_notices').select(['id', 'kind', 'serial_no', 'issued_on']).where('warning_id', '=', row.id).orderBy('id').execute(),
    db
      .selectFrom('warning_answers as a')
      .innerJoin('users as u', 'u.id', 'a.submitted_by')
      .select(['a.id', 'a.explanation', 'a.causes', 'a.measures', 'a.report', 'a.submitted_at', 'u.display_name'])
      .where('a.warning_id', '=', row.id)
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('warning_reviews as r')
      .innerJoin('users as u', 'u.id', 'r.reviewed_by')
      .select(['r.id', 'r.answer_id', 'r.verdict', 'r.comment', 'r.reviewed_at', 'u.display_name'])
      .where('r.warning_id', '=', row.id)
      .orderBy('r.id')
      .execute(),
    db.selectFrom('accountability_referrals').select(['id', 'reason', 'status', 'created_at']).where('warning_id', '=', row.id).executeTakeFirst(),
    seesInternals(actor, row)
      ? db
          .selectFrom('audit_entries')
          .select(['id', 'occurred_at', 'actor_label', 'action', 'object_id', 'summary'])
          .where('object_type', '=', 'warning')
          .where('object_id', 'in', chainIds.map(String))
          .orderBy('id')
          .execute()
      : Promise.resolve(null),
  ]);
  const files = await listAttachments(db, ANSWER_OWNER, answers.map((a) => a.id));
  return {
    ...presentWarning(actor, row, config, today),
    notices: notices.map((n) => ({ id: n.id, kind: n.kind as NoticeKind, kindLabel: NOTICE_KINDS[n.kind as NoticeKind].label, serialNo: n.serial_no, issuedOn: n.issued_on })),
    answers: answers.map((a) => ({
      id: a.id,
      explanation: a.explanation,
      causes: a.causes,
      measures: a.measures,
      report: a.report,
      submittedBy: a.display_name,
      submittedAt: new Date(a.submitted_at).toISOString(),
      attachments: files.get(a.id) ?? [],
    })),
    reviews: reviews.map((r) => ({ id: r.id, answerId: r.answer_id, verdict: r.verdict, comment: r.comment, reviewedBy: r.display_name, reviewedAt: new Date(r.reviewed_at).toISOString() })),
    chain: chain.map((c) => ({
      id: c.id,
      serialNo: c.serial_no,
      level: c.level as WarningLevel,
      status: c.status as WarningStatus,
      statusLabel: WARNING_STATUS_LABELS[c.status as WarningStatus],
      issuedOn: c.issued_on,
      deadline: c.deadline,
      colour: warningLook(config.rules, c.level as WarningLevel, false).colour,
    })),
    referral: referral ? { id: referral.id, reason: referral.reason, status: referral.status, createdAt: new Date(referral.created_at).toISOString() } : null,
    ...(audit
      ? {
          audit: audit.map((e) => ({
            id: e.id,
            occurredAt: new Date(e.occurred_at).toISOString(),
            actorLabel: e.actor_label,
            action: e.action,
            actionLabel: AUDIT_ACTIONS[e.action as keyof typeof AUDIT_ACTIONS] ?? e.action,
            objectId: e.object_id,
            summary: e.summary,
          })),
        }
      : {}),
  };
}

/** The escalation chain a warning belongs to: its ancestors and descendants, first warning first. */
export async function chainOf(db: Executor, id: number) {
  const { rows } = await sql<{ id: number; serial_no: string; level: number; status: string; issued_on: string; deadline: string }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_warning_id FROM warnings WHERE id = ${id}
      UNION ALL SELECT w.id, w.parent_warning_id FROM warnings w JOIN up ON w.id = up.parent_warning_id
    ), root AS (SELECT id FROM up WHERE parent_warning_id IS NULL),
    down AS (
      SELECT id FROM root
      UNION ALL SELECT w.id FROM warnings w JOIN down ON w.parent_warning_id = down.id
    )
    SELECT w.id, w.serial_no, w.level, w.status, w.issued_on, w.deadline FROM warnings w JOIN down ON down.id = w.id ORDER BY w.level, w.id`.execute(db);
  return rows;
}

/** Orgs the actor may issue to: used to check a new warning's subject. */
export function subjectOrgInScope(db: Executor, actor: Actor, orgId: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'retired_at']).where('id', '=', orgId).where(orgScope(actor, 'warnings.issue', 'orgs.id', 'orgs.path')).executeTakeFirst();
}

export function subjectPersonInScope(db: Executor, actor: Actor, personId: number) {
  return db
    .selectFrom('people')
    .innerJoin('orgs', 'orgs.id', 'people.org_id')
    .select(['people.id', 'people.name', 'people.org_id', 'people.retired_at', 'orgs.name as org_name'])
    .where('people.id', '=', personId)
    .where(personScope(actor, 'warnings.issue', { org: 'people.org_id', person: 'people.id', orgPath: 'orgs.path' }))
    .executeTakeFirst();
}

/**
 * The issuing organ of an actor: the nearest commission, township commission or dispatched group at
 * or above the actor's org (the centre's section issues in the district commission's name).
 */
export async function issuerOrgOf(db: Executor, actor: Actor): Promise<number> {
  if (actor.orgId == null) {
    const root = await db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    return root.id;
  }
  const { rows } = await sql<{ id: number }>`
    SELECT a.id FROM orgs o JOIN orgs a ON o.path LIKE a.path || '%'
    WHERE o.id = ${actor.orgId} AND a.kind IN ('commission', 'township_commission', 'dispatched_group')
    ORDER BY a.depth DESC LIMIT 1`.execute(db);
  return rows[0]?.id ?? actor.orgId;
}
