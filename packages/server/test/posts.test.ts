import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { anonymous, auditAfter, auditMark, expectInvalid, postIdIn, refusedWithoutChange, userId, whileAuditChainHeld } from './support.js';

describe(`posts routes (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let town1: Client;
  let leader1: Client;
  let station1: Client;
  let paizhu1: Client;
  let town1Id: number;
  const db = () => t.ctx.database.db;

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1, leader1, station1, paizhu1] = (await Promise.all(['center', 'town1', 'leader1', 'station1', 'paizhu1'].map((u) => login(t, u)))) as [Client, Client, Client, Client, Client];
    town1Id = await userId(t, 'town1');
  });
  afterAll(() => t.close());

  describe('GET /api/v1/posts', () => {
    it('401, 400, 403', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/posts')).status).toBe(401);
      expectInvalid(await center.get('/api/v1/posts?pageSize=0'), '每页条数（pageSize）：');
      expectInvalid(await center.get('/api/v1/posts?orgId=abc'), '所属组织（orgId）：');
      const res = await station1.get('/api/v1/posts');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    });

    it('200 lists an org’s posts with their holders, leadership posts first', async () => {
      const u0 = await orgIdByCode(t, 'SFQ-T1-U0');
      const res = await town1.get(`/api/v1/posts?orgId=${u0}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(3);
      expect(res.body.items.map((p: { name: string; isLeadership: boolean; holders: unknown[]; actions: string[] }) => [p.name, p.isLeadership, p.holders.length, p.actions])).toEqual([
        ['所（队、中心）长', true, 1, ['update', 'retire']],
        ['纪检负责人', false, 1, ['update', 'retire']],
        ['会计', false, 2, ['update', 'retire']],
      ]);
      const holders = await db()
        .selectFrom('post_assignments')
        .innerJoin('people', 'people.id', 'post_assignments.person_id')
        .select(['people.id', 'people.name'])
        .where('post_assignments.post_id', '=', res.body.items[2].id)
        .orderBy('people.name')
        .execute();
      expect(res.body.items[2].holders).toEqual(holders.map((h) => ({ personId: h.id, name: h.name })));
    });

    it('subtree and name filters', async () => {
      const t1 = await orgIdByCode(t, 'SFQ-T1');
      const all = await town1.get(`/api/v1/posts?orgId=${t1}&subtree=true&pageSize=200`);
      const own = await town1.get(`/api/v1/posts?orgId=${t1}`);
      expect(own.body.total).toBe(2);
      // 2 (town) + 2 (office) + 3×3 (units) + 4×(2+1) (communities and their reporting points)
      expect(all.body.total).toBe(2 + 2 + 9 + 12);
      const q = await town1.get(`/api/v1/posts?q=${encodeURIComponent('会计')}`);
      expect(q.body.items.map((p: { name: string; orgName: string }) => `${p.orgName}/${p.name}`)).toEqual(['东城街道财政所/会计']);
    });
  });

  describe('GET /api/v1/posts/:id', () => {
    it('401, 400, 403, 404, 200', async () => {
      const inside = await postIdIn(t, 'SFQ-T1-U0', '会计');
      const outside = await postIdIn(t, 'SFQ-T2-U0', '会计');
      expect((await anonymous(t, 'GET', `/api/v1/posts/${inside}`)).status).toBe(401);
      expectInvalid(await town1.get('/api/v1/posts/1.5'), '编号（id）：');
      expect((await station1.get(`/api/v1/posts/${inside}`)).status).toBe(403);
      const out = await town1.get(`/api/v1/posts/${outside}`);
      expect(out.status).toBe(404);
      expect(JSON.stringify(out.body)).not.toContain('西城');
      expect((await town1.get('/api/v1/posts/999999')).status).toBe(404);
      const ok = await town1.get(`/api/v1/posts/${inside}`);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ id: inside, name: '会计', orgName: '东城街道财政所', isLeadership: false, retiredAt: null });
      const ro = await leader1.get(`/api/v1/posts/${inside}`);
      expect(ro.body.actions).toEqual([]);
    });
  });

  describe('POST /api/v1/posts', () => {
    it('401, 400, 403, 404 change nothing', async () => {
      const inside = await orgIdByCode(t, 'SFQ-T1-U0');
      const outside = await orgIdByCode(t, 'SFQ-T2-U0');
      expect((await anonymous(t, 'POST', '/api/v1/posts', { orgId: inside, name: '出纳' })).status).toBe(401);
      expectInvalid(await town1.post('/api/v1/posts', { orgId: inside, name: '' }), '名称（name）：');
      expectInvalid(await town1.post('/api/v1/posts', { orgId: inside, name: '出纳', duties: 'x'.repeat(2001) }), '岗位职责（duties）：');
      await refusedWithoutChange(t, async () => leader1.post('/api/v1/posts', { orgId: inside, name: '出纳' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => paizhu1.post('/api/v1/posts', { orgId: await orgIdByCode(t, 'SFQ-JYJ'), name: '出纳' }), 403, 'auth.forbidden');
      const res = await refusedWithoutChange(t, async () => town1.post('/api/v1/posts', { orgId: outside, name: '出纳' }), 404, 'not_found');
      expect(res.body.error.message).toBe('所属组织不存在或不在您的权限范围内');
    });

    it('201 creates; audited as POST_CREATED', async () => {
      const orgId = await orgIdByCode(t, 'SFQ-T1-U0');
      const mark = await auditMark(t);
      const res = await town1.post('/api/v1/posts', { orgId, name: '出纳', duties: '现金收付、银行结算', isLeadership: false });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ orgId, orgName: '东城街道财政所', name: '出纳', duties: '现金收付、银行结算', isLeadership: false, holders: [], retiredAt: null, actions: ['update', 'retire'] });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'POST_CREATED', actor: town1Id, objectType: 'post', objectId: String(res.body.id) }]);
    });

    /** A new empty unit under SFQ-T1, through the API. */
    const emptyUnit = async (name: string) => {
      const res = await center.post('/api/v1/orgs', { parentId: await orgIdByCode(t, 'SFQ-T1'), name, kind: 'unit' });
      expect(res.status).toBe(201);
      return res.body.id as number;
    };

    it('409 orgs.retired in a retired org, changing nothing', async () => {
      const orgId = await emptyUnit('东城街道旧服务站');
      expect((await center.post(`/api/v1/orgs/${orgId}/retire`)).status).toBe(200);
      const res = await refusedWithoutChange(t, async () => town1.post('/api/v1/posts', { orgId, name: '站长' }), 409, 'orgs.retired');
      expect(res.body.error.message).toBe('该组织已撤销');
    });

    it.runIf(ENGINE === 'postgres')('a post created while its org is being retired waits for the retirement and is refused (PostgreSQL, several connections)', async () => {
      const orgId = await emptyUnit('并发撤销单位');
      let retiring: Promise<unknown> | undefined;
      let creating: Promise<{ status: number; body: any }> | undefined;
      // A connection of its own holds the audit chain so that neither can commit: the retirement is
      // sent first and waits there, having locked the org; the post is sent once it does.
      await whileAuditChainHeld(t, async (waitForLocks) => {
        retiring = center.post(`/api/v1/orgs/${orgId}/retire`);
        await waitForLocks(1);
        creating = town1.post('/api/v1/posts', { orgId, name: '站长' });
        await waitForLocks(2);
      });
      expect(((await retiring) as { status: number }).status).toBe(200);
      const created = await creating!;
      expect({ status: created.status, code: created.body.error?.code }).toEqual({ status: 409, code: 'orgs.retired' });
      expect(await db().selectFrom('posts').select('id').where('org_id', '=', orgId).execute()).toEqual([]);
    });
  });

  describe('PATCH /api/v1/posts/:id', () => {
    it('401, 400, 403, 404 change nothing', async () => {
      const inside = await postIdIn(t, 'SFQ-T1-U1');
      const outside = await postIdIn(t, 'SFQ-T2-U1');
      expect((await anonymous(t, 'PATCH', `/api/v1/posts/${inside}`, { name: 'x' })).status).toBe(401);
      expectInvalid(await town1.patch(`/api/v1/posts/${inside}`, { isLeadership: 'yes' }), '领导岗位（isLeadership）：');
      await refusedWithoutChange(t, async () => leader1.patch(`/api/v1/posts/${inside}`, { name: '改名' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => town1.patch(`/api/v1/posts/${outside}`, { name: '改名' }), 404, 'not_found');
    });

    it('200 changes only the named fields (a leadership post stays one); audited as POST_UPDATED', async () => {
      const id = await postIdIn(t, 'SFQ-T1-U1', '所（队、中心）长');
      const before = await db().selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(before.is_leadership).toBe(true);
      const mark = await auditMark(t);
      const res = await town1.patch(`/api/v1/posts/${id}`, { duties: '主持全面工作' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '所（队、中心）长', duties: '主持全面工作', isLeadership: true });
      const after = await db().selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect({ ...after, updated_at: null }).toEqual({ ...before, duties: '主持全面工作', updated_at: null });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'POST_UPDATED', actor: town1Id, objectType: 'post', objectId: String(id) }]);
    });
  });

  describe('POST /api/v1/posts/:id/retire', () => {
    it('401, 400, 403, 404, and 409 while someone holds the post', async () => {
      const held = await postIdIn(t, 'SFQ-T1-U2', '业务岗');
      expect((await anonymous(t, 'POST', `/api/v1/posts/${held}/retire`)).status).toBe(401);
      expectInvalid(await town1.post('/api/v1/posts/abc/retire'), '编号（id）：');
      await refusedWithoutChange(t, async () => leader1.post(`/api/v1/posts/${held}/retire`), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/posts/${await postIdIn(t, 'SFQ-T2-U2')}/retire`), 404, 'not_found');
      const busy = await refusedWithoutChange(t, async () => town1.post(`/api/v1/posts/${held}/retire`), 409, 'orgs.has_people');
      expect(busy.body.error.message).toBe('岗位「业务岗」仍有 2 名在岗人员，请先办理离任');
    });

    it('200 retires an empty post; then it is read-only and not listed', async () => {
      const orgId = await orgIdByCode(t, 'SFQ-T1-U2');
      const created = await town1.post('/api/v1/posts', { orgId, name: '临时岗位' });
      const id = created.body.id;
      const mark = await auditMark(t);
      const res = await town1.post(`/api/v1/posts/${id}/retire`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, retiredAt: t.clock.now().toISOString(), actions: [] });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'POST_RETIRED', actor: town1Id, objectType: 'post', objectId: String(id) }]);
      const list = await town1.get(`/api/v1/posts?orgId=${orgId}`);
      expect(list.body.items.map((p: { id: number }) => p.id)).not.toContain(id);
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/posts/${id}/retire`), 409, 'posts.retired');
      await refusedWithoutChange(t, async () => town1.patch(`/api/v1/posts/${id}`, { name: '复用' }), 409, 'posts.retired');
      const [p] = await db().selectFrom('people').select('id').where('org_id', '=', orgId).execute();
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/people/${p!.id}/assignments`, { postId: id, startedOn: '2026-11-23' }), 409, 'posts.retired');
    });
  });
});
