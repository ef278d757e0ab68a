import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type Client, type TestApp } from './harness.js';
import { anonymous, auditAfter, auditMark, expectInvalid, personIdsIn, refusedWithoutChange, userId } from './support.js';

describe(`personal-matter reports and the integrity archive (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let town1: Client;
  let unit1: Client;
  let cadre1: Client;
  let paizhu1: Client;
  let principal: number;
  let cadre1Person: number;
  let colleague: number;
  let reportId: number;

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1, unit1, cadre1, paizhu1] = (await Promise.all(['center', 'town1', 'unit1', 'cadre1', 'paizhu1'].map((u) => login(t, u)))) as [Client, Client, Client, Client, Client];
    [principal, , cadre1Person, colleague] = (await personIdsIn(t, 'SFQ-T1-U0')).map((p) => p.id) as [number, number, number, number];
  });
  afterAll(() => t.close());

  describe('personal-matter reports (个人有关事项报告)', () => {
    it('a cadre registers their own report, not a colleague’s; bad input refused', async () => {
      const body = { personId: cadre1Person, year: 2026, kind: 'annual', submittedOn: '2026-03-15', matters: '婚姻、房产、投资等事项' };
      expect((await anonymous(t, 'POST', '/api/v1/personal-matter-reports', body)).status).toBe(401);
      await refusedWithoutChange(t, () => cadre1.post('/api/v1/personal-matter-reports', { ...body, personId: colleague }), 404, 'not_found');
      expectInvalid(await cadre1.post('/api/v1/personal-matter-reports', { ...body, kind: 'monthly' }), '类型（kind）：');
      await refusedWithoutChange(t, () => cadre1.post('/api/v1/personal-matter-reports', { ...body, submittedOn: '2026-12-01' }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => paizhu1.post('/api/v1/personal-matter-reports', body), 403, 'auth.forbidden');
      const res = await cadre1.post('/api/v1/personal-matter-reports', body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ personId: cadre1Person, status: 'submitted', actions: [] });
      reportId = res.body.id;
      await refusedWithoutChange(t, () => unit1.post('/api/v1/personal-matter-reports', body), 409, 'personal_matters.annual_duplicate');
    });

    it('the township checks it with a finding; the cadre, the unit officer and others may not', async () => {
      const check = { checkMethod: 'random', checkedOn: '2026-06-10', finding: 'minor_omission', findingNote: '漏报一处房产，情节较轻，已补报' };
      await refusedWithoutChange(t, () => cadre1.post(`/api/v1/personal-matter-reports/${reportId}/check`, check), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/personal-matter-reports/${reportId}/check`, check), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => town1.post(`/api/v1/personal-matter-reports/${reportId}/check`, { ...check, checkedOn: '2026-03-01' }), 400, 'request.invalid');
      expect((await town1.get(`/api/v1/personal-matter-reports?personId=${cadre1Person}`)).body.items[0].actions).toEqual(['check']);
      const res = await town1.post(`/api/v1/personal-matter-reports/${reportId}/check`, check);
      expect(res.body).toMatchObject({ status: 'checked', checkMethod: 'random', finding: 'minor_omission', actions: [] });
      await refusedWithoutChange(t, () => town1.post(`/api/v1/personal-matter-reports/${reportId}/check`, check), 409, 'personal_matters.already_checked');
    });
  });

  describe('GET /api/v1/archives/:personId', () => {
    it('401, 403 without archives.read, 404 outside scope (a colleague for a cadre)', async () => {
      expect((await anonymous(t, 'GET', `/api/v1/archives/${cadre1Person}`)).status).toBe(401);
      const station1 = await login(t, 'station1');
      expect((await station1.get(`/api/v1/archives/${cadre1Person}`)).status).toBe(403);
      expect((await cadre1.get(`/api/v1/archives/${colleague}`)).status).toBe(404);
      expect((await paizhu1.get(`/api/v1/archives/${cadre1Person}`)).status).toBe(404);
    });

    it('a cadre reads their own archive: posts, risk points, talks, accountability, personal matters, the credit with its terms', async () => {
      await center.post('/api/v1/accountability-decisions', {
        decidedOn: '2026-04-01',
        decisionMaker: '示范区纪委',
        caseFacts: '报销审核办事拖拉',
        people: [{ personId: cadre1Person, role: 'violator', behaviourId: (await center.get('/api/v1/accountability-decisions/behaviours')).body.items.find((b: { code: string }) => b.code === 'S02').id, form: 'admonish_remind' }],
      });
      await unit1.post('/api/v1/talks', { kind: 'reminder', personId: cadre1Person, talkerPersonId: principal, heldOn: '2026-04-02', points: '提醒按时办理报销', participantIds: [] });
      const mark = await auditMark(t);
      const res = await cadre1.get(`/api/v1/archives/${cadre1Person}`);
      expect(res.status).toBe(200);
      const a = res.body;
      expect(a.person).toMatchObject({ id: cadre1Person, orgName: '东城街道财政所', talkClass: 'C' });
      expect(a.posts.map((p: { postName: string }) => p.postName)).toEqual(['会计']);
      expect(a.talks.items.map((x: { kind: string; points: string }) => [x.kind, x.points])).toEqual([['reminder', '提醒按时办理报销']]);
      expect(a.accountability.items).toMatchObject([{ serialNo: '示纪问〔2026〕1号', role: 'violator', behaviourTitle: '办事拖拉', form: 'admonish_remind' }]);
      expect(a.personalMatters.items).toMatchObject([{ year: 2026, finding: 'minor_omission' }]);
      expect(a.warnings).toEqual({ items: [] });
      // The risk points of the post held (demo register): current versions, with their measures.
      const points = await t.ctx.database.db
        .selectFrom('risk_points')
        .select(['id', 'title'])
        .where('status', '<>', 'superseded')
        .where('post_id', 'in', (eb) => eb.selectFrom('post_assignments').select('post_id').where('person_id', '=', cadre1Person))
        .execute();
      expect(a.riskPoints.items.map((r: { id: number }) => r.id).sort()).toEqual(points.map((p) => p.id).sort());
      expect(a.riskPoints.items.every((r: { postName: string }) => r.postName === '会计')).toBe(true);
      expect(a.commitments.items).toMatchObject([{ year: 2026, title: '2026年度廉政风险防范承诺书', signedAt: null }]);
      expect(a.credit).toMatchObject({
        score: 90,
        since: '2024-01-01',
        expression: '100 − 问责：诫勉提醒1次×5 − 个人有关事项报告：漏报1次×5 = 90',
      });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'ARCHIVE_VIEWED', actor: await userId(t, 'cadre1'), objectType: 'person', objectId: String(cadre1Person) }]);
    });

    it('the credit follows its configured formula', async () => {
      const settings = await center.get('/api/v1/evaluations/settings');
      const formula = settings.body.items.find((s: { key: string }) => s.key === 'credit_formula').value;
      expect((await unit1.put('/api/v1/evaluations/settings/credit_formula', { value: { ...formula, base: 120 } })).status).toBe(403);
      const bad = await center.put('/api/v1/evaluations/settings/credit_formula', { value: { ...formula, windowYears: 0 } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues[0].field).toBe('value.windowYears');
      // In Chinese, the field named: only the path in brackets is not.
      expect(bad.body.error.message).toContain('（value.windowYears）：');
      expect(bad.body.error.message.replace(/（[^）]*）/g, '')).not.toMatch(/[A-Za-z]/);
      expect((await center.put('/api/v1/evaluations/settings/credit_formula', { value: { ...formula, personalMatter: { minor_omission: 8, concealment: 20 } } })).status).toBe(200);
      expect((await cadre1.get(`/api/v1/archives/${cadre1Person}`)).body.credit.expression).toBe('100 − 问责：诫勉提醒1次×5 − 个人有关事项报告：漏报1次×8 = 87');
    });

    it('exports the archive as a workbook, audited', async () => {
      const mark = await auditMark(t);
      const res = await t.app.inject({ url: `/api/v1/archives/${cadre1Person}/export`, headers: { authorization: `Bearer ${town1.token}` } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['基本情况', '任职经历', '谈话', '预警', '廉情预警考评', '问责', '个人有关事项报告', '廉政风险点', '风险防范承诺书']);
      expect(wb.getWorksheet('基本情况')!.getRow(8).getCell(2).value).toBe('100 − 问责：诫勉提醒1次×5 − 个人有关事项报告：漏报1次×8 = 87');
      expect(wb.getWorksheet('个人有关事项报告')!.getRow(2).getCell(6).value).toBe('漏报（情节较轻）');
      expect(await auditAfter(t, mark)).toEqual([{ action: 'ARCHIVE_EXPORTED', actor: await userId(t, 'town1'), objectType: 'person', objectId: String(cadre1Person) }]);
    });
  });
});
