import { ACCOUNTABILITY_FORM_GROUPS, ACCOUNTABILITY_FORM_LABELS, GRADE_LABELS, PERSONAL_MATTER_FINDING_LABELS, type OpinionFacts, type WarningLevel } from '@qingfeng/core';
import type { Executor } from '../db/types.js';
import { accountabilityOf, ratingsOf, warningsOf } from '../archives/archive.repository.js';
import { mattersOf } from '../personal-matters/personal-matters.repository.js';

/** What the reply cannot check yet, said to the drafter and the reviewer. */
export const OPINION_CAVEATS = ['廉情信息（线索）模块尚未启用：无法核对正在核查的问题线索，请人工核实后再选定结论'];

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
    // The clue module is not part of this build: nobody can say whether clues are pending.
    pendingClues: null,
  };
}
