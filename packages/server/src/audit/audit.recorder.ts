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
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_entries').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
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
  await trx
    .insertInto('audit_entries')
    .values({
      occurred_at: fields.occurredAt,
      actor_user_id: fields.actorUserId,
      actor_label: fields.actorLabel,
      action: fields.action,
      object_type: fields.objectType,
      object_id: fields.objectId,
      org_id: fields.orgId,
      summary: fields.summary,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      prev_hash: prevHash,
      hash: entryHash(prevHash, fields),
    })
    .execute();
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
