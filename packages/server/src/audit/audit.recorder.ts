import { createHash } from 'node:crypto';
import { AUDIT_ACTIONS, canonicalJson, type Actor, type AuditAction } from '@qingfeng/core';
import { sql, type Selectable } from 'kysely';
import type { AuditEntriesTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';

export const GENESIS_HASH = '0'.repeat(64);
// Serialises appends to the chain across connections and processes (held until commit).
const AUDIT_CHAIN_LOCK = 7_310_002;

export interface AuditEvent {
  action: AuditAction;
  objectType: string;
  objectId?: string | number | null;
  orgId?: number | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

export type AuditActor = Pick<Actor, 'userId' | 'username' | 'displayName'> | { system: string };

export interface ChainedFields {
  occurredAt: string;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  orgId: number | null;
  summary: string;
  before: unknown;
  after: unknown;
}

/** The hashed fields of a stored entry, exactly as they were when it was appended. */
export function chainedFieldsOf(r: Selectable<AuditEntriesTable>): ChainedFields {
  return {
    occurredAt: new Date(r.occurred_at).toISOString(),
    actorUserId: r.actor_user_id,
    actorLabel: r.actor_label,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    orgId: r.org_id,
    summary: r.summary,
    before: r.before ?? null,
    after: r.after ?? null,
  };
}

export function entryHash(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}

/** JSON-safe copy (Dates to ISO strings), so what is hashed is exactly what jsonb gives back. */
const plain = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/** Appends one entry to the hash chain, inside the caller's transaction. */
export async function recordAudit(trx: Executor, actor: AuditActor, event: AuditEvent, now: Date): Promise<void> {
  await recordAudits(trx, actor, [event], now);
}

/**
 * Appends many entries of one actor in one statement (a sweep that escalates 100,000 warnings):
 * the chain is computed here, in order, and the rows go in as arrays through unnest.
 */
export async function recordAudits(trx: Executor, actor: AuditActor, events: AuditEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_entries').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  const cols = { occurredAt: [] as string[], actorUserId: [] as (number | null)[], actorLabel: [] as string[], action: [] as string[], objectType: [] as string[], objectId: [] as (string | null)[], orgId: [] as (number | null)[], summary: [] as string[], before: [] as (string | null)[], after: [] as (string | null)[], prevHash: [] as string[], hash: [] as string[] };
  for (const event of events) {
    const fields: ChainedFields = {
      occurredAt: now.toISOString(),
      actorUserId: 'system' in actor ? null : actor.userId,
      actorLabel: 'system' in actor ? actor.system : `${actor.displayName}（${actor.username}）`,
      action: event.action,
      objectType: event.objectType,
      objectId: event.objectId == null ? null : String(event.objectId),
      orgId: event.orgId ?? null,
      summary: event.summary ?? AUDIT_ACTIONS[event.action],
      before: plain(event.before),
      after: plain(event.after),
    };
    const hash = entryHash(prevHash, fields);
    cols.occurredAt.push(fields.occurredAt);
    cols.actorUserId.push(fields.actorUserId);
    cols.actorLabel.push(fields.actorLabel);
    cols.action.push(fields.action);
    cols.objectType.push(fields.objectType);
    cols.objectId.push(fields.objectId);
    cols.orgId.push(fields.orgId);
    cols.summary.push(fields.summary);
    cols.before.push(fields.before === null ? null : JSON.stringify(fields.before));
    cols.after.push(fields.after === null ? null : JSON.stringify(fields.after));
    cols.prevHash.push(prevHash);
    cols.hash.push(hash);
    prevHash = hash;
  }
  // WITH ORDINALITY keeps the chain's order in the ids.
  await sql`
    INSERT INTO audit_entries (occurred_at, actor_user_id, actor_label, action, object_type, object_id, org_id, summary, before, after, prev_hash, hash)
    SELECT occurred_at, actor_user_id, actor_label, action, object_type, object_id, org_id, summary, before::jsonb, after::jsonb, prev_hash, hash
    FROM unnest(${cols.occurredAt}::timestamptz[], ${cols.actorUserId}::int[], ${cols.actorLabel}::text[], ${cols.action}::text[], ${cols.objectType}::text[],
                ${cols.objectId}::text[], ${cols.orgId}::int[], ${cols.summary}::text[], ${cols.before}::text[], ${cols.after}::text[], ${cols.prevHash}::text[], ${cols.hash}::text[])
      WITH ORDINALITY AS e(occurred_at, actor_user_id, actor_label, action, object_type, object_id, org_id, summary, before, after, prev_hash, hash, n)
    ORDER BY n`.execute(trx);
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  reason: string | null;
}

/** Recomputes the chain in id order and names the first entry whose link or content is wrong. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked, firstBrokenId: null, reason: null };
    for (const r of rows) {
      if (r.prev_hash !== prevHash) {
        return { ok: false, checked, firstBrokenId: r.id, reason: '前序哈希不连续（记录被删除、插入或重排）' };
      }
      if (entryHash(prevHash, chainedFieldsOf(r)) !== r.hash) {
        return { ok: false, checked, firstBrokenId: r.id, reason: '内容与哈希不符（记录被篡改）' };
      }
      prevHash = r.hash;
      afterId = r.id;
      checked++;
    }
  }
}
