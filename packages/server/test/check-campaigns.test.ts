import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { adminClient, anonymous, auditAfter, auditMark, createUser, expectInvalid, refusedWithoutChange, roleId, STRONG_PASSWORD } from './support.js';

const DEADLINES = { selfCheck: '2026-11-30', deptReview: '2026-12-04', crossCheck: '2026-12-11', commissionReview: '2026-12-18' };
const CAMPAIGN = { title: '2026年度东城街道廉政风险排查', year: 2026, startsOn: '2026-11-23', endsOn: '2026-12-31', deadlines: DEADLINES, subtree: true };
const MEASURE = { content: '补贴名单经村级公示 7 天后发放', owner: '财政所所长', dueOn: '2026-12-31' };
const proposal = (title: string, extra: Record<string, unknown> = {}) => ({
  objectLevel: 'unit',
  title,
  category: 'business_process',
  manifestation: `${title}的表现`,
  likelihood: 6,
  impact: 15,
  measures: [MEASURE],
  ...extra,
});

describe(`self-check campaigns (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client, town1: Client, unit1: Client, cadre1: Client, paizhu1: Client, checker: Client;
  let t1: number, u0: number, u1: number, id: number;
  const orgUrl = () => `/api/v1/check-campaigns/${id}/orgs/${u0}`;

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1, unit1, cadre1, paizhu1] = (await Promise.all(['center', 'town1', 'unit1', 'cadre1', 'paizhu1'].map((u) => login(t, u)))) as Client[] as [Client, Client, Client, Client, Client];
    [t1, u0, u1] = await Promise.all(['SFQ-T1', 'SFQ-T1-U0', 'SFQ-T1-U1'].map((c) => orgIdByCode(t, c))) as [number, number, number];
    // The discipline officer of 综合执法队, who will cross-check 财政所.
    const admin = await adminClient(t);
    await createUser(t, admin, 'unit2', [await roleId(t, 'unit_officer')], 'SFQ-T1-U1');
    checker = await login(t, 'unit2', STRONG_PASSWORD);
  });
  afterAll(() => t.close());

  it('the township launches a campaign over its units; each post holder gets a post form', async () => {
    expect((await anonymous(t, 'POST', '/api/v1/check-campaigns', { ...CAMPAIGN, orgIds: [t1] })).status).toBe(401);
    await refusedWithoutChange(t, () => unit1.post('/api/v1/check-campaigns', { ...CAMPAIGN, orgIds: [u0] }), 403, 'auth.forbidden');
    await refusedWithoutChange(t, () => paizhu1.post('/api/v1/check-campaigns', { ...CAMPAIGN, orgIds: [u0] }), 403, 'auth.forbidden');
    const outside = await refusedWithoutChange(t, async () => town1.post('/api/v1/check-campaigns', { ...CAMPAIGN, orgIds: [t1, await orgIdByCode(t, 'SFQ-T2-U0')] }), 400, 'request.invalid');
    expect(outside.body.error.message).toBe('排查范围（orgIds）：第 2 个单位不存在、已撤销或不在您的审核范围内');
    const notUnit = await refusedWithoutChange(t, () => town1.post('/api/v1/check-campaigns', { ...CAMPAIGN, subtree: false, orgIds: [t1] }), 400, 'request.invalid');
    expect(notUnit.body.error.message).toContain('不是单位');
    expectInvalid(await town1.post('/api/v1/check-campaigns', { ...CAMPAIGN, orgIds: [t1], deadlines: { ...DEADLINES, deptReview: '2026-11-29' } }), '部门评查截止日期（deadlines.deptReview）：');
    expectInvalid(await town1.post('/api/v1/check-campaigns', { ...CAMPAIGN, orgIds: [t1], deadlines: { ...DEADLINES, commissionReview: '2027-01-05' } }), '纪委审查截止日期（deadlines.commissionReview）：');
    expectInvalid(await town1.post('/api/v1/check-campaigns', { ...CAMPAIGN, orgIds: [] }), '排查范围（orgIds）：');

    const mark = await auditMark(t);
    const res = await town1.post('/api/v1/check-campaigns', { ...CAMPAIGN, orgIds: [t1] });
    expect(res.status).toBe(201);
    id = res.body.id;
    const { db } = t.ctx.database;
    const units = await db.selectFrom('orgs').select('id').where('kind', '=', 'unit').where('path', 'like', `${(await db.selectFrom('orgs').select('path').where('id', '=', t1).executeTakeFirstOrThrow()).path}%`).execute();
    expect(res.body.progress).toEqual({ total: units.length, byStage: { self_check: units.length, dept_review: 0, cross_check: 0, commission_review: 0, closed: 0 }, overdue: 0, closed: 0 });
    expect([res.body.status, res.body.launchedByOrg, res.body.deadlines, res.body.actions]).toEqual(['open', '东城街道纪（工）委', DEADLINES, ['close', 'assignCrossChecker']]);
    expect(await auditAfter(t, mark)).toEqual([{ action: 'CAMPAIGN_LAUNCHED', actor: expect.any(Number), objectType: 'check_campaign', objectId: String(id) }]);

    // The forms of 财政所: one per current holder of a post of the unit or its sections.
    const holders = await db
      .selectFrom('post_assignments as a')
      .innerJoin('posts', 'posts.id', 'a.post_id')
      .innerJoin('people', 'people.id', 'a.person_id')
      .select('a.person_id')
      .where('posts.org_id', '=', u0)
      .where('a.ended_on', 'is', null)
      .where('posts.retired_at', 'is', null)
      .where('people.retired_at', 'is', null)
      .execute();
    const detail = await unit1.get(orgUrl());
    expect(detail.body.forms).toHaveLength(holders.length);
    expect([detail.body.stage, detail.body.formsTotal, detail.body.formsSubmitted, detail.body.actions]).toEqual(['self_check', holders.length, 0, ['complete', 'propose', 'submitUnitForm', 'downloadRegister']]);
  });

  it('the demo district has a campaign of its own: cadre1 has a post form to fill', async () => {
    const demo = (await town1.get('/api/v1/check-campaigns')).body.items.find((c: { id: number }) => c.id !== id);
    expect([demo.title, demo.status, demo.progress.byStage.self_check]).toEqual(['2026年度东城街道廉政风险排查', 'open', demo.progress.total]);
    expect((await cadre1.get('/api/v1/check-campaigns/my-forms')).body.items.filter((f: { campaignId: number }) => f.campaignId === demo.id)).toHaveLength(1);
  });

  it('scope: the township and the centre see the campaign, a dispatched group outside it and a cadre see no org', async () => {
    expect((await center.get(`/api/v1/check-campaigns/${id}`)).body.progress.total).toBeGreaterThan(1);
    expect((await unit1.get(`/api/v1/check-campaigns/${id}`)).body.progress.total).toBe(1);
    expect((await paizhu1.get(`/api/v1/check-campaigns/${id}`)).status).toBe(404);
    expect((await paizhu1.get('/api/v1/check-campaigns')).body.total).toBe(0);
    expect((await cadre1.get('/api/v1/check-campaigns')).body.items.map((c: { id: number }) => c.id)).toContain(id); // through their own form
    expect((await cadre1.get(orgUrl())).status).toBe(404);
    expect((await cadre1.get(`/api/v1/check-campaigns/${id}/orgs`)).body.total).toBe(0);
  });

  let cadreProposal: number;
  it('个人自查: the cadre proposes a risk point of their own post on their form and submits it', async () => {
    const forms = (await cadre1.get('/api/v1/check-campaigns/my-forms')).body.items.filter((f: { campaignId: number }) => f.campaignId === id);
    expect(forms.map((f: { postName: string; actions: string[] }) => [f.postName, f.actions])).toEqual([['会计', ['propose', 'submit']]]);
    const form = forms[0];
    const todo = (await cadre1.get('/api/v1/todos')).body.items.filter((i: { kind: string; objectId: number }) => i.kind === 'campaign.post_form' && i.objectId === id);
    expect(todo).toEqual([expect.objectContaining({ title: '填写岗位自查表：会计（风险排查「2026年度东城街道廉政风险排查」）', due: '2026-11-30', overdue: false, link: `/check-campaigns/forms/${form.id}` })]);

    const other = detailForms(await unit1.get(orgUrl())).find((f) => f.postId !== form.postId)!;
    await refusedWithoutChange(t, () => cadre1.post(`/api/v1/check-campaigns/${id}/orgs/${u0}/proposals`, proposal('不是本岗位', { objectLevel: 'post', postId: other.postId, formId: form.id })), 400, 'request.invalid');
    await refusedWithoutChange(t, () => cadre1.post(`/api/v1/check-campaigns/${id}/orgs/${u0}/proposals`, proposal('不用表单')), 404, 'not_found');
    await refusedWithoutChange(t, () => cadre1.post(`/api/v1/check-campaigns/forms/${other.id}/submit`, { findings: '代别人提交' }), 404, 'not_found');
    expectInvalid(await cadre1.post(`/api/v1/check-campaigns/${id}/orgs/${u0}/proposals`, proposal('概率', { objectLevel: 'post', postId: form.postId, formId: form.id, likelihood: -1 })), '发生概率（likelihood）：');

    const added = await cadre1.post(`/api/v1/check-campaigns/${id}/orgs/${u0}/proposals`, proposal('报销凭证审核把关不严', { objectLevel: 'post', postId: form.postId, formId: form.id, measures: [] }));
    expect(added.status).toBe(201);
    cadreProposal = added.body.id;
    expect([added.body.stage, added.body.discovery, added.body.status, added.body.postName, added.body.actions]).toEqual(['self_check', 'self_check', 'proposed', '会计', ['amend', 'reject']]);
    expect(added.body.history).toEqual([expect.objectContaining({ stage: 'self_check', action: 'add', actor: '东城街道财政所会计（cadre1）' })]);
    const submitted = await cadre1.post(`/api/v1/check-campaigns/forms/${form.id}/submit`, { findings: '本岗位存在报销审核风险，已提出一条。' });
    expect([submitted.body.submittedAt, submitted.body.proposals.map((p: { title: string }) => p.title)]).toEqual([t.clock.now().toISOString(), ['报销凭证审核把关不严']]);
  });

  it('the self-check ends only when every post form and the unit form are in; the officer enters paper forms', async () => {
    const before = await unit1.get(orgUrl());
    const missing = detailForms(before).filter((f) => !f.submittedAt);
    const refused = await refusedWithoutChange(t, () => unit1.post(`${orgUrl()}/complete`), 409, 'campaigns.stage_unfinished');
    expect(refused.body.error.message).toMatch(new RegExp(`^尚有 ${missing.length} 份岗位自查表未提交：`));
    expect(refused.body.error.message).toContain(`${missing[0]!.personName}（${missing[0]!.postName}）`);
    await refusedWithoutChange(t, () => paizhu1.post(`${orgUrl()}/complete`), 404, 'not_found');
    await refusedWithoutChange(t, () => cadre1.post(`${orgUrl()}/complete`), 404, 'not_found');

    const mark = await auditMark(t);
    for (const f of missing) expect((await unit1.post(`/api/v1/check-campaigns/forms/${f.id}/submit`, { findings: '纸质自查表录入：未发现新的风险点。' })).status).toBe(200);
    expect((await t.ctx.database.db.selectFrom('audit_entries').select('summary').where('id', '>', mark).execute()).map((r) => r.summary)[0]).toMatch(/^代为录入岗位自查表/);
    expect((await unit1.post(`${orgUrl()}/complete`)).body.error.message).toBe('单位自查表尚未提交');
    expectInvalid(await unit1.put(`${orgUrl()}/unit-form`, { findings: '  ' }), '自查情况（findings）：');
    await refusedWithoutChange(t, () => checker.put(`${orgUrl()}/unit-form`, { findings: '不是本单位' }), 404, 'not_found');
    expect((await unit1.put(`${orgUrl()}/unit-form`, { findings: '本单位重点排查了惠农补贴发放、公务支出报销两项业务。' })).body.unitFormSubmitted).toBe(true);
    const done = await unit1.post(`${orgUrl()}/complete`);
    expect([done.status, done.body.stage, done.body.stagesDone]).toEqual([200, 'dept_review', [{ stage: 'self_check', at: t.clock.now().toISOString(), by: '东城街道财政所纪检负责人（unit1）' }]]);
    // The form is closed now, for its holder too.
    await refusedWithoutChange(t, () => cadre1.patch(`/api/v1/check-campaigns/${id}/proposals/${cadreProposal}`, { title: '改名' }), 403, 'auth.forbidden');
  });

  it('部门评查: the unit amends (the earlier text kept) and adds; the cross-check waits for the commission’s choice of org', async () => {
    const amended = await unit1.patch(`/api/v1/check-campaigns/${id}/proposals/${cadreProposal}`, { measures: [{ ...MEASURE, content: '报销凭证双人复核' }], comment: '补充防控措施' });
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    expect(amended.body.measures).toEqual([{ content: '报销凭证双人复核', owner: '财政所所长', dueOn: '2026-12-31' }]);
    expect(amended.body.history.map((h: { stage: string; action: string; comment: string | null }) => [h.stage, h.action, h.comment])).toEqual([
      ['self_check', 'add', null],
      ['dept_review', 'amend', '补充防控措施'],
    ]);
    const stored = await t.ctx.database.db.selectFrom('check_proposal_events').select('before').where('proposal_id', '=', cadreProposal).where('action', '=', 'amend').executeTakeFirstOrThrow();
    expect((stored.before as { measures: unknown[] }).measures).toEqual([]);
    expect((await unit1.post(`${orgUrl()}/proposals`, proposal('大额资金支付未经集体研究'))).body.discovery).toBe('dept_review');
    await refusedWithoutChange(t, () => unit1.post(`${orgUrl()}/proposals`, proposal('刻度之外', { likelihood: 7 })), 400, 'risk_points.out_of_scale');
    await refusedWithoutChange(t, () => unit1.post(`${orgUrl()}/proposals`, proposal('别的单位', { targetOrgId: u1 })), 400, 'request.invalid');
    expect((await unit1.post(`${orgUrl()}/complete`)).body.error.code).toBe('campaigns.stage_unfinished');

    await refusedWithoutChange(t, () => unit1.put(`${orgUrl()}/cross-checker`, { crossOrgId: u1 }), 403, 'auth.forbidden');
    expect((await town1.put(`${orgUrl()}/cross-checker`, { crossOrgId: u0 })).body.error.message).toBe('交叉互查单位不能是被检查单位本身');
    expect((await town1.put(`${orgUrl()}/cross-checker`, { crossOrgId: t1 })).body.error.message).toBe('交叉互查单位不能是被检查单位的上级或下级单位');
    await refusedWithoutChange(t, async () => town1.put(`${orgUrl()}/cross-checker`, { crossOrgId: await orgIdByCode(t, 'SFQ-T2-U0') }), 400, 'campaigns.cross_checker_invalid');
    expect((await town1.put(`${orgUrl()}/cross-checker`, { crossOrgId: u1 })).body.crossOrgName).toBe('东城街道综合执法队');
    expect((await unit1.post(`${orgUrl()}/complete`)).body.stage).toBe('cross_check');
    await refusedWithoutChange(t, () => town1.put(`${orgUrl()}/cross-checker`, { crossOrgId: u1 }), 409, 'campaigns.wrong_stage');
  });

  it('交叉互查: only the assigned org checks, adds and completes; the unit itself no longer edits', async () => {
    const todo = (await checker.get('/api/v1/todos')).body.items.filter((i: { kind: string }) => i.kind === 'campaign.cross_check');
    expect(todo.map((i: { title: string }) => i.title)).toEqual(['交叉互查：东城街道财政所（风险排查「2026年度东城街道廉政风险排查」）']);
    await refusedWithoutChange(t, () => unit1.post(`${orgUrl()}/complete`), 403, 'auth.forbidden');
    await refusedWithoutChange(t, () => unit1.post(`${orgUrl()}/proposals`, proposal('太迟了')), 403, 'auth.forbidden');
    const view = await checker.get(orgUrl());
    // No downloadRegister: the unit's register is not the cross-checker's to read.
    expect([view.status, view.body.actions]).toEqual([200, ['complete', 'propose']]);
    // The posts it may name are on the page: a cross-checker cannot list another unit's posts otherwise.
    expect((await checker.get(`/api/v1/posts?orgId=${u0}`)).body.total ?? 0).toBe(0);
    expect(view.body.posts.map((p: { name: string }) => p.name)).toContain('会计');
    const added = await checker.post(`${orgUrl()}/proposals`, proposal('非税收入票据管理混乱', { measures: [] }));
    expect([added.body.discovery, added.body.history[0].actor]).toEqual(['cross_check', '测试用户 unit2（unit2）']);
    expect((await checker.post(`${orgUrl()}/complete`)).body.stage).toBe('commission_review');
    await refusedWithoutChange(t, () => checker.post(`${orgUrl()}/proposals`, proposal('太迟了')), 403, 'auth.forbidden');
  });

  it('纪委审查: the reviewer rejects with a reason, needs a measure on each standing point, and turns them into approved points', async () => {
    await refusedWithoutChange(t, () => unit1.post(`${orgUrl()}/complete`), 403, 'auth.forbidden');
    const detail = await town1.get(orgUrl());
    const byTitle = (title: string) => detail.body.proposals.find((p: { title: string }) => p.title === title);
    expectInvalid(await town1.post(`/api/v1/check-campaigns/${id}/proposals/${byTitle('大额资金支付未经集体研究').id}/reject`, { comment: '' }), '意见（comment）：');
    const rejected = await town1.post(`/api/v1/check-campaigns/${id}/proposals/${byTitle('大额资金支付未经集体研究').id}/reject`, { comment: '与已公示的风险点重复' });
    expect([rejected.body.status, rejected.body.actions]).toEqual(['rejected', []]);
    const missing = await refusedWithoutChange(t, () => town1.post(`${orgUrl()}/complete`), 409, 'campaigns.stage_unfinished');
    expect(missing.body.error.message).toBe('拟定风险点「非税收入票据管理混乱」没有防控措施');
    await town1.patch(`/api/v1/check-campaigns/${id}/proposals/${byTitle('非税收入票据管理混乱').id}`, { measures: [MEASURE] });
    // An amendment changes only what it names.
    const renamed = await town1.patch(`/api/v1/check-campaigns/${id}/proposals/${byTitle('非税收入票据管理混乱').id}`, { title: '非税收入票据管理不规范' });
    expect([renamed.body.title, renamed.body.measures]).toEqual(['非税收入票据管理不规范', [MEASURE]]);

    const done = await town1.post(`${orgUrl()}/complete`);
    expect([done.body.stage, done.body.actions, done.body.stagesDone.map((s: { stage: string }) => s.stage)]).toEqual(['closed', ['downloadRegister'], ['self_check', 'dept_review', 'cross_check', 'commission_review']]);
    const accepted = done.body.proposals.filter((p: { status: string }) => p.status === 'accepted');
    expect(accepted.map((p: { title: string }) => p.title)).toEqual(['报销凭证审核把关不严', '非税收入票据管理不规范']);
    const points = await Promise.all(accepted.map((p: { riskPointId: number }) => unit1.get(`/api/v1/risk-points/${p.riskPointId}`)));
    expect(points.map((p) => [p.body.status, p.body.discovery, p.body.objectLevel, p.body.levelName, p.body.orgId])).toEqual([
      ['approved', 'self_check', 'post', '二级', u0],
      ['approved', 'cross_check', 'unit', '二级', u0],
    ]);
    expect(points[0]!.body.history[0]).toEqual(expect.objectContaining({ action: 'approve', actor: '东城街道纪工委（town1）', comment: '风险排查「2026年度东城街道廉政风险排查」纪委审查通过' }));
    // The unit's 一览表 now lists them (Word, official layout).
    const doc = await t.app.inject({ method: 'GET', url: `/api/v1/risk-points/register-document?orgId=${u0}`, headers: { authorization: `Bearer ${unit1.token}` } });
    expect([doc.statusCode, doc.rawPayload.subarray(0, 2).toString()]).toEqual([200, 'PK']);
  });

  it('the unit’s 一览表: Excel, Word and PDF list the same points — the approved and published, not drafts, submitted or returned ones', async () => {
    const registerUrl = (format: string) => `${orgUrl()}/register?format=${format}`;
    const mark = await auditMark(t);
    const xlsx = await download(t, unit1, registerUrl('xlsx'));
    expect([xlsx.status, xlsx.type]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(await auditAfter(t, mark)).toEqual([{ action: 'RISK_POINTS_EXPORTED', actor: expect.any(Number), objectType: 'risk_point', objectId: null }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('风险识别防控一览表')!;
    expect(sheet.getRow(1).getCell(4).value).toBe('风险点');
    const excel: { title: string; status: string }[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) excel.push({ title: String(row.getCell(4).value), status: String(row.getCell(13).value) });
    });

    // The Word, from the register's own route and from the campaign's: the titles in the table's third column.
    const words = await Promise.all([download(t, unit1, `/api/v1/risk-points/register-document?orgId=${u0}`), download(t, unit1, registerUrl('docx'))]);
    for (const w of words) expect([w.status, w.type]).toEqual([200, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    const tables = await Promise.all(words.map((w) => docxTable(w.bytes)));
    const [word, campaignWord] = tables.map((rows) => rows.slice(1).map((r) => r[2]!));
    expect(campaignWord).toEqual(word);
    expect([...word!].sort()).toEqual(excel.map((r) => r.title).sort());
    expect(word).toEqual(excel.map((r) => r.title)); // in the same order, too
    expect(new Set(excel.map((r) => r.status))).toEqual(new Set(['已审核', '已公示']));
    expect(word).toEqual(expect.arrayContaining(['报销凭证审核把关不严', '非税收入票据管理不规范']));

    // What the register holds for the unit besides: drafts, submitted and returned points are in neither.
    const { db } = t.ctx.database;
    const path = (await db.selectFrom('orgs').select('path').where('id', '=', u0).executeTakeFirstOrThrow()).path;
    const held = await db.selectFrom('risk_points as p').innerJoin('orgs as o', 'o.id', 'p.org_id').select(['p.title', 'p.status']).where('o.path', 'like', `${path}%`).execute();
    expect(held.filter((p) => p.status === 'approved' || p.status === 'published').map((p) => p.title).sort()).toEqual([...word!].sort());
    const pending = held.filter((p) => ['draft', 'submitted', 'returned'].includes(p.status)).map((p) => p.title);
    expect(pending.length).toBeGreaterThan(0); // the demo's submitted 大额资金使用未经集体研究
    for (const title of pending) expect(word).not.toContain(title);

    // The PDF: the same document, its count the same.
    const pdf = await download(t, unit1, registerUrl('pdf'));
    expect([pdf.status, pdf.type, pdf.bytes.subarray(0, 5).toString('latin1')]).toEqual([200, 'application/pdf', '%PDF-']);
    expect(pdf.bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    const text = (await extractText(new Uint8Array(pdf.bytes), { mergePages: true })).text.replace(/\s+/g, '');
    expect(text).toContain(`查找并经审核的廉政风险点共${word!.length}个`);
    expect(String(pdf.disposition)).toContain(encodeURIComponent('东城街道财政所风险识别防控一览表.pdf'));

    // Refused like the register's own: outside the campaign, outside the register's scope.
    expect((await download(t, paizhu1, registerUrl('xlsx'))).status).toBe(404);
    expect((await download(t, cadre1, registerUrl('xlsx'))).status).toBe(404);
    expect((await download(t, unit1, `/api/v1/check-campaigns/${id}/orgs/${await orgIdByCode(t, 'SFQ-T2-U0')}/register`)).status).toBe(404);
  });

  it('progress: who has not finished, overdue after a stage’s deadline; closing freezes the campaign', async () => {
    const all = await town1.get(`/api/v1/check-campaigns/${id}/orgs?pageSize=200`);
    expect(all.body.items.find((o: { orgId: number }) => o.orgId === u0)).toEqual(expect.objectContaining({ stage: 'closed', overdue: false, proposalCount: 2 }));
    expect((await town1.get(`/api/v1/check-campaigns/${id}/orgs?overdue=true`)).body.total).toBe(0);
    t.clock.current = new Date('2026-12-01T09:00:00+08:00'); // the self-check deadline has passed
    const late = await town1.get(`/api/v1/check-campaigns/${id}/orgs?overdue=true&pageSize=200`);
    expect(late.body.total).toBe(all.body.total - 1);
    expect(late.body.items.every((o: { stage: string; overdue: boolean }) => o.stage === 'self_check' && o.overdue)).toBe(true);
    expect((await town1.get(`/api/v1/check-campaigns/${id}`)).body.progress).toEqual(expect.objectContaining({ overdue: all.body.total - 1, closed: 1 }));
    expect((await town1.get(`/api/v1/check-campaigns/${id}/orgs?stage=closed`)).body.items.map((o: { orgId: number }) => o.orgId)).toEqual([u0]);
    expectInvalid(await town1.get(`/api/v1/check-campaigns/${id}/orgs?stage=nope`), '阶段（stage）：');

    await refusedWithoutChange(t, () => unit1.post(`/api/v1/check-campaigns/${id}/close`), 403, 'auth.forbidden');
    const closed = await town1.post(`/api/v1/check-campaigns/${id}/close`);
    expect([closed.body.status, closed.body.actions]).toEqual(['closed', []]);
    await refusedWithoutChange(t, () => town1.post(`/api/v1/check-campaigns/${id}/close`), 409, 'campaigns.closed');
    const u2 = await orgIdByCode(t, 'SFQ-T1-U2');
    await refusedWithoutChange(t, () => town1.put(`/api/v1/check-campaigns/${id}/orgs/${u2}/unit-form`, { findings: '太迟了' }), 409, 'campaigns.closed');
    expect((await cadre1.get('/api/v1/todos')).body.items.filter((i: { objectType: string; objectId: number }) => i.objectType === 'check_campaign' && i.objectId === id)).toEqual([]);
  });

  it('我的待办: the holder’s unsubmitted form and the officer’s unfinished stage turn overdue the day after the deadline (Asia/Shanghai)', async () => {
    // The demo campaign (self-check due 2026-11-30) is still open: cadre1's form is not submitted, 综合执法队 is in its self-check.
    const demo = (await town1.get('/api/v1/check-campaigns')).body.items.find((c: { id: number }) => c.id !== id);
    expect(demo.deadlines.selfCheck).toBe('2026-11-30');
    const mine = async (c: Client, kind: string) => {
      const list = (await c.get('/api/v1/todos')).body as { items: { kind: string; objectId: number; due: string; overdue: boolean }[]; overdue: number };
      return { list, item: list.items.find((i) => i.kind === kind && i.objectId === demo.id) };
    };

    t.clock.current = new Date('2026-11-30T23:30:00+08:00'); // the last evening
    for (const [c, kind] of [[cadre1, 'campaign.post_form'], [checker, 'campaign.self_check']] as const) {
      expect((await mine(c, kind)).item).toEqual(expect.objectContaining({ due: '2026-11-30', overdue: false }));
    }

    t.clock.current = new Date('2026-12-01T00:30:00+08:00'); // still 11-30 in UTC
    for (const [c, kind] of [[cadre1, 'campaign.post_form'], [checker, 'campaign.self_check']] as const) {
      const { list, item } = await mine(c, kind);
      expect(item).toEqual(expect.objectContaining({ due: '2026-11-30', overdue: true }));
      expect(list.items[0]!.overdue).toBe(true); // overdue first
      expect(list.overdue).toBe(list.items.filter((i) => i.overdue).length);
    }
    // The next stage's work is not late yet: the department review is due 12-07.
    expect(demo.deadlines.deptReview).toBe('2026-12-07');
  });
});

/** A binary download: status, content type and disposition, and the raw bytes. */
async function download(t: TestApp, client: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${client.token}` } });
  return { status: res.statusCode, type: res.headers['content-type'], disposition: res.headers['content-disposition'], bytes: res.rawPayload };
}

/** The table of a .docx whose header starts with 序号, as rows of cell texts. */
async function docxTable(docx: Buffer): Promise<string[][]> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  const table = xml.split('</w:tbl>').find((tbl) => tbl.includes('>序号<'));
  if (!table) throw new Error('no 一览表 table in the document');
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return table
    .split('</w:tr>')
    .filter((tr) => tr.includes('<w:tc'))
    .map((tr) => tr.split('</w:tc>').filter((tc) => tc.includes('<w:tc')).map((tc) => unescape([...tc.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))));
}

function detailForms(res: { body: { forms: { id: number; personId: number; personName: string; postId: number; postName: string; submittedAt: string | null }[] } }) {
  return res.body.forms;
}
