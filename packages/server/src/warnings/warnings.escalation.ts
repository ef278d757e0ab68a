import {
  escalationDeadlines,
  formatSerial,
  INADEQUATE_ESCALATION_REASON,
  NOTICE_KINDS,
  OVERDUE_ESCALATION_REASON,
  ruleFor,
  WARNING_LEVEL_LABELS,
  type NoticeKind,
  type WarningLevel,
} from '@qingfeng/core';
import { sql } from 'kysely';
import { chainAudits, insertAudits, openAuditChain, prepareAudits, type AuditActor, type AuditEvent } from '../audit/audit.recorder.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { Executor } from '../db/types.js';
import { nextNumbers } from '../numbering/numbering.js';
import { loadWarningConfig } from './warnings.repository.js';

// Escalation (seed 000), set-based: one guarded UPDATE ends the warnings that escalate, one INSERT
// raises their next-level warnings, one their notices, one the accountability referrals of level-3
// warnings, one the audit entries — however many warnings escalate. The sweep, the reviewer's
// "inadequate" and an issuer's "escalate now" all go through here.

export interface EscalationRequest {
  today: string;
  now: Date;
  actor: AuditActor;
  reason: 'overdue' | 'inadequate';
  /** Only these warnings; without it, every warning overdue as of `today` (the sweep). */
  ids?: number[];
  /** For a level-3 warning raised here: its admonishment talk, when the reviewer scheduled one. */
  talk?: { scheduledOn: string; place: string; talker: string } | null | undefined;
}

export interface EscalationResult {
  escalated: { parentId: number; childId: number; childSerial: string; level: WarningLevel }[];
  referred: { parentId: number; referralId: number }[];
}

export const noticeSeries = (kind: NoticeKind) => `notice:${kind}`;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** A column of values as a set-returning function: one JSON array (far cheaper to send than an array literal). */
const column = (values: unknown[]) => sql`json_array_elements_text(${JSON.stringify(values)}::json)`;

