import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, auditActionLabel, auditObjectTypeLabel, canonicalJson } from '@qingfeng/core';
import { chainedJson, recordAudits, verifyAuditChain, type ChainedFields } from '../src/audit/audit.recorder.js';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { adminClient, anonymous, auditCount, createRole, createUser, expectInvalid, personIdsIn, STRONG_PASSWORD, userId } from './support.js';

describe(`audit trail (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let center: Client;
  let town1: Client;
  const db = () => t.ctx.database.db;
  const setTrigger = (on: boolean) => sql.raw(`ALTER TABLE audit_entries ${on ? 'ENABLE' : 'DISABLE'} TRIGGER audit_entries_no_update`).execute(db());

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminClient(t);
    center = await login(t, 'center');
    town1 = await login(t, 'town1');
    // Some activity across the district.
    const [p] = await personIdsIn(t, 'SFQ-T1-U0');
    await town1.get(`/api/v1/people/${p!.id}`);
    await town1.patch(`/api/v1/people/${p!.id}`, { phone: '13811112222' });
    await center.patch(`/api/v1/orgs/${await orgIdByCode(t, 'SFQ-T2')}`, { shortName: '西城' });
    t.clock.advance(3_600_000);
    await center.get(`/api/v1/people/${p!.id}`);
  });
  afterAll(() => t.close());

  describe('GET /api/v1/audit-entries', () => {
    it('401, 400, 403', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/audit-entries')).status).toBe(401);
      expectInvalid(await center.get('/api/v1/audit-entries?from=yesterday'), '开始时间（from）：');
      expectInvalid(await center.get('/api/v1/audit-entries?actorUserId=abc'), '操作人（actorUserId）：');
      expectInvalid(await center.get('/api/v1/audit-entries?pageSize=201'), '每页条数（pageSize）：');
      const res = await town1.get('/api/v1/audit-entries');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    });

    it('200 newest first, with every field', async () => {
      const total = await auditCount(t);
      const res = await center.get('/api/v1/audit-entries?pageSize=5');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(total);
      const ids = res.body.items.map((e: { id: number }) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const newest = await db().selectFrom('audit_entries').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(res.body.items[0]).toEqual({
        id: newest.id,
        occurredAt: new Date(newest.occurred_at).toISOString(),
        actorUserId: newest.actor_user_id,
        actorLabel: newest.actor_label,
        action: newest.action,
        objectType: newest.object_type,
        objectId: newest.object_id,
        orgId: newest.org_id,
        summary: newest.summary,
        before: newest.before ?? null,
        after: newest.after ?? null,
        hash: newest.hash,
      });
    });

    it('filters by actor, object, action and time', async () => {
      const [p] = await personIdsIn(t, 'SFQ-T1-U0');
      const views = await center.get(`/api/v1/audit-entries?objectType=person&objectId=${p!.id}&action=PERSON_VIEWED`);
      expect(views.body.items.map((e: { actorUserId: number }) => e.actorUserId)).toEqual([await userId(t, 'center'), await userId(t, 'town1'), await userId(t, 'town1')]);
      // Since this file's start: the demo ledger's history (town1's clue work) lies before it.
      const fileStart = encodeURIComponent(new Date(t.clock.now().getTime() - 3_600_000).toISOString());
      const byTown1 = await center.get(`/api/v1/audit-entries?actorUserId=${await userId(t, 'town1')}&from=${fileStart}&pageSize=200`);
      expect(new Set(byTown1.body.items.map((e: { action: string }) => e.action))).toEqual(new Set(['USER_LOGGED_IN', 'PERSON_VIEWED', 'PERSON_UPDATED']));
      const since = new Date(t.clock.now().getTime() - 60_000).toISOString();
      const recent = await center.get(`/api/v1/audit-entries?from=${encodeURIComponent(since)}`);
      expect(recent.body.items.map((e: { action: string }) => e.action)).toEqual(['PERSON_VIEWED']);
      const earlier = await center.get(`/api/v1/audit-entries?to=${encodeURIComponent(since)}&action=PERSON_VIEWED`);
      expect(earlier.body.total).toBe(2);
    });

    it('an audit reader with a township scope sees only entries about its township', async () => {
      const role = await createRole(admin, 'town_auditor', ['audit.read'], 'org_subtree');
      await createUser(t, admin, 'taud1', [role], 'SFQ-T1');
      const taud = await login(t, 'taud1', STRONG_PASSWORD);
      const res = await taud.get('/api/v1/audit-entries?pageSize=200');
      expect(res.status).toBe(200);
      const t1 = await db().selectFrom('orgs').select('path').where('code', '=', 'SFQ-T1').executeTakeFirstOrThrow();
      const expected = await db()
        .selectFrom('audit_entries')
        .select('id')
        .where('org_id', 'in', db().selectFrom('orgs').select('id').where('path', 'like', `${t1.path}%`))
        .orderBy('id', 'desc')
        .execute();
      expect(res.body.items.map((e: { id: number }) => e.id)).toEqual(expected.map((e) => e.id));
      expect(expected.length).toBeGreaterThanOrEqual(3);
      expect(JSON.stringify(res.body)).not.toContain('西城');
    });
  });

  describe('GET /api/v1/audit-entries/verification', () => {
    it('401, 403 without system.admin', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/audit-entries/verification')).status).toBe(401);
      const res = await center.get('/api/v1/audit-entries/verification');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    });

    it('200: the chain holds after activity', async () => {
      const res = await admin.get('/api/v1/audit-entries/verification');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, checked: await auditCount(t), firstBrokenId: null, reason: null });
      // Each entry links to the one before it.
      const rows = await db().selectFrom('audit_entries').select(['id', 'prev_hash', 'hash']).orderBy('id').execute();
      expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    });

    it('verifies in batches as well as in one pass', async () => {
      expect(await verifyAuditChain(db(), 3)).toEqual({ ok: true, checked: await auditCount(t), firstBrokenId: null, reason: null });
    });
  });

  describe('labels: every object type and action the server writes is named in Chinese (core audit/labels.ts, audit/actions.ts)', () => {
    const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.ts$/.test(e.name) ? [join(dir, e.name)] : []));
    /** Each distinct literal of `key: '…'` in the server's sources, with the first file that writes it. */
    const literals = (key: string, value: string) => {
      const found = new Map<string, string>();
      for (const f of sources(srcDir)) {
        for (const m of readFileSync(f, 'utf8').matchAll(new RegExp(`\\b${key}:\\s*'(${value})'`, 'g'))) {
          if (!found.has(m[1]!)) found.set(m[1]!, relative(srcDir, f));
        }
      }
      return found;
    };
    const chinese = /^[\u4e00-\u9fff（）、，：；]+/;

    it('each objectType literal in packages/server/src has a label', () => {
      const written = literals('objectType', '[^\']+');
      // The sources are read at all: the foundation's types are among them.
      expect([...written.keys()]).toEqual(expect.arrayContaining(['org', 'person', 'warning', 'clue', 'risk_point', 'integrity_opinion', 'talk']));
      const unlabelled = [...written].filter(([type]) => !Object.hasOwn(AUDIT_OBJECT_TYPES, type)).map(([type, file]) => `${type} (${file})`);
      expect(unlabelled, 'add these to AUDIT_OBJECT_TYPES in packages/core/src/audit/labels.ts').toEqual([]);
    });

    it('each action literal in packages/server/src is an enumerated audit action, and every action has a label', () => {
      const written = literals('action', '[A-Z][A-Z0-9_]*');
      expect(written.size).toBeGreaterThan(80);
      const unknown = [...written].filter(([action]) => !Object.hasOwn(AUDIT_ACTIONS, action)).map(([action, file]) => `${action} (${file})`);
      expect(unknown, 'add these to AUDIT_ACTIONS in packages/core/src/audit/actions.ts').toEqual([]);
      const unnamed = Object.entries({ ...AUDIT_ACTIONS, ...AUDIT_OBJECT_TYPES }).filter(([, label]) => !chinese.test(label));
      expect(unnamed).toEqual([]);
    });

    it('every entry stored in the demo district and by this test is shown with Chinese names', async () => {
      const kinds = await db().selectFrom('audit_entries').select(['object_type', 'action']).distinct().execute();
      expect(kinds.length).toBeGreaterThan(3);
      const raw = kinds.filter((k) => !chinese.test(auditObjectTypeLabel(k.object_type)) || !chinese.test(auditActionLabel(k.action)));
      expect(raw).toEqual([]);
      // An entry of a type or code no longer written keeps what it says.
      expect([auditObjectTypeLabel('gone'), auditActionLabel('GONE'), auditObjectTypeLabel('toString')]).toEqual(['gone', 'GONE', 'toString']);
    });
  });

  describe('append-only', () => {
    it('UPDATE, DELETE and TRUNCATE fail while the trigger is enabled', async () => {
      const [first] = await db().selectFrom('audit_entries').select(['id', 'summary']).orderBy('id').limit(1).execute();
      await expect(db().updateTable('audit_entries').set({ summary: '篡改' }).where('id', '=', first!.id).execute()).rejects.toThrow(/append-only/);
      await expect(db().deleteFrom('audit_entries').where('id', '=', first!.id).execute()).rejects.toThrow(/append-only/);
      await expect(sql`TRUNCATE audit_entries`.execute(db())).rejects.toThrow(/append-only/);
      const after = await db().selectFrom('audit_entries').select(['id', 'summary']).orderBy('id').limit(1).execute();
      expect(after).toEqual([first]);
    });

    it('a tampered entry is named as the first broken one; restoring it heals the chain', async () => {
      const rows = await db().selectFrom('audit_entries').select(['id', 'summary']).orderBy('id').execute();
      const victim = rows[Math.floor(rows.length / 2)]!;
      await setTrigger(false);
      try {
        await db().updateTable('audit_entries').set({ summary: `${victim.summary}（已篡改）` }).where('id', '=', victim.id).execute();
      } finally {
        await setTrigger(true);
      }
      const res = await admin.get('/api/v1/audit-entries/verification');
      expect(res.body).toEqual({ ok: false, checked: rows.findIndex((r) => r.id === victim.id), firstBrokenId: victim.id, reason: '内容与哈希不符（记录被篡改）' });

      await setTrigger(false);
      try {
        await db().updateTable('audit_entries').set({ summary: victim.summary }).where('id', '=', victim.id).execute();
      } finally {
        await setTrigger(true);
      }
      expect((await admin.get('/api/v1/audit-entries/verification')).body.ok).toBe(true);
    });

    it('tampering with the before/after JSON or the actor is detected too', async () => {
      const entry = await db().selectFrom('audit_entries').selectAll().where('action', '=', 'PERSON_UPDATED').orderBy('id').limit(1).executeTakeFirstOrThrow();
      for (const change of [{ after: JSON.stringify({ phone: '13900000000' }) }, { actor_user_id: 1 }, { occurred_at: new Date('2020-01-01T00:00:00Z') }]) {
        await setTrigger(false);
        try {
          await db().updateTable('audit_entries').set(change).where('id', '=', entry.id).execute();
        } finally {
          await setTrigger(true);
        }
        expect((await verifyAuditChain(db())).firstBrokenId).toBe(entry.id);
        await setTrigger(false);
        try {
          await db()
            .updateTable('audit_entries')
            .set({ after: entry.after === null ? null : JSON.stringify(entry.after), actor_user_id: entry.actor_user_id, occurred_at: entry.occurred_at })
            .where('id', '=', entry.id)
            .execute();
        } finally {
          await setTrigger(true);
        }
        expect((await verifyAuditChain(db())).ok).toBe(true);
      }
    });

    it('a deleted entry breaks the link of the next one', async () => {
      const rows = await db().selectFrom('audit_entries').selectAll().orderBy('id').execute();
      const i = Math.floor(rows.length / 3);
      const victim = rows[i]!;
      await setTrigger(false);
      try {
        await db().deleteFrom('audit_entries').where('id', '=', victim.id).execute();
      } finally {
        await setTrigger(true);
      }
      const res = await admin.get('/api/v1/audit-entries/verification');
      expect(res.body).toEqual({ ok: false, checked: i, firstBrokenId: rows[i + 1]!.id, reason: '前序哈希不连续（记录被删除、插入或重排）' });
      await db()
        .insertInto('audit_entries')
        .values({ ...victim, before: victim.before === null ? null : JSON.stringify(victim.before), after: victim.after === null ? null : JSON.stringify(victim.after) })
        .execute();
      expect((await admin.get('/api/v1/audit-entries/verification')).body.ok).toBe(true);
    });
  });
  it('the hashed text of an entry is its canonical JSON, whatever its values', () => {
    const base: ChainedFields = {
      occurredAt: '2026-11-23T01:00:00.000Z',
      actorUserId: 7,
      actorLabel: '张三（zhangsan）',
      action: 'PERSON_UPDATED',
      objectType: 'person',
      objectId: '42',
      orgId: 3,
      summary: '修改"人员"\\信息\n第二行',
      before: { phone: '138', z: [1, { b: 2, a: null }], a: true },
      after: { phone: '139', nested: { y: 'é', x: 1.5 } },
    };
    for (const f of [base, { ...base, actorUserId: null, objectId: null, orgId: null, before: null, after: null }, { ...base, before: [3, 'x'], after: 'text' }]) {
      expect(chainedJson(f)).toBe(canonicalJson(f));
    }
  });

  it('many entries appended at once continue the chain in order', async () => {
    const before = await auditCount(t);
    const events = Array.from({ length: 25 }, (_, i) => ({
      action: 'PERSON_VIEWED' as const,
      objectType: 'person',
      objectId: i,
      orgId: i % 2 ? null : 1,
      ...(i % 3 ? { summary: `查看 ${i}` } : {}),
      ...(i % 4 ? { after: { i, at: new Date('2026-11-23T01:00:00Z') } } : {}),
    }));
    await db().transaction().execute((trx) => recordAudits(trx, { system: '测试' }, events, t.clock.now()));
    const rows = await db().selectFrom('audit_entries').selectAll().orderBy('id', 'desc').limit(25).execute();
    expect(rows.reverse().map((r) => [r.object_id, r.summary, r.after, r.actor_label, r.actor_user_id])).toEqual(
      events.map((e, i) => [String(i), e.summary ?? '查看人员详情（含身份证号）', e.after ? { i, at: '2026-11-23T01:00:00.000Z' } : null, '测试', null]),
    );
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: before + 25, firstBrokenId: null, reason: null });
  });
});
