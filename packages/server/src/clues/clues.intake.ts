import {
  acknowledgeDue,
  ClueCreate,
  findDuplicate,
  formatSerial,
  hasPermission,
  routeClue,
  searchTerms,
  todayIn,
  type Actor,
  type HolidayCalendar,
  type Permission,
  type ReplyDutyLimits,
  type ReporterIdentity,
  type ReporterKind,
  type RoutingTree,
  type RowIssue,
} from '@qingfeng/core';
import type { Insertable } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import type { CluesTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { AppError, forbidden } from '../http/errors.js';
import { nextNumbers } from '../numbering/numbering.js';
import { orgScope } from '../policy/scope.js';
import { reporterKey, seal, type ReporterKey } from './reporter-identity.js';

// Intake: staff registration, workstation submissions (one or a batch), and — through the same
// steps — the public portal. Each clue is routed to its handler by the org tree; one about the
// commission's principal leader is sealed for the commission above and never enters the ledger.

export const LEDGER_SERIES = 'clue-ledger';

export const dutyLimits = (config: Config): ReplyDutyLimits => ({
  acknowledgeDays: config.clueAckDays,
  resultDays: config.clueResultDays,
  forwardDays: config.clueForwardDays,
});

/** The handlers of the tree: the commission (root), the township commissions, the dispatched groups. */
export async function loadRoutingTree(db: Executor): Promise<RoutingTree> {
  const orgs = await db
    .selectFrom('orgs')
    .select(['id', 'path', 'kind', 'parent_id'])
    .where('retired_at', 'is', null)
    .where((eb) => eb.or([eb('kind', 'in', ['township_commission', 'dispatched_group']), eb('parent_id', 'is', null)]))
    .execute();
  const root = orgs.find((o) => o.parent_id === null);
  if (!root) throw new AppError('internal', '组织树为空，无法分办线索');
  const groupIds = orgs.filter((o) => o.kind === 'dispatched_group').map((o) => o.id);
  const supervised = groupIds.length
    ? await db.selectFrom('org_supervisions').innerJoin('orgs', 'orgs.id', 'org_supervisions.org_id').select(['group_org_id', 'orgs.path']).where('group_org_id', 'in', groupIds).execute()
    : [];
  return {
    centre: { orgId: root.id, path: root.path },
    townships: orgs.filter((o) => o.kind === 'township_commission').map((o) => ({ orgId: o.id, path: o.path })),
    groups: orgs
      .filter((o) => o.kind === 'dispatched_group')
      .map((o) => ({ orgId: o.id, path: o.path, supervisedPaths: supervised.filter((s) => s.group_org_id === o.id).map((s) => s.path) })),
  };
}

/** A clue ready for the ledger, or a report that goes above. */
export type Prepared =
  | { kind: 'sealed'; payload: Record<string, unknown> }
  | { kind: 'clue'; values: Omit<Insertable<CluesTable>, 'ledger_year' | 'ledger_seq' | 'ledger_no'>; identity: ReporterIdentity | null };

export interface IntakeContext {
  tree: RoutingTree;
  cal: HolidayCalendar;
  limits: ReplyDutyLimits;
  today: string;
  now: Date;
}

export async function intakeContext(db: Executor, config: Config, now: Date): Promise<IntakeContext> {
  return { tree: await loadRoutingTree(db), cal: await loadCalendar(db), limits: dutyLimits(config), today: todayIn(now), now };
}

export interface SubmitterInfo {
  actor: Actor | null;
  /** The permission whose scope the subject must lie in (staff: clues.register, stations: clues.submit). */
  permission: Permission | null;
}

/** Resolves the subject (in the submitter's scope), routes the clue and computes its first deadline. */
export async function prepareClue(db: Executor, ic: IntakeContext, who: SubmitterInfo, input: ClueCreate, extra: { concernsCommissionPrincipal?: boolean } = {}): Promise<Prepared> {
  let orgId = input.subjectOrgId ?? null;
  let principal = extra.concernsCommissionPrincipal ?? false;
  const scoped = (permission: Permission, column: string) => orgScope(who.actor!, permission, column);
  if (input.subjectPersonId) {
    let q = db
      .selectFrom('people')
      .innerJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.org_id', 'people.is_principal_leader', 'orgs.kind'])
      .where('people.id', '=', input.subjectPersonId);
    if (who.permission) q = q.where(scoped(who.permission, 'people.org_id'));
    const person = await q.executeTakeFirst();
    if (!person) throw new AppError('clues.subject_out_of_scope', '被反映人不存在或不在您的权限范围内', { issues: [{ field: 'subjectPersonId', message: '不存在或不在权限范围内' }] });
    orgId ??= person.org_id;
    principal ||= person.is_principal_leader && person.kind === 'commission';
  }
  let orgPath: string | null = null;
  if (orgId !== null) {
    let q = db.selectFrom('orgs').select(['path']).where('id', '=', orgId);
    if (who.permission) q = q.where(scoped(who.permission, 'orgs.id'));
    const org = await q.executeTakeFirst();
    if (!org) throw new AppError('clues.subject_out_of_scope', '被反映单位不存在或不在您的权限范围内', { issues: [{ field: 'subjectOrgId', message: '不存在或不在权限范围内' }] });
    orgPath = org.path;
  }
  const route = routeClue(ic.tree, { orgPath, concernsCommissionPrincipal: principal });
  const reporterKindOf = (r: ClueCreate['reporter']): ReporterKind => r.kind;
  if (route.kind === 'above') {
    return {
      kind: 'sealed',
      payload: { ...input, receivedOn: ic.today, submittedBy: who.actor ? `${who.actor.displayName}（${who.actor.username}）` : '网上举报' },
    };
  }
  const reporter = reporterKindOf(input.reporter);
  return {
    kind: 'clue',
    identity: input.reporter.kind === 'named' ? input.reporter.identity : null,
    values: {
      channel: input.channel,
      problem_type: input.problemType,
      content: input.content,
      search_terms: searchTerms(`${input.content} ${input.subjectText ?? ''}`),
      facts_on: input.factsOn ?? null,
      source_document: input.sourceDocument ?? null,
      subject_person_id: input.subjectPersonId ?? null,
      subject_org_id: orgId,
      subject_text: input.subjectText ?? null,
      handler_org_id: route.orgId,
      routed_as: route.kind,
      source_org_id: who.actor?.orgId ?? null,
      registered_by: who.actor?.userId ?? null,
      reporter_kind: reporter,
      status: 'registered',
      received_on: ic.today,
      ack_due: acknowledgeDue(ic.cal, ic.limits, ic.today, reporter),
      created_at: ic.now,
      updated_at: ic.now,
    },
  };
}

/** Flags possible duplicates among earlier clues of the same subjects (one query for the lot). */
async function flagDuplicates(db: Executor, clues: Prepared[], windowDays: number, today: string) {
  const items = clues.flatMap((c) => (c.kind === 'clue' ? [c.values] : []));
  const persons = [...new Set(items.map((v) => v.subject_person_id).filter((x): x is number => x != null))];
  const orgs = [...new Set(items.map((v) => v.subject_org_id).filter((x): x is number => x != null))];
  const texts = [...new Set(items.map((v) => v.subject_text?.trim()).filter((x): x is string => !!x))];
  if (!persons.length && !orgs.length && !texts.length) return;
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - windowDays * 86_400_000).toISOString().slice(0, 10);
  const candidates = await db
    .selectFrom('clues')
    .select(['id', 'subject_person_id', 'subject_org_id', 'subject_text', 'received_on', 'content'])
    .where('received_on', '>=', since)
    .where('status', '<>', 'merged')
    .where((eb) =>
      eb.or([
        ...(persons.length ? [eb('subject_person_id', 'in', persons)] : []),
        ...(orgs.length ? [eb('subject_org_id', 'in', orgs)] : []),
        ...(texts.length ? [eb('subject_text', 'in', texts)] : []),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const list = candidates.map((c) => ({
    id: c.id,
    subjectPersonId: c.subject_person_id,
    subjectOrgId: c.subject_org_id,
    subjectText: c.subject_text,
    receivedOn: c.received_on,
    content: c.content,
  }));
  for (const v of items) {
    const dup = findDuplicate(
      { subjectPersonId: v.subject_person_id ?? null, subjectOrgId: v.subject_org_id ?? null, subjectText: v.subject_text ?? null, receivedOn: v.received_on as string, content: v.content },
      list,
      windowDays,
    );
    v.duplicate_of_id = dup?.id ?? null;
  }
}

export interface Stored {
  ids: number[];
  ledgerNos: string[];
  sealed: number;
}

/** Numbers and stores prepared clues (and seals the rest) inside the caller's transaction. */
export async function storeClues(trx: Executor, config: Config, ic: IntakeContext, prepared: Prepared[], key: () => ReporterKey): Promise<Stored> {
  await flagDuplicates(trx, prepared, config.clueDuplicateDays, ic.today);
  const clues = prepared.flatMap((p) => (p.kind === 'clue' ? [p] : []));
  const sealed = prepared.flatMap((p) => (p.kind === 'sealed' ? [p] : []));
  const year = Number(ic.today.slice(0, 4));
  const ids: number[] = [];
  const ledgerNos: string[] = [];
  if (clues.length) {
    const first = await nextNumbers(trx, LEDGER_SERIES, year, clues.length);
    const rows = clues.map((c, i) => {
      const seq = first + i;
      return { ...c.values, ledger_year: year, ledger_seq: seq, ledger_no: formatSerial(config.clueNumberTemplate, { year, seq }) };
    });
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const inserted = await trx.insertInto('clues').values(chunk).returning(['id', 'ledger_seq']).execute();
      const bySeq = new Map(inserted.map((r) => [r.ledger_seq, r.id]));
      for (const r of chunk) {
        ids.push(bySeq.get(r.ledger_seq)!);
        ledgerNos.push(r.ledger_no);
      }
    }
    const identities = clues.flatMap((c, i) => (c.identity ? [{ clueId: ids[i]!, identity: c.identity }] : []));
    if (identities.length) {
      const k = key();
      await trx
        .insertInto('clue_reporters')
        .values(identities.map((x) => ({ clue_id: x.clueId, identity_sealed: seal(k, `clue:${x.clueId}`, x.identity), key_id: k.id })))
        .execute();
    }
  }
  if (sealed.length) {
    const k = key();
    await trx
      .insertInto('sealed_reports')
      .values(sealed.map((s) => ({ received_on: ic.today, sealed: seal(k, 'sealed-report', s.payload), key_id: k.id })))
      .execute();
  }
  return { ids, ledgerNos, sealed: sealed.length };
}

export const SEALED_MESSAGE = '反映区纪委监委主要负责人的问题，已按检举控告工作规则封存，报送上级纪委监委处理；本级台账不登记、不留存。';

/** The permission a staff member or station registers under. */
export function intakePermission(actor: Actor): Permission {
  if (hasPermission(actor, 'clues.register')) return 'clues.register';
  if (hasPermission(actor, 'clues.submit')) return 'clues.submit';
  throw forbidden();
}

/** POST /clues: one clue from a staff member or a station. */
export async function registerClue(ctx: AppContext, actor: Actor, input: ClueCreate): Promise<{ id: number } | { sealed: true }> {
  const permission = intakePermission(actor);
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const ic = await intakeContext(trx, ctx.config, now);
    const prepared = await prepareClue(trx, ic, { actor, permission }, input);
    const stored = await storeClues(trx, ctx.config, ic, [prepared], () => reporterKey(ctx.config));
    if (stored.sealed) return { sealed: true as const };
    const id = stored.ids[0]!;
    const p = prepared as Extract<Prepared, { kind: 'clue' }>;
    await recordAudit(
      trx,
      actor,
      { action: 'CLUE_REGISTERED', objectType: 'clue', objectId: id, orgId: p.values.handler_org_id, summary: `登记线索 ${stored.ledgerNos[0]}`, after: { channel: input.channel, problemType: input.problemType, routedAs: p.values.routed_as } },
      now,
    );
    return { id };
  });
}