export async function escalate(trx: Executor, req: EscalationRequest): Promise<EscalationResult> {
  const { today, now } = req;
  const reasonText = req.reason === 'overdue' ? OVERDUE_ESCALATION_REASON : INADEQUATE_ESCALATION_REASON;
  // The guard: a warning that another transaction has already ended no longer matches, so it is
  // ended — and escalated — exactly once, whoever sweeps at the same moment.
  const guard =
    req.reason === 'overdue'
      ? sql`status IN ('issued', 'acknowledged') AND deadline < ${today}::date`
      : sql`status = 'answered'`;
  const only = req.ids ? sql`AND id = ANY(${req.ids}::bigint[])` : sql``;
  const { rows: ended } = await sql<{ id: number; level: number; serial_no: string; subject_org_id: number }>`
    UPDATE warnings SET status = CASE WHEN level = 3 THEN 'referred' ELSE 'escalated' END, outcome = ${req.reason}, closed_on = ${today}::date
    WHERE ${guard} ${only}
    RETURNING id, level, serial_no, subject_org_id`.execute(trx);
  if (ended.length === 0) return { escalated: [], referred: [] };
  ended.sort((a, b) => a.id - b.id);

  const toWarn = ended.filter((w) => w.level < 3);
  const toRefer = ended.filter((w) => w.level === 3);
  const result: EscalationResult = { escalated: [], referred: [] };

  // The referrals first: the audit entries name them. Same rows as ever (their own sequence).
  if (toRefer.length) {
    const { rows } = await sql<{ id: number; warning_id: number }>`
      INSERT INTO accountability_referrals (warning_id, subject_kind, subject_person_id, subject_org_id, reason, status, created_at)
      SELECT id, subject_kind, subject_person_id, subject_org_id, ${`${reasonText}：三级预警 ` }::text || serial_no || ${req.reason === 'overdue' ? '逾期未整改' : '整改不到位'}::text, 'open', ${now}
      FROM warnings WHERE id = ANY(${toRefer.map((w) => w.id)}::bigint[]) ORDER BY id
      RETURNING id, warning_id`.execute(trx);
    result.referred = rows.map((r) => ({ parentId: r.warning_id, referralId: r.id }));
  }

  // The next-level warnings, numbered: one counter update per kind of notice. Their ids are drawn
  // from the table's sequence beforehand, in the parents' order (as the INSERT drew them), so that
  // the audit entries are prepared while the database inserts the warnings.
  let noticeRows: { w: number; k: NoticeKind; s: string }[] = [];
  let childrenInserted: Promise<unknown> = Promise.resolve();
  if (toWarn.length) {
    const [cal, config] = await Promise.all([loadCalendar(trx), loadWarningConfig(trx)]);
    const deadlines = escalationDeadlines(cal, config.rules, today);
    const rule2 = ruleFor(config.rules, 2);
    const rule3 = ruleFor(config.rules, 3);
    const year = Number(today.slice(0, 4));
    const noticesOf = (w: { level: number }) => (w.level === 1 ? rule2 : rule3).notices;
    const counts = new Map<NoticeKind, number>();
    for (const w of toWarn) for (const kind of noticesOf(w)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const next = new Map<NoticeKind, number>();
    for (const kind of Object.keys(NOTICE_KINDS) as NoticeKind[]) {
      const count = counts.get(kind);
      if (count) next.set(kind, await nextNumbers(trx, noticeSeries(kind), year, count));
    }
    const { rows: drawn } = await sql<{ id: string }>`
      SELECT nextval(pg_get_serial_sequence('warnings', 'id'))::text AS id FROM generate_series(1, ${toWarn.length}::int)`.execute(trx);
    const childIds = drawn.map((r) => Number(r.id)).sort((a, b) => a - b);
    const childSerials: string[] = new Array(toWarn.length);
    toWarn.forEach((w, i) => {
      for (const kind of noticesOf(w)) {
        const seq = next.get(kind)!;
        next.set(kind, seq + 1);
        const serial = formatSerial(NOTICE_KINDS[kind].serialTemplate, { year, seq });
        childSerials[i] ??= serial;
        noticeRows.push({ w: childIds[i]!, k: kind, s: serial });
      }
      result.escalated.push({ parentId: w.id, childId: childIds[i]!, childSerial: childSerials[i]!, level: (w.level + 1) as WarningLevel });
    });

    const names = [WARNING_LEVEL_LABELS[1], WARNING_LEVEL_LABELS[2], WARNING_LEVEL_LABELS[3]];
    const talk = req.talk ?? null;
    childrenInserted = sql`
      INSERT INTO warnings (id, serial_no, level, subject_kind, subject_person_id, subject_org_id, issuer_org_id, issued_by, issued_on, deadline, status,
                            facts, basis, clue_id, disposal_measures, demands, parent_warning_id, back_registered, created_at,
                            talk_scheduled_on, talk_place, talk_by)
      SELECT s.id::bigint, s.serial_no, p.level + 1, p.subject_kind, p.subject_person_id, p.subject_org_id, p.issuer_org_id, NULL, ${today}::date,
             CASE WHEN p.level = 1 THEN ${deadlines[2]}::date ELSE ${deadlines[3]}::date END, 'issued',
             format('%s（%s）%s，现发出%s。原预警事实：%s', p.serial_no, (${names}::text[])[p.level], ${reasonText}::text, (${names}::text[])[p.level + 1], p.facts),
             p.basis, p.clue_id,
             CASE WHEN p.level = 1 THEN CASE WHEN p.subject_kind = 'person' THEN ${rule2.escalationMeasures.person}::text[] ELSE ${rule2.escalationMeasures.org}::text[] END
                  ELSE CASE WHEN p.subject_kind = 'person' THEN ${rule3.escalationMeasures.person}::text[] ELSE ${rule3.escalationMeasures.org}::text[] END END,
             CASE WHEN p.level = 1 THEN ${rule2.demands}::text[] ELSE ${rule3.demands}::text[] END,
             p.id, false, ${now},
             CASE WHEN p.level = 2 THEN ${talk?.scheduledOn ?? null}::date END,
             CASE WHEN p.level = 2 THEN ${talk?.place ?? null}::text END,
             CASE WHEN p.level = 2 THEN ${talk?.talker ?? null}::text END
      FROM ROWS FROM (${column(childIds)}, ${column(toWarn.map((w) => w.id))}, ${column(childSerials)}) AS s(id, parent_id, serial_no)
      JOIN warnings p ON p.id = s.parent_id::bigint`.execute(trx);
    // Awaited below before anything else is sent; meanwhile a failure must not count as unhandled.
    childrenInserted.catch(() => undefined);
    await nextTurn();
  }

  let noticesInserted: Promise<unknown> = Promise.resolve();
  try {
    const byId = new Map(ended.map((w) => [w.id, w]));
    const events: AuditEvent[] = [
      ...result.escalated.map((e): AuditEvent => {
        const p = byId.get(e.parentId)!;
        return {
          action: 'WARNING_ESCALATED',
          objectType: 'warning',
          objectId: e.parentId,
          orgId: p.subject_org_id,
          summary: `${reasonText}：${p.serial_no}（${WARNING_LEVEL_LABELS[p.level as WarningLevel]}）→ ${e.childSerial}（${WARNING_LEVEL_LABELS[e.level]}）`,
          after: { childWarningId: e.childId, reason: req.reason },
        };
      }),
      ...result.referred.map((r): AuditEvent => {
        const p = byId.get(r.parentId)!;
        return {
          action: 'WARNING_REFERRED',
          objectType: 'warning',
          objectId: r.parentId,
          orgId: p.subject_org_id,
          summary: `${reasonText}：${p.serial_no}（三级预警）移送问责`,
          after: { referralId: r.referralId, reason: req.reason },
        };
      }),
    ];
    events.sort((a, b) => Number(a.objectId) - Number(b.objectId));
    const audits = await prepareAudits(req.actor, events, now);
    await childrenInserted;
    // The chain's lock is taken once the warnings are in (as before: after their foreign keys' row
    // locks), and the entries are hashed while the notices are inserted.
    const chain = await openAuditChain(trx);
    if (noticeRows.length) {
      noticesInserted = sql`
        INSERT INTO warning_notices (warning_id, kind, serial_no, issued_on)
        SELECT n.w::bigint, n.k, n.s, ${today}::date
        FROM ROWS FROM (${column(noticeRows.map((r) => r.w))}, ${column(noticeRows.map((r) => r.k))}, ${column(noticeRows.map((r) => r.s))}) WITH ORDINALITY AS n(w, k, s, i)
        ORDER BY n.i`.execute(trx);
      noticesInserted.catch(() => undefined);
      await nextTurn();
    }
    await chainAudits(chain, audits);
    await noticesInserted;
    await insertAudits(trx, audits);
  } finally {
    // On a failure, nothing more is sent (the transaction rolls back) before the statements in flight have answered.
    await Promise.allSettled([childrenInserted, noticesInserted]);
  }
  return result;
}
