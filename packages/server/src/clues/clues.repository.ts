import {
  clueActions,
  hasPermission,
  isDutyOverdue,
  orgPathInScopes,
  pathIds,
  queryTerms,
  scopesFor,
  type Actor,
  type Clue,
  type ClueQuery,
  type DisposalMode,
} from '@qingfeng/core';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { containing } from '../db/like.js';
import type { DB } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { inSubtreeOf } from '../orgs/orgs.repository.js';
import { forbidden } from '../http/errors.js';
import { orgScope } from '../policy/scope.js';

// Who may see a clue, in SQL: the clue's subject org or handler org lies in the actor's clues.read
// scope, or the actor's org submitted it (workstations see their own submissions) — and the actor is
// not its subject: neither the subject person nor an account whose org is the subject org or lies
// below it. Lists, detail, search, export, statistics and the to-do list all filter through here.

export interface ClueViewer {
  actor: Actor;
  org: { id: number; parentId: number | null; kind: string; path: string } | null;
}

/** The ledger is read with clues.read, and a station reads its own submissions with clues.submit. */
export function requireClueReader(actor: Actor): void {
  if (!hasPermission(actor, 'clues.read') && !hasPermission(actor, 'clues.submit')) throw forbidden();
}

export async function clueViewer(db: Executor, actor: Actor): Promise<ClueViewer> {
  if (actor.orgId === null) return { actor, org: null };
  const org = await db.selectFrom('orgs').select(['id', 'parent_id', 'kind', 'path']).where('id', '=', actor.orgId).executeTakeFirst();
  return { actor, org: org ? { id: org.id, parentId: org.parent_id, kind: org.kind, path: org.path } : null };
}

type CluesEB = ExpressionBuilder<DB, 'clues'>;

/** Not the subject: the condition that hides a clue from the people it is about. */
function notSubject(v: ClueViewer): Expression<SqlBool> {
  const c: Expression<SqlBool>[] = [];
  if (v.actor.personId !== null) c.push(sql<SqlBool>`(clues.subject_person_id IS NULL OR clues.subject_person_id <> ${v.actor.personId})`);
  // The actor's org and every org above it: a clue about any of them is about the actor's org.
  if (v.org) c.push(sql<SqlBool>`(clues.subject_org_id IS NULL OR clues.subject_org_id <> ALL(${sql.val(pathIds(v.org.path))}::int[]))`);
  return c.length ? sql<SqlBool>`(${sql.join(c, sql` AND `)})` : sql<SqlBool>`true`;
}

export function visibleTo(v: ClueViewer) {
  return (eb: CluesEB) =>
    eb.and([
      eb.or([
        orgScope(v.actor, 'clues.read', 'clues.subject_org_id')(eb),
        orgScope(v.actor, 'clues.read', 'clues.handler_org_id')(eb),
        orgScope(v.actor, 'clues.submit', 'clues.source_org_id')(eb),
      ]),
      notSubject(v),
    ]);
}

/** The ledger filters (the same for a page, the count, the export and the statistics). */
export function clueFilters(f: Omit<ClueQuery, 'page' | 'pageSize'>, today: string) {
  return (eb: CluesEB) => {
    const c: Expression<SqlBool>[] = [];
    if (f.channel) c.push(eb('clues.channel', '=', f.channel));
    if (f.problemType) c.push(eb('clues.problem_type', '=', f.problemType));
    if (f.level) c.push(eb('clues.level', '=', f.level as 1 | 2 | 3));
    if (f.status) c.push(eb('clues.status', '=', f.status));
    if (f.handlerOrgId) c.push(eb('clues.handler_org_id', '=', f.handlerOrgId));
    if (f.from) c.push(eb('clues.received_on', '>=', f.from));
    if (f.to) c.push(eb('clues.received_on', '<=', f.to));
    if (f.duplicates) c.push(eb('clues.duplicate_of_id', 'is not', null));
    if (f.orgId) c.push(sql<SqlBool>`clues.subject_org_id IN (SELECT o.id FROM orgs o WHERE ${inSubtreeOf('o.path', f.orgId)})`);
    if (f.overdue) c.push(overdueCondition(today));
    if (f.q) {
      const like = containing(f.q);
      const text = sql<SqlBool>`(clues.content ILIKE ${like} OR clues.subject_text ILIKE ${like})`;
      const terms = queryTerms(f.q);
      // The GIN index on the bigrams narrows the rows; the substring test confirms the phrase.
      const byText = terms ? sql<SqlBool>`(clues.search_terms @> ${sql.val(terms)}::text[] AND ${text})` : text;
      c.push(sql<SqlBool>`(${byText} OR clues.ledger_no = ${f.q})`);
    }
    return eb.and(c);
  };
}

