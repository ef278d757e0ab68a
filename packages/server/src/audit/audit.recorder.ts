import * as nodeCrypto from 'node:crypto';
import { AUDIT_ACTIONS, canonicalJson, type Actor, type AuditAction } from '@qingfeng/core';
import { sql, type Selectable } from 'kysely';
import type { AuditEntriesTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';

export const GENESIS_HASH = '0'.repeat(64);
// Serialises appends to the chain across connections and processes (held until commit).
export const AUDIT_CHAIN_LOCK = 7_310_002;

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
  return sha256Hex(prevHash + chainedJson(fields));
}

// One-shot hashing where the runtime has it (Node ≥ 20.12): the same digest as createHash().update()
// .digest() of the concatenation, without three calls into the binding per entry.
const sha256Hex =
  typeof nodeCrypto.hash === 'function'
    ? (data: string) => nodeCrypto.hash('sha256', data, 'hex')
    : (data: string) => nodeCrypto.createHash('sha256').update(data).digest('hex');

/**
 * `canonicalJson(fields)` written out for the fixed keys of an entry, in their sorted order; the
 * values are serialised exactly as canonicalJson does (before/after through it). audit.test.ts
 * checks it against canonicalJson.
 */
export function chainedJson(f: ChainedFields): string {
  return entryText(f.occurredAt, f.actorUserId, f.actorLabel, f.action, f.objectType, f.objectId, f.orgId, f.summary, canonicalJson(f.before), canonicalJson(f.after));
}

function entryText(
  occurredAt: string,
  actorUserId: number | null,
  actorLabel: string,
  action: string,
  objectType: string,
  objectId: string | null,
  orgId: number | null,
  summary: string,
  beforeJson: string,
  afterJson: string,
): string {
  return (
    `{"action":${JSON.stringify(action)},"actorLabel":${JSON.stringify(actorLabel)},"actorUserId":${scalarJson(actorUserId)},` +
    `"after":${afterJson},"before":${beforeJson},"objectId":${scalarJson(objectId)},"objectType":${JSON.stringify(objectType)},` +
    `"occurredAt":${JSON.stringify(occurredAt)},"orgId":${scalarJson(orgId)},"summary":${JSON.stringify(summary)}}`
  );
}
const scalarJson = (v: string | number | null) => (v === null ? 'null' : JSON.stringify(v));

/** JSON-safe copy (Dates to ISO strings), so what is hashed is exactly what jsonb gives back. */
const plain = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/**
 * canonicalJson(plain(v)) — with a short cut for the usual before/after, a flat object of strings,
 * finite numbers, booleans and nulls, for which the copy would change nothing canonicalJson shows.
 */
function plainCanonical(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const keys = Object.keys(v);
    let flat = true;
    for (const k of keys) {
      const x = (v as Record<string, unknown>)[k];
      const t = typeof x;
      if (!(x === null || t === 'string' || t === 'boolean' || (t === 'number' && Number.isFinite(x)))) {
        flat = false;
        break;
      }
    }
    if (flat) return canonicalJson(v);
  }
  return canonicalJson(plain(v));
}

/** Appends one entry to the hash chain, inside the caller's transaction. */
export async function recordAudit(trx: Executor, actor: AuditActor, event: AuditEvent, now: Date): Promise<void> {
  await recordAudits(trx, actor, [event], now);
}

/**
 * Appends many entries of one actor in one statement (a sweep that escalates 100,000 warnings):
 * the chain is computed here, in order, and the rows go in together. A caller with other work in
 * flight can run the three steps itself (prepareAudits, chainAudits, insertAudits).
 */
export async function recordAudits(trx: Executor, actor: AuditActor, events: AuditEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  const audits = await prepareAudits(actor, events, now);
  await chainAudits(await openAuditChain(trx), audits);
  await insertAudits(trx, audits);
}

/** The end of the chain, locked until the transaction ends: entries chained from it are appended next. */
export interface AuditChain {
  lastHash: string;
}

/** Takes the chain's lock (serialising appends across connections and processes) and reads its last hash. */
export async function openAuditChain(trx: Executor): Promise<AuditChain> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_entries').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return { lastHash: last?.hash ?? GENESIS_HASH };
}

