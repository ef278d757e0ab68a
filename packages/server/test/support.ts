// Helpers shared by the server suite (on top of harness.ts): an enrolled administrator, valid ID
// numbers, anonymous requests and "nothing changed" snapshots.
import { idNumberCheckChar } from '@qingfeng/core';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { AUDIT_CHAIN_LOCK } from '../src/audit/audit.recorder.js';
import { totpCode } from '../src/auth/totp.js';
import { DEMO_PASSWORD } from '../src/demo/demo-district.js';
import { asClient, type Client, type Reply, type TestApp } from './harness.js';

/** Logs in as the demo administrator, binding TOTP first if needed; returns a bearer client. */
export async function adminClient(t: TestApp): Promise<Client> {
  const user = await t.ctx.database.db.selectFrom('users').select(['totp_enabled', 'totp_secret']).where('username', '=', 'admin').executeTakeFirstOrThrow();
  if (user.totp_enabled && user.totp_secret) {
    // A code is good once: move to the next 30-second step so the last accepted code is not replayed.
    t.clock.advance(30_000);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD, totp: totpCode(user.totp_secret, t.clock.now()) } });
    expect(res.statusCode).toBe(200);
    return asClient(t, res.json().token);
  }
  const first = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
  expect(first.statusCode).toBe(200);
  const admin = asClient(t, first.json().token);
  const setup = await admin.post('/api/auth/totp/setup');
  expect(setup.status).toBe(200);
  const confirm = await admin.post('/api/auth/totp/confirm', { totp: totpCode(setup.body.secret, t.clock.now()) });
  expect(confirm.status).toBe(200);
  return admin;
}

let idSeq = 0;
/** A fresh valid GB 11643 number (born 1990-01-01 + n days' worth of sequence numbers). */
export function newIdNumber(): string {
  idSeq++;
  const day = 1 + (idSeq % 28);
  const seq = String(Math.floor(idSeq / 28) + 100).padStart(3, '0');
  const body = `330106199001${String(day).padStart(2, '0')}${seq}`;
  return body + idNumberCheckChar(body);
}

