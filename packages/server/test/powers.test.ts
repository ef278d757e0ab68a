import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { anonymous, expectInvalid, multipart, refusedWithoutChange } from './support.js';

const step = (key: string, name: string, next: string[]) => ({ key, name, actor: '窗口', timeLimitDays: 3, next });

describe(`powers and flowcharts (${ENGINE})`, () => {
  let t: TestApp;
  let town1: Client, unit1: Client, cadre1: Client, paizhu1: Client, station1: Client;
  let u0: number;
  const body = (over: Record<string, unknown> = {}) => ({
    orgId: u0,
    name: '财政专项资金拨付',
    type: 'benefit',
    legalBasis: '《示范区财政专项资金管理办法》',
    steps: [step('a', '受理', ['b']), step('b', '审核', ['c']), step('c', '拨付', [])],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    [town1, unit1, cadre1, paizhu1, station1] = (await Promise.all(['town1', 'unit1', 'cadre1', 'paizhu1', 'station1'].map((u) => login(t, u)))) as Client[] as [Client, Client, Client, Client, Client];
    u0 = await orgIdByCode(t, 'SFQ-T1-U0');
  });
  afterAll(() => t.close());

  it('GET: 401, 403, scope, and the risk steps in their level colour', async () => {
    expect((await anonymous(t, 'GET', '/api/v1/powers')).status).toBe(401);
    expect((await station1.get('/api/v1/powers')).status).toBe(403);
    const town = await town1.get('/api/v1/powers');
    expect(town.body.items.map((p: { name: string }) => p.name).sort()).toEqual(['惠农补贴资金发放', '零星工程结算审核'].sort());
    expect((await paizhu1.get('/api/v1/powers')).body.items.map((p: { name: string }) => p.name)).toEqual(['民办学校设立审批']);
    const subsidy = town.body.items.find((p: { name: string }) => p.name === '惠农补贴资金发放');
    expect(subsidy.riskSteps.map((r: { stepKey: string; levelName: string; levelColor: string }) => [r.stepKey, r.levelName, r.levelColor])).toEqual([
      ['audit', '一级', '#cf1322'],
      ['approve', '一级', '#cf1322'],
    ]);
    expect((await paizhu1.get(`/api/v1/powers/${subsidy.id}`)).status).toBe(404);
  });

  it('POST: a dangling step, a wrong type, a section that is not ours are refused; 403, 404', async () => {
    expectInvalid(await unit1.post('/api/v1/powers', body({ steps: [step('a', '受理', ['b']), step('b', '审核', ['x'])] })), '下一步（steps.1.next.0）：第 2 步「审核」指向的步骤「x」不存在（悬空连线）');
    expectInvalid(await unit1.post('/api/v1/powers', body({ steps: [step('a', '受理', []), step('b', '复核', [])] })), '流程步骤（steps）：流程图只能有一个起始步骤，现有 2 个：「受理」、「复核」');
    expectInvalid(await unit1.post('/api/v1/powers', body({ type: '审批' })), '职权类型（type）：');
    expectInvalid(await unit1.post('/api/v1/powers', body({ sectionOrgId: await orgIdByCode(t, 'SFQ-JYJ-S1') })), '责任股室（sectionOrgId）：责任股室须是本单位的内设股室');
    await refusedWithoutChange(t, () => cadre1.post('/api/v1/powers', body()), 403, 'auth.forbidden');
    await refusedWithoutChange(t, async () => unit1.post('/api/v1/powers', body({ orgId: await orgIdByCode(t, 'SFQ-T2-U0') })), 404, 'not_found');
  });

  it('draft → submitted → returned → submitted → filed (by the reviewer) → published on the portal', async () => {
    const [empty] = (await unit1.get(`/api/v1/powers?q=${encodeURIComponent('零星工程')}`)).body.items;
    await refusedWithoutChange(t, () => unit1.post(`/api/v1/powers/${empty.id}/submit`), 422, 'powers.no_steps');

    const created = await unit1.post('/api/v1/powers', body());
    expect([created.status, created.body.status, created.body.actions]).toEqual([201, 'draft', ['update', 'submit', 'retire']]);
    const id = created.body.id as number;
    await unit1.post(`/api/v1/powers/${id}/submit`);
    await refusedWithoutChange(t, () => unit1.post(`/api/v1/powers/${id}/file`), 403, 'auth.forbidden');
    await refusedWithoutChange(t, () => paizhu1.post(`/api/v1/powers/${id}/file`), 404, 'not_found');
    await refusedWithoutChange(t, () => unit1.post(`/api/v1/powers/${id}/publish`), 409, 'powers.wrong_status');
    expectInvalid(await town1.post(`/api/v1/powers/${id}/return`, {}), '意见（comment）：');
    expect((await town1.post(`/api/v1/powers/${id}/return`, { comment: '请补充办理时限依据' })).body).toMatchObject({ status: 'returned', reviewComment: '请补充办理时限依据' });
    expect((await unit1.patch(`/api/v1/powers/${id}`, { legalBasis: '《示范区财政专项资金管理办法》第十二条' })).body.status).toBe('draft');
    await unit1.post(`/api/v1/powers/${id}/submit`);
    expect((await town1.post(`/api/v1/powers/${id}/file`)).body.status).toBe('filed');
    expect((await unit1.post(`/api/v1/powers/${id}/publish`)).body.status).toBe('published');
    const portal = await anonymous(t, 'GET', `/api/portal/powers?q=${encodeURIComponent('财政专项资金')}`);
    expect(portal.body.items).toEqual([
      { id, orgName: '东城街道财政所', name: '财政专项资金拨付', type: 'benefit', legalBasis: '《示范区财政专项资金管理办法》第十二条', sectionName: null, steps: body().steps, riskSteps: [] },
    ]);
    // The portal lists only published powers; the demo's submitted 民办学校设立审批 is not there.
    const all = await anonymous(t, 'GET', '/api/portal/powers?pageSize=100');
    expect(all.body.items.map((p: { name: string }) => p.name).sort()).toEqual(['惠农补贴资金发放', '财政专项资金拨付'].sort());
    // Totals count powers: two in all, one for the search.
    expect([all.body.total, portal.body.total]).toEqual([2, 1]);
    // By org: the unit's subtree holds the new power, another township's holds neither.
    const byOrg = async (code: string) => (await anonymous(t, 'GET', `/api/portal/powers?orgId=${await orgIdByCode(t, code)}`)).body.items.map((p: { name: string }) => p.name);
    expect(await byOrg('SFQ-T1-U0')).toContain('财政专项资金拨付');
    expect(await byOrg('SFQ-T2')).toEqual([]);
  });

  it("a risk point names a power and a step of its flowchart: the step shows in the point's level colour; a step not in the chart, a power not the unit's or its superiors', a step without a power are refused", async () => {
    // linkableFrom: the unit's own powers and its superiors', never a sibling's or a subordinate's.
    const names = async (c: Client, orgId: number) => ((await c.get(`/api/v1/powers?linkableFrom=${orgId}&pageSize=100`)).body.items as { name: string }[]).map((p) => p.name).sort();
    expect(await names(unit1, u0)).toEqual(expect.arrayContaining(['惠农补贴资金发放', '零星工程结算审核']));
    expect(await names(town1, await orgIdByCode(t, 'SFQ-T1'))).toEqual([]);
    expect(await names(paizhu1, await orgIdByCode(t, 'SFQ-JYJ-S1'))).toEqual(['民办学校设立审批']);

    const power = (await unit1.post('/api/v1/powers', body({ name: '村级工程款拨付' }))).body as { id: number };
    const point = (over: Record<string, unknown>) => ({
      orgId: u0,
      objectLevel: 'unit',
      title: '工程款拨付审核走过场',
      category: 'business_process',
      manifestation: '未核对工程量即签批拨付',
      likelihood: 3,
      impact: 40,
      discovery: 'self_check',
      measures: [{ content: '拨付前现场核量', owner: '所长', dueOn: '2026-12-31' }],
      ...over,
    });
    expectInvalid(await unit1.post('/api/v1/risk-points', point({ powerId: power.id, powerStepKey: 'x' })), '流程步骤（powerStepKey）：流程图中没有编号为「x」的步骤');
    const school = (await paizhu1.get(`/api/v1/powers?q=${encodeURIComponent('民办学校')}`)).body.items[0].id as number;
    expectInvalid(await unit1.post('/api/v1/risk-points', point({ powerId: school, powerStepKey: null })), '职权（powerId）：关联职权须属于本单位或其上级单位');
    expectInvalid(await unit1.post('/api/v1/risk-points', point({ powerStepKey: 'b' })), '流程步骤（powerStepKey）：标记流程步骤须先选择关联职权');
    expect((await unit1.get(`/api/v1/powers/${power.id}`)).body.riskSteps).toEqual([]);

    const created = await unit1.post('/api/v1/risk-points', point({ powerId: power.id, powerStepKey: 'b' }));
    expect([created.status, created.body.powerId, created.body.powerStepKey, created.body.levelName]).toEqual([201, power.id, 'b', '二级']);
    const marked = (await unit1.get(`/api/v1/powers/${power.id}`)).body.riskSteps as { stepKey: string; pointId: number; levelName: string; levelColor: string }[];
    expect(marked.map((r) => [r.stepKey, r.pointId, r.levelName, r.levelColor])).toEqual([['b', created.body.id, '二级', '#fa8c16']]);
    // Moved to another step by an amendment; the chart follows.
    await unit1.patch(`/api/v1/risk-points/${created.body.id}`, { powerStepKey: 'c' });
    expect(((await unit1.get(`/api/v1/powers/${power.id}`)).body.riskSteps as { stepKey: string }[]).map((r) => r.stepKey)).toEqual(['c']);
  });

  describe('Excel', () => {
    const workbook = async (header: string[], rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('职权目录').addRows([header, ...rows]);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (who: Client, file: Buffer, orgId = u0) => {
      const { payload, contentType } = await multipart(file);
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/powers/import?orgId=${orgId}`, headers: { 'content-type': contentType, authorization: `Bearer ${who.token}` }, payload });
      return { status: res.statusCode, body: res.json(), headers: res.headers };
    };
    const HEADER = ['职权名称', '职权类型', '法定依据', '责任股室', '责任岗位'];

    it('import refuses wrong columns and bad rows (each named), saving nothing; then imports all', async () => {
      const wrong = await refusedWithoutChange(t, async () => upload(unit1, await workbook(['名称', '类型', '依据'], [['a', '审批', 'b']])), 400, 'import.bad_columns');
      expect(wrong.body.error.message).toContain('缺少列「职权名称」「职权类型」「法定依据」「责任股室」「责任岗位」');
      const rows = await refusedWithoutChange(
        t,
        async () =>
          upload(unit1, await workbook(HEADER, [
            ['非税收入收缴', '征收', '《非税收入管理办法》', '', '会计'],
            ['', '审批', '《某办法》', '', ''],
            ['专项补助发放', '发放', '', '', '出纳'],
          ])),
        422,
        'import.rows_invalid',
      );
      expect(rows.body.error.rows).toEqual([
        { sheet: '职权目录', row: 3, field: '职权名称', message: '不能为空' },
        { sheet: '职权目录', row: 4, field: '职权类型', message: '应为审批、处罚、强制、征收、给付、裁决、确认、奖励、其他之一' },
        { sheet: '职权目录', row: 4, field: '法定依据', message: '不能为空' },
        { sheet: '职权目录', row: 4, field: '责任岗位', message: '本单位没有名为「出纳」的岗位' },
      ]);
      await refusedWithoutChange(t, async () => upload(cadre1, await workbook(HEADER, [['x', '审批', 'y', '', '']])), 403, 'auth.forbidden');
      const ok = await upload(unit1, await workbook(HEADER, [['非税收入收缴', '征收', '《非税收入管理办法》', '', '会计'], ['专项补助发放', '给付', '《专项补助办法》', '', '']]));
      expect([ok.status, ok.body]).toEqual([200, { created: 2 }]);
      const listed = await unit1.get(`/api/v1/powers?q=${encodeURIComponent('非税收入')}`);
      expect(listed.body.items[0]).toMatchObject({ type: 'levy', postName: '会计', status: 'draft', steps: [] });
    });

    it('export: the inventory in scope, the flowchart as text with risk steps marked', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/powers/export', headers: { authorization: `Bearer ${town1.token}` } });
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('职权目录')!;
      expect((ws.getRow(1).values as string[]).slice(1, 6)).toEqual(HEADER);
      const rows = ws.getSheetValues().slice(2).map((r) => (r as string[])[1]);
      expect(rows).toContain('惠农补贴资金发放');
      expect(rows).not.toContain('民办学校设立审批');
      const subsidy = ws.getSheetValues().find((r) => (r as string[] | undefined)?.[1] === '惠农补贴资金发放') as string[];
      expect(subsidy[8]).toBe('1 申请受理（村（居）委会，5天） → 2 村级评议公示（村民代表会议，7天） → 3 ⚠财政所审核（财政所会计，5天） → 4 ⚠所长审批（财政所所长，2天） → 5 资金拨付到户（财政所会计，3天）');
    });
  });
});
