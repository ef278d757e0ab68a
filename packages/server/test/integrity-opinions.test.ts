import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type Client, type TestApp } from './harness.js';
import { anonymous, auditAfter, auditMark, expectInvalid, personIdsIn, refusedWithoutChange, userId } from './support.js';

describe(`integrity-opinion replies (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let center2: Client;
  let town1: Client;
  let cadre1: Client;
  let principal: number;
  let cadre1Person: number;
  let opinionId: number;
  const request = () => ({
    requester: '中共示范区委组织部',
    requestRef: '示组函〔2026〕12号',
    requestedOn: '2026-11-20',
    purpose: '拟提拔任用',
    periodStart: '2023-11-01',
    periodEnd: '2026-11-20',
    personIds: [cadre1Person, principal],
  });

  beforeAll(async () => {
    t = await createTestApp();
    [center, center2, town1, cadre1] = (await Promise.all(['center', 'center2', 'town1', 'cadre1'].map((u) => login(t, u)))) as [Client, Client, Client, Client];
    [principal, , cadre1Person] = (await personIdsIn(t, 'SFQ-T1-U0')).map((p) => p.id) as [number, number, number];
    const behaviours = (await center.get('/api/v1/accountability-decisions/behaviours')).body.items;
    await center.post('/api/v1/accountability-decisions', {
      decidedOn: '2026-04-01',
      decisionMaker: '示范区纪委',
      caseFacts: '报销审核办事拖拉',
      people: [{ personId: cadre1Person, role: 'violator', behaviourId: behaviours.find((b: { code: string }) => b.code === 'S02').id, form: 'admonish_remind' }],
    });
  });
  afterAll(() => t.close());

  it('drafts from the archive: findings of the period and the suggested conclusion; bad input refused', async () => {
    expect((await anonymous(t, 'POST', '/api/v1/integrity-opinions', request())).status).toBe(401);
    await refusedWithoutChange(t, () => town1.post('/api/v1/integrity-opinions', request()), 403, 'auth.forbidden');
    expectInvalid(await center.post('/api/v1/integrity-opinions', { ...request(), periodStart: '2026-12-01', periodEnd: '2026-01-01' }), '所询期间止（periodEnd）：所询期间的起始日期不能晚于截止日期');
    expectInvalid(await center.post('/api/v1/integrity-opinions', { ...request(), personIds: [] }), '人员（personIds）：至少一名干部');
    await refusedWithoutChange(t, () => center.post('/api/v1/integrity-opinions', { ...request(), personIds: [99_999_999] }), 404, 'not_found');
    const mark = await auditMark(t);
    const res = await center.post('/api/v1/integrity-opinions', request());
    expect(res.status).toBe(201);
    opinionId = res.body.id;
    expect(res.body).toMatchObject({ status: 'draft', serialNo: null, periodStart: '2023-11-01', periodEnd: '2026-11-20', actions: ['edit', 'submit'] });
    const [c, p] = res.body.people;
    expect(c).toMatchObject({ personId: cadre1Person, category: 'handled_minor', categoryLabel: '受过提醒、诫勉等处理', suggestedCategory: 'handled_minor' });
    expect(c.findings).toEqual(['所询期间未被实施廉情预警。', '2026-04-01因“办事拖拉”受到诫勉提醒。']);
    expect(p).toMatchObject({ personId: principal, category: 'no_clue', findings: ['所询期间未被实施廉情预警。'] });
    expect(await auditAfter(t, mark)).toEqual([{ action: 'OPINION_DRAFTED', actor: await userId(t, 'center'), objectType: 'integrity_opinion', objectId: String(opinionId) }]);
  });

  it('the drafter chooses among the configured categories only', async () => {
    await refusedWithoutChange(t, () => center.put(`/api/v1/integrity-opinions/${opinionId}/people/${principal}`, { conclusionCategory: 'whatever' }), 400, 'opinions.category_unknown');
    const res = await center.put(`/api/v1/integrity-opinions/${opinionId}/people/${principal}`, { conclusionCategory: 'cleared' });
    expect(res.body.people[1]).toMatchObject({ category: 'cleared', suggestedCategory: 'no_clue', conclusion: '曾收到反映该同志的问题线索，经核查已予了结（查否或予以澄清），不影响其提拔使用。' });
  });

  it('needs a second person: the drafter cannot approve; a return goes back to draft with its note', async () => {
    await refusedWithoutChange(t, () => center.get(`/api/v1/integrity-opinions/${opinionId}/document`), 409, 'opinions.not_approved');
    await refusedWithoutChange(t, () => center2.post(`/api/v1/integrity-opinions/${opinionId}/approve`, {}), 409, 'opinions.not_submitted');
    expect((await center.post(`/api/v1/integrity-opinions/${opinionId}/submit`)).body.status).toBe('submitted');
    await refusedWithoutChange(t, () => center.put(`/api/v1/integrity-opinions/${opinionId}/people/${principal}`, { conclusionCategory: 'no_clue' }), 409, 'opinions.not_draft');
    await refusedWithoutChange(t, () => center.post(`/api/v1/integrity-opinions/${opinionId}/approve`, {}), 403, 'opinions.same_person');
    expect((await center2.get(`/api/v1/integrity-opinions/${opinionId}`)).body.actions).toEqual(['approve', 'return']);
    const back = await center2.post(`/api/v1/integrity-opinions/${opinionId}/return`, { note: '请核实李某的线索情况' });
    expect(back.body).toMatchObject({ status: 'draft', reviewNote: '请核实李某的线索情况' });
    await center.put(`/api/v1/integrity-opinions/${opinionId}/people/${principal}`, { conclusionCategory: 'no_clue' });
    await center.post(`/api/v1/integrity-opinions/${opinionId}/submit`);
    const ok = await center2.post(`/api/v1/integrity-opinions/${opinionId}/approve`, { note: '同意' });
    expect(ok.body).toMatchObject({ status: 'approved', serialNo: '示纪廉复〔2026〕1号', repliedOn: '2026-11-23', reviewedBy: '预警信息中心主任', actions: ['download'] });
  });

  it('the approved reply downloads as a Word document in the official layout, audited', async () => {
    const mark = await auditMark(t);
    const res = await t.app.inject({ url: `/api/v1/integrity-opinions/${opinionId}/document`, headers: { authorization: `Bearer ${center2.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of ['示纪廉复〔2026〕1号', '党风廉政情况的复函', '中共示范区委组织部', '受到诫勉提醒', '未收到反映该同志问题的信访举报和问题线索', '特此函复']) expect(text).toContain(s);
    expect(await auditAfter(t, mark)).toEqual([{ action: 'OPINION_DOWNLOADED', actor: await userId(t, 'center2'), objectType: 'integrity_opinion', objectId: String(opinionId) }]);
    expect((await cadre1.get(`/api/v1/integrity-opinions/${opinionId}/document`)).status).toBe(403);
    expect((await cadre1.get('/api/v1/integrity-opinions')).status).toBe(403);
  });

  it('clues about a cadre: closed ones in the period clear them, a pending one is stated only as the policy allows', async () => {
    const db = t.ctx.database.db;
    const clue = (seq: number, status: string, receivedOn: string) => ({
      ledger_year: 2026, ledger_seq: 900 + seq, ledger_no: `示纪线〔2026〕9${seq}号`, channel: '信访举报', problem_type: '违反廉洁纪律',
      content: '反映问题（内部）', search_terms: [], subject_person_id: principal, handler_org_id: 1, routed_as: 'centre', reporter_kind: 'anonymous',
      status, received_on: receivedOn, created_at: new Date(), updated_at: new Date(),
    });
    await db.insertInto('clues').values(clue(1, 'closed', '2026-02-02') as never).execute();
    let draft = (await center.post('/api/v1/integrity-opinions', { ...request(), personIds: [principal] })).body;
    expect(draft.people[0]).toMatchObject({ category: 'cleared', findings: ['所询期间未被实施廉情预警。', '所询期间收到反映该同志问题的线索1件，均已办结。'] });
    await db.insertInto('clues').values(clue(2, 'disposing', '2026-11-01') as never).execute();
    draft = (await center.post('/api/v1/integrity-opinions', { ...request(), personIds: [principal] })).body;
    expect(draft.people[0].category).toBe('pending');
    expect(draft.people[0].findings).toContain('有反映该同志的问题线索正在核查中。');
    expect(JSON.stringify(draft)).not.toContain('反映问题（内部）');
    const settings = (await center.get('/api/v1/evaluations/settings')).body.items.find((s: { key: string }) => s.key === 'opinions').value;
    await center.put('/api/v1/evaluations/settings/opinions', { value: { ...settings, pendingClues: 'omit' } });
    draft = (await center.post('/api/v1/integrity-opinions', { ...request(), personIds: [principal] })).body;
    expect(draft.people[0].findings).not.toContain('有反映该同志的问题线索正在核查中。');
    await center.put('/api/v1/evaluations/settings/opinions', { value: settings });
  });

  it('the list of conclusions is configuration', async () => {
    const settings = (await center.get('/api/v1/evaluations/settings')).body.items.find((s: { key: string }) => s.key === 'opinions').value;
    const bad = await center.put('/api/v1/evaluations/settings/opinions', { value: { ...settings, categories: [settings.categories[0], settings.categories[0]] } });
    expect(bad.body.error.message).toContain('结论类别代码不能重复');
    const fewer = { ...settings, categories: settings.categories.filter((c: { code: string }) => c.code !== 'cleared') };
    expect((await center.put('/api/v1/evaluations/settings/opinions', { value: fewer })).status).toBe(200);
    const draft = await center.post('/api/v1/integrity-opinions', request());
    await refusedWithoutChange(t, () => center.put(`/api/v1/integrity-opinions/${draft.body.id}/people/${principal}`, { conclusionCategory: 'cleared' }), 400, 'opinions.category_unknown');
  });
});
