import { hasPermission, type Actor, type IntegrityOpinion, type OpinionSettings } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

function base(db: Executor) {
  return db
    .selectFrom('integrity_opinions as i')
    .innerJoin('users as d', 'd.id', 'i.drafted_by')
    .leftJoin('users as r', 'r.id', 'i.reviewed_by')
    .selectAll('i')
    .select([
      'd.display_name as drafted_by_name',
      'r.display_name as reviewed_by_name',
      sql<{ personId: number; name: string; orgName: string; category: string; conclusion: string; findings: string[]; suggested: string }[]>`(
        SELECT json_agg(json_build_object('personId', p.id, 'name', p.name, 'orgName', o.name, 'category', x.category, 'conclusion', x.conclusion,
                                          'findings', x.findings) ORDER BY x.position)
        FROM integrity_opinion_people x JOIN people p ON p.id = x.person_id JOIN orgs o ON o.id = p.org_id WHERE x.opinion_id = i.id)`.as('people'),
    ]);
}
export type OpinionRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

/** Replies are the centre's: those who draft or approve them read them (all within the district). */
export function canReadOpinions(actor: Actor) {
  return hasPermission(actor, 'opinions.draft') || hasPermission(actor, 'opinions.approve');
}

export function findOpinion(db: Executor, id: number) {
  return base(db).where('i.id', '=', id).executeTakeFirst();
}

export async function listOpinions(db: Executor, f: { status?: 'draft' | 'submitted' | 'approved' | undefined; page: number; pageSize: number }) {
  let q = base(db);
  if (f.status) q = q.where('i.status', '=', f.status);
  const rows = await q.select(sql<number>`count(*) OVER ()::int`.as('total')).orderBy('i.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: rows[0]?.total ?? 0 };
}

export function opinionActions(actor: Actor, row: OpinionRow): string[] {
  const a: string[] = [];
  const drafter = row.drafted_by === actor.userId;
  if (row.status === 'draft' && hasPermission(actor, 'opinions.draft')) a.push('edit', 'submit');
  if (row.status === 'submitted' && !drafter && hasPermission(actor, 'opinions.approve')) a.push('approve', 'return');
  if (row.status === 'approved') a.push('download');
  return a;
}

export function presentOpinion(actor: Actor, row: OpinionRow, settings: OpinionSettings, suggested: Map<number, string>): IntegrityOpinion {
  const label = (code: string) => settings.categories.find((c) => c.code === code)?.label ?? code;
  return {
    id: row.id,
    serialNo: row.serial_no,
    requester: row.requester,
    requestRef: row.request_ref,
    requestedOn: row.requested_on,
    purpose: row.purpose,
    periodStart: row.period_from,
    periodEnd: row.period_to,
    status: row.status,
    draftedBy: row.drafted_by_name,
    reviewedBy: row.reviewed_by_name,
    reviewedAt: row.reviewed_at ? new Date(row.reviewed_at).toISOString() : null,
    reviewNote: row.review_note,
    repliedOn: row.replied_on,
    people: (row.people ?? []).map((p) => ({
      personId: p.personId,
      name: p.name,
      orgName: p.orgName,
      category: p.category,
      categoryLabel: label(p.category),
      suggestedCategory: suggested.get(p.personId) ?? p.category,
      conclusion: p.conclusion,
      findings: p.findings,
    })),
    actions: opinionActions(actor, row),
  };
}
