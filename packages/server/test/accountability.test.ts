import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { anonymous, auditAfter, auditMark, expectInvalid, personIdsIn, refusedWithoutChange, userId } from './support.js';

describe(`accountability decisions (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let town1: Client;
  let cadre1: Client;
  let unit1: Client;
  let leader1: Client;
  let principal: number;
  let officer: number;
  let cadre1Person: number;
  let behaviours: { id: number; code: string }[];
  const code = (c: string) => behaviours.find((b) => b.code === c)!.id;

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1, cadre1, unit1, leader1] = (await Promise.all(['center', 'town1', 'cadre1', 'unit1', 'leader1'].map((u) => login(t, u)))) as [Client, Client, Client, Client, Client];
    [principal, officer, cadre1Person] = (await personIdsIn(t, 'SFQ-T1-U0')).map((p) => p.id) as [number, number, number];
  });
  afterAll(() => t.close());

  describe('the catalogue of behaviours', () => {
    it('holds the behaviours the seeds name, beside the counts seed 001 gives', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/accountability-decisions/behaviours')).status).toBe(401);
      const res = await cadre1.get('/api/v1/accountability-decisions/behaviours');
      expect(res.status).toBe(200);
      behaviours = res.body.items;
      expect(res.body.seedCounts).toEqual({ staff: 14, unit_head: 9 });
      expect(res.body.items.filter((b: { source: string }) => b.source === '001').map((b: { title: string }) => b.title)).toEqual([
        '不严格依法行政',
        '办事拖拉',
        '效率低下',
        '不服从工作安排',
        '管理或监督不严',
        '对上级决策精神落实不力',
        '单位绩效考评连续三年位居末位',
      ]);
      expect(res.body.items.find((b: { code: string }) => b.code === 'H03')).toMatchObject({ subject: 'unit_head', detection: 'bottom_ranking_years' });
    });

    it('the centre completes and retires entries; others may not', async () => {
      const body = { code: 'S08', subject: 'staff', title: '工作中推诿扯皮、敷衍塞责', source: '本区行政问责暂行办法' };
      await refusedWithoutChange(t, () => town1.post('/api/v1/accountability-decisions/behaviours', body), 403, 'auth.forbidden');
      expectInvalid(await center.post('/api/v1/accountability-decisions/behaviours', { ...body, code: 's8' }), '代码（code）：');
      await refusedWithoutChange(t, () => center.post('/api/v1/accountability-decisions/behaviours', { ...body, code: 'S01' }), 409, 'accountability.code_duplicate');
      const res = await center.post('/api/v1/accountability-decisions/behaviours', body);
      expect(res.status).toBe(201);
      const created = res.body.items.find((b: { code: string }) => b.code === 'S08');
      expect(created).toMatchObject({ title: '工作中推诿扯皮、敷衍塞责', retired: false });
      const retired = await center.post(`/api/v1/accountability-decisions/behaviours/${created.id}/retire`);
      expect(retired.body.items.find((b: { code: string }) => b.code === 'S08')).toBeUndefined();
      const all = await center.get('/api/v1/accountability-decisions/behaviours?includeRetired=true');
      expect(all.body.items.find((b: { code: string }) => b.code === 'S08').retired).toBe(true);
      behaviours = all.body.items;
    });
  });

  describe('POST /api/v1/accountability-decisions', () => {
    const decision = () => ({
      decidedOn: '2026-11-20',
      decisionMaker: '示范区纪委常委会',
      caseFacts: '东城街道财政所会计在报销审核中多次办事拖拉，经提醒仍未改正；所长、纪检负责人监督不力。',
      people: [
        { personId: cadre1Person, role: 'violator', behaviourId: code('S02'), form: 'admonish_remind' },
        { personId: officer, role: 'direct_leader', behaviourId: code('H01'), form: 'circulated_criticism' },
        { personId: principal, role: 'principal_leader', behaviourId: code('H01'), form: 'admonish_supervise' },
      ],
    });

    it('refuses a decision without a behaviour, without a violator, by the wrong role, outside scope — saving nothing', async () => {
      expect((await anonymous(t, 'POST', '/api/v1/accountability-decisions', decision())).status).toBe(401);
      const noBehaviour = decision();
      delete (noBehaviour.people[0] as { behaviourId?: number }).behaviourId;
      const res = await refusedWithoutChange(t, () => center.post('/api/v1/accountability-decisions', noBehaviour), 400, 'request.invalid');
      expect(res.body.error.message).toBe('问责情形（people.0.behaviourId）：须指明问责情形');
      const noViolator = { ...decision(), people: decision().people.slice(1) };
      await refusedWithoutChange(t, () => center.post('/api/v1/accountability-decisions', noViolator), 400, 'accountability.violator_required');
      await refusedWithoutChange(t, () => center.post('/api/v1/accountability-decisions', { ...decision(), people: [{ ...decision().people[0]!, behaviourId: code('S08') }] }), 409, 'accountability.behaviour_retired');
      await refusedWithoutChange(t, () => center.post('/api/v1/accountability-decisions', { ...decision(), people: [{ ...decision().people[0]!, form: 'fine' }] }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => center.post('/api/v1/accountability-decisions', { ...decision(), decidedOn: '2026-12-01' }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => town1.post('/api/v1/accountability-decisions', decision()), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => leader1.post('/api/v1/accountability-decisions', decision()), 403, 'auth.forbidden');
    });

    it('suggests the leaders answerable under 一案双查', async () => {
      const res = await center.get(`/api/v1/accountability-decisions/answerable-leaders?personId=${cadre1Person}`);
      expect(res.status).toBe(200);
      // The accountant's unit has a principal only: he is both the one in charge and the principal.
      expect(res.body.directLeaders).toEqual([]);
      expect(res.body.principalLeaders.map((l: { personId: number }) => l.personId)).toEqual([principal]);
      expect((await unit1.get(`/api/v1/accountability-decisions/answerable-leaders?personId=${cadre1Person}`)).status).toBe(403);
    });

    it('201: numbered, the violator and the leaders each with behaviour and form, audited', async () => {
      const mark = await auditMark(t);
      const res = await center.post('/api/v1/accountability-decisions', decision());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ serialNo: '示纪问〔2026〕1号', decidedOn: '2026-11-20', orgId: await orgIdByCode(t, 'SFQ-T1-U0'), sourceKind: 'manual' });
      expect(res.body.people.map((p: { personId: number; role: string; behaviourCode: string; form: string }) => [p.personId, p.role, p.behaviourCode, p.form])).toEqual([
        [cadre1Person, 'violator', 'S02', 'admonish_remind'],
        [officer, 'direct_leader', 'H01', 'circulated_criticism'],
        [principal, 'principal_leader', 'H01', 'admonish_supervise'],
      ]);
      expect(await auditAfter(t, mark)).toEqual([{ action: 'ACCOUNTABILITY_DECIDED', actor: await userId(t, 'center'), objectType: 'accountability_decision', objectId: String(res.body.id) }]);
      const second = await center.post('/api/v1/accountability-decisions', { ...decision(), people: decision().people.slice(0, 1) });
      expect(second.body.serialNo).toBe('示纪问〔2026〕2号');
    });

    it('reads: each person concerned sees it, others in scope too, nobody outside', async () => {
      const mine = await cadre1.get('/api/v1/accountability-decisions');
      expect(mine.status).toBe(200);
      expect(mine.body.total).toBe(2);
      const one = mine.body.items[0];
      expect((await cadre1.get(`/api/v1/accountability-decisions/${one.id}`)).status).toBe(200);
      expect((await town1.get(`/api/v1/accountability-decisions?personId=${principal}`)).body.total).toBe(1);
      const paizhu1 = await login(t, 'paizhu1');
      expect((await paizhu1.get('/api/v1/accountability-decisions')).body.total).toBe(0);
      expect((await paizhu1.get(`/api/v1/accountability-decisions/${one.id}`)).status).toBe(404);
    });

    it('nothing is pending in a district without referrals or rating tasks', async () => {
      const res = await center.get('/api/v1/accountability-decisions/pending');
      expect(res.body).toEqual({ items: [] });
    });
  });
});
