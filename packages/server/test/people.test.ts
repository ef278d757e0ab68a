import { maskIdNumber } from '@qingfeng/core';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { anonymous, auditAfter, auditMark, expectInvalid, newIdNumber, personIdsIn, postIdIn, refusedWithoutChange, userId, whileAuditChainHeld } from './support.js';

const FULL_ID_NUMBER = /\d{17}[\dXx]/;

describe(`people routes (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let town1: Client;
  let leader1: Client;
  let station1: Client;
  let unit1: Client;
  let town1Id: number;
  const db = () => t.ctx.database.db;
  const person = (id: number) => db().selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1, leader1, station1, unit1] = (await Promise.all(['center', 'town1', 'leader1', 'station1', 'unit1'].map((u) => login(t, u)))) as [Client, Client, Client, Client, Client];
    town1Id = await userId(t, 'town1');
  });
  afterAll(() => t.close());

  describe('GET /api/v1/people', () => {
    it('401, 400, 403', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/people')).status).toBe(401);
      expectInvalid(await center.get('/api/v1/people?pageSize=500'), '每页条数（pageSize）：');
      expectInvalid(await center.get('/api/v1/people?page=0'), '页码（page）：');
      expectInvalid(await center.get('/api/v1/people?talkClass=D'), '谈话类别（talkClass）：');
      const res = await station1.get('/api/v1/people');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    });

    it('200: pages through everyone in scope; ID numbers only masked, never whole', async () => {
      const total = (await db().selectFrom('people').select(sql<number>`count(*)::int`.as('n')).where('retired_at', 'is', null).executeTakeFirstOrThrow()).n;
      const res = await t.app.inject({ url: '/api/v1/people?pageSize=200&page=2', headers: { authorization: `Bearer ${center.token}` } });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(FULL_ID_NUMBER);
      const body = res.json();
      expect(body).toMatchObject({ total, page: 2, pageSize: 200 });
      expect(body.items.length).toBe(Math.min(200, total - 200));
      for (const item of body.items) expect(item.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      const first = body.items[0];
      const row = await person(first.id);
      expect(first.idNumber).toBe(maskIdNumber(row.id_number));
      expect(first).toMatchObject({ name: row.name, gender: row.gender, birthDate: row.birth_date, talkClass: row.talk_class });
    });

    it('filters by org (with or without subtree), talk class and name; an ID number finds its person, masked', async () => {
      const t1 = await orgIdByCode(t, 'SFQ-T1');
      const own = await center.get(`/api/v1/people?orgId=${t1}`);
      expect(own.body.items.map((p: { orgId: number }) => p.orgId)).toEqual([t1, t1]);
      const subtree = await center.get(`/api/v1/people?orgId=${t1}&subtree=true&pageSize=200`);
      const t1Path = (await db().selectFrom('orgs').select('path').where('id', '=', t1).executeTakeFirstOrThrow()).path;
      const expected = await db().selectFrom('people').innerJoin('orgs', 'orgs.id', 'people.org_id').select('people.id').where('orgs.path', 'like', `${t1Path}%`).where('people.retired_at', 'is', null).execute();
      expect(subtree.body.total).toBe(expected.length);
      expect(subtree.body.items.map((p: { id: number }) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());

      const a = await center.get('/api/v1/people?talkClass=A&pageSize=200');
      expect(a.body.items.every((p: { talkClass: string; isPrincipalLeader: boolean }) => p.talkClass === 'A' && p.isPrincipalLeader)).toBe(true);

      const [target] = await personIdsIn(t, 'SFQ-T1-U1');
      const byNumber = await t.app.inject({ url: `/api/v1/people?q=${target!.id_number.toLowerCase()}`, headers: { authorization: `Bearer ${center.token}` } });
      expect(byNumber.json().items.map((p: { id: number }) => p.id)).toEqual([target!.id]);
      expect(byNumber.body).not.toContain(target!.id_number);
      const byName = await center.get(`/api/v1/people?q=${encodeURIComponent(target!.name)}&pageSize=200`);
      expect(byName.body.items.map((p: { id: number }) => p.id)).toContain(target!.id);
      // A search finds the names that hold its characters in its order (0507 indexes the characters).
      const surname = await center.get(`/api/v1/people?q=${encodeURIComponent(target!.name[0]!)}&pageSize=200`);
      expect(surname.body.items.length).toBeGreaterThan(1);
      expect(surname.body.items.every((p: { name: string }) => p.name.includes(target!.name[0]!))).toBe(true);
      // Its pages, in list order (org in tree order, then name, then id), add up to its total.
      const holders = await db()
        .selectFrom('people')
        .innerJoin('orgs', 'orgs.id', 'people.org_id')
        .select(['people.id', 'orgs.path', 'people.name'])
        .where('people.name', 'like', `%${target!.name[0]!}%`)
        .where('people.retired_at', 'is', null)
        .execute();
      const byteOrder = (x: string, y: string) => Buffer.compare(Buffer.from(x), Buffer.from(y));
      holders.sort((x, y) => byteOrder(x.path, y.path) || byteOrder(x.name, y.name) || x.id - y.id);
      const paged: number[] = [];
      for (let page = 1; ; page++) {
        const res = await center.get(`/api/v1/people?q=${encodeURIComponent(target!.name[0]!)}&pageSize=3&page=${page}`);
        expect(res.body.total).toBe(holders.length);
        paged.push(...res.body.items.map((p: { id: number }) => p.id));
        if (res.body.items.length < 3) break;
      }
      expect(paged).toEqual(holders.map((h) => h.id));
      // Pages past the tenth (their offset a parameter, not written into the statement) continue the list.
      const thirty = (await center.get('/api/v1/people?pageSize=30')).body.items.map((p: { id: number }) => p.id);
      const single = [];
      for (const page of [9, 10, 11, 12]) single.push(...(await center.get(`/api/v1/people?pageSize=1&page=${page}`)).body.items.map((p: { id: number }) => p.id));
      expect(single).toEqual(thirty.slice(8, 12));
      const [first, second] = [...target!.name];
      const reversed = await center.get(`/api/v1/people?q=${encodeURIComponent(second! + first!)}&pageSize=200`);
      expect(reversed.body.items.some((p: { id: number }) => p.id === target!.id)).toBe(target!.name.includes(second! + first!));
      expect(reversed.body.items.every((p: { name: string }) => p.name.includes(second! + first!))).toBe(true);
    });
  });

  it('the export holds the people the list shows for the same filters (a subtree, a talk class)', async () => {
    const t1 = await orgIdByCode(t, 'SFQ-T1');
    for (const query of [`orgId=${t1}&subtree=true`, `orgId=${t1}&subtree=true&talkClass=A`]) {
      const res = await t.app.inject({ url: `/api/v1/people/export?${query}`, headers: { authorization: `Bearer ${center.token}` } });
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const names = (book.worksheets[0]!.getSheetValues().slice(2) as unknown[][]).map((r) => String(r[1])).sort();
      const listed = (await center.get(`/api/v1/people?pageSize=200&${query}`)).body.items.map((p: { name: string }) => p.name).sort();
      expect(listed.length).toBeGreaterThan(0);
      expect(names).toEqual(listed);
    }
  });

  describe('GET /api/v1/people/:id', () => {
    it('401, 400, 403, 404 record nothing', async () => {
      const [inside] = await personIdsIn(t, 'SFQ-T1-U0');
      const [outside] = await personIdsIn(t, 'SFQ-T2-U0');
      expect((await anonymous(t, 'GET', `/api/v1/people/${inside!.id}`)).status).toBe(401);
      expectInvalid(await town1.get('/api/v1/people/x'), '编号（id）：');
      await refusedWithoutChange(t, async () => station1.get(`/api/v1/people/${inside!.id}`), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => town1.get('/api/v1/people/999999'), 404, 'not_found');
      const res = await refusedWithoutChange(t, async () => town1.get(`/api/v1/people/${outside!.id}`), 404, 'not_found');
      expect(JSON.stringify(res.body)).not.toContain(outside!.name);
    });

    it('200 shows the whole ID number and appends exactly one PERSON_VIEWED', async () => {
      const [inside] = await personIdsIn(t, 'SFQ-T1-U0');
      const mark = await auditMark(t);
      const res = await town1.get(`/api/v1/people/${inside!.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: inside!.id, name: inside!.name, idNumber: inside!.id_number, actions: ['update', 'assign', 'retire'] });
      expect(res.body.posts).toHaveLength(1);
      expect(res.body.history).toEqual(res.body.posts);
      expect(await auditAfter(t, mark)).toEqual([{ action: 'PERSON_VIEWED', actor: town1Id, objectType: 'person', objectId: String(inside!.id) }]);
      const entry = await db().selectFrom('audit_entries').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(entry.summary).toBe(`查看人员「${inside!.name}」详情`);
      expect(JSON.stringify(entry)).not.toContain(inside!.id_number);
    });
  });

  describe('POST /api/v1/people', () => {
    it('401 and 400 (naming the field) change nothing', async () => {
      const orgId = await orgIdByCode(t, 'SFQ-T1-U1');
      expect((await anonymous(t, 'POST', '/api/v1/people', { orgId, name: '新人', idNumber: newIdNumber() })).status).toBe(401);
      const bad = await refusedWithoutChange(t, async () => town1.post('/api/v1/people', { orgId, name: '新人', idNumber: '110105194912310021' }), 400, 'request.invalid');
      expect(bad.body.error.message).toBe('身份证号（idNumber）：身份证号校验位不正确（GB 11643）');
      const date = await town1.post('/api/v1/people', { orgId, name: '新人', idNumber: '110101202302290000' });
      expect(date.body.error.message).toBe('身份证号（idNumber）：身份证号中的出生日期无效');
      expectInvalid(await town1.post('/api/v1/people', { orgId, name: '', idNumber: newIdNumber() }), '名称（name）：');
      expectInvalid(await town1.post('/api/v1/people', { orgId, name: '新人', idNumber: newIdNumber(), phone: 'abc' }), '电话（phone）：');
      expectInvalid(await town1.post('/api/v1/people', { orgId, name: '新人', idNumber: newIdNumber(), talkClass: 'D' }), '谈话类别（talkClass）：');
    });

    it('403 without people.write; 404 for an org outside the scope', async () => {
      const inside = await orgIdByCode(t, 'SFQ-T1-U1');
      const outside = await orgIdByCode(t, 'SFQ-T2-U1');
      await refusedWithoutChange(t, async () => leader1.post('/api/v1/people', { orgId: inside, name: '新人', idNumber: newIdNumber() }), 403, 'auth.forbidden');
      const res = await refusedWithoutChange(t, async () => town1.post('/api/v1/people', { orgId: outside, name: '新人', idNumber: newIdNumber() }), 404, 'not_found');
      expect(res.body.error.message).toBe('所属组织不存在或不在您的权限范围内');
      await refusedWithoutChange(t, async () => unit1.post('/api/v1/people', { orgId: inside, name: '新人', idNumber: newIdNumber() }), 404, 'not_found');
    });

    it('201: a lowercase x is stored upper-case; gender and birth date come from the number; audited without the number', async () => {
      const orgId = await orgIdByCode(t, 'SFQ-T1-U1');
      const postId = await postIdIn(t, 'SFQ-T1-U1', '业务岗');
      const mark = await auditMark(t);
      const res = await town1.post('/api/v1/people', { orgId, name: '欧阳明', idNumber: '32010219880715019x', phone: '13900001111', talkClass: 'B', postIds: [postId] });
      expect(res.status).toBe(201);
      const id = res.body.id;
      expect(res.body).toMatchObject({ orgId, name: '欧阳明', idNumber: '32010219880715019X', gender: 'male', birthDate: '1988-07-15', phone: '13900001111', talkClass: 'B', isLeadershipMember: false, isPrincipalLeader: false, retiredAt: null });
      expect(res.body.posts).toEqual([{ id: expect.any(Number), postId, postName: '业务岗', orgId, orgName: '东城街道综合执法队', startedOn: '2026-11-23', endedOn: null }]);
      const row = await person(id);
      expect({ id_number: row.id_number, gender: row.gender, birth_date: row.birth_date }).toEqual({ id_number: '32010219880715019X', gender: 'male', birth_date: '1988-07-15' });
      expect(await auditAfter(t, mark)).toEqual([
        { action: 'PERSON_CREATED', actor: town1Id, objectType: 'person', objectId: String(id) },
        { action: 'POST_ASSIGNED', actor: town1Id, objectType: 'person', objectId: String(id) },
        { action: 'PERSON_VIEWED', actor: town1Id, objectType: 'person', objectId: String(id) },
      ]);
      const entries = await db().selectFrom('audit_entries').selectAll().where('id', '>', mark).execute();
      expect(JSON.stringify(entries)).not.toMatch(/32010219880715019/);
    });

    it('409 people.id_number_duplicate — also in lowercase — without naming the holder', async () => {
      const orgId = await orgIdByCode(t, 'SFQ-T1-U1');
      const [holder] = await personIdsIn(t, 'SFQ-T3-U0');
      const res = await refusedWithoutChange(t, async () => town1.post('/api/v1/people', { orgId, name: '重复', idNumber: holder!.id_number }), 409, 'people.id_number_duplicate');
      expect(JSON.stringify(res.body)).not.toContain(holder!.name);
      await refusedWithoutChange(t, async () => town1.post('/api/v1/people', { orgId, name: '重复', idNumber: '32010219880715019x' }), 409, 'people.id_number_duplicate');
    });
  });

  describe('PATCH /api/v1/people/:id', () => {
    it('401, 400, 403, 404 change nothing', async () => {
      const [inside] = await personIdsIn(t, 'SFQ-T1-U2');
      const [outside] = await personIdsIn(t, 'SFQ-T2-U2');
      expect((await anonymous(t, 'PATCH', `/api/v1/people/${inside!.id}`, { name: 'x' })).status).toBe(401);
      expectInvalid(await town1.patch(`/api/v1/people/${inside!.id}`, { phone: '电话' }), '电话（phone）：');
      expectInvalid(await town1.patch(`/api/v1/people/${inside!.id}`, { idNumber: '110105194912310021' }), '身份证号（idNumber）：');
      await refusedWithoutChange(t, async () => leader1.patch(`/api/v1/people/${inside!.id}`, { name: '改名' }), 403, 'auth.forbidden');
      const res = await refusedWithoutChange(t, async () => town1.patch(`/api/v1/people/${outside!.id}`, { name: '改名' }), 404, 'not_found');
      expect(JSON.stringify(res.body)).not.toContain(outside!.name);
      // Moving a person into an org outside the scope.
      await refusedWithoutChange(t, async () => town1.patch(`/api/v1/people/${inside!.id}`, { orgId: await orgIdByCode(t, 'SFQ-T2') }), 404, 'not_found');
    });

    it('409 when the new ID number belongs to someone else', async () => {
      const [a, b] = await personIdsIn(t, 'SFQ-T1-U2');
      await refusedWithoutChange(t, async () => town1.patch(`/api/v1/people/${a!.id}`, { idNumber: b!.id_number }), 409, 'people.id_number_duplicate');
      // Setting one's own number again is no duplicate.
      expect((await town1.patch(`/api/v1/people/${a!.id}`, { idNumber: a!.id_number })).status).toBe(200);
    });

    it('200 changes only the named fields; audited as PERSON_UPDATED without the ID number', async () => {
      const [principal] = await personIdsIn(t, 'SFQ-T1-U2');
      const before = await person(principal!.id);
      expect(before).toMatchObject({ talk_class: 'A', is_leadership_member: true, is_principal_leader: true });
      const mark = await auditMark(t);
      const res = await town1.patch(`/api/v1/people/${principal!.id}`, { name: '王改名' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '王改名', talkClass: 'A', isLeadershipMember: true, isPrincipalLeader: true, phone: before.phone });
      const after = await person(principal!.id);
      expect({ ...after, updated_at: null }).toEqual({ ...before, name: '王改名', updated_at: null });
      expect(await auditAfter(t, mark)).toEqual([
        { action: 'PERSON_UPDATED', actor: town1Id, objectType: 'person', objectId: String(principal!.id) },
        { action: 'PERSON_VIEWED', actor: town1Id, objectType: 'person', objectId: String(principal!.id) },
      ]);
      const entry = await db().selectFrom('audit_entries').selectAll().where('id', '=', mark + 1).executeTakeFirstOrThrow();
      expect(JSON.stringify(entry)).not.toContain(before.id_number);
    });

    it('200 a new ID number re-derives gender and birth date', async () => {
      const [, , staff] = await personIdsIn(t, 'SFQ-T1-U2');
      const res = await town1.patch(`/api/v1/people/${staff!.id}`, { idNumber: '11010519491231002X' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ idNumber: '11010519491231002X', gender: 'female', birthDate: '1949-12-31' });
      const entry = await db().selectFrom('audit_entries').select('after').where('action', '=', 'PERSON_UPDATED').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(entry.after).toEqual({ idNumber: '（已修改）' });
    });
  });

  describe('POST /api/v1/people/:id/assignments and …/end', () => {
    it('401, 400, 403, 404 change nothing', async () => {
      const [inside] = await personIdsIn(t, 'SFQ-T1-C0');
      const [outside] = await personIdsIn(t, 'SFQ-T2-C0');
      const insidePost = await postIdIn(t, 'SFQ-T1-C0', '社区工作者');
      const outsidePost = await postIdIn(t, 'SFQ-T2-C0', '社区工作者');
      const url = `/api/v1/people/${inside!.id}/assignments`;
      expect((await anonymous(t, 'POST', url, { postId: insidePost, startedOn: '2026-01-01' })).status).toBe(401);
      expectInvalid(await town1.post(url, { postId: insidePost, startedOn: '2026/01/01' }), '任职日期（startedOn）：');
      expectInvalid(await town1.post(url, { startedOn: '2026-01-01' }), '岗位（postId）：');
      await refusedWithoutChange(t, async () => leader1.post(url, { postId: insidePost, startedOn: '2026-01-01' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/people/${outside!.id}/assignments`, { postId: outsidePost, startedOn: '2026-01-01' }), 404, 'not_found');
      const post = await refusedWithoutChange(t, async () => town1.post(url, { postId: outsidePost, startedOn: '2026-01-01' }), 404, 'not_found');
      expect(post.body.error.message).toBe(`岗位 ${outsidePost} 不存在或不在您的权限范围内`);

      const a = await db().selectFrom('post_assignments').select('id').where('person_id', '=', inside!.id).executeTakeFirstOrThrow();
      const end = `/api/v1/people/${inside!.id}/assignments/${a.id}/end`;
      expect((await anonymous(t, 'POST', end, { endedOn: '2026-11-01' })).status).toBe(401);
      expectInvalid(await town1.post(end, { endedOn: 'yesterday' }), '离任日期（endedOn）：');
      expectInvalid(await town1.post(`/api/v1/people/${inside!.id}/assignments/x/end`, { endedOn: '2026-11-01' }), '任职记录（assignmentId）：');
      await refusedWithoutChange(t, async () => leader1.post(end, { endedOn: '2026-11-01' }), 403, 'auth.forbidden');
      const o = await db().selectFrom('post_assignments').select('id').where('person_id', '=', outside!.id).executeTakeFirstOrThrow();
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/people/${outside!.id}/assignments/${o.id}/end`, { endedOn: '2026-11-01' }), 404, 'not_found');
      // Someone else's assignment through an inside person.
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/people/${inside!.id}/assignments/${o.id}/end`, { endedOn: '2026-11-01' }), 404, 'not_found');
    });

    it('201 assigns, refuses the same open post twice; 200 ends, refusing an end before the start or a second end', async () => {
      const [, p] = await personIdsIn(t, 'SFQ-T1-C1'); // a 社区工作者, not yet the 主任
      const postId = await postIdIn(t, 'SFQ-T1-C1', '党委书记、主任');
      const mark = await auditMark(t);
      const res = await town1.post(`/api/v1/people/${p!.id}/assignments`, { postId, startedOn: '2026-03-01' });
      expect(res.status).toBe(201);
      const added = res.body.posts.find((a: { postId: number }) => a.postId === postId);
      expect(added).toMatchObject({ postId, startedOn: '2026-03-01', endedOn: null });
      expect(await auditAfter(t, mark)).toEqual([
        { action: 'POST_ASSIGNED', actor: town1Id, objectType: 'person', objectId: String(p!.id) },
        { action: 'PERSON_VIEWED', actor: town1Id, objectType: 'person', objectId: String(p!.id) },
      ]);
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/people/${p!.id}/assignments`, { postId, startedOn: '2026-04-01' }), 400, 'request.invalid');

      const end = `/api/v1/people/${p!.id}/assignments/${added.id}/end`;
      const early = await refusedWithoutChange(t, async () => town1.post(end, { endedOn: '2026-02-28' }), 400, 'request.invalid');
      expect(early.body.error.issues).toEqual([{ field: 'endedOn', message: '早于任职日期' }]);
      const mark2 = await auditMark(t);
      const ended = await town1.post(end, { endedOn: '2026-10-31' });
      expect(ended.status).toBe(200);
      expect(ended.body.posts.some((a: { id: number }) => a.id === added.id)).toBe(false);
      expect(ended.body.history.find((a: { id: number }) => a.id === added.id)).toMatchObject({ endedOn: '2026-10-31' });
      expect(await auditAfter(t, mark2)).toEqual([
        { action: 'POST_ASSIGNMENT_ENDED', actor: town1Id, objectType: 'person', objectId: String(p!.id) },
        { action: 'PERSON_VIEWED', actor: town1Id, objectType: 'person', objectId: String(p!.id) },
      ]);
      const again = await refusedWithoutChange(t, async () => town1.post(end, { endedOn: '2026-11-01' }), 400, 'request.invalid');
      expect(again.body.error.message).toBe('该任职已结束');
    });
  });

  describe('POST /api/v1/people/:id/retire', () => {
    it('401, 400, 403, 404 change nothing', async () => {
      const [inside] = await personIdsIn(t, 'SFQ-T1-C2');
      const [outside] = await personIdsIn(t, 'SFQ-T2-C2');
      expect((await anonymous(t, 'POST', `/api/v1/people/${inside!.id}/retire`)).status).toBe(401);
      expectInvalid(await town1.post('/api/v1/people/-1/retire'), '编号（id）：');
      await refusedWithoutChange(t, async () => leader1.post(`/api/v1/people/${inside!.id}/retire`), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/people/${outside!.id}/retire`), 404, 'not_found');
    });

    it('200 ends every open assignment today; a retired person is read-only and leaves the list', async () => {
      const [p] = await personIdsIn(t, 'SFQ-T1-C2');
      const mark = await auditMark(t);
      const res = await town1.post(`/api/v1/people/${p!.id}/retire`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ retiredAt: t.clock.now().toISOString(), posts: [], actions: [] });
      expect(res.body.history.map((a: { endedOn: string }) => a.endedOn)).toEqual(['2026-11-23']);
      expect(await auditAfter(t, mark)).toEqual([
        { action: 'PERSON_RETIRED', actor: town1Id, objectType: 'person', objectId: String(p!.id) },
        { action: 'PERSON_VIEWED', actor: town1Id, objectType: 'person', objectId: String(p!.id) },
      ]);
      const c2 = await orgIdByCode(t, 'SFQ-T1-C2');
      const active = await town1.get(`/api/v1/people?orgId=${c2}`);
      expect(active.body.items.map((x: { id: number }) => x.id)).not.toContain(p!.id);
      const all = await town1.get(`/api/v1/people?orgId=${c2}&includeRetired=true`);
      expect(all.body.items.map((x: { id: number }) => x.id)).toContain(p!.id);
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/people/${p!.id}/retire`), 400, 'request.invalid');
      await refusedWithoutChange(t, async () => town1.patch(`/api/v1/people/${p!.id}`, { name: '复职' }), 400, 'request.invalid');
      await refusedWithoutChange(t, async () => town1.post(`/api/v1/people/${p!.id}/assignments`, { postId: await postIdIn(t, 'SFQ-T1-C2'), startedOn: '2026-11-23' }), 400, 'request.invalid');
    });
  });

  it('every total is the number of people its pages list, after people were added, moved, reclassed and retired (totals kept by trigger, 0505, 0509)', async () => {
    const [mover] = await personIdsIn(t, 'SFQ-T1-U1');
    const u2 = await orgIdByCode(t, 'SFQ-T1-U2');
    const t1 = await orgIdByCode(t, 'SFQ-T1');
    expect((await town1.patch(`/api/v1/people/${mover!.id}`, { orgId: u2, talkClass: 'B' })).status).toBe(200);
    const cadre1 = await login(t, 'cadre1');
    const listed = async (client: Client, query: string) => {
      let n = 0;
      for (let page = 1; ; page++) {
        const res = await client.get(`/api/v1/people?pageSize=200&page=${page}&${query}`);
        expect(res.status).toBe(200);
        n += res.body.items.length;
        if (res.body.items.length < 200) return { n, total: res.body.total as number };
      }
    };
    const cases: [Client, string][] = [
      [center, ''],
      [center, 'includeRetired=true'],
      [center, 'talkClass=B'],
      [center, 'includeRetired=true&talkClass=A'],
      [center, `orgId=${t1}&subtree=true`],
      [center, `orgId=${u2}&talkClass=B`],
      [town1, ''],
      [town1, 'talkClass=A'],
      [town1, 'includeRetired=true'],
      [town1, `q=${encodeURIComponent('王')}`],
      [unit1, ''],
      [cadre1, ''],
    ];
    for (const [client, query] of cases) {
      const { n, total } = await listed(client, query);
      expect({ query, total }).toEqual({ query, total: n });
    }
    // A page past the end still says how many there are.
    const past = await town1.get('/api/v1/people?page=99&pageSize=200');
    expect(past.body).toMatchObject({ items: [], total: (await listed(town1, '')).n });
    const moved = await center.get(`/api/v1/people?orgId=${u2}&talkClass=B&pageSize=200`);
    expect(moved.body.items.map((p: { id: number }) => p.id)).toContain(mover!.id);
  });

  it('a name search lists, page by page, the people of the same list unsearched whose names hold it, after renames, moves, retirements and an org move (names kept by trigger, 0511)', async () => {
    const [renamed, retired] = await personIdsIn(t, 'SFQ-T1-U1');
    const [mover] = await personIdsIn(t, 'SFQ-T1-C0');
    const u2 = await orgIdByCode(t, 'SFQ-T1-U2');
    const t1 = await orgIdByCode(t, 'SFQ-T1');
    // % and _ in a name are letters to a search, not wildcards.
    expect((await town1.patch(`/api/v1/people/${renamed!.id}`, { name: '王_测%试' })).status).toBe(200);
    // Each change below would leave a stale row behind if the trigger missed it: the names say which.
    expect((await town1.patch(`/api/v1/people/${mover!.id}`, { name: '王迁', orgId: u2, talkClass: 'C' })).status).toBe(200);
    expect((await town1.patch(`/api/v1/people/${retired!.id}`, { name: '张退' })).status).toBe(200);
    expect((await town1.post(`/api/v1/people/${retired!.id}/retire`)).status).toBe(200);
    // A subtree that moves takes its people's paths along: town1 no longer sees U2's people.
    expect((await center.post(`/api/v1/orgs/${u2}/move`, { parentId: await orgIdByCode(t, 'SFQ-T2') })).status).toBe(200);
    const [paizhu1, cadre1] = await Promise.all([login(t, 'paizhu1'), login(t, 'cadre1')]);
    const everyPage = async (client: Client, query: string, pageSize: number) => {
      const ids: number[] = [];
      for (let page = 1; ; page++) {
        const res = await client.get(`/api/v1/people?pageSize=${pageSize}&page=${page}&${query}`);
        expect(res.status).toBe(200);
        ids.push(...res.body.items.map((p: { id: number }) => p.id));
        if (res.body.items.length < pageSize) return { ids, total: res.body.total as number };
      }
    };
    const names = new Map((await db().selectFrom('people').select(['id', 'name']).execute()).map((p) => [p.id, p.name]));
    const searches = ['王', '_', '%', '测%试', '王_', '张', '鑫'];
    const cases: [Client, string][] = [
      [center, ''],
      [center, 'includeRetired=true'],
      [center, 'talkClass=C'],
      [center, `orgId=${t1}&subtree=true`],
      [center, `orgId=${u2}`],
      [town1, ''],
      [town1, 'includeRetired=true'],
      [paizhu1, ''],
      [unit1, ''],
      [cadre1, ''],
    ];
    const found = new Map<string, number>();
    for (const [client, query] of cases) {
      const unsearched = (await everyPage(client, query, 200)).ids;
      // Also the surname of the list's first person: no list is searched only for what it lacks.
      const own = unsearched.length ? [names.get(unsearched[0]!)![0]!] : [];
      for (const q of [...searches, ...own]) {
        const expected = unsearched.filter((id) => names.get(id)!.includes(q));
        const { ids, total } = await everyPage(client, `${query}&q=${encodeURIComponent(q)}`, 7);
        expect({ query, q, ids, total }).toEqual({ query, q, ids: expected, total: expected.length });
        found.set(`${cases.findIndex((c) => c[1] === query && c[0] === client)} ${q}`, expected.length);
        if (own[0] === q) expect(expected.length).toBeGreaterThan(0);
      }
    }
    // The mover is found under its new township, the retired 张退 only with the retired.
    expect([...found.values()].filter((n) => n > 0).length).toBeGreaterThan(cases.length);
    expect((await center.get(`/api/v1/people?q=${encodeURIComponent('王迁')}&orgId=${await orgIdByCode(t, 'SFQ-T2')}&subtree=true`)).body.items.map((p: { id: number }) => p.id)).toEqual([mover!.id]);
    expect((await center.get(`/api/v1/people?q=${encodeURIComponent('张退')}&includeRetired=true`)).body.items.map((p: { id: number }) => p.id)).toEqual([retired!.id]);
    expect((await center.get(`/api/v1/people?q=${encodeURIComponent('_')}`)).body.items.map((p: { id: number }) => p.id)).toEqual([renamed!.id]);
    // A page past a search's end still says how many there are.
    const past = await center.get(`/api/v1/people?q=${encodeURIComponent('王')}&page=999&pageSize=200`);
    expect(past.body).toMatchObject({ items: [], total: (await everyPage(center, `q=${encodeURIComponent('王')}`, 200)).ids.length });
  });

  it.runIf(ENGINE === 'postgres')('a person added while their org moves is kept under the new path: the insert waits for the move, which locks the org (two connections)', async () => {
    const org = await orgIdByCode(t, 'SFQ-T3-U1');
    const parent = await orgIdByCode(t, 'SFQ-T4');
    const pathOf = async (id: number) => (await db().selectFrom('orgs').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    const from = await pathOf(org);
    const to = `${await pathOf(parent)}${org}.`;
    let added: Promise<{ status: number; body: { id: number } }> | undefined;
    // The move, as moveOrg makes it, on a connection of its own, committed only once the person's
    // insert has reached the database and waited there.
    await db()
      .connection()
      .execute(async (c) => {
        await sql`BEGIN`.execute(c);
        await sql`UPDATE orgs SET path = ${to} || substr(path, ${from.length + 1}) WHERE path LIKE ${`${from}%`}`.execute(c);
        await sql`UPDATE orgs SET parent_id = ${parent} WHERE id = ${org}`.execute(c);
        added = center.post('/api/v1/people', { orgId: org, name: '迁中新增', idNumber: newIdNumber(), talkClass: 'C' });
        await new Promise((r) => setTimeout(r, 500));
        await sql`COMMIT`.execute(c);
      });
    const res = await added!;
    expect(res.status).toBe(201);
    const kept = await sql<{ org_path: string }>`SELECT DISTINCT org_path FROM derived.people_name_chars WHERE person_id = ${res.body.id}`.execute(db());
    expect(kept.rows).toEqual([{ org_path: to }]);
  });

  it.runIf(ENGINE === 'postgres')('a person renamed while their org moves is kept under the new path: the move waits for the rename (two connections)', async () => {
    const org = await orgIdByCode(t, 'SFQ-T3-U2');
    const parent = await orgIdByCode(t, 'SFQ-T4');
    const [renamed] = await personIdsIn(t, 'SFQ-T3-U2');
    let moved: Promise<{ status: number }> | undefined;
    // The rename on a connection of its own, committed only once the move has reached the database
    // and waited there.
    await db()
      .connection()
      .execute(async (c) => {
        await sql`BEGIN`.execute(c);
        await sql`UPDATE people SET name = '迁中改名' WHERE id = ${renamed!.id}`.execute(c);
        moved = center.post(`/api/v1/orgs/${org}/move`, { parentId: parent });
        await new Promise((r) => setTimeout(r, 500));
        await sql`COMMIT`.execute(c);
      });
    expect((await moved!).status).toBe(200);
    const { path } = await db().selectFrom('orgs').select('path').where('id', '=', org).executeTakeFirstOrThrow();
    const kept = await sql<{ org_path: string }>`SELECT DISTINCT org_path FROM derived.people_name_chars WHERE person_id = ${renamed!.id}`.execute(db());
    expect(kept.rows).toEqual([{ org_path: path }]);
  });

  it.runIf(ENGINE === 'postgres')('two people added at once with the same ID number: one 201, the other the same 409 as the sequential check, not a 500 (several connections)', async () => {
    const orgId = await orgIdByCode(t, 'SFQ-T1-U1');
    const idNumber = newIdNumber();
    const add = (name: string) => town1.post('/api/v1/people', { orgId, name, idNumber, talkClass: 'C' });
    let pending: Promise<Awaited<ReturnType<typeof add>>[]> | undefined;
    // Both inserts are made before either commits.
    await whileAuditChainHeld(t, async (waitForLocks) => {
      pending = Promise.all([add('并发甲'), add('并发乙')]);
      await waitForLocks(2);
    });
    const replies = await pending!;
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = replies.find((r) => r.status === 409)!;
    expect(refused.body.error).toMatchObject({ code: 'people.id_number_duplicate', message: `身份证号 ${idNumber} 已登记，不能重复录入` });
    const stored = await db().selectFrom('people').select('name').where('id_number', '=', idNumber).execute();
    expect(stored).toEqual([{ name: replies[0]!.status === 201 ? '并发甲' : '并发乙' }]);
  });

  it('no people response of the whole session contained a full ID number except a detail (and never in a list)', async () => {
    const res = await t.app.inject({ url: '/api/v1/people?pageSize=200&includeRetired=true', headers: { authorization: `Bearer ${leader1.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(FULL_ID_NUMBER);
    const posts = await t.app.inject({ url: '/api/v1/posts?pageSize=200', headers: { authorization: `Bearer ${leader1.token}` } });
    expect(posts.body).not.toMatch(FULL_ID_NUMBER);
    const log = t.logs.join('');
    expect(log).not.toMatch(FULL_ID_NUMBER);
  });

  it('an export is audited: one PEOPLE_EXPORTED entry by the exporter, the filters in after', async () => {
    const t1 = await orgIdByCode(t, 'SFQ-T1');
    const mark = await auditMark(t);
    const res = await t.app.inject({ url: `/api/v1/people/export?orgId=${t1}&subtree=true&talkClass=B&q=${encodeURIComponent('王')}`, headers: { authorization: `Bearer ${town1.token}` } });
    expect(res.statusCode).toBe(200);
    expect(await auditAfter(t, mark)).toEqual([{ action: 'PEOPLE_EXPORTED', actor: town1Id, objectType: 'person', objectId: null }]);
    const entry = await db().selectFrom('audit_entries').select(['after', 'summary']).where('id', '>', mark).executeTakeFirstOrThrow();
    expect(entry).toEqual({ summary: '导出人员名册', after: { orgId: t1, subtree: true, talkClass: 'B', q: '王' } });
  });
});
