import { integrityCredit, ratingReason, type AccountabilityForm, type Actor, type Grade, type IntegrityArchive, type PersonalMatterFinding, type WarningLevel } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import { readSetting } from '../evaluations/settings.repository.js';
import { assignmentsOf, type PersonRow } from '../people/people.repository.js';
import { mattersOf, presentMatter } from '../personal-matters/personal-matters.repository.js';
import { presentTalk, talkScope } from '../talks/talks.repository.js';

/**
 * The risk points of the posts a person holds or has held (current versions, retired ones too),
 * and those registered on the person as a leadership member, with how many measures are done.
 */
export async function riskPointsOf(db: Executor, personId: number) {
  const rows = await db
    .selectFrom('risk_points as r')
    .leftJoin('posts as s', 's.id', 'r.post_id')
    .select([
      'r.id',
      'r.title',
      's.name as post_name',
      'r.level',
      'r.status',
      sql<number>`(SELECT count(*)::int FROM risk_measures m WHERE m.risk_point_id = r.id)`.as('total'),
      sql<number>`(SELECT count(*)::int FROM risk_measures m WHERE m.risk_point_id = r.id AND m.done_on IS NOT NULL)`.as('done'),
    ])
    .where('r.status', '<>', 'superseded')
    .where((eb) => eb.or([eb('r.post_id', 'in', eb.selectFrom('post_assignments').select('post_id').where('person_id', '=', personId)), eb('r.person_id', '=', personId)]))
    .orderBy('r.level')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, postName: r.post_name, level: r.level, status: r.status, measuresDone: r.done, measuresTotal: r.total }));
}

/** The person's risk commitments (风险防范承诺书, yearly and per campaign): signed, filed. */
export async function commitmentsOf(db: Executor, personId: number) {
  const rows = await db.selectFrom('commitments').select(['id', 'year', 'title', 'signed_at', 'filed_at']).where('person_id', '=', personId).orderBy('year', 'desc').execute();
  return rows.map((c) => ({ id: c.id, year: c.year, title: c.title, signedAt: c.signed_at ? new Date(c.signed_at).toISOString() : null, filedAt: c.filed_at ? new Date(c.filed_at).toISOString() : null }));
}

/**
 * The warnings addressed to a person: number, level, dates, status and outcome — never the facts'
 * source, the basis or the clue behind them.
 */
