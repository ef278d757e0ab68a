import { GRID_MATRIX, LEC_MATRIX, levelOf, type RiskMatrixDefinition } from '@qingfeng/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type Client, type TestApp } from './harness.js';
import { anonymous, auditAfter, auditMark, expectInvalid, refusedWithoutChange, userId } from './support.js';

// LEC thresholds moved down: D ≥ 100 一级, 40 ≤ D < 100 二级, D < 40 三级.
const LOWER: RiskMatrixDefinition = {
  ...LEC_MATRIX,
  rule: {
    kind: 'product',
    bands: [
      { level: 3, min: null, max: 40 },
      { level: 2, min: 40, max: 100 },
      { level: 1, min: 100, max: null },
    ],
  },
};

describe(`risk matrices (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client, town1: Client, unit1: Client, station1: Client, admin: Client;
  const db = () => t.ctx.database.db;

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1, unit1, station1] = (await Promise.all(['center', 'town1', 'unit1', 'station1'].map((u) => login(t, u)))) as [Client, Client, Client, Client];
    admin = center;
  });
  afterAll(() => t.close());

  it('GET: 401, 403, 200', async () => {
    expect((await anonymous(t, 'GET', '/api/v1/risk-matrices')).status).toBe(401);
    expect((await station1.get('/api/v1/risk-matrices')).status).toBe(403);
    const res = await unit1.get('/api/v1/risk-matrices');
    expect(res.body.items.map((m: { version: number; status: string; actions: string[] }) => [m.version, m.status, m.actions])).toEqual([[1, 'active', []]]);
  });

  it('POST refuses a matrix with a gap or an overlap, naming the field; only risk.matrix may create', async () => {
    const gap = { ...LEC_MATRIX, rule: { kind: 'product', bands: [{ level: 3, min: null, max: 80 }, { level: 2, min: 90, max: 240 }, { level: 1, min: 240, max: null }] } };
    const r1 = await refusedWithoutChange(t, () => admin.post('/api/v1/risk-matrices', { name: '有缺口', definition: gap }), 400, 'request.invalid');
    expect(r1.body.error.message).toBe('分值区间（definition.rule.bands）：分值 80 至 90 之间未指定等级（缺口）');
    const cells = GRID_MATRIX.rule.kind === 'grid' ? GRID_MATRIX.rule.cells : [];
    const overlap = { ...GRID_MATRIX, rule: { kind: 'grid', cells: [...cells, { likelihood: 1, impact: 1, level: 1 }] } };
    expectInvalid(await admin.post('/api/v1/risk-matrices', { name: '重叠', definition: overlap }), '矩阵单元格（definition.rule.cells.9）：发生概率 1 × 危害程度 1 重复定义（重叠）');
    const missing = { ...GRID_MATRIX, rule: { kind: 'grid', cells: cells.slice(0, 8) } };
    expectInvalid(await admin.post('/api/v1/risk-matrices', { name: '缺格', definition: missing }), '矩阵单元格（definition.rule.cells）：发生概率 3（高）× 危害程度 3（高）未指定等级（缺口）');
    expectInvalid(await admin.post('/api/v1/risk-matrices', { name: '坏颜色', definition: { ...LEC_MATRIX, levels: LEC_MATRIX.levels.map((l) => ({ ...l, color: 'red' })) } }), '颜色（definition.levels.0.color）：');
    await refusedWithoutChange(t, () => town1.post('/api/v1/risk-matrices', { name: '街道矩阵', definition: LOWER }), 403, 'auth.forbidden');
    await refusedWithoutChange(t, () => unit1.post('/api/v1/risk-matrices', { name: '单位矩阵', definition: LOWER }), 403, 'auth.forbidden');
  });

  it('a new version re-levels the points only after a preview and a matching confirmation, keeping the history', async () => {
    const created = await admin.post('/api/v1/risk-matrices', { name: '下调阈值', note: '2027 年度', definition: LOWER });
    expect(created.status).toBe(201);
    expect([created.body.version, created.body.status, created.body.actions]).toEqual([2, 'draft', ['preview', 'activate']]);
    const id = created.body.id as number;

    // What should change, computed independently from the stored points.
    const current = await db().selectFrom('risk_points').select(['id', 'likelihood', 'impact', 'level']).where('status', 'not in', ['superseded', 'retired']).execute();
    const expected = current.filter((p) => levelOf(LOWER, p.likelihood, p.impact)!.level !== p.level);
    expect(expected.length).toBeGreaterThan(0);

    expect((await unit1.get(`/api/v1/risk-matrices/${id}/preview`)).status).toBe(403);
    const preview = await admin.get(`/api/v1/risk-matrices/${id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.total).toBe(current.length);
    expect(preview.body.blocked).toEqual([]);
    expect(preview.body.changeCount).toBe(expected.length);
    expect(preview.body.changes.map((c: { pointId: number; toLevel: number }) => [c.pointId, c.toLevel]).sort()).toEqual(
      expected.map((p) => [p.id, levelOf(LOWER, p.likelihood, p.impact)!.level]).sort(),
    );
    const report = preview.body.changes.find((c: { title: string }) => c.title === '报账凭证审核把关不严');
    expect([report.fromLevel, report.toLevel]).toEqual([2, 1]);

    // A stale confirmation changes nothing.
    await refusedWithoutChange(t, () => admin.post(`/api/v1/risk-matrices/${id}/activate`, { expectedChangeCount: expected.length + 1, expectedFingerprint: preview.body.fingerprint }), 409, 'risk_matrices.preview_stale');
    await refusedWithoutChange(t, () => unit1.post(`/api/v1/risk-matrices/${id}/activate`, { expectedChangeCount: expected.length, expectedFingerprint: preview.body.fingerprint }), 403, 'auth.forbidden');

    const mark = await auditMark(t);
    const act = await admin.post(`/api/v1/risk-matrices/${id}/activate`, { expectedChangeCount: expected.length, expectedFingerprint: preview.body.fingerprint });
    expect(act.status).toBe(200);
    expect([act.body.changeCount, act.body.matrix.status]).toEqual([expected.length, 'active']);
    expect(await auditAfter(t, mark)).toEqual([{ action: 'RISK_MATRIX_ACTIVATED', actor: await userId(t, 'center'), objectType: 'risk_matrix', objectId: String(id) }]);
    expect((await admin.get('/api/v1/risk-matrices')).body.items.map((m: { version: number; status: string }) => [m.version, m.status])).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);

    // The points: new level, new monitoring owner, new matrix version, the change in their history.
    const [p] = (await town1.get(`/api/v1/risk-points?q=${encodeURIComponent('报账凭证')}`)).body.items;
    expect([p.level, p.levelName, p.monitorOrgName, p.matrixVersion, p.score]).toEqual([1, '一级', '党风政风监督室', 2, 120]);
    const detail = await town1.get(`/api/v1/risk-points/${p.id}`);
    expect(detail.body.levelChanges).toEqual([{ pointId: p.id, title: '报账凭证审核把关不严', fromLevel: 2, toLevel: 1, fromMatrixVersion: 1, toMatrixVersion: 2, changedAt: t.clock.now().toISOString() }]);
    const [personal] = (await center.get(`/api/v1/risk-points?q=${encodeURIComponent('个人有关事项')}`)).body.items;
    expect([personal.levelName, personal.monitorOrgName]).toEqual(['二级', '东城街道纪（工）委']);
    // Points whose level stands were not recorded as changed.
    const changes = await db().selectFrom('risk_level_changes').select('risk_point_id').execute();
    expect(changes.map((c) => c.risk_point_id).sort()).toEqual(expected.map((e) => e.id).sort());
    // Scope: town1 sees only its own points' changes.
    const t1changes = await town1.get(`/api/v1/risk-matrices/${id}/level-changes`);
    expect(t1changes.body.items.length).toBeGreaterThan(0);
    expect(t1changes.body.items.length).toBeLessThan(expected.length);

    // New points are levelled by the new version; the draft cannot be activated again.
    await refusedWithoutChange(t, () => admin.post(`/api/v1/risk-matrices/${id}/activate`, { expectedChangeCount: 0, expectedFingerprint: 'none' }), 409, 'risk_matrices.not_draft');
  });

  it('a matrix whose scales leave points without a level cannot be activated', async () => {
    const grid = await admin.post('/api/v1/risk-matrices', { name: '3×3 网格', definition: GRID_MATRIX });
    const preview = await admin.get(`/api/v1/risk-matrices/${grid.body.id}/preview`);
    expect(preview.body.blocked.length).toBeGreaterThan(0);
    const res = await refusedWithoutChange(t, () => admin.post(`/api/v1/risk-matrices/${grid.body.id}/activate`, { expectedChangeCount: preview.body.changeCount, expectedFingerprint: preview.body.fingerprint }), 409, 'risk_matrices.values_in_use');
    expect(res.body.error.message).toMatch(/^有 \d+ 组风险点（如发生概率 \d+、危害程度 \d+）的取值不在新矩阵的刻度中，不能启用$/);
  });

  it('a confirmation holds for the points previewed, not only for their number', async () => {
    // Back to the LEC bands from LOWER (active since the test above): 报账凭证… and any point with its values go from 一级 to 二级.
    const [report] = (await unit1.get(`/api/v1/risk-points?q=${encodeURIComponent('报账凭证')}`)).body.items;
    const point = () =>
      unit1.post('/api/v1/risk-points', {
        orgId: report.orgId,
        objectLevel: 'unit',
        title: '工程结算资料审核不严',
        category: 'business_process',
        manifestation: '结算资料未逐项核对',
        likelihood: report.likelihood,
        impact: report.impact,
        discovery: 'self_check',
        measures: [{ content: '结算资料双人核对', owner: '所长', dueOn: '2026-12-31' }],
      });
    const first = await point();
    expect(first.body.levelName).toBe('一级');
    const draft = await admin.post('/api/v1/risk-matrices', { name: '恢复 LEC 阈值', definition: LEC_MATRIX });
    const preview = (await admin.get(`/api/v1/risk-matrices/${draft.body.id}/preview`)).body as { changeCount: number; fingerprint: string; changes: { pointId: number }[] };
    expect(preview.changes.map((c) => c.pointId)).toContain(first.body.id);
    // Between preview and confirmation the point is retired and another with the same values registered: same number, other points.
    expect((await unit1.post(`/api/v1/risk-points/${first.body.id}/retire`, { comment: '重复登记' })).body.status).toBe('retired');
    const second = await point();
    const stale = await refusedWithoutChange(t, () => admin.post(`/api/v1/risk-matrices/${draft.body.id}/activate`, { expectedChangeCount: preview.changeCount, expectedFingerprint: preview.fingerprint }), 409, 'risk_matrices.preview_stale');
    expect(stale.body.error.message).toBe('预览之后需重新定级的风险点已有变化（个数相同，风险点不同），请重新预览后再确认');
    const again = (await admin.get(`/api/v1/risk-matrices/${draft.body.id}/preview`)).body as typeof preview;
    expect([again.changeCount, again.fingerprint === preview.fingerprint, again.changes.some((c) => c.pointId === second.body.id)]).toEqual([preview.changeCount, false, true]);
    const done = await admin.post(`/api/v1/risk-matrices/${draft.body.id}/activate`, { expectedChangeCount: again.changeCount, expectedFingerprint: again.fingerprint });
    expect([done.status, done.body.changeCount]).toEqual([200, again.changeCount]);
    expect((await unit1.get(`/api/v1/risk-points/${second.body.id}`)).body.levelName).toBe('二级');
  });

  it('the 监督室 is a setting: changing it moves the monitoring of the level-1 points it held, audited', async () => {
    const [office, bgs] = (await Promise.all(['SFQ-JW-JDS', 'SFQ-JW-BGS'].map(async (code) => (await db().selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id))) as [number, number];
    expect((await anonymous(t, 'GET', '/api/v1/risk-settings')).status).toBe(401);
    expect((await unit1.get('/api/v1/risk-settings')).body).toEqual({ supervisionOfficeOrgId: office, supervisionOfficeName: '党风政风监督室' });
    await refusedWithoutChange(t, () => unit1.put('/api/v1/risk-settings', { supervisionOfficeOrgId: bgs }), 403, 'auth.forbidden');
    const t1u0 = (await db().selectFrom('orgs').select('id').where('code', '=', 'SFQ-T1-U0').executeTakeFirstOrThrow()).id;
    const notOffice = await refusedWithoutChange(t, () => admin.put('/api/v1/risk-settings', { supervisionOfficeOrgId: t1u0 }), 400, 'request.invalid');
    expect(notOffice.body.error.message).toBe('监督室（supervisionOfficeOrgId）：须是在用的纪委监委或其内设科室');
    expectInvalid(await admin.put('/api/v1/risk-settings', { supervisionOfficeOrgId: 'x' }), '监督室（supervisionOfficeOrgId）：');

    const held = async (orgId: number) =>
      (await db().selectFrom('risk_points').select('id').where('monitor_org_id', '=', orgId).where('status', 'not in', ['retired', 'superseded']).execute()).map((r) => r.id).sort();
    const before = await held(office);
    expect(before.length).toBeGreaterThan(0);
    const mark = await auditMark(t);
    const res = await admin.put('/api/v1/risk-settings', { supervisionOfficeOrgId: bgs });
    expect(res.body).toEqual({ supervisionOfficeOrgId: bgs, supervisionOfficeName: '办公室', moved: before.length });
    expect([await held(office), await held(bgs)]).toEqual([[], before]);
    expect((await auditAfter(t, mark)).map((a) => a.action)).toEqual(['RISK_SETTINGS_UPDATED']);
  });

  it('a new version re-levels exactly the points whose level or owner changes, each once — not their neighbours of the same values', async () => {
    const [report] = (await unit1.get(`/api/v1/risk-points?q=${encodeURIComponent('报账凭证')}`)).body.items;
    const point = async (title: string) =>
      (
        await unit1.post('/api/v1/risk-points', {
          orgId: report.orgId, objectLevel: 'unit', title, category: 'business_process', manifestation: '同值风险点',
          likelihood: report.likelihood, impact: report.impact, discovery: 'self_check', measures: [{ content: '复核', owner: '所长', dueOn: '2026-12-31' }],
        })
      ).body as { id: number; monitorOrgId: number };
    const [kept, stale] = [await point('同值风险点甲'), await point('同值风险点乙')];
    // The second one's owner is out of date (as after a change the re-levelling did not cover).
    const other = report.orgId as number; // the unit itself, a 三级 owner
    expect(other).not.toBe(kept.monitorOrgId);
    await db().updateTable('risk_points').set({ monitor_org_id: other }).where('id', '=', stale.id).execute();
    // The same bands again: only the stale owner changes.
    const active = (await admin.get('/api/v1/risk-matrices/active')).body;
    const draft = await admin.post('/api/v1/risk-matrices', { name: '同一版本重新确认', definition: active.definition });
    const preview = (await admin.get(`/api/v1/risk-matrices/${draft.body.id}/preview`)).body as { changeCount: number; fingerprint: string; changes: { pointId: number }[] };
    expect([preview.changeCount, preview.changes.map((c) => c.pointId)]).toEqual([1, [stale.id]]);
    expect((await admin.post(`/api/v1/risk-matrices/${draft.body.id}/activate`, { expectedChangeCount: 1, expectedFingerprint: preview.fingerprint })).status).toBe(200);
    const recorded = await db().selectFrom('risk_level_changes').select('risk_point_id').where('to_matrix_id', '=', draft.body.id).execute();
    expect(recorded.map((r) => r.risk_point_id)).toEqual([stale.id]);
    const owners = await db().selectFrom('risk_points').select(['id', 'monitor_org_id']).where('id', 'in', [kept.id, stale.id]).orderBy('id').execute();
    expect(owners.map((o) => o.monitor_org_id)).toEqual([kept.monitorOrgId, kept.monitorOrgId]);
  });
});
