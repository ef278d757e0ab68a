import { rebasePath } from '@qingfeng/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import {
  adminClient,
  anonymous,
  auditAfter,
  auditMark,
  createRole,
  createUser,
  expectInvalid,
  newIdNumber,
  refusedWithoutChange,
  roleId,
  STRONG_PASSWORD,
  userId,
  whileAuditChainHeld,
} from './support.js';

describe(`orgs routes (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let town1: Client;
  let leader1: Client;
  /** A role with audit.read only: no orgs.read at all. */
  let auditor: Client;
  /** Reads the whole district (leader) but writes only the subtree of 东城街道 (township). */
  let mixed: Client;
  const db = () => t.ctx.database.db;
  const org = (code: string) => db().selectFrom('orgs').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminClient(t);
    await createUser(t, admin, 'auditor1', [await createRole(admin, 'auditor_only', ['audit.read'], 'all')], 'SFQ-JW-BGS');
    await createUser(t, admin, 'mixed1', [await roleId(t, 'township'), await roleId(t, 'leader')], 'SFQ-T1');
    [center, town1, leader1, auditor, mixed] = await Promise.all([
      login(t, 'center'),
      login(t, 'town1'),
      login(t, 'leader1'),
      login(t, 'auditor1', STRONG_PASSWORD),
      login(t, 'mixed1', STRONG_PASSWORD),
    ]);
  });
  afterAll(() => t.close());

  describe('GET /api/v1/orgs', () => {
    it('401 without credentials', async () => {
      const res = await anonymous(t, 'GET', '/api/v1/orgs');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('auth.unauthenticated');
    });

    it('400 names the field', async () => {
      expectInvalid(await center.get('/api/v1/orgs?kind=bureau'), '类型（kind）：');
      expectInvalid(await center.get('/api/v1/orgs?includeRetired=maybe'), '含已撤销（includeRetired）：');
    });

    it('403 without orgs.read', async () => {
      const res = await auditor.get('/api/v1/orgs');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    });

    it('200: center sees every active org, writable; leader1 sees them read-only', async () => {
      const all = await db().selectFrom('orgs').select(['id', 'depth']).where('retired_at', 'is', null).orderBy('depth').orderBy('sort_order').orderBy('id').execute();
      const c = await center.get('/api/v1/orgs');
      expect(c.status).toBe(200);
      expect(c.body.items.map((o: { id: number }) => o.id)).toEqual(all.map((o) => o.id));
      // The root cannot be moved or retired; every other org can.
      const actions = (o: { parentId: number | null; actions: string[] }) => `${o.parentId === null ? 'root' : 'child'}:${o.actions.join()}`;
      expect(new Set(c.body.items.map(actions))).toEqual(new Set(['root:update,createChild', 'child:update,move,retire,createChild']));
      const l = await leader1.get('/api/v1/orgs');
      expect(l.body.items.map((o: { id: number }) => o.id)).toEqual(all.map((o) => o.id));
      expect(l.body.items.every((o: { actions: string[] }) => o.actions.length === 0)).toBe(true);
    });

    it('filters by kind and name; lists each dispatched group’s supervised orgs', async () => {
      const towns = await center.get('/api/v1/orgs?kind=township_commission');
      expect(towns.body.items.map((o: { code: string }) => o.code)).toEqual(['SFQ-T1', 'SFQ-T2', 'SFQ-T3', 'SFQ-T4', 'SFQ-T5']);
      const q = await center.get(`/api/v1/orgs?q=${encodeURIComponent('财政')}`);
      expect(q.body.items.map((o: { name: string }) => o.name).sort()).toEqual(
        ['东城街道财政所', '北山镇财政所', '南湖镇财政所', '区财政局', '临河乡财政所', '西城街道财政所', '财政审计科'].sort(),
      );
      const groups = await center.get('/api/v1/orgs?kind=dispatched_group');
      const pz1 = groups.body.items.find((o: { code: string }) => o.code === 'SFQ-PZ1');
      const expected = await Promise.all(['SFQ-JYJ', 'SFQ-WJW', 'SFQ-MZJ', 'SFQ-RSJ', 'SFQ-TJJ'].map((c) => orgIdByCode(t, c)));
      expect(pz1.supervisedOrgIds).toEqual(expected.sort((a, b) => a - b));
    });
  });

  describe('GET /api/v1/orgs: the whole tree, kept serialized while it stands (orgs.tree-cache.ts)', () => {
    type Listed = { id: number; name: string; path: string; supervisedOrgIds: number[]; actions: string[] };
    const tree = async (client: Client, query = '') => {
      const res = await client.get(`/api/v1/orgs${query}`);
      expect(res.status).toBe(200);
      return res.body.items as Listed[];
    };
    const nameOf = async (client: Client, id: number) => (await tree(client)).find((o) => o.id === id)?.name;
    const withTag = (client: Client, etag?: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: { authorization: `Bearer ${client.token}`, ...(etag ? { 'if-none-match': etag } : {}) } });

    it('each actor gets their own tree, and every change shows at once, whoever made it', async () => {
      const u1 = await org('SFQ-T1-U1');
      const t1 = await org('SFQ-T1');
      // Primed in an order where a shared entry would leak: the whole district first.
      expect((await tree(center)).length).toBeGreaterThan(100);
      const mine = await tree(town1);
      expect(mine.every((o) => o.path.startsWith(t1.path))).toBe(true);
      expect(mine.map((o) => o.id).sort((a, b) => a - b)).toEqual(
        (await db().selectFrom('orgs').select('id').where('path', 'like', `${t1.path}%`).where('retired_at', 'is', null).execute()).map((o) => o.id).sort((a, b) => a - b),
      );
      // Same reading scope, different writing scopes: leader1 read-only, mixed1 writes 东城街道's subtree.
      expect((await tree(leader1)).every((o) => o.actions.length === 0)).toBe(true);
      const mixedTree = await tree(mixed);
      expect(mixedTree.find((o) => o.id === u1.id)!.actions).toContain('update');
      expect(mixedTree.find((o) => o.id === (t1.parent_id ?? 0))!.actions).toEqual([]);

      // Through the API…
      expect((await center.patch(`/api/v1/orgs/${u1.id}`, { name: `${u1.name}（改）` })).status).toBe(200);
      expect(await nameOf(town1, u1.id)).toBe(`${u1.name}（改）`);
      expect(await nameOf(center, u1.id)).toBe(`${u1.name}（改）`);
      // …and behind the server's back (another process, a script): the count of changes moves in SQL.
      await db().updateTable('orgs').set({ name: u1.name }).where('id', '=', u1.id).execute();
      expect(await nameOf(town1, u1.id)).toBe(u1.name);
      // A group's supervised orgs are part of the tree too.
      const pz1 = await org('SFQ-PZ1');
      const before = (await tree(center)).find((o) => o.id === pz1.id)!.supervisedOrgIds;
      await db().deleteFrom('org_supervisions').where('group_org_id', '=', pz1.id).where('org_id', '=', before[0]!).execute();
      expect((await tree(center)).find((o) => o.id === pz1.id)!.supervisedOrgIds).toEqual(before.slice(1));
      await db().insertInto('org_supervisions').values({ group_org_id: pz1.id, org_id: before[0]! }).execute();
      expect((await tree(center)).find((o) => o.id === pz1.id)!.supervisedOrgIds).toEqual(before);
      // With and without retired orgs are two trees.
      expect((await tree(center, '?includeRetired=true')).length).toBeGreaterThanOrEqual((await tree(center)).length);
    });

    it('answers 304 to its own ETag while the tree stands, and the new tree after a change', async () => {
      const first = await withTag(center);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"orgs-\d+-[\w-]{12}"$/);
      expect(first.headers['cache-control']).toBe('no-store');
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      const again = await withTag(center, etag);
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      // Another actor's tree has another tag: center's tag does not spare town1 its own tree.
      const other = await withTag(town1, etag);
      expect(other.statusCode).toBe(200);
      expect(other.headers.etag).not.toBe(etag);
      const u2 = await org('SFQ-T1-U2');
      expect((await center.patch(`/api/v1/orgs/${u2.id}`, { sortOrder: u2.sort_order + 1 })).status).toBe(200);
      const changed = await withTag(center, etag);
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.json().items.find((o: Listed & { sortOrder: number }) => o.id === u2.id).sortOrder).toBe(u2.sort_order + 1);
    });
  });

  describe('GET /api/v1/orgs/:id', () => {
    it('401, 400, 403, 404', async () => {
      const t2 = await orgIdByCode(t, 'SFQ-T2');
      expect((await anonymous(t, 'GET', `/api/v1/orgs/${t2}`)).status).toBe(401);
      expectInvalid(await center.get('/api/v1/orgs/abc'), '编号（id）：');
      expectInvalid(await center.get('/api/v1/orgs/0'), '编号（id）：');
      expect((await auditor.get(`/api/v1/orgs/${t2}`)).status).toBe(403);
      const missing = await center.get('/api/v1/orgs/999999');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toEqual({ code: 'not_found', message: '记录不存在或不在您的权限范围内' });
      const outside = await town1.get(`/api/v1/orgs/${t2}`);
      expect(outside.status).toBe(404);
      expect(outside.body).toEqual(missing.body);
    });

    it('200 with counts and, for a group, the supervised orgs', async () => {
      const u0 = await org('SFQ-T1-U0');
      const res = await town1.get(`/api/v1/orgs/${u0.id}`);
      expect(res.status).toBe(200);
      const people = await db().selectFrom('people').select('id').where('org_id', '=', u0.id).where('retired_at', 'is', null).execute();
      expect(res.body).toMatchObject({ id: u0.id, name: '东城街道财政所', code: 'SFQ-T1-U0', kind: 'unit', path: u0.path, depth: 2, peopleCount: people.length, childCount: 0, actions: ['update', 'move', 'retire', 'createChild'] });
      expect(people.length).toBe(4);
      const t1 = await town1.get(`/api/v1/orgs/${await orgIdByCode(t, 'SFQ-T1')}`);
      expect(t1.body.childCount).toBe(8);
    });
  });

  describe('POST /api/v1/orgs', () => {
    it('401 without credentials', async () => {
      expect((await anonymous(t, 'POST', '/api/v1/orgs', { parentId: 1, name: 'x', kind: 'unit' })).status).toBe(401);
    });

    it('400 names the field, and nothing is created', async () => {
      const parentId = await orgIdByCode(t, 'SFQ-T1');
      const before = await db().selectFrom('orgs').select('id').execute();
      const res = await town1.post('/api/v1/orgs', { parentId, name: '新单位', kind: 'unit', code: 'bad code' });
      expectInvalid(res, '代码（code）：');
      expect(res.body.error.message).toBe('代码（code）：代码只能包含字母、数字、下划线和短横线');
      expectInvalid(await town1.post('/api/v1/orgs', { parentId, name: '  ', kind: 'unit' }), '名称（name）：');
      expectInvalid(await town1.post('/api/v1/orgs', { parentId, name: '新单位', kind: 'bureau' }), '类型（kind）：');
      expect((await db().selectFrom('orgs').select('id').execute()).length).toBe(before.length);
    });

    it('403 without orgs.write; 404 for a parent outside the scope; 403 for a parent readable but not writable', async () => {
      const t1 = await orgIdByCode(t, 'SFQ-T1');
      const t2 = await orgIdByCode(t, 'SFQ-T2');
      await refusedWithoutChange(t, async () => leader1.post('/api/v1/orgs', { parentId: t1, name: '新单位', kind: 'unit' }), 403, 'auth.forbidden');
      const outside = await refusedWithoutChange(t, async () => town1.post('/api/v1/orgs', { parentId: t2, name: '新单位', kind: 'unit' }), 404, 'not_found');
      expect(outside.body.error.message).toBe('上级组织不存在或不在您的权限范围内');
      expect(JSON.stringify(outside.body)).not.toContain('西城');
      await refusedWithoutChange(t, async () => mixed.post('/api/v1/orgs', { parentId: t2, name: '新单位', kind: 'unit' }), 403, 'orgs.parent_out_of_scope');
      await refusedWithoutChange(t, async () => town1.post('/api/v1/orgs', { parentId: 999999, name: '新单位', kind: 'unit' }), 404, 'not_found');
    });

    it('409 for a second root, a duplicate code, or supervised orgs outside the scope (400)', async () => {
      await refusedWithoutChange(t, async () => center.post('/api/v1/orgs', { parentId: null, name: '另一个纪委', kind: 'commission' }), 409, 'orgs.root_exists');
      const t1 = await orgIdByCode(t, 'SFQ-T1');
      await refusedWithoutChange(t, async () => town1.post('/api/v1/orgs', { parentId: t1, name: '重复代码', kind: 'unit', code: 'SFQ-T2' }), 409, 'orgs.code_duplicate');
      const res = await refusedWithoutChange(
        t,
        async () => town1.post('/api/v1/orgs', { parentId: t1, name: '街道监督组', kind: 'dispatched_group', supervisedOrgIds: [t1, 999999] }),
        400,
        'request.invalid',
      );
      expect(res.body.error.issues).toEqual([{ field: 'supervisedOrgIds', message: '单位 999999 不存在或不在权限范围内' }]);
    });

    it('201: path and depth follow the parent; audited as ORG_CREATED by the caller', async () => {
      const parent = await org('SFQ-T1-U1');
      const mark = await auditMark(t);
      const res = await town1.post('/api/v1/orgs', { parentId: parent.id, name: '综合执法一中队', kind: 'section', code: 'SFQ-T1-U1-S9', sortOrder: 3 });
      expect(res.status).toBe(201);
      const id = res.body.id;
      expect(res.body).toMatchObject({ parentId: parent.id, path: `${parent.path}${id}.`, depth: 3, name: '综合执法一中队', kind: 'section', code: 'SFQ-T1-U1-S9', sortOrder: 3, peopleCount: 0, childCount: 0, retiredAt: null });
      const row = await db().selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect({ path: row.path, depth: row.depth, parent_id: row.parent_id }).toEqual({ path: `${parent.path}${id}.`, depth: 3, parent_id: parent.id });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'ORG_CREATED', actor: await userId(t, 'town1'), objectType: 'org', objectId: String(id) }]);
    });

    it('201: a dispatched group records its supervised orgs', async () => {
      const ids = [await orgIdByCode(t, 'SFQ-CZJ'), await orgIdByCode(t, 'SFQ-NYJ')].sort((a, b) => a - b);
      const res = await center.post('/api/v1/orgs', { parentId: await orgIdByCode(t, 'SFQ-JW'), name: '第四派驻纪检组', kind: 'dispatched_group', code: 'SFQ-PZ4', supervisedOrgIds: ids });
      expect(res.status).toBe(201);
      expect(res.body.supervisedOrgIds).toEqual(ids);
      const rows = await db().selectFrom('org_supervisions').select('org_id').where('group_org_id', '=', res.body.id).orderBy('org_id').execute();
      expect(rows.map((r) => r.org_id)).toEqual(ids);
    });
  });

  describe('PATCH /api/v1/orgs/:id', () => {
    it('401, 400, 403, 404 change nothing', async () => {
      const t2 = await orgIdByCode(t, 'SFQ-T2');
      const u2 = await orgIdByCode(t, 'SFQ-T1-U2');
      expect((await anonymous(t, 'PATCH', `/api/v1/orgs/${u2}`, { name: 'x' })).status).toBe(401);
      expectInvalid(await town1.patch(`/api/v1/orgs/${u2}`, { name: '' }), '名称（name）：');
      expectInvalid(await town1.patch(`/api/v1/orgs/${u2}`, { sortOrder: -1 }), '排序（sortOrder）：');
      await refusedWithoutChange(t, async () => leader1.patch(`/api/v1/orgs/${u2}`, { name: '改名' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => mixed.patch(`/api/v1/orgs/${t2}`, { name: '改名' }), 403, 'auth.forbidden');
      const outside = await refusedWithoutChange(t, async () => town1.patch(`/api/v1/orgs/${t2}`, { name: '改名' }), 404, 'not_found');
      expect(JSON.stringify(outside.body)).not.toContain('西城');
      await refusedWithoutChange(t, async () => town1.patch(`/api/v1/orgs/${u2}`, { code: 'SFQ-T1' }), 409, 'orgs.code_duplicate');
    });

    it('200 changes only the fields named; audited as ORG_UPDATED', async () => {
      const u2 = await org('SFQ-T1-U2');
      const mark = await auditMark(t);
      const res = await town1.patch(`/api/v1/orgs/${u2.id}`, { name: '东城街道社区卫生服务中心（更名）' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '东城街道社区卫生服务中心（更名）', code: 'SFQ-T1-U2', sortOrder: u2.sort_order, kind: 'unit' });
      const after = await org('SFQ-T1-U2');
      expect({ ...after, updated_at: null }).toEqual({ ...u2, name: '东城街道社区卫生服务中心（更名）', updated_at: null });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'ORG_UPDATED', actor: await userId(t, 'town1'), objectType: 'org', objectId: String(u2.id) }]);
    });

    it('renaming a dispatched group keeps its supervised orgs and sort order', async () => {
      const pz1 = await org('SFQ-PZ1');
      const sup = async () => (await db().selectFrom('org_supervisions').select('org_id').where('group_org_id', '=', pz1.id).orderBy('org_id').execute()).map((r) => r.org_id);
      const before = await sup();
      expect(before.length).toBe(5);
      const res = await center.patch(`/api/v1/orgs/${pz1.id}`, { shortName: '一组' });
      expect(res.status).toBe(200);
      expect(res.body.supervisedOrgIds).toEqual(before);
      expect(res.body.sortOrder).toBe(pz1.sort_order);
      expect(await sup()).toEqual(before);
      expect((await org('SFQ-PZ1')).sort_order).toBe(pz1.sort_order);
    });
  });

  describe('POST /api/v1/orgs/:id/move', () => {
    it('401, 400, 403, 404 change nothing', async () => {
      const u2 = await orgIdByCode(t, 'SFQ-T1-U2');
      const t1 = await orgIdByCode(t, 'SFQ-T1');
      const t2u0 = await orgIdByCode(t, 'SFQ-T2-U0');
      expect((await anonymous(t, 'POST', `/api/v1/orgs/${u2}/move`, { parentId: t1 })).status).toBe(401);
      expectInvalid(await town1.post(`/api/v1/orgs/${u2}/move`, { parentId: 'x' }), '上级组织（parentId）：');
      await refusedWithoutChange(t, async () => leader1.post(`/api/v1/orgs/${u2}/move`, { parentId: t1 }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/orgs/${t2u0}/move`, { parentId: t1 }), 404, 'not_found');
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/orgs/${u2}/move`, { parentId: await orgIdByCode(t, 'SFQ-T2') }), 403, 'orgs.parent_out_of_scope');
    });

    it('409 orgs.cycle under itself, under a descendant, and for the root', async () => {
      const t4 = await orgIdByCode(t, 'SFQ-T4');
      await refusedWithoutChange(t, async () => center.post(`/api/v1/orgs/${t4}/move`, { parentId: t4 }), 409, 'orgs.cycle');
      await refusedWithoutChange(t, async () => center.post(`/api/v1/orgs/${t4}/move`, { parentId: await orgIdByCode(t, 'SFQ-T4-C0') }), 409, 'orgs.cycle');
      await refusedWithoutChange(t, async () => center.post(`/api/v1/orgs/${t4}/move`, { parentId: await orgIdByCode(t, 'SFQ-T4-C0-RP') }), 409, 'orgs.cycle');
      const root = await refusedWithoutChange(t, async () => center.post(`/api/v1/orgs/${await orgIdByCode(t, 'SFQ-JW')}/move`, { parentId: t4 }), 409, 'orgs.cycle');
      expect(root.body.error.message).toBe('顶级组织不能移动');
    });

    it('200: the whole subtree is rebased — every descendant’s path and depth — and nothing else moves', async () => {
      const t5 = await org('SFQ-T5');
      const t4 = await org('SFQ-T4');
      const everything = await db().selectFrom('orgs').select(['id', 'parent_id', 'path', 'depth']).orderBy('id').execute();
      const subtree = everything.filter((o) => o.path.startsWith(t5.path));
      expect(subtree.length).toBe(1 + 1 + 3 + 4 + 4); // town, office, 3 units, 4 communities, 4 reporting points
      expect(new Set(subtree.map((o) => o.depth))).toEqual(new Set([1, 2, 3]));

      const mark = await auditMark(t);
      const res = await center.post(`/api/v1/orgs/${t5.id}/move`, { parentId: t4.id });
      expect(res.status).toBe(200);
      const newPath = `${t4.path}${t5.id}.`;
      expect(res.body).toMatchObject({ id: t5.id, parentId: t4.id, path: newPath, depth: 2 });

      const moved = await db().selectFrom('orgs').select(['id', 'parent_id', 'path', 'depth']).orderBy('id').execute();
      const expected = everything.map((o) =>
        o.path.startsWith(t5.path)
          ? { ...o, path: rebasePath(o.path, t5.path, newPath), depth: o.depth + 1, parent_id: o.id === t5.id ? t4.id : o.parent_id }
          : o,
      );
      expect(moved).toEqual(expected);
      for (const o of moved) expect(o.depth).toBe(o.path.split('.').length - 2);

      const entries = await auditAfter(t, mark);
      expect(entries).toEqual([{ action: 'ORG_MOVED', actor: await userId(t, 'center'), objectType: 'org', objectId: String(t5.id) }]);
      const row = await db().selectFrom('audit_entries').select(['before', 'after']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(row).toEqual({ before: { parentId: t5.parent_id }, after: { parentId: t4.id } });

      // The moved subtree is now part of 北山镇's subtree for scope purposes.
      const listed = await center.get(`/api/v1/people?orgId=${t4.id}&subtree=true&pageSize=200`);
      expect(listed.status, JSON.stringify(listed.body)).toBe(200);
      expect(listed.body.items.some((p: { orgId: number }) => p.orgId === t5.id)).toBe(true);
    });
  });

  describe('POST /api/v1/orgs/:id/retire', () => {
    it('401, 400, 403, 404 change nothing', async () => {
      const u1 = await orgIdByCode(t, 'SFQ-T1-U1');
      expect((await anonymous(t, 'POST', `/api/v1/orgs/${u1}/retire`)).status).toBe(401);
      expectInvalid(await town1.post('/api/v1/orgs/abc/retire'), '编号（id）：');
      await refusedWithoutChange(t, async () => leader1.post(`/api/v1/orgs/${u1}/retire`), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/orgs/${await orgIdByCode(t, 'SFQ-T2-U1')}/retire`), 404, 'not_found');
    });

    it('409 orgs.has_children and orgs.has_people', async () => {
      const children = await refusedWithoutChange(t, async () => town1.post(`/api/v1/orgs/${await orgIdByCode(t, 'SFQ-T1-C0')}/retire`), 409, 'orgs.has_children');
      expect(children.body.error.message).toMatch(/仍有 1 个下级组织/);
      const people = await refusedWithoutChange(t, async () => town1.post(`/api/v1/orgs/${await orgIdByCode(t, 'SFQ-T1-U2')}/retire`), 409, 'orgs.has_people');
      expect(people.body.error.message).toMatch(/仍有 4 名在岗人员/);
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/orgs/${await orgIdByCode(t, 'SFQ-T1-C0-RP')}/retire`), 409, 'orgs.has_people');
    });

    it('200 retires an empty org; then it is hidden, read-only, and cannot take children', async () => {
      const created = await town1.post('/api/v1/orgs', { parentId: await orgIdByCode(t, 'SFQ-T1'), name: '临时工作专班', kind: 'section' });
      const id = created.body.id;
      // An empty post of its own goes with it.
      const post = await town1.post('/api/v1/posts', { orgId: id, name: '专班联络员' });
      expect(post.status).toBe(201);
      const mark = await auditMark(t);
      const res = await town1.post(`/api/v1/orgs/${id}/retire`);
      expect(res.status).toBe(200);
      expect((await db().selectFrom('posts').select('retired_at').where('id', '=', post.body.id).executeTakeFirstOrThrow()).retired_at).toEqual(t.clock.now());
      expect(res.body.retiredAt).toBe(t.clock.now().toISOString());
      expect(res.body.actions).toEqual([]);
      expect(await auditAfter(t, mark)).toEqual([{ action: 'ORG_RETIRED', actor: await userId(t, 'town1'), objectType: 'org', objectId: String(id) }]);

      const active = await town1.get('/api/v1/orgs');
      expect(active.body.items.some((o: { id: number }) => o.id === id)).toBe(false);
      const all = await town1.get('/api/v1/orgs?includeRetired=true');
      expect(all.body.items.find((o: { id: number }) => o.id === id)).toMatchObject({ id, retiredAt: t.clock.now().toISOString() });

      await refusedWithoutChange(t, async () => town1.post(`/api/v1/orgs/${id}/retire`), 409, 'orgs.retired');
      await refusedWithoutChange(t, async () => town1.patch(`/api/v1/orgs/${id}`, { name: '复活' }), 409, 'orgs.retired');
      await refusedWithoutChange(t, async () => town1.post('/api/v1/orgs', { parentId: id, name: '下级', kind: 'section' }), 409, 'orgs.retired');
      await refusedWithoutChange(t, async () => town1.post('/api/v1/people', { orgId: id, name: '新人', idNumber: '11010519491231002X' }), 409, 'orgs.retired');
    });
  });

  describe('concurrent changes of the tree (PostgreSQL, several connections)', () => {
    /** Sends `requests` at once and lets them commit once `waiting` of them wait on a lock (see whileAuditChainHeld). */
    async function held<T>(waiting: number, requests: () => Promise<T>[]): Promise<T[]> {
      let pending: Promise<T[]> | undefined;
      await whileAuditChainHeld(t, async (waitForLocks) => {
        pending = Promise.all(requests());
        await waitForLocks(waiting);
      });
      return pending!;
    }
    const section = async (name: string) => {
      const res = await center.post('/api/v1/orgs', { parentId: await orgIdByCode(t, 'SFQ-T1'), name, kind: 'section' });
      expect(res.status).toBe(201);
      return res.body.id as number;
    };
    /** Every org's path is its parent's path and its id, and following parents always ends at the root. */
    const treeIsSound = async () => {
      const misplaced = await sql<{ id: number }>`SELECT c.id FROM orgs c LEFT JOIN orgs p ON p.id = c.parent_id
        WHERE c.path <> coalesce(p.path, '') || c.id || '.' OR c.depth <> coalesce(p.depth + 1, 0)`.execute(db());
      expect(misplaced.rows).toEqual([]);
      const cyclic = await sql<{ id: number }>`WITH RECURSIVE up (id, at, n) AS (
          SELECT id, parent_id, 0 FROM orgs
          UNION ALL SELECT up.id, o.parent_id, up.n + 1 FROM up JOIN orgs o ON o.id = up.at WHERE up.n < 50)
        SELECT DISTINCT id FROM up WHERE n = 50 AND at IS NOT NULL`.execute(db());
      expect(cyclic.rows).toEqual([]);
    };

    it.runIf(ENGINE === 'postgres')('opposite moves at once (A under B, B under A) never make a cycle: the second is refused with orgs.cycle', async () => {
      const a = await section('并发移动甲');
      const b = await section('并发移动乙');
      const [ab, ba] = await held(2, () => [center.post(`/api/v1/orgs/${a}/move`, { parentId: b }), center.post(`/api/v1/orgs/${b}/move`, { parentId: a })]);
      expect([ab!.status, ba!.status].sort()).toEqual([200, 409]);
      expect((ab!.status === 409 ? ab! : ba!).body.error.code).toBe('orgs.cycle');
      const parents = async (id: number) => (await db().selectFrom('orgs').select('parent_id').where('id', '=', id).executeTakeFirstOrThrow()).parent_id;
      const t1 = await orgIdByCode(t, 'SFQ-T1');
      expect([await parents(a), await parents(b)]).toEqual(ab!.status === 200 ? [b, t1] : [t1, a]);
      await treeIsSound();
    });

    it.runIf(ENGINE === 'postgres')('moves that would close a cycle only together (X under P under Q, Q under R under X) are refused one after the other', async () => {
      const x = await section('并发移动丙');
      const q = await section('并发移动丁');
      const p = (await center.post('/api/v1/orgs', { parentId: q, name: '丁下级', kind: 'section' })).body.id as number;
      const r = (await center.post('/api/v1/orgs', { parentId: x, name: '丙下级', kind: 'section' })).body.id as number;
      const [xp, qr] = await held(2, () => [center.post(`/api/v1/orgs/${x}/move`, { parentId: p }), center.post(`/api/v1/orgs/${q}/move`, { parentId: r })]);
      expect([xp!.status, qr!.status].sort()).toEqual([200, 409]);
      await treeIsSound();
    });

    it.runIf(ENGINE === 'postgres')('retiring an org while a person and a child org are added to it: either the retirement or the additions are refused, never a retired org with them', async () => {
      const org = await section('并发撤销');
      const [retired, person, child] = await held(3, () => [
        center.post(`/api/v1/orgs/${org}/retire`),
        center.post('/api/v1/people', { orgId: org, name: '撤中新增', idNumber: newIdNumber(), talkClass: 'C' }),
        center.post('/api/v1/orgs', { parentId: org, name: '撤中下级', kind: 'section' }),
      ]);
      if (retired!.status === 200) {
        expect([person!.status, person!.body.error?.code, child!.status, child!.body.error?.code]).toEqual([409, 'orgs.retired', 409, 'orgs.retired']);
      } else {
        expect([retired!.status, person!.status, child!.status]).toEqual([409, 201, 201]);
        expect(['orgs.has_people', 'orgs.has_children']).toContain(retired!.body.error.code);
      }
      const kept = await sql<{ people: number; children: number }>`SELECT
          (SELECT count(*)::int FROM people p JOIN orgs o ON o.id = p.org_id WHERE o.retired_at IS NOT NULL AND p.retired_at IS NULL) AS people,
          (SELECT count(*)::int FROM orgs c JOIN orgs o ON o.id = c.parent_id WHERE o.retired_at IS NOT NULL AND c.retired_at IS NULL) AS children`.execute(db());
      expect(kept.rows).toEqual([{ people: 0, children: 0 }]);
    });
  });
});