export async function warningsOf(db: Executor, personId: number) {
  const rows = await db
    .selectFrom('warnings')
    .select(['id', 'serial_no', 'level', 'issued_on', 'status', 'outcome', 'closed_on'])
    .where('subject_kind', '=', 'person')
    .where('subject_person_id', '=', personId)
    .orderBy('issued_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((w) => ({ id: Number(w.id), serialNo: w.serial_no, level: w.level, issuedOn: w.issued_on, status: w.status, outcome: w.outcome, closedOn: w.closed_on }));
}

/** The ratings of a person from published runs in force (a correction replaces its run). */
export async function ratingsOf(db: Executor, personId: number) {
  const rows = await db
    .selectFrom('evaluation_results as e')
    .innerJoin('evaluation_runs as r', 'r.id', 'e.run_id')
    .select(['e.run_id', 'r.year', 'r.kind', 'e.grade', 'e.warnings'])
    .where('e.person_id', '=', personId)
    .where('r.status', '=', 'published')
    .orderBy('r.year', 'desc')
    .execute();
  return rows.map((r) => ({
    runId: r.run_id,
    year: r.year,
    grade: r.grade as Grade,
    reason: ratingReason(r.year, r.grade, r.warnings.map((w) => ({ ...w, level: w.level as WarningLevel }))),
    corrected: r.kind === 'correction',
  }));
}

export async function accountabilityOf(db: Executor, personId: number) {
  const rows = await db
    .selectFrom('accountability_decision_people as x')
    .innerJoin('accountability_decisions as d', 'd.id', 'x.decision_id')
    .innerJoin('accountability_behaviours as b', 'b.id', 'x.behaviour_id')
    .select(['d.id', 'd.serial_no', 'd.decided_on', 'd.decision_maker', 'x.role', 'b.title', 'x.form'])
    .where('x.person_id', '=', personId)
    .orderBy('d.decided_on', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
  return rows.map((r) => ({ decisionId: r.id, serialNo: r.serial_no, decidedOn: r.decided_on, decisionMaker: r.decision_maker, role: r.role, behaviourTitle: r.title, form: r.form as AccountabilityForm }));
}

/**
 * One person's integrity archive as of `today`: posts over time, talks, ratings, accountability,
 * personal-matter reports, and the integrity credit with its terms. Clues never appear here: a
 * warning shows only its number, level, dates and outcome.
 */
export async function buildArchive(db: Executor, actor: Actor, person: PersonRow, today: string): Promise<IntegrityArchive> {
  const [posts, riskPoints, commitments, talks, warnings, ratings, accountability, matters, formula] = await Promise.all([
    assignmentsOf(db, [person.id], true),
    riskPointsOf(db, person.id),
    commitmentsOf(db, person.id),
    db
      .selectFrom('talks as t')
      .innerJoin('orgs as so', 'so.id', 't.subject_org_id')
      .leftJoin('people as sp', 'sp.id', 't.subject_person_id')
      .leftJoin('people as tp', 'tp.id', 't.talker_person_id')
      .selectAll('t')
      .select(['sp.name as subject_name', 'so.name as subject_org_name', 'so.path as subject_org_path', 'tp.name as talker_name'])
      .where('t.subject_person_id', '=', person.id)
      .where(talkScope(actor, 'talks.read'))
      .orderBy('t.held_on', 'desc')
      .orderBy('t.due_on', 'desc')
      .execute(),
    warningsOf(db, person.id),
    ratingsOf(db, person.id),
    accountabilityOf(db, person.id),
    mattersOf(db, person.id),
    readSetting(db, 'credit_formula'),
  ]);
  const participants = talks.length
    ? await db
        .selectFrom('talk_participants as x')
        .innerJoin('people as pp', 'pp.id', 'x.person_id')
        .select(['x.talk_id', 'pp.id', 'pp.name'])
        .where('x.talk_id', 'in', talks.map((t) => t.id))
        .orderBy('pp.id')
        .execute()
    : [];
  const credit = integrityCredit(
    formula,
    {
      warnings: warnings.map((w) => ({ level: w.level as WarningLevel, issuedOn: w.issuedOn })),
      ratings: ratings.map((r) => ({ year: r.year, grade: r.grade })),
      accountability: accountability.map((a) => ({ form: a.form, decidedOn: a.decidedOn })),
      personalMatters: matters.map((m) => ({ finding: m.finding as PersonalMatterFinding | null, checkedOn: m.checked_on })),
    },
    today,
  );
  return {
    person: {
      id: person.id,
      name: person.name,
      orgId: person.org_id,
      orgName: person.org_name,
      talkClass: person.talk_class,
      isLeadershipMember: person.is_leadership_member,
      isPrincipalLeader: person.is_principal_leader,
      retiredAt: person.retired_at ? new Date(person.retired_at).toISOString() : null,
    },
    posts: posts.get(person.id) ?? [],
    riskPoints: { items: riskPoints },
    commitments: { items: commitments },
    talks: {
      items: talks.map((t) => presentTalk(actor, { ...t, participants: participants.filter((p) => p.talk_id === t.id).map((p) => ({ personId: p.id, name: p.name })) }, today)),
    },
    warnings: { items: warnings },
    ratings: { items: ratings },
    accountability: { items: accountability },
    personalMatters: { items: matters.map((m) => presentMatter(actor, m)) },
    credit,
    generatedAt: today,
  };
}