export function overdueCondition(today: string): Expression<SqlBool> {
  return sql<SqlBool>`((clues.ack_due < ${today} AND clues.ack_done_on IS NULL)
    OR (clues.result_due < ${today} AND clues.result_done_on IS NULL)
    OR (clues.forward_due < ${today} AND clues.forward_done_on IS NULL))`;
}

/** The columns of a ledger row with the names of its people and orgs. */
export function clueRows(db: Executor, v: ClueViewer) {
  return db
    .selectFrom('clues')
    .innerJoin('orgs as handler', 'handler.id', 'clues.handler_org_id')
    .leftJoin('orgs as subject_org', 'subject_org.id', 'clues.subject_org_id')
    .leftJoin('people as subject_person', 'subject_person.id', 'clues.subject_person_id')
    .leftJoin('clues as dup', 'dup.id', 'clues.duplicate_of_id')
    .leftJoin('clues as into', 'into.id', 'clues.merged_into_id')
    .where(visibleTo(v))
    .select([
      'clues.id',
      'clues.ledger_no',
      'clues.channel',
      'clues.problem_type',
      'clues.content',
      'clues.facts_on',
      'clues.subject_person_id',
      'subject_person.name as subject_person_name',
      'clues.subject_org_id',
      'subject_org.name as subject_org_name',
      'subject_org.path as subject_org_path',
      'clues.subject_text',
      'clues.handler_org_id',
      'handler.name as handler_name',
      'handler.path as handler_path',
      'clues.routed_as',
      'clues.level',
      'clues.status',
      'clues.reporter_kind',
      'clues.received_on',
      'clues.duplicate_of_id',
      'dup.ledger_no as duplicate_of_no',
      'clues.merged_into_id',
      'into.ledger_no as merged_into_no',
      'clues.disposal_mode',
      'clues.ack_due',
      'clues.ack_done_on',
      'clues.result_due',
      'clues.result_done_on',
      'clues.forward_due',
      'clues.forward_done_on',
      'clues.source_org_id',
      'clues.source_document',
      'clues.registered_by',
      'clues.out_of_jurisdiction',
      'clues.outcome',
      'clues.closed_on',
    ]);
}

export type ClueRow = Awaited<ReturnType<ReturnType<typeof clueRows>['executeTakeFirstOrThrow']>>;

/**
 * A page's total is exact up to this many clues, then "more than" (the statistics give exact totals):
 * counting every match of a broad search in a million-clue ledger cost far more than the page itself
 * (红包, 50,000 matches: 250 ms counted in full, 180 ms up to 10,000; the page 0.1 ms — PostgreSQL 15,
 * bench:clues).
 */
export const COUNT_CAP = 1_000;

