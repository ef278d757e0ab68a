import { ACCOUNTABILITY_FORM_GROUPS, ACCOUNTABILITY_FORM_LABELS, GRADE_LABELS, PERSONAL_MATTER_FINDING_LABELS, type OpinionFacts, type WarningLevel } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import { accountabilityOf, ratingsOf, warningsOf } from '../archives/archive.repository.js';
import { mattersOf } from '../personal-matters/personal-matters.repository.js';

/** Clues about the cadre: closed ones received in the period, and those still being handled. */
async function cluesAbout(db: Executor, personId: number, from: string, to: string) {
  const row = await db
    .selectFrom('clues')
    .select([
      sql<number>`count(*) FILTER (WHERE status IN ('closed', 'merged') AND received_on BETWEEN ${from}::date AND ${to}::date)::int`.as('closed'),
      sql<number>`count(*) FILTER (WHERE status NOT IN ('closed', 'merged'))::int`.as('pending'),
    ])
    .where('subject_person_id', '=', personId)
    .executeTakeFirstOrThrow();
  return { closedClues: row.closed, pendingClues: row.pending };
}

/** One cadre's archive in the period asked about, as the reply states it. */
export async function opinionFacts(db: Executor, personId: number, from: string, to: string): Promise<OpinionFacts> {
  const within = (d: string | null) => d !== null && d >= from && d <= to;
  const [warnings, ratings, accountability, matters] = await Promise.all([warningsOf(db, personId), ratingsOf(db, personId), accountabilityOf(db, personId), mattersOf(db, personId)]);
  return {
    warnings: warnings.filter((w) => within(w.issuedOn)).map((w) => ({ level: w.level as WarningLevel, issuedOn: w.issuedOn, serialNo: w.serialNo })),
    ratings: ratings
      .filter((r) => r.year >= Number(from.slice(0, 4)) && r.year <= Number(to.slice(0, 4)))
      .map((r) => ({ year: r.year, gradeLabel: GRADE_LABELS[r.grade] }))
      .sort((a, b) => a.year - b.year),
    accountability: accountability
      .filter((a) => within(a.decidedOn))
      .map((a) => ({ formLabel: ACCOUNTABILITY_FORM_LABELS[a.form], group: ACCOUNTABILITY_FORM_GROUPS[a.form], decidedOn: a.decidedOn, behaviour: a.behaviourTitle }))
      .reverse(),
    personalMatters: matters
      .filter((m) => m.finding !== null && within(m.checked_on))
      .map((m) => ({ year: m.year, finding: m.finding!, findingLabel: PERSONAL_MATTER_FINDING_LABELS[m.finding!] })),
    ...(await cluesAbout(db, personId, from, to)),
  };
}
