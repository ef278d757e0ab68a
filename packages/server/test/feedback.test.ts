import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeBulletin, redactName } from '../src/bulletins/bulletins.compose.js';
import { createTestApp, ENGINE, login, type Client, type TestApp } from './harness.js';
import { anonymous, auditAfter, auditMark, expectInvalid, refusedWithoutChange } from './support.js';

// The other two layers of feedback (seed 000): bulletins to the public, reports to the leaders.
describe(`bulletins and leadership reports (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client, center2: Client, town1: Client, leader1: Client, cadre1: Client;
  let warningId: number;
  let cadreName: string;
  let bulletinId: number;

  beforeAll(async () => {
    t = await createTestApp();
    [center, center2, town1, leader1, cadre1] = (await Promise.all(['center', 'center2', 'town1', 'leader1', 'cadre1'].map((u) => login(t, u)))) as [Client, Client, Client, Client, Client];
    const person = await t.ctx.database.db.selectFrom('users').innerJoin('people', 'people.id', 'users.person_id').select(['people.id', 'people.name']).where('username', '=', 'cadre1').executeTakeFirstOrThrow();
    cadreName = person.name;
    const res = await center.post('/api/v1/warnings', {
      subjectKind: 'person',
      subjectPersonId: person.id,
      level: 2,
      facts: `${person.name}在惠民资金发放中优亲厚友。`,
      basis: '群众信访举报。',
      clueId: 7,
      disposalMeasures: ['批评教育'],
    });
    warningId = res.body.id;
  });
  afterAll(() => t.close());

  it('redacts names as 王某, keeping compound surnames', () => {
    expect(redactName('王芳')).toBe('王某');
    expect(redactName('欧阳明辉')).toBe('欧阳某');
    expect(composeBulletin('导语。', 'redacted', [{ level: 1, issuedOn: '2026-11-23', facts: '王芳报销私人费用', personName: '王芳', orgName: '财政所', status: 'closed' }])).toBe(
      '导语。\n1. 财政所王某：王某报销私人费用。2026年11月被给予一级预警，已整改到位。',
    );
  });

  describe('bulletins (通报)', () => {
    const body = () => ({ title: '关于近期廉情预警典型问题的通报', intro: '为警示教育广大党员干部，现将近期预警的典型问题通报如下。', redaction: 'redacted', warningIds: [warningId] });

    it('401, 403 without bulletins.write, 400 bad input — nothing changed', async () => {
      expect((await anonymous(t, 'POST', '/api/v1/bulletins', body())).status).toBe(401);
      await refusedWithoutChange(t, () => town1.post('/api/v1/bulletins', body()), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => leader1.get('/api/v1/bulletins'), 403, 'auth.forbidden');
      expectInvalid(await center.post('/api/v1/bulletins', { ...body(), warningIds: [] }), '预警（warningIds）：至少选择一条预警');
      expectInvalid(await center.post('/api/v1/bulletins', { ...body(), redaction: 'partial' }), '姓名处理（redaction）：');
      await refusedWithoutChange(t, () => center.post('/api/v1/bulletins', { ...body(), warningIds: [999999] }), 404, 'not_found');
    });

    it('the centre composes a bulletin with names redacted; nothing on the portal yet', async () => {
      const res = await center.post('/api/v1/bulletins', body());
      expect(res.status).toBe(201);
      bulletinId = res.body.id;
      expect(res.body).toMatchObject({ status: 'draft', redaction: 'redacted', warningIds: [warningId], actions: ['update', 'submit'] });
      expect(res.body.body).toContain(`${cadreName[0]}某`);
      expect(res.body.body).not.toContain(cadreName);
      expect(res.body.body).not.toContain('信访');
      expect((await anonymous(t, 'GET', '/api/portal/bulletins')).body).toEqual({ items: [] });
    });

    it('submitted, it needs a second person: the author is refused, center2 publishes it', async () => {
      expect((await center.post(`/api/v1/bulletins/${bulletinId}/submit`)).body).toMatchObject({ status: 'pending', actions: [] });
      await refusedWithoutChange(t, () => center.post(`/api/v1/bulletins/${bulletinId}/approve`), 403, 'bulletins.same_person');
      await refusedWithoutChange(t, () => center.patch(`/api/v1/bulletins/${bulletinId}`, { title: '改' }), 409, 'bulletins.not_editable');
      expect((await center2.get(`/api/v1/bulletins/${bulletinId}`)).body.actions).toEqual(['approve', 'return']);
      expect((await anonymous(t, 'GET', '/api/portal/bulletins')).body.items).toEqual([]);
      const mark = await auditMark(t);
      const res = await center2.post(`/api/v1/bulletins/${bulletinId}/approve`);
      expect(res.body).toMatchObject({ status: 'published', approvedBy: '预警信息中心主任', publishedOn: '2026-11-23' });
      expect((await auditAfter(t, mark)).map((a) => a.action)).toEqual(['BULLETIN_PUBLISHED']);
      await refusedWithoutChange(t, () => center2.post(`/api/v1/bulletins/${bulletinId}/approve`), 409, 'bulletins.not_pending');
    });

    it('the portal lists it without login, with the approved text only', async () => {
      const list = await anonymous(t, 'GET', '/api/portal/bulletins');
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toEqual({ id: bulletinId, title: '关于近期廉情预警典型问题的通报', body: expect.stringContaining(`${cadreName[0]}某`), publishedOn: '2026-11-23' });
      expect(JSON.stringify(list.body)).not.toContain(cadreName);
      expect((await anonymous(t, 'GET', `/api/portal/bulletins/${bulletinId}`)).status).toBe(200);
      expect((await anonymous(t, 'GET', '/api/portal/bulletins/999999')).status).toBe(404);
    });

    it('a returned bulletin goes back to draft with the reason', async () => {
      const b = (await center.post('/api/v1/bulletins', { ...body(), redaction: 'named' })).body;
      expect(b.body).toContain(cadreName);
      await center.post(`/api/v1/bulletins/${b.id}/submit`);
      expectInvalid(await center2.post(`/api/v1/bulletins/${b.id}/return`, { reason: ' ' }), '理由（reason）：');
      expect((await center2.post(`/api/v1/bulletins/${b.id}/return`, { reason: '公开姓名须经集体研究' })).body).toMatchObject({ status: 'draft', returnReason: '公开姓名须经集体研究' });
    });
  });

  describe('leadership reports (内刊、专题报告)', () => {
    let reportId: number;
    const report = () => ({ kind: 'thematic_report', title: '关于惠民资金领域廉政风险的专题报告', periodFrom: '2026-01-01', periodTo: '2026-12-31', summary: '今年以来惠民资金领域预警较多。', recommendations: '建议开展专项治理。', warningIds: [warningId] });

    it('only leadership_reports.write composes; leader1 reads and exports; others are refused', async () => {
      await refusedWithoutChange(t, () => leader1.post('/api/v1/leadership-reports', report()), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => town1.get('/api/v1/leadership-reports'), 403, 'auth.forbidden');
      expectInvalid(await center.post('/api/v1/leadership-reports', { ...report(), periodTo: '2025-12-31' }), '统计结束日期（periodTo）：结束日期不能早于开始日期');
      const res = await center.post('/api/v1/leadership-reports', report());
      expect(res.status).toBe(201);
      reportId = res.body.id;
      expect(res.body).toMatchObject({ statistics: { total: 1, byLevel: { 1: 0, 2: 1, 3: 0 }, open: 1 }, warnings: [{ id: warningId, level: 2 }] });
      expect(JSON.stringify(res.body)).not.toContain('信访');
      const list = await leader1.get('/api/v1/leadership-reports');
      expect(list.body.items.map((r: { id: number }) => r.id)).toEqual([reportId]);
      const docx = await t.app.inject({ method: 'GET', url: `/api/v1/leadership-reports/${reportId}/docx`, headers: { authorization: `Bearer ${leader1.token}` } });
      expect(docx.statusCode).toBe(200);
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect((await cadre1.get(`/api/v1/leadership-reports/${reportId}`)).status).toBe(403);
    });
  });
});