/**
 * POST /clues/batch: all or nothing. Every item is validated and resolved first; any error refuses
 * the batch with one line per faulty item; otherwise the lot is numbered and stored in one
 * transaction, with one audit entry.
 */
export async function registerBatch(ctx: AppContext, actor: Actor, items: unknown[]): Promise<Stored> {
  const permission = intakePermission(actor);
  const now = ctx.clock.now();
  const issues: RowIssue[] = [];
  const parsed = items.map((item, i) => {
    const r = ClueCreate.safeParse(item);
    if (!r.success) for (const issue of r.error.issues) issues.push({ sheet: 'items', row: i + 1, field: issue.path.map(String).join('.') || '（整条）', message: issue.message });
    return r.success ? r.data : null;
  });
  return ctx.database.db.transaction().execute(async (trx) => {
    const ic = await intakeContext(trx, ctx.config, now);
    const prepared: Prepared[] = [];
    for (const [i, input] of parsed.entries()) {
      if (!input) continue;
      try {
        prepared.push(await prepareClue(trx, ic, { actor, permission }, input));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        issues.push({ sheet: 'items', row: i + 1, field: e.extra.issues?.[0]?.field ?? '', message: e.message });
      }
    }
    if (issues.length) throw new AppError('clues.batch_invalid', `批量报送的数据有 ${issues.length} 处错误（共 ${items.length} 条），未登记任何线索`, { rows: issues.sort((a, b) => a.row - b.row) });
    const stored = await storeClues(trx, ctx.config, ic, prepared, () => reporterKey(ctx.config));
    if (stored.ids.length) {
      await recordAudit(
        trx,
        actor,
        { action: 'CLUES_BATCH_REGISTERED', objectType: 'clue', summary: `批量报送线索 ${stored.ids.length} 条（${stored.ledgerNos[0]} 至 ${stored.ledgerNos.at(-1)}）`, after: { count: stored.ids.length } },
        now,
      );
    }
    return stored;
  });
}

