import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { anonymous, auditAfter, auditMark, expectInvalid, personIdsIn, refusedWithoutChange, userId } from './support.js';

describe(`talks and talk plans (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let town1: Client;
  let unit1: Client;
  let cadre1: Client;
  let paizhu1: Client;
  let t1: number;
  let t1u0: number;
  let principal: number; // 东城街道财政所 所长 (class A)
  let unit1Person: number; // 纪检负责人
  let cadre1Person: number; // 会计 (class C)
  let planId: number;
  const db = () => t.ctx.database.db;
  const personOf = async (username: string) => (await db().selectFrom('users').select('person_id').where('username', '=', username).executeTakeFirstOrThrow()).person_id!;
  const talksOf = (personId: number) => db().selectFrom('talks').selectAll().where('subject_person_id', '=', personId).orderBy('id').execute();

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1, unit1, cadre1, paizhu1] = (await Promise.all(['center', 'town1', 'unit1', 'cadre1', 'paizhu1'].map((u) => login(t, u)))) as Client[] as [Client, Client, Client, Client, Client];
    t1 = await orgIdByCode(t, 'SFQ-T1');
    t1u0 = await orgIdByCode(t, 'SFQ-T1-U0');
    [principal] = (await personIdsIn(t, 'SFQ-T1-U0')).map((p) => p.id) as [number];
    unit1Person = await personOf('unit1');
    cadre1Person = await personOf('cadre1');
  });
  afterAll(() => t.close());

  describe('POST /api/v1/talk-plans', () => {
    it('401, 400 with the field named, 403 without talks.plan, 404 outside scope, 409 for a year gone by', async () => {
      const body = { year: 2026, orgId: t1, name: '东城街道2026年度廉政谈话计划', timesA: 1, timesB: 2, timesC: 4 };
      expect((await anonymous(t, 'POST', '/api/v1/talk-plans', body)).status).toBe(401);
      await refusedWithoutChange(t, () => town1.post('/api/v1/talk-plans', { ...body, timesC: 13 }), 400, 'request.invalid');
      expectInvalid(await town1.post('/api/v1/talk-plans', { ...body, timesC: 13 }), 'C类每年谈话次数（timesC）：每年至多 12 次');
      await refusedWithoutChange(t, () => cadre1.post('/api/v1/talk-plans', body), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => paizhu1.post('/api/v1/talk-plans', body), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => unit1.post('/api/v1/talk-plans', body), 404, 'not_found');
      await refusedWithoutChange(t, () => town1.post('/api/v1/talk-plans', { ...body, year: 2025 }), 409, 'talks.plan_year_over');
    });

    it('201: a plan for the township’s subtree, audited', async () => {
      const mark = await auditMark(t);
      const res = await town1.post('/api/v1/talk-plans', { year: 2026, orgId: t1, name: '东城街道2026年度廉政谈话计划', timesA: 1, timesB: 2, timesC: 4 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ year: 2026, orgId: t1, timesA: 1, timesB: 2, timesC: 4, generatedAt: null, talks: { planned: 0, held: 0 }, actions: ['generate'] });
      planId = res.body.id;
      expect(await auditAfter(t, mark)).toEqual([{ action: 'TALK_PLAN_CREATED', actor: await userId(t, 'town1'), objectType: 'talk_plan', objectId: String(planId) }]);
    });
  });

  describe('POST /api/v1/talk-plans/:id/schedule', () => {
    it('refuses those who may not plan, and plans out of scope', async () => {
      await refusedWithoutChange(t, () => cadre1.post(`/api/v1/talk-plans/${planId}/schedule`), 403, 'auth.forbidden');
      const center2 = await center.post('/api/v1/talk-plans', { year: 2026, orgId: await orgIdByCode(t, 'SFQ-JYJ'), name: '教育局谈话计划', timesA: 4, timesB: 4, timesC: 4 });
      await refusedWithoutChange(t, () => town1.post(`/api/v1/talk-plans/${center2.body.id}/schedule`), 404, 'not_found');
    });

    it('schedules the remaining quarter’s talks for everyone in the subtree, each talker by the class rule', async () => {
      const res = await town1.post(`/api/v1/talk-plans/${planId}/schedule`);
      expect(res.status).toBe(200);
      // 2026-11-23: only the fourth quarter (and the second half) remain: one talk each, due 2026-12-31.
      const people = await db().selectFrom('people').innerJoin('orgs', 'orgs.id', 'people.org_id').select(['people.id']).where('orgs.path', 'like', sql<string>`(SELECT path FROM orgs WHERE id = ${t1}) || '%'`).where('people.retired_at', 'is', null).execute();
      expect(res.body.created + res.body.unassigned.length).toBe(people.length);
      expect(res.body.unassigned).toEqual([]);
      expect(res.body.plan.talks.planned).toBe(people.length);
      const [talk] = await talksOf(cadre1Person);
      expect(talk).toMatchObject({ kind: 'integrity', status: 'planned', talk_class: 'C', talker_person_id: unit1Person, talker_role: 'discipline_officer', due_on: '2026-12-31', plan_id: planId });
      const [principalTalk] = await talksOf(principal);
      expect(principalTalk).toMatchObject({ talk_class: 'A', talker_role: 'standing_member' });
      // Generating again adds nothing.
      const again = await town1.post(`/api/v1/talk-plans/${planId}/schedule`);
      expect(again.body.created).toBe(0);
      expect((await talksOf(cadre1Person)).length).toBe(1);
    });

    it('reminds both sides through the to-do list as the due date nears', async () => {
      const before = await unit1.get('/api/v1/todos');
      expect(before.body.items.filter((i: { kind: string }) => i.kind === 'talk')).toEqual([]);
      t.clock.advance(14 * 86_400_000); // 2026-12-07: within 30 days of 2026-12-31
      try {
        const talker = await unit1.get('/api/v1/todos');
        const [talk] = await talksOf(cadre1Person);
        const cadre1Name = (await db().selectFrom('people').select('name').where('id', '=', cadre1Person).executeTakeFirstOrThrow()).name;
        expect(talker.body.items).toContainEqual({ kind: 'talk', title: `廉政谈话：与${cadre1Name}谈话（C类）`, due: '2026-12-31', overdue: false, link: `/talks?talk=${talk!.id}`, objectType: 'talk', objectId: talk!.id });
        const subject = await cadre1.get('/api/v1/todos');
        expect(subject.body.items.filter((i: { kind: string }) => i.kind === 'talk').map((i: { title: string }) => i.title)).toEqual([expect.stringMatching(/^待参加廉政谈话（谈话人：.+）$/)]);
      } finally {
        t.clock.advance(-14 * 86_400_000);
      }
    });
  });

  describe('GET /api/v1/talks', () => {
    it('401; a cadre sees only their own talks; a talker sees the talks they hold', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/talks')).status).toBe(401);
      const own = await cadre1.get('/api/v1/talks');
      expect(own.status).toBe(200);
      expect(own.body.items.map((x: { subjectPersonId: number }) => x.subjectPersonId)).toEqual([cadre1Person]);
      expect(own.body.items[0].actions).toEqual([]);
      const mine = await unit1.get('/api/v1/talks?mine=true&pageSize=200');
      expect(mine.body.items.every((x: { talkerPersonId: number }) => x.talkerPersonId === unit1Person)).toBe(true);
      expect(mine.body.items.find((x: { subjectPersonId: number }) => x.subjectPersonId === cadre1Person).actions).toEqual(['record', 'cancel']);
      expectInvalid(await unit1.get('/api/v1/talks?status=done'), '状态（status）：');
    });

    it('404 for a talk outside scope', async () => {
      const jyjTalk = await db().selectFrom('talks').innerJoin('orgs', 'orgs.id', 'talks.subject_org_id').select('talks.id').where('orgs.code', 'like', 'SFQ-JYJ%').executeTakeFirst();
      const other = jyjTalk ?? { id: 999_999 };
      expect((await town1.get(`/api/v1/talks/${other.id}`)).status).toBe(404);
    });
  });

  describe('POST /api/v1/talks/:id/record', () => {
    let talkId: number;
    beforeAll(async () => {
      talkId = (await talksOf(cadre1Person))[0]!.id;
    });

    it('refuses someone not entitled, a talker the class rule does not allow, and a future date — changing nothing', async () => {
      const body = { heldOn: '2026-11-20', talkerPersonId: unit1Person, points: '学习岗位风险点，重申财务审批纪律', commitments: '严格执行报销审核制度', participantIds: [] };
      expect((await anonymous(t, 'POST', `/api/v1/talks/${talkId}/record`, body)).status).toBe(401);
      await refusedWithoutChange(t, () => cadre1.post(`/api/v1/talks/${talkId}/record`, body), 403, 'auth.forbidden');
      const wrong = await refusedWithoutChange(t, () => unit1.post(`/api/v1/talks/${talkId}/record`, { ...body, talkerPersonId: principal }), 400, 'talks.talker_not_entitled');
      expect(wrong.body.error.message).toMatch(/^谈话人“.+”不符合分级谈话规则（C类：由所在单位纪检负责人谈话）$/);
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/talks/${talkId}/record`, { ...body, talkerPersonId: cadre1Person }), 400, 'talks.talker_not_entitled');
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/talks/${talkId}/record`, { ...body, heldOn: '2026-11-24' }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/talks/${talkId}/record`, { ...body, points: ' ' }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/talks/${talkId}/record`, { ...body, participantIds: [99_999_999] }), 400, 'request.invalid');
    });

    it('the talker records the talk: date, talker, participants, points, commitments', async () => {
      const mark = await auditMark(t);
      const res = await unit1.post(`/api/v1/talks/${talkId}/record`, {
        heldOn: '2026-11-20',
        talkerPersonId: unit1Person,
        location: '财政所会议室',
        points: '学习岗位风险点，重申财务审批纪律',
        commitments: '严格执行报销审核制度',
        participantIds: [principal],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'held', heldOn: '2026-11-20', talkerPersonId: unit1Person, talkerRole: 'discipline_officer', location: '财政所会议室', commitments: '严格执行报销审核制度', actions: [] });
      expect(res.body.participants.map((p: { personId: number }) => p.personId)).toEqual([principal]);
      expect(await auditAfter(t, mark)).toEqual([{ action: 'TALK_RECORDED', actor: await userId(t, 'unit1'), objectType: 'talk', objectId: String(talkId) }]);
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/talks/${talkId}/record`, { heldOn: '2026-11-20', talkerPersonId: unit1Person, points: '再次', participantIds: [] }), 409, 'talks.not_planned');
      expect((await cadre1.get(`/api/v1/talks/${talkId}`)).body.points).toBe('学习岗位风险点，重申财务审批纪律');
    });

    it('a class-A talk: the organiser may record it for a standing member, never by the unit officer himself', async () => {
      const [talk] = await talksOf(principal);
      const standing = talk!.talker_person_id!;
      const body = { heldOn: '2026-11-21', talkerPersonId: unit1Person, points: '落实主体责任', participantIds: [] };
      const refused = await refusedWithoutChange(t, () => unit1.post(`/api/v1/talks/${talk!.id}/record`, body), 400, 'talks.talker_not_entitled');
      expect(refused.body.error.message).toContain('A类：由纪委常委谈话');
      const ok = await unit1.post(`/api/v1/talks/${talk!.id}/record`, { ...body, talkerPersonId: standing });
      expect(ok.status).toBe(200);
      expect(ok.body.talkerRole).toBe('standing_member');
    });

    it('someone with talks.write who is neither the talker nor an organiser is refused', async () => {
      const plan = await center.post('/api/v1/talk-plans', { year: 2026, orgId: await orgIdByCode(t, 'SFQ-JYJ'), name: '教育局2026年度谈话计划', timesA: 1, timesB: 1, timesC: 1 });
      await center.post(`/api/v1/talk-plans/${plan.body.id}/schedule`);
      const talk = await db().selectFrom('talks').select(['id', 'talker_person_id']).where('plan_id', '=', plan.body.id).where('talk_class', '=', 'C').executeTakeFirstOrThrow();
      await refusedWithoutChange(t, () => paizhu1.post(`/api/v1/talks/${talk.id}/record`, { heldOn: '2026-11-20', talkerPersonId: talk.talker_person_id, points: '要点', participantIds: [] }), 403, 'talks.not_talker');
      await refusedWithoutChange(t, () => town1.post(`/api/v1/talks/${talk.id}/record`, { heldOn: '2026-11-20', talkerPersonId: talk.talker_person_id, points: '要点', participantIds: [] }), 404, 'not_found');
    });
  });

  describe('POST /api/v1/talks and cancel', () => {
    it('records an unscheduled reminder talk with any talker; a collective talk needs its unit', async () => {
      const res = await unit1.post('/api/v1/talks', { kind: 'reminder', personId: cadre1Person, talkerPersonId: principal, heldOn: '2026-11-22', points: '提醒按时报送报销凭证', participantIds: [] });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'reminder', status: 'held', sourceKind: 'manual', subjectPersonId: cadre1Person, talkerRole: null });
      expectInvalid(await unit1.post('/api/v1/talks', { kind: 'collective', talkerPersonId: principal, heldOn: '2026-11-22', points: '集体谈话', participantIds: [] }), '人员（personId）：须指明谈话对象');
      const collective = await unit1.post('/api/v1/talks', { kind: 'collective', orgId: t1u0, talkerPersonId: principal, heldOn: '2026-11-22', points: '集体廉政谈话', participantIds: [unit1Person, cadre1Person] });
      expect(collective.status).toBe(201);
      await refusedWithoutChange(t, () => unit1.post('/api/v1/talks', { kind: 'collective', orgId: t1, talkerPersonId: principal, heldOn: '2026-11-22', points: '越权', participantIds: [] }), 404, 'not_found');
      await refusedWithoutChange(t, () => unit1.post('/api/v1/talks', { kind: 'integrity', personId: cadre1Person, talkerPersonId: principal, heldOn: '2026-11-22', points: '廉政谈话', participantIds: [] }), 400, 'talks.talker_not_entitled');
    });

    it('the organiser cancels a planned talk with a reason; the talker alone may not', async () => {
      const [talk] = (await talksOf(unit1Person)).filter((x) => x.status === 'planned');
      await refusedWithoutChange(t, () => cadre1.post(`/api/v1/talks/${talk!.id}/cancel`, { reason: '调离' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => town1.post(`/api/v1/talks/${talk!.id}/cancel`, { reason: '' }), 400, 'request.invalid');
      const res = await town1.post(`/api/v1/talks/${talk!.id}/cancel`, { reason: '本人已调离，由新单位安排' });
      expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '本人已调离，由新单位安排' });
    });

    it('lists the eligible talkers for the record form', async () => {
      const res = await unit1.get(`/api/v1/talks/talkers?personId=${cadre1Person}`);
      expect(res.body).toMatchObject({ role: 'discipline_officer', reason: 'C类：由所在单位纪检负责人谈话' });
      expect(res.body.talkers.map((x: { personId: number }) => x.personId)).toEqual([unit1Person]);
      expect((await unit1.get(`/api/v1/talks/talkers?personId=${cadre1Person}&kind=reminder`)).body).toEqual({ role: null, reason: '该类谈话不限定谈话人', talkers: [] });
      expect((await town1.get(`/api/v1/talks/talkers?personId=${await personOf('cadre1')}`)).status).toBe(200);
      expect((await cadre1.get(`/api/v1/talks/talkers?personId=${cadre1Person}`)).status).toBe(403);
    });
  });
});