/** A request without any credentials. */
export async function anonymous(t: TestApp, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<Reply> {
  const res = await t.app.inject({ method, url, ...(body !== undefined ? { payload: body as object } : method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

export async function auditCount(t: TestApp): Promise<number> {
  const row = await t.ctx.database.db.selectFrom('audit_entries').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** The newest audit entries, newest first. */
export async function lastAudit(t: TestApp, n = 1) {
  return t.ctx.database.db.selectFrom('audit_entries').selectAll().orderBy('id', 'desc').limit(n).execute();
}

/**
 * A digest of every row of every application table (row count and md5 of all rows as text): equal
 * snapshots before and after mean a request changed nothing. The tables are read from the catalogue,
 * so a feature's new tables are covered without listing them; login sessions are left out (every
 * request touches their last-seen time).
 */
export async function snapshot(t: TestApp): Promise<Record<string, string>> {
  const db = t.ctx.database.db;
  const { rows: tables } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT IN ('sessions', 'schema_migrations') ORDER BY 1`.execute(db);
  const parts = tables.map(
    ({ name }) => sql`SELECT ${name}::text AS t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${sql.table(name)} x`,
  );
  const { rows } = await sql<{ t: string; h: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

/** Runs a request that must be refused and proves it changed no row in any table. */
export async function refusedWithoutChange(t: TestApp, request: () => Promise<Reply>, status: number, code: string): Promise<Reply> {
  const before = await snapshot(t);
  const res = await request();
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(await snapshot(t)).toEqual(before);
  return res;
}

export async function personIdsIn(t: TestApp, orgCode: string): Promise<{ id: number; name: string; id_number: string }[]> {
  return t.ctx.database.db
    .selectFrom('people')
    .innerJoin('orgs', 'orgs.id', 'people.org_id')
    .select(['people.id', 'people.name', 'people.id_number'])
    .where('orgs.code', '=', orgCode)
    .orderBy('people.id')
    .execute();
}

export async function postIdIn(t: TestApp, orgCode: string, name?: string): Promise<number> {
  let q = t.ctx.database.db.selectFrom('posts').innerJoin('orgs', 'orgs.id', 'posts.org_id').select('posts.id').where('orgs.code', '=', orgCode);
  if (name) q = q.where('posts.name', '=', name);
  return (await q.orderBy('posts.id').executeTakeFirstOrThrow()).id;
}

export async function userId(t: TestApp, username: string): Promise<number> {
  return (await t.ctx.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export async function roleId(t: TestApp, code: string): Promise<number> {
  return (await t.ctx.database.db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** A 400 from schema validation whose Chinese message starts by naming the field. */
export function expectInvalid(res: Reply, messagePrefix: string) {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('request.invalid');
  expect(res.body.error.message.startsWith(messagePrefix), `message “${res.body.error.message}” should start with “${messagePrefix}”`).toBe(true);
}

export const STRONG_PASSWORD = 'Strong@Pass1';

/** Creates a role through the API (as an enrolled administrator) and returns its id. */
export async function createRole(admin: Client, code: string, permissions: string[], scopeKind: string): Promise<number> {
  const res = await admin.post('/api/v1/roles', { code, name: `测试角色 ${code}`, permissions, scopeKind });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Creates a user through the API with the given role ids, anchored at an org of the demo district. */
export async function createUser(
  t: TestApp,
  admin: Client,
  username: string,
  roleIds: number[],
  orgCode: string | null,
  personId: number | null = null,
): Promise<number> {
  const res = await admin.post('/api/v1/users', {
    username,
    displayName: `测试用户 ${username}`,
    password: STRONG_PASSWORD,
    orgId: orgCode ? (await t.ctx.database.db.selectFrom('orgs').select('id').where('code', '=', orgCode).executeTakeFirstOrThrow()).id : null,
    personId,
    roles: roleIds.map((roleId) => ({ roleId })),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** The id of the newest audit entry: pass it to `auditAfter` to get what a request appended. */
export async function auditMark(t: TestApp): Promise<number> {
  const row = await t.ctx.database.db.selectFrom('audit_entries').select(sql<number>`coalesce(max(id), 0)::int`.as('m')).executeTakeFirstOrThrow();
  return row.m;
}

/** Audit entries appended after the mark, oldest first, reduced to who did what to which object. */
export async function auditAfter(t: TestApp, mark: number) {
  const rows = await t.ctx.database.db.selectFrom('audit_entries').selectAll().where('id', '>', mark).orderBy('id').execute();
  return rows.map((r) => ({ action: r.action, actor: r.actor_user_id, objectType: r.object_type, objectId: r.object_id }));
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A multipart body built by Node's own FormData, as a browser would send it. */
export async function multipart(file: Buffer, fileName = '导入.xlsx', field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(file)], { type: XLSX_TYPE }), fileName);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}

/**
 * Runs `send` while a connection of its own holds the audit chain's advisory lock, which every use
 * case takes last, just before it commits (PostgreSQL): no request sent meanwhile can commit.
 * `send` starts requests without awaiting them and calls `waitForLocks(n)` until n connections
 * wait on a lock — each request has then done its checks and writes, or waits for another's. All go
 * when `send` returns: the worst interleaving, every time.
 */
export async function whileAuditChainHeld(t: TestApp, send: (waitForLocks: (n: number) => Promise<void>) => Promise<void>): Promise<void> {
  await t.ctx.database.db.connection().execute(async (c) => {
    await sql`BEGIN`.execute(c);
    try {
      await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(c);
      await send(async (waiting) => {
        const deadline = Date.now() + 30_000;
        for (;;) {
          // pg_stat_activity is read once per transaction unless its snapshot is cleared.
          await sql`SELECT pg_stat_clear_snapshot()`.execute(c);
          const { n } = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(c)).rows[0]!;
          if (n >= waiting) return;
          if (Date.now() > deadline) throw new Error(`only ${n} of ${waiting} requests reached a lock`);
          await new Promise((r) => setTimeout(r, 50));
        }
      });
    } finally {
      await sql`COMMIT`.execute(c);
    }
  });
}