export async function listClues(db: Kysely<DB>, v: ClueViewer, f: ClueQuery, today: string) {
  const { n } = await db
    .selectFrom((eb) => eb.selectFrom('clues').where(visibleTo(v)).where(clueFilters(f, today)).select(sql`1`.as('one')).limit(COUNT_CAP + 1).as('matches'))
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const page = (q: Executor) =>
    clueRows(q, v)
      .where(clueFilters(f, today))
      .orderBy('clues.received_on', 'desc')
      .orderBy('clues.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
  // PostgreSQL estimates a bigram search with its phrase test as rare (it multiplies the terms'
  // frequencies and guesses the ILIKE), so for a common phrase it fetched and sorted all 50,000
  // matches of a million clues for one page (350 ms – 2.5 s). With more matches than the cap they are
  // dense: walking the ledger in date order finds a page at once (0.1–1 ms). The sort is ruled out so
  // the planner takes that walk; JIT and parallel workers cost more than the walk (PostgreSQL 15,
  // bench:clues).
  const rows =
    n > COUNT_CAP && f.q
      ? await db.transaction().execute(async (trx) => {
          await sql`SET LOCAL enable_sort = off`.execute(trx);
          await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
          await sql`SET LOCAL jit = off`.execute(trx);
          return page(trx);
        })
      : await page(db);
  return { rows, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

export function findClue(db: Executor, v: ClueViewer, id: number) {
  return clueRows(db, v).where('clues.id', '=', id).executeTakeFirst();
}

/** The pending disposal's mode, for the actions (approve needs to know who may approve it). */
export async function pendingModes(db: Executor, clueIds: number[]): Promise<Map<number, DisposalMode>> {
  if (clueIds.length === 0) return new Map();
  const rows = await db.selectFrom('clue_disposals').select(['clue_id', 'mode']).where('clue_id', 'in', clueIds).where('decision', '=', 'pending').execute();
  return new Map(rows.map((r) => [r.clue_id, r.mode as DisposalMode]));
}

export function duties(row: Pick<ClueRow, 'ack_due' | 'ack_done_on' | 'result_due' | 'result_done_on' | 'forward_due' | 'forward_done_on'>) {
  return [
    { kind: 'acknowledge' as const, due: row.ack_due, doneOn: row.ack_done_on },
    { kind: 'result' as const, due: row.result_due, doneOn: row.result_done_on },
    { kind: 'forward' as const, due: row.forward_due, doneOn: row.forward_done_on },
  ];
}

export function capabilities(v: ClueViewer, row: Pick<ClueRow, 'handler_org_id' | 'handler_path'>) {
  const inScope = (p: Parameters<typeof scopesFor>[1]) => orgPathInScopes(scopesFor(v.actor, p), row.handler_org_id, row.handler_path);
  return {
    handles: inScope('clues.handle'),
    routes: inScope('clues.route'),
    approvesHere: inScope('clues.approve'),
    approvesCentre: scopesFor(v.actor, 'clues.approve').some((s) => s.kind === 'all'),
    revealsReporter: inScope('clues.reveal_reporter'),
  };
}

export function presentClue(v: ClueViewer, row: ClueRow, pendingMode: DisposalMode | null, today: string): Clue {
  const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);
  return {
    id: row.id,
    ledgerNo: row.ledger_no,
    channel: row.channel as Clue['channel'],
    problemType: row.problem_type as Clue['problemType'],
    content: row.content,
    factsOn: row.facts_on,
    subjectPerson: ref(row.subject_person_id, row.subject_person_name),
    subjectOrg: ref(row.subject_org_id, row.subject_org_name),
    subjectText: row.subject_text,
    handlerOrg: { id: row.handler_org_id, name: row.handler_name },
    routedAs: row.routed_as,
    level: row.level,
    status: row.status,
    reporterKind: row.reporter_kind,
    receivedOn: row.received_on,
    duplicateOf: row.duplicate_of_id !== null && row.duplicate_of_no ? { id: row.duplicate_of_id, ledgerNo: row.duplicate_of_no } : null,
    mergedInto: row.merged_into_id !== null && row.merged_into_no ? { id: row.merged_into_id, ledgerNo: row.merged_into_no } : null,
    disposalMode: row.disposal_mode as Clue['disposalMode'],
    ackDue: row.ack_due,
    resultDue: row.result_due,
    forwardDue: row.forward_due,
    overdue: duties(row).some((d) => isDutyOverdue(d, today)),
    actions: clueActions({ status: row.status, reporter: row.reporter_kind, pendingMode, named: row.reporter_kind === 'named' }, capabilities(v, row)),
  };
}
