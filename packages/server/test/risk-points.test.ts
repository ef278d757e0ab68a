import { LEC_MATRIX } from '@qingfeng/core';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { adminClient, anonymous, auditAfter, auditMark, expectInvalid, postIdIn, refusedWithoutChange, userId } from './support.js';

type P = { id: number; title: string; orgName: string; level: number; levelName: string; levelColor: string; monitorOrgName: string; status: string; actions: string[] };

describe(`risk points (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client, town1: Client, unit1: Client, cadre1: Client, paizhu1: Client, station1: Client, leader1: Client;
  let u0: number;
  let accountantPost: number;

  const titles = (res: { body: { items: P[] } }) => res.body.items.map((p) => p.title).sort();
  const draft = (over: Record<string, unknown> = {}) => ({
    orgId: u0,
    objectLevel: 'post',
    postId: accountantPost,
    title: '国库集中支付审核不严',
    category: 'business_process',
    manifestation: '对不符合规定的支付申请放行',
    likelihood: 3,
    impact: 40,
    discovery: 'self_check',
    measures: [{ content: '支付申请双人复核', owner: '财政所所长', dueOn: '2026-12-31' }],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1, unit1, cadre1, paizhu1, station1, leader1] = (await Promise.all(['center', 'town1', 'unit1', 'cadre1', 'paizhu1', 'station1', 'leader1'].map((u) => login(t, u)))) as Client[] as [Client, Client, Client, Client, Client, Client, Client];
    u0 = await orgIdByCode(t, 'SFQ-T1-U0');
    accountantPost = await postIdIn(t, 'SFQ-T1-U0', '会计');
  });
  afterAll(() => t.close());

  it('the migrated default matrix is LEC_MATRIX of the core', async () => {
    const res = await center.get('/api/v1/risk-matrices/active');
    expect(res.status).toBe(200);
    expect(res.body.definition).toEqual(LEC_MATRIX);
    expect(res.body.version).toBe(1);
  });

  describe('GET /api/v1/risk-points: the register within each scope', () => {
    it('401, 400, 403', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/risk-points')).status).toBe(401);
      expectInvalid(await center.get('/api/v1/risk-points?level=abc'), '等级（level）：');
      expectInvalid(await center.get('/api/v1/risk-points?category=money'), '风险类别（category）：');
      expect((await station1.get('/api/v1/risk-points')).status).toBe(403);
    });

    it('each demo role sees exactly its scope', async () => {
      const all = await center.get('/api/v1/risk-points?pageSize=100');
      expect(all.body.total).toBe(15);
      // One point per page: the pages past the tenth (offset a parameter, not in the statement's text) continue the list.
      const single = [];
      for (let page = 1; page <= 16; page++) single.push(...(await center.get(`/api/v1/risk-points?pageSize=1&page=${page}`)).body.items.map((p: P) => p.id));
      expect(single).toEqual(all.body.items.map((p: P) => p.id));
      expect((await leader1.get('/api/v1/risk-points?pageSize=100')).body.total).toBe(15);
      const town = await town1.get('/api/v1/risk-points?pageSize=100');
      expect(town.body.items.every((p: P) => p.orgName.startsWith('东城街道'))).toBe(true);
      expect(town.body.total).toBe(8);
      expect(titles(await unit1.get('/api/v1/risk-points?pageSize=100'))).toEqual(
        ['个人有关事项报告不实', '办公用品政府采购不规范', '大额资金使用未经集体研究', '惠农补贴资金发放优亲厚友', '报账凭证审核把关不严', '监督执纪“宽松软”'].sort(),
      );
      // cadre1 holds the 会计 post: the points of that post only.
      expect(titles(await cadre1.get('/api/v1/risk-points?pageSize=100'))).toEqual(['惠农补贴资金发放优亲厚友', '报账凭证审核把关不严'].sort());
      const group = await paizhu1.get('/api/v1/risk-points?pageSize=100');
      expect(titles(group)).toEqual(['基建项目招投标干预', '教师招聘与职称评审暗箱操作', '教育经费拨付厚此薄彼', '教辅资料、校服采购收受回扣', '药品耗材采购收受回扣'].sort());
    });

    it('a point outside the scope is not found', async () => {
      const [west] = (await center.get(`/api/v1/risk-points?q=${encodeURIComponent('公款私存')}`)).body.items as P[];
      expect((await town1.get(`/api/v1/risk-points/${west!.id}`)).status).toBe(404);
      expect((await cadre1.get(`/api/v1/risk-points/${west!.id}`)).status).toBe(404);
      expect((await paizhu1.get(`/api/v1/risk-points/${west!.id}`)).status).toBe(404);
      expect((await center.get(`/api/v1/risk-points/${west!.id}`)).status).toBe(200);
    });

    it('filters: level, category, object level, status, monitoring owner', async () => {
      const lv1 = await center.get('/api/v1/risk-points?level=1&pageSize=100');
      expect(lv1.body.items.every((p: P) => p.level === 1 && p.levelName === '一级' && p.levelColor === '#cf1322')).toBe(true);
      expect(lv1.body.total).toBe(6);
      expect((await center.get('/api/v1/risk-points?category=ideological_moral')).body.total).toBe(2);
      expect((await center.get('/api/v1/risk-points?objectLevel=section')).body.total).toBe(3);
      expect((await center.get('/api/v1/risk-points?status=submitted')).body.total).toBe(2);
      const t1 = await orgIdByCode(t, 'SFQ-T1');
      const jds = await orgIdByCode(t, 'SFQ-JW-JDS');
      const pz1 = await orgIdByCode(t, 'SFQ-PZ1');
      expect(titles(await center.get(`/api/v1/risk-points?monitorOrgId=${t1}`))).toEqual(['报账凭证审核把关不严', '选择性执法、吃拿卡要'].sort());
      expect(titles(await center.get(`/api/v1/risk-points?monitorOrgId=${jds}`))).toEqual(['低保审核优亲厚友', '大额资金使用未经集体研究', '惠农补贴资金发放优亲厚友'].sort());
      expect((await paizhu1.get(`/api/v1/risk-points?monitorOrgId=${pz1}`)).body.total).toBe(5);
      expect((await center.get(`/api/v1/risk-points?orgId=${t1}&subtree=true`)).body.total).toBe(8);
      expect((await center.get(`/api/v1/risk-points?orgId=${t1}`)).body.total).toBe(0);
    });
  });

  it('to-do list: points waiting for review go to the reviewer above, not to the unit', async () => {
    const items = async (c: Client) => ((await c.get('/api/v1/todos')).body.items as { kind: string; title: string }[]).filter((i) => i.kind.startsWith('risk_point.')).map((i) => i.title);
    expect(await items(town1)).toEqual(['审核风险点「大额资金使用未经集体研究」（东城街道财政所）']);
    expect(await items(paizhu1)).toEqual(['审核风险点「教育经费拨付厚此薄彼」（计划财务股）']);
    expect(await items(unit1)).toEqual([]);
    expect(await items(cadre1)).toEqual([]);
  });

  describe('monitoring owner from the level (seed 001)', () => {
    it.each([
      ['惠农补贴资金发放优亲厚友', '一级', '党风政风监督室'], // township unit, level 1: the commission's supervision office
      ['报账凭证审核把关不严', '二级', '东城街道纪（工）委'], // level 2: the township commission above
      ['办公用品政府采购不规范', '三级', '东城街道财政所'], // level 3: the unit's own party organisation
      ['教育经费拨付厚此薄彼', '一级', '区纪委监委第一派驻纪检组'], // supervised department: the dispatched group
      ['市场主体登记吃拿卡要', '三级', '区市场监督管理局'], // a section's level 3: its unit
    ])('%s → %s → %s', async (title, levelName, owner) => {
      const [p] = (await center.get(`/api/v1/risk-points?q=${encodeURIComponent(title)}`)).body.items as P[];
      expect([p!.levelName, p!.monitorOrgName]).toEqual([levelName, owner]);
    });
  });

  describe('POST /api/v1/risk-points', () => {
    it('401, 400 (off the scale, measure without owner, object level), 403, 404 — nothing saved', async () => {
      expect((await anonymous(t, 'POST', '/api/v1/risk-points', draft())).status).toBe(401);
      const off = await refusedWithoutChange(t, () => unit1.post('/api/v1/risk-points', draft({ likelihood: 2 })), 400, 'risk_points.out_of_scale');
      expect(off.body.error.message).toBe('发生概率（likelihood）：发生概率 2 不在当前风险矩阵的刻度中（可选：1 极少发生；3 可能发生；6 较易发生；10 经常发生）');
      const offImpact = await refusedWithoutChange(t, () => unit1.post('/api/v1/risk-points', draft({ impact: 50 })), 400, 'risk_points.out_of_scale');
      expect(offImpact.body.error.issues).toEqual([{ field: 'impact', message: expect.stringContaining('危害程度 50 不在') }]);
      expectInvalid(await unit1.post('/api/v1/risk-points', draft({ measures: [{ content: '复核', owner: '', dueOn: '2026-12-31' }] })), '责任人（measures.0.owner）：');
      expectInvalid(await unit1.post('/api/v1/risk-points', draft({ measures: [{ content: '复核', owner: '所长' }] })), '完成时限（measures.0.dueOn）：');
      expectInvalid(await unit1.post('/api/v1/risk-points', draft({ category: 'money' })), '风险类别（category）：');
      expectInvalid(await unit1.post('/api/v1/risk-points', draft({ postId: null })), '岗位（postId）：岗位风险点须选择岗位');
      expectInvalid(await unit1.post('/api/v1/risk-points', draft({ objectLevel: 'section' })), '对象层级（objectLevel）：股室风险点须登记在股室（科室）下');
      const otherPost = await postIdIn(t, 'SFQ-T2-U0', '会计');
      expectInvalid(await unit1.post('/api/v1/risk-points', draft({ postId: otherPost })), '岗位（postId）：岗位须是所选单位的在用岗位');
      await refusedWithoutChange(t, () => cadre1.post('/api/v1/risk-points', draft()), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => paizhu1.post('/api/v1/risk-points', draft()), 403, 'auth.forbidden');
      const west = await orgIdByCode(t, 'SFQ-T2-U0');
      await refusedWithoutChange(t, () => unit1.post('/api/v1/risk-points', draft({ orgId: west })), 404, 'not_found');
    });

    it('201: level, colour and monitoring owner from the matrix, audited', async () => {
      const mark = await auditMark(t);
      const res = await unit1.post('/api/v1/risk-points', draft());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'draft', level: 2, levelName: '二级', levelColor: '#fa8c16', score: 120, monitorOrgName: '东城街道纪（工）委', postName: '会计', matrixVersion: 1, actions: ['update', 'submit', 'retire'] });
      expect(res.body.measures).toEqual([{ id: expect.any(Number), content: '支付申请双人复核', owner: '财政所所长', dueOn: '2026-12-31', doneOn: null }]);
      expect(await auditAfter(t, mark)).toEqual([{ action: 'RISK_POINT_CREATED', actor: await userId(t, 'unit1'), objectType: 'risk_point', objectId: String(res.body.id) }]);
      // cadre1 holds the post: sees the new point, read-only.
      const seen = await cadre1.get(`/api/v1/risk-points/${res.body.id}`);
      expect([seen.status, seen.body.actions]).toEqual([200, []]);
    });
  });

  describe('workflow: draft → submitted → returned → submitted → approved → published', () => {
    it('runs with the reviewer above, refusing everyone else', async () => {
      const created = await unit1.post('/api/v1/risk-points', draft({ title: '专项资金拨付不及时', measures: [] }));
      const id = created.body.id as number;
      // No measure: cannot submit.
      const none = await refusedWithoutChange(t, () => unit1.post(`/api/v1/risk-points/${id}/submit`), 422, 'risk_points.no_measure');
      expect(none.body.error.message).toBe('至少需要一条防控措施才能提交审核');
      await unit1.patch(`/api/v1/risk-points/${id}`, { measures: [{ content: '建立专项资金拨付台账', owner: '会计', dueOn: '2026-12-31' }] });
      // Not yet submitted: the reviewer cannot approve.
      await refusedWithoutChange(t, () => town1.post(`/api/v1/risk-points/${id}/approve`), 409, 'risk_points.wrong_status');
      const sub = await unit1.post(`/api/v1/risk-points/${id}/submit`);
      expect([sub.status, sub.body.status, sub.body.actions]).toEqual([200, 'submitted', []]);
      // The unit cannot review itself; a group that does not supervise the township cannot see it; the cadre cannot act.
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/risk-points/${id}/approve`), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => paizhu1.post(`/api/v1/risk-points/${id}/return`, { comment: '请补充' }), 404, 'not_found');
      await refusedWithoutChange(t, () => cadre1.post(`/api/v1/risk-points/${id}/return`, { comment: '请补充' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => unit1.patch(`/api/v1/risk-points/${id}`, { title: '改' }), 409, 'risk_points.wrong_status');
      // A return needs a comment.
      expectInvalid(await town1.post(`/api/v1/risk-points/${id}/return`, {}), '意见（comment）：');
      const view = await town1.get(`/api/v1/risk-points/${id}`);
      expect(view.body.actions).toEqual(['return', 'approve']);
      const ret = await town1.post(`/api/v1/risk-points/${id}/return`, { comment: '防控措施过于笼统，请明确拨付时限' });
      expect([ret.status, ret.body.status, ret.body.reviewComment]).toEqual([200, 'returned', '防控措施过于笼统，请明确拨付时限']);
      const amended = await unit1.patch(`/api/v1/risk-points/${id}`, { measures: [{ content: '专项资金到账后 5 个工作日内拨付，逾期报所长', owner: '会计', dueOn: '2026-12-31' }] });
      expect(amended.body.status).toBe('draft');
      expect((await unit1.post(`/api/v1/risk-points/${id}/submit`)).body.status).toBe('submitted');
      await refusedWithoutChange(t, () => town1.post(`/api/v1/risk-points/${id}/publish`), 409, 'risk_points.wrong_status');
      expect((await town1.post(`/api/v1/risk-points/${id}/approve`, { comment: '同意' })).body.status).toBe('approved');
      const pub = await town1.post(`/api/v1/risk-points/${id}/publish`);
      expect([pub.body.status, pub.body.publishedAt]).toEqual(['published', t.clock.now().toISOString()]);
      expect(pub.body.history.map((h: { action: string; actor: string; comment: string | null }) => [h.action, h.actor.replace(/（.*/, ''), h.comment])).toEqual([
        ['create', '东城街道财政所纪检负责人', null],
        ['update', '东城街道财政所纪检负责人', null],
        ['submit', '东城街道财政所纪检负责人', null],
        ['return', '东城街道纪工委', '防控措施过于笼统，请明确拨付时限'],
        ['update', '东城街道财政所纪检负责人', null],
        ['submit', '东城街道财政所纪检负责人', null],
        ['approve', '东城街道纪工委', '同意'],
        ['publish', '东城街道纪工委', null],
      ]);
      // The public portal shows it, with its measures, without any internal field.
      const portal = await anonymous(t, 'GET', `/api/portal/risk-points?q=${encodeURIComponent('专项资金拨付不及时')}`);
      expect(portal.status).toBe(200);
      expect(portal.body.items).toEqual([
        {
          id,
          orgName: '东城街道财政所',
          objectLevel: 'post',
          postName: '会计',
          title: '专项资金拨付不及时',
          category: 'business_process',
          manifestation: '对不符合规定的支付申请放行',
          levelName: '二级',
          levelColor: '#fa8c16',
          measures: [{ content: '专项资金到账后 5 个工作日内拨付，逾期报所长', owner: '会计', dueOn: '2026-12-31' }],
          publishedAt: t.clock.now().toISOString(),
        },
      ]);
    });

    it('a reviewer does not approve what they submitted themselves', async () => {
      const created = await town1.post('/api/v1/risk-points', draft({ title: '街道代拟风险点' }));
      await town1.post(`/api/v1/risk-points/${created.body.id}/submit`);
      expect((await town1.get(`/api/v1/risk-points/${created.body.id}`)).body.actions).toEqual([]);
      await refusedWithoutChange(t, () => town1.post(`/api/v1/risk-points/${created.body.id}/approve`), 403, 'risk_points.self_review');
      expect((await center.post(`/api/v1/risk-points/${created.body.id}/approve`)).status).toBe(200);
    });

    it('the portal shows only published points', async () => {
      const portal = await anonymous(t, 'GET', '/api/portal/risk-points?pageSize=200');
      const statuses = await t.ctx.database.db.selectFrom('risk_points').select(['id', 'status']).execute();
      const published = statuses.filter((s) => s.status === 'published').map((s) => s.id).sort();
      expect(portal.body.items.map((p: { id: number }) => p.id).sort()).toEqual(published);
      expect(JSON.stringify(portal.body)).not.toMatch(/reviewComment|submittedBy|monitor/);
      const orgs = await anonymous(t, 'GET', '/api/portal/orgs');
      expect(orgs.body.items.find((o: { name: string }) => o.name === '东城街道财政所')).toMatchObject({ riskPoints: 5, powers: 1 });
    });
  });

  describe('revise and retire', () => {
    it('a revision is a new version; the old one stays until the new one is published', async () => {
      const [old] = (await unit1.get(`/api/v1/risk-points?q=${encodeURIComponent('报账凭证')}`)).body.items as P[];
      expect(old!.actions).toEqual(['revise', 'retire']);
      const rev = await unit1.post(`/api/v1/risk-points/${old!.id}/revise`);
      expect(rev.status).toBe(201);
      expect([rev.body.version, rev.body.status, rev.body.seriesId]).toEqual([2, 'draft', old!.id]);
      expect(rev.body.measures.map((m: { content: string }) => m.content)).toHaveLength(2);
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/risk-points/${old!.id}/revise`), 409, 'risk_points.open_revision');
      expect((await center.get(`/api/v1/risk-points/${old!.id}`)).body.status).toBe('published');
      await unit1.patch(`/api/v1/risk-points/${rev.body.id}`, { likelihood: 6 });
      await unit1.post(`/api/v1/risk-points/${rev.body.id}/submit`);
      await town1.post(`/api/v1/risk-points/${rev.body.id}/approve`);
      const pub = await town1.post(`/api/v1/risk-points/${rev.body.id}/publish`);
      expect([pub.body.level, pub.body.monitorOrgName]).toEqual([1, '党风政风监督室']);
      expect(pub.body.versions).toEqual([
        { id: old!.id, version: 1, status: 'superseded' },
        { id: rev.body.id, version: 2, status: 'published' },
      ]);
      // The register shows the current version only; the old one is still readable.
      const reg = await unit1.get(`/api/v1/risk-points?q=${encodeURIComponent('报账凭证')}`);
      expect(reg.body.items.map((p: { id: number }) => p.id)).toEqual([rev.body.id]);
      expect((await unit1.get(`/api/v1/risk-points/${old!.id}`)).body.status).toBe('superseded');
    });

    it('retire', async () => {
      const [p] = (await unit1.get(`/api/v1/risk-points?q=${encodeURIComponent('办公用品')}`)).body.items as P[];
      await refusedWithoutChange(t, () => cadre1.post(`/api/v1/risk-points/${p!.id}/retire`, {}), 404, 'not_found');
      const res = await unit1.post(`/api/v1/risk-points/${p!.id}/retire`, { comment: '已与政府采购风险点合并' });
      expect([res.status, res.body.status, res.body.actions]).toEqual([200, 'retired', []]);
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/risk-points/${p!.id}/retire`, {}), 409, 'risk_points.wrong_status');
    });
  });

  describe('heat maps and counts', () => {
    it('likelihood × impact: every cell of the matrix with its level and count', async () => {
      const res = await town1.get('/api/v1/risk-points/heatmap');
      expect(res.status).toBe(200);
      expect(res.body.cells).toHaveLength(4 * 5);
      expect(res.body.cells.find((c: { likelihood: number; impact: number }) => c.likelihood === 6 && c.impact === 40)).toEqual({ likelihood: 6, impact: 40, level: 1, count: 3 });
      const list = await town1.get('/api/v1/risk-points?pageSize=1');
      expect(res.body.total).toBe(list.body.total);
      expect(res.body.cells.reduce((a: number, c: { count: number }) => a + c.count, 0)).toBe(res.body.total);
      expect((await station1.get('/api/v1/risk-points/heatmap')).status).toBe(403);
      // cadre1's 会计 post: the two demo points and the three registered above.
      expect((await cadre1.get('/api/v1/risk-points/heatmap')).body.total).toBe(5);
    });

    it('org × category and per-unit counts by object level', async () => {
      const cat = await center.get('/api/v1/risk-points/stats?groupBy=category');
      expect(cat.status).toBe(200);
      const jyj = cat.body.rows.find((r: { orgName: string }) => r.orgName === '区教育局');
      expect(jyj).toEqual({ orgId: await orgIdByCode(t, 'SFQ-JYJ'), orgName: '区教育局', counts: { external: 1, institutional: 2, post_duties: 1 }, total: 4 });
      // The largest totals first (the district itself has no points of its own); the keys are the categories counted.
      const rows = cat.body.rows as { orgId: number; total: number }[];
      expect(rows.map((r) => r.total)).toEqual(rows.map((r) => r.total).sort((a, b) => b - a));
      expect(cat.body.keys).toEqual(['business_process', 'external', 'ideological_moral', 'institutional', 'post_duties']);
      const t1 = await town1.get('/api/v1/risk-points/stats?groupBy=objectLevel');
      const unit = t1.body.rows.find((r: { orgName: string }) => r.orgName === '东城街道财政所');
      // the demo's 3 post points (办公用品, a unit point, was retired) and the 3 registered above
      expect(unit.counts).toEqual({ leader_member: 1, leadership: 1, post: 6 });
      expect(t1.body.rows.some((r: { orgName: string }) => r.orgName.startsWith('西城'))).toBe(false);
      // Equal totals in tree order.
      const t1Rows = (res: { body: { rows: { orgName: string; total: number }[] } }) => res.body.rows.map((r) => [r.orgName, r.total]);
      expect(t1Rows(t1)).toEqual([
        ['东城街道财政所', 8],
        ['东城街道综合执法队', 1],
        ['东城街道和平社区居委会', 1],
      ]);
      // A point of the township commission itself: its own row comes first, whatever its total.
      const own = await town1.post('/api/v1/risk-points', draft({ orgId: await orgIdByCode(t, 'SFQ-T1'), objectLevel: 'unit', postId: null }));
      expect(own.status).toBe(201);
      expect(t1Rows(await town1.get('/api/v1/risk-points/stats?groupBy=objectLevel'))).toEqual([
        ['东城街道纪（工）委', 1],
        ['东城街道财政所', 8],
        ['东城街道综合执法队', 1],
        ['东城街道和平社区居委会', 1],
      ]);
      const group = await paizhu1.get('/api/v1/risk-points/stats?groupBy=level');
      expect(group.body.rows.map((r: { orgName: string; total: number }) => [r.orgName, r.total])).toEqual([
        ['区教育局', 4],
        ['区卫生健康委员会', 1],
      ]);
      expect((await town1.get(`/api/v1/risk-points/stats?orgId=${await orgIdByCode(t, 'SFQ-JYJ')}`)).status).toBe(404);
      expectInvalid(await center.get('/api/v1/risk-points/stats?groupBy=colour'), '统计维度（groupBy）：');
    });
  });

  it('export: 风险识别防控一览表 of the filtered register, within scope, audited', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/risk-points/export', headers: { authorization: `Bearer ${town1.token}` } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('风险识别防控一览表')!;
    const orgs = ws.getSheetValues().slice(2).map((r) => (r as string[])[1]!);
    expect(orgs.length).toBe((await town1.get('/api/v1/risk-points?pageSize=1')).body.total);
    expect(orgs.every((o) => o.startsWith('东城街道'))).toBe(true);
    const [last] = await t.ctx.database.db.selectFrom('audit_entries').select(['action']).orderBy('id', 'desc').limit(1).execute();
    expect(last!.action).toBe('RISK_POINTS_EXPORTED');
    expect((await station1.get('/api/v1/risk-points/export')).status).toBe(403);
  });

  it('《风险识别防控一览表》 of a unit in the official layout (Word), within scope', async () => {
    const url = `/api/v1/risk-points/register-document?orgId=${u0}`;
    const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${unit1.token}` } });
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('东城街道财政所风险识别防控一览表');
    expect(xml).toContain('惠农补贴资金发放优亲厚友');
    expect(xml).not.toContain('办公用品政府采购不规范'); // retired above
    expect((await paizhu1.get(url)).status).toBe(404);
  });
  it('district-wide, township and portal figures, kept by trigger, equal the points counted one by one — after edits, a re-levelling, a deletion and an org move', async () => {
    const db = t.ctx.database.db;
    const t1 = await orgIdByCode(t, 'SFQ-T1');
    const t1Unit = await orgIdByCode(t, 'SFQ-T1-U1');
    const under = async (orgId: number, where: string) =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_points p JOIN orgs o ON o.id = p.org_id
                                 WHERE o.path LIKE (SELECT path FROM orgs WHERE id = ${orgId}) || '%' AND ${sql.raw(where)}`.execute(db)
      ).rows[0]!.n;
    // Counted per child of an org (each with its subtree; the org itself as its own row), by category.
    const byChildOf = async (orgId: number, where: string) =>
      (
        await sql<{ org: number; category: string; n: number }>`
          SELECT CASE WHEN o.id = r.id THEN r.id ELSE split_part(substr(o.path, length(r.path) + 1), '.', 1)::int END AS org, p.category, count(*)::int AS n
          FROM risk_points p JOIN orgs o ON o.id = p.org_id JOIN orgs r ON r.id = ${orgId}
          WHERE o.path LIKE r.path || '%' AND ${sql.raw(where)} GROUP BY 1, 2`.execute(db)
      ).rows;
    const raw = async (where: string) => {
      const cond = sql.raw(where);
      const total = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_points p WHERE ${cond}`.execute(db)).rows[0]!.n;
      const cells = (await sql<{ likelihood: number; impact: number; n: number }>`SELECT likelihood, impact, count(*)::int AS n FROM risk_points p WHERE ${cond} GROUP BY 1, 2`.execute(db)).rows;
      const branches = (
        await sql<{ org: number; category: string; n: number }>`
          SELECT CASE WHEN o.depth = 0 THEN o.id ELSE split_part(o.path, '.', 2)::int END AS org, p.category, count(*)::int AS n
          FROM risk_points p JOIN orgs o ON o.id = p.org_id WHERE ${cond} GROUP BY 1, 2`.execute(db)
      ).rows;
      return { total, cells, branches };
    };
    const check = async () => {
      for (const [query, where] of [
        ['', `p.status NOT IN ('superseded', 'retired')`],
        ['status=retired', `p.status = 'retired'`],
        ['level=1&category=business_process', `p.status NOT IN ('superseded', 'retired') AND p.level = 1 AND p.category = 'business_process'`],
        ['objectLevel=post&status=published', `p.status = 'published' AND p.object_level = 'post'`],
      ] as const) {
        const want = await raw(where);
        expect((await center.get(`/api/v1/risk-points?pageSize=1&${query}`)).body.total).toBe(want.total);
        // A township's subtree (one branch: tallied), read by its commission or filtered by the
        // centre, and a unit's subtree below it (counted).
        const inT1 = await under(t1, where);
        expect((await town1.get(`/api/v1/risk-points?pageSize=1&${query}`)).body.total).toBe(inT1);
        expect((await center.get(`/api/v1/risk-points?pageSize=1&orgId=${t1}&subtree=true&${query}`)).body.total).toBe(inT1);
        expect((await center.get(`/api/v1/risk-points?pageSize=1&orgId=${t1Unit}&subtree=true&${query}`)).body.total).toBe(await under(t1Unit, where));
        const heat = (await center.get(`/api/v1/risk-points/heatmap?${query}`)).body;
        expect(heat.total).toBe(want.total);
        for (const c of heat.cells as { likelihood: number; impact: number; count: number }[]) {
          expect(c.count).toBe(want.cells.find((w) => w.likelihood === c.likelihood && w.impact === c.impact)?.n ?? 0);
        }
        const key = (x: { org: number; category: string }) => `${x.org} ${x.category}`;
        const counts = async (user: typeof center, url: string) => {
          const stats = (await user.get(url)).body as { rows: { orgId: number; counts: Record<string, number> }[] };
          return stats.rows.flatMap((r) => Object.entries(r.counts).map(([category, n]) => ({ org: r.orgId, category, n }))).sort((a, b) => key(a).localeCompare(key(b)));
        };
        const sorted = (rows: { org: number; category: string; n: number }[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
        expect(await counts(center, `/api/v1/risk-points/stats?groupBy=category&${query}`)).toEqual(sorted(want.branches));
        // A township's units, counted: chosen by the centre, or the township commission's own rows.
        const inT1Rows = sorted(await byChildOf(t1, where));
        if (query === '') expect(inT1Rows.length).toBeGreaterThan(1);
        expect(await counts(center, `/api/v1/risk-points/stats?groupBy=category&orgId=${t1}&${query}`)).toEqual(inT1Rows);
        expect(await counts(town1, `/api/v1/risk-points/stats?groupBy=category&${query}`)).toEqual(inT1Rows);
      }
      // The portal's published points per unit (0508).
      const portal = (await anonymous(t, 'GET', '/api/portal/orgs')).body.items as { id: number; riskPoints: number }[];
      const published = (
        await sql<{ org_id: number; n: number }>`SELECT p.org_id, count(*)::int AS n FROM risk_points p JOIN orgs o ON o.id = p.org_id
                                                 WHERE p.status = 'published' AND o.retired_at IS NULL GROUP BY 1`.execute(db)
      ).rows;
      const byOrg = (rows: { id: number; n: number }[]) => rows.map((r) => `${r.id}:${r.n}`).sort();
      const all = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_points WHERE status = 'published'`.execute(db)).rows[0]!.n;
      expect((await anonymous(t, 'GET', '/api/portal/risk-points?pageSize=1')).body.total).toBe(all);
      const publishedInT1 = await under(t1, `p.status = 'published'`);
      expect(publishedInT1).toBeGreaterThan(0);
      expect((await anonymous(t, 'GET', `/api/portal/risk-points?pageSize=1&orgId=${t1}`)).body.total).toBe(publishedInT1);
      // The page lists the same points the total counts: the township's subtree, no more, no less.
      expect((await anonymous(t, 'GET', `/api/portal/risk-points?pageSize=200&orgId=${t1}`)).body.items).toHaveLength(publishedInT1);
      expect(byOrg(portal.filter((o) => o.riskPoints > 0).map((o) => ({ id: o.id, n: o.riskPoints })))).toEqual(byOrg(published.map((r) => ({ id: r.org_id, n: r.n }))));
    };
    await check();
    // A re-levelling and a category change straight in the table, a deleted draft, a unit moved to another township.
    await sql`UPDATE risk_points SET level = CASE level WHEN 1 THEN 2 ELSE 1 END WHERE id % 3 = 0`.execute(db);
    await sql`UPDATE risk_points SET category = 'external' WHERE id % 4 = 1`.execute(db);
    const created = await unit1.post('/api/v1/risk-points', draft({ title: '待删除的草稿' }));
    expect(created.status).toBe(201);
    await check();
    await sql`DELETE FROM risk_measures WHERE risk_point_id = ${created.body.id}`.execute(db);
    await sql`DELETE FROM risk_point_events WHERE risk_point_id = ${created.body.id}`.execute(db);
    await sql`DELETE FROM risk_points WHERE id = ${created.body.id}`.execute(db);
    const unit = await orgIdByCode(t, 'SFQ-T1-U0');
    const other = await orgIdByCode(t, 'SFQ-T2');
    const admin = await adminClient(t);
    expect((await admin.post(`/api/v1/orgs/${unit}/move`, { parentId: other })).status).toBeLessThan(300);
    await check();
  });

  it.runIf(ENGINE === 'postgres')('the counts per branch stay exact when points change while their org moves to another township, in either order (two connections)', async () => {
    const db = t.ctx.database.db;
    const branchCounts = async () => ({
      kept: (
        await sql<{ r: string }>`SELECT (root_id, branch_id, status, level, category, object_level, n)::text AS r FROM derived.risk_point_branch_tallies WHERE n <> 0 ORDER BY 1`.execute(db)
      ).rows.map((x) => x.r),
      counted: (
        await sql<{ r: string }>`SELECT (root_id, branch_id, status, level, category, object_level, count(*))::text AS r FROM (
                                   SELECT split_part(o.path, '.', 1)::int AS root_id, risk_branch_of(o.path) AS branch_id, p.status, p.level, p.category, p.object_level
                                   FROM risk_points p JOIN orgs o ON o.id = p.org_id) x
                                 GROUP BY root_id, branch_id, status, level, category, object_level ORDER BY 1`.execute(db)
      ).rows.map((x) => x.r),
    });
    const flip = (org: number) => sql`UPDATE risk_points SET category = CASE category WHEN 'external' THEN 'institutional' ELSE 'external' END WHERE org_id = ${org}`;
    const move = (org: number, parent: number) => sql`
      WITH f AS (SELECT path FROM orgs WHERE id = ${org}), t AS (SELECT path || ${org} || '.' AS path FROM orgs WHERE id = ${parent})
      UPDATE orgs SET path = (SELECT path FROM t) || substr(orgs.path, length((SELECT path FROM f)) + 1) WHERE orgs.path LIKE (SELECT path FROM f) || '%'`;
    const [a, b] = (
      await sql<{ org_id: number }>`SELECT DISTINCT p.org_id FROM risk_points p JOIN orgs o ON o.id = p.org_id WHERE o.depth = 2 AND o.path NOT LIKE (SELECT path FROM orgs WHERE code = 'SFQ-T4') || '%' ORDER BY 1 LIMIT 2`.execute(db)
    ).rows.map((r) => r.org_id);
    expect(b).toBeDefined();
    const t4 = await orgIdByCode(t, 'SFQ-T4');
    // Holds `first` open on a connection of its own while `second` reaches the database, then commits.
    const race = async (first: ReturnType<typeof sql>, second: ReturnType<typeof sql>) => {
      let pending: Promise<unknown> | undefined;
      await db.connection().execute(async (c) => {
        await sql`BEGIN`.execute(c);
        await first.execute(c);
        pending = second.execute(db);
        await new Promise((r) => setTimeout(r, 500));
        await sql`COMMIT`.execute(c);
      });
      await pending;
    };
    await race(move(a!, t4), flip(a!));
    let now = await branchCounts();
    expect(now.kept).toEqual(now.counted);
    await race(flip(b!), move(b!, t4));
    now = await branchCounts();
    expect(now.kept).toEqual(now.counted);
  });
});