/** Entries ready to append: their columns, the text each is hashed by (chainedJson), and after chainAudits their hashes. */
export interface PreparedAudits {
  occurredAt: string;
  actorUserId: number | null;
  actorLabel: string;
  action: string[];
  objectType: string[];
  objectId: (string | null)[];
  orgId: (number | null)[];
  summary: string[];
  /** before and after as JSON text (their canonical JSON: what is hashed is what jsonb stores). */
  before: (string | null)[];
  after: (string | null)[];
  texts: string[];
  hashes: string[];
  /** The hash the first entry continues from. */
  firstPrev: string;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const TURN = 2000;

/**
 * The entries' columns and hashed texts, before the chain is known. Every 2,000 entries the event
 * loop turns, so that a statement the caller has just sent on its transaction travels to the
 * database and runs there meanwhile (the sweep prepares while its warnings are inserted).
 */
export async function prepareAudits(actor: AuditActor, events: AuditEvent[], now: Date): Promise<PreparedAudits> {
  const n = events.length;
  const a: PreparedAudits = {
    occurredAt: now.toISOString(),
    actorUserId: 'system' in actor ? null : actor.userId,
    actorLabel: 'system' in actor ? actor.system : `${actor.displayName}（${actor.username}）`,
    action: new Array(n),
    objectType: new Array(n),
    objectId: new Array(n),
    orgId: new Array(n),
    summary: new Array(n),
    before: new Array(n),
    after: new Array(n),
    texts: new Array(n),
    hashes: [],
    firstPrev: '',
  };
  for (let k = 0; k < n; k++) {
    if (k > 0 && k % TURN === 0) await nextTurn();
    const e = events[k]!;
    const objectId = e.objectId == null ? null : String(e.objectId);
    const orgId = e.orgId ?? null;
    const summary = e.summary ?? AUDIT_ACTIONS[e.action];
    const before = plainCanonical(e.before);
    const after = plainCanonical(e.after);
    a.action[k] = e.action;
    a.objectType[k] = e.objectType;
    a.objectId[k] = objectId;
    a.orgId[k] = orgId;
    a.summary[k] = summary;
    a.before[k] = before === 'null' ? null : before;
    a.after[k] = after === 'null' ? null : after;
    a.texts[k] = entryText(a.occurredAt, a.actorUserId, a.actorLabel, e.action, e.objectType, objectId, orgId, summary, before, after);
  }
  return a;
}

/** Hashes the prepared entries in order from the chain's end (entryHash), and advances the chain. */
export async function chainAudits(chain: AuditChain, audits: PreparedAudits): Promise<void> {
  let prevHash = chain.lastHash;
  audits.firstPrev = prevHash;
  const hashes: string[] = new Array(audits.texts.length);
  for (let k = 0; k < audits.texts.length; k++) {
    if (k > 0 && k % TURN === 0) await nextTurn();
    prevHash = sha256Hex(prevHash + audits.texts[k]);
    hashes[k] = prevHash;
  }
  audits.hashes = hashes;
  chain.lastHash = prevHash;
}

/**
 * Appends chained entries in one statement: time and actor once for all, each column one JSON
 * array (JSON.stringify is a tenth of the driver's array literals in node, and PostgreSQL reads it
 * as fast), zipped in order, and each entry's prev_hash the hash of the one before it (lag), the
 * first's the chain's last (bench:sweep appends 100,000 entries).
 */
export async function insertAudits(trx: Executor, a: PreparedAudits): Promise<void> {
  const n = a.texts.length;
  if (n === 0) return;
  if (a.hashes.length !== n) throw new Error('insertAudits: the entries are not chained (chainAudits)');
  const column = (values: unknown[]) => sql`json_array_elements_text(${JSON.stringify(values)}::json)`;
  // WITH ORDINALITY keeps the chain's order in the ids.
  await sql`
    INSERT INTO audit_entries (occurred_at, actor_user_id, actor_label, action, object_type, object_id, org_id, summary, before, after, prev_hash, hash)
    SELECT ${a.occurredAt}::timestamptz, ${a.actorUserId}::int, ${a.actorLabel}::text, e.action, e.object_type, e.object_id, e.org_id::int, e.summary, e.before::jsonb, e.after::jsonb,
           coalesce(lag(e.hash) OVER (ORDER BY e.n), ${a.firstPrev}::text), e.hash
    FROM ROWS FROM (${column(a.action)}, ${column(a.objectType)}, ${column(a.objectId)}, ${column(a.orgId)}, ${column(a.summary)}, ${column(a.before)}, ${column(a.after)}, ${column(a.hashes)})
      WITH ORDINALITY AS e(action, object_type, object_id, org_id, summary, before, after, hash, n)
    ORDER BY e.n`.execute(trx);
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
