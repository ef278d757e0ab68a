import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { INDICATOR_PROVIDERS } from '../src/assessments/assessment-providers.js';
import { sweepOverdue } from '../src/warnings/warnings.sweep.js';
import { adminClient, anonymous, auditAfter, auditMark, createRole, createUser, expectInvalid, refusedWithoutChange, STRONG_PASSWORD, userId } from './support.js';

describe(`unit assessment (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let unit1: Client;
  let cadre1: Client;
  let town1: Client;
  let root: number;
  let t1u0: number;
  let schemeId: number;
  let resultId: number;
  let warningId: number;
  let indicators: { id: number; name: string; provider: string | null }[];
  const db = () => t.ctx.database.db;
  const scheme = (over: Record<string, unknown> = {}) => ({
    year: 2026,
    name: '2026年度廉政风险防控管理考核',
    orgId: root,
    thresholds: { excellent: 90, good: 80, pass: 60 },
    indicators: [
      { name: '风险点防控措施按期落实率', weight: 30, provider: 'risk_measures_on_time' },
      { name: '分级谈话按计划完成率', weight: 20, provider: 'talks_held_as_planned' },
      { name: '制度建设与资料检查', weight: 50, description: '听取汇报、查阅资料' },
    ],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    [center, unit1, cadre1, town1] = (await Promise.all(['center', 'unit1', 'cadre1', 'town1'].map((u) => login(t, u)))) as [Client, Client, Client, Client];
    root = await orgIdByCode(t, 'SFQ-JW');
    t1u0 = await orgIdByCode(t, 'SFQ-T1-U0');
  });
  afterAll(() => t.close());

  describe('POST /api/v1/assessments', () => {
    it('refuses weights not summing to 100%, bad thresholds, the wrong role — saving nothing', async () => {
      expect((await anonymous(t, 'POST', '/api/v1/assessments', scheme())).status).toBe(401);
      const bad = scheme({ indicators: [{ name: '甲', weight: 40 }, { name: '乙', weight: 55 }] });
      const res = await refusedWithoutChange(t, () => center.post('/api/v1/assessments', bad), 400, 'assessments.weights_not_100');
      expect(res.body.error.message).toBe('指标权重合计为 95%，应为 100%');
      expectInvalid(await center.post('/api/v1/assessments', scheme({ thresholds: { excellent: 80, good: 85, pass: 60 } })), '等次分数线（thresholds）：等次分数线须满足：优秀 > 良好 > 及格');
      expectInvalid(await center.post('/api/v1/assessments', scheme({ indicators: [{ name: '甲', weight: 100, provider: 'magic' }] })), '自动计算来源（indicators.0.provider）：');
      await refusedWithoutChange(t, () => unit1.post('/api/v1/assessments', scheme()), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => town1.post('/api/v1/assessments', scheme()), 403, 'auth.forbidden');
    });

    it('201: every unit of the subtree is to be assessed', async () => {
      const mark = await auditMark(t);
      const res = await center.post('/api/v1/assessments', scheme());
      expect(res.status).toBe(201);
      schemeId = res.body.id;
      indicators = res.body.indicators;
      expect(indicators.map((i) => [i.name, i.provider])).toEqual([
        ['风险点防控措施按期落实率', 'risk_measures_on_time'],
        ['分级谈话按计划完成率', 'talks_held_as_planned'],
        ['制度建设与资料检查', null],
      ]);
      const units = await db().selectFrom('orgs').select('id').where('kind', '=', 'unit').where('retired_at', 'is', null).execute();
      expect(res.body.counts).toEqual({ pending: units.length, scored: 0, confirmed: 0 });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'ASSESSMENT_SCHEME_CREATED', actor: await userId(t, 'center'), objectType: 'assessment_scheme', objectId: String(schemeId) }]);
      resultId = (await db().selectFrom('assessment_results').select('id').where('scheme_id', '=', schemeId).where('org_id', '=', t1u0).executeTakeFirstOrThrow()).id;
    });

    it('a unit sees the scheme and its own result only; a cadre nothing', async () => {
      const res = await unit1.get(`/api/v1/assessments/${schemeId}/results`);
      expect(res.body.items.map((r: { orgId: number }) => r.orgId)).toEqual([t1u0]);
      expect((await unit1.get('/api/v1/assessments')).body.total).toBe(1);
      expect((await cadre1.get('/api/v1/assessments')).status).toBe(403);
    });
  });

  describe('scoring', () => {
    it('a computed indicator with nothing to count, or whose module is absent, is “not available”, never a made-up number', async () => {
      const res = await center.get(`/api/v1/assessments/results/${resultId}/computed`);
      expect(res.body.items).toEqual([
        { indicatorId: indicators[0]!.id, available: false, score: null, detail: '2026年度截至2026-11-23没有到期的防控措施，无法计算，请人工评分' },
        { indicatorId: indicators[1]!.id, available: false, score: null, detail: '2026年度截至2026-11-23没有到期的计划谈话，无法计算，请人工评分' },
      ]);
    });

    it('computes the campaign stages finished by their deadline (the demo campaign over 东城街道)', async () => {
      const rate = async (today: string) => (await INDICATOR_PROVIDERS.campaign_stages_finished(db(), [t1u0], 2026, today)).get(t1u0)!;
      // Launched today: no stage is due yet.
      expect(await rate('2026-11-23')).toEqual({ available: false, score: null, detail: '2026年度截至2026-11-23没有到期的风险排查阶段，无法计算，请人工评分' });
      const [campaign] = await db().selectFrom('check_campaigns').select(['id', 'deadlines']).execute();
      const { self_check: selfCheck, dept_review: deptReview } = campaign!.deadlines as { self_check: string; dept_review: string };
      // 财政所 finished its self-check on time; the department review is not finished by its deadline.
      await db()
        .updateTable('check_campaign_orgs')
        .set({ stage: 'dept_review', stage_log: JSON.stringify([{ stage: 'self_check', at: `${selfCheck}T15:59:00.000Z`, by: '测试' }]) })
        .where('campaign_id', '=', campaign!.id)
        .where('org_id', '=', t1u0)
        .execute();
      expect(await rate(selfCheck)).toEqual({ available: true, score: 100, detail: '到期排查阶段 1 个，按期完成 1 个' });
      expect(await rate(deptReview)).toEqual({ available: true, score: 50, detail: '到期排查阶段 2 个，按期完成 1 个' });
      // One minute after midnight in Beijing is the next day: late.
      await db().updateTable('check_campaign_orgs').set({ stage_log: JSON.stringify([{ stage: 'self_check', at: `${selfCheck}T16:01:00.000Z`, by: '测试' }]) }).where('campaign_id', '=', campaign!.id).where('org_id', '=', t1u0).execute();
      expect((await rate(selfCheck)).detail).toBe('到期排查阶段 1 个，按期完成 0 个');
      expect((await INDICATOR_PROVIDERS.campaign_stages_finished(db(), [t1u0], 2025, selfCheck)).get(t1u0)!.available).toBe(false);
    });

    it('computes the clue-replies-on-time rate of the clues a township handles', async () => {
      const t1 = await orgIdByCode(t, 'SFQ-T1');
      // The demo ledger may hold clues of the township already: count what two more duties met and one missed add.
      const counts = async () => {
        const v = (await INDICATOR_PROVIDERS.clue_replies_on_time(db(), [t1], 2026, '2026-11-23')).get(t1)!;
        const m = /到期回复事项 (\d+) 项，按期办理 (\d+) 项/.exec(v.detail);
        return m ? [Number(m[1]), Number(m[2])] : [0, 0];
      };
      const [due0, done0] = (await counts()) as [number, number];
      const base = { channel: '信访举报', problem_type: '违反廉洁纪律', content: '反映问题', search_terms: [], handler_org_id: t1, routed_as: 'township', reporter_kind: 'named', status: 'disposing', received_on: '2026-03-01', created_at: new Date(), updated_at: new Date() };
      await db()
        .insertInto('clues')
        .values([
          { ...base, ledger_year: 2026, ledger_seq: 801, ledger_no: 'T-801', ack_due: '2026-03-10', ack_done_on: '2026-03-09', result_due: '2026-05-01', result_done_on: '2026-05-06' },
          { ...base, ledger_year: 2026, ledger_seq: 802, ledger_no: 'T-802', ack_due: '2026-03-10', ack_done_on: '2026-03-10', result_due: '2026-12-30' },
        ] as never)
        .execute();
      const v = (await INDICATOR_PROVIDERS.clue_replies_on_time(db(), [t1, t1u0], 2026, '2026-11-23'))!;
      expect(v.get(t1)).toEqual({ available: true, score: Math.round(((done0 + 2) / (due0 + 3)) * 10000) / 100, detail: `到期回复事项 ${due0 + 3} 项，按期办理 ${done0 + 2} 项` });
      expect(v.get(t1u0)).toMatchObject({ available: false, score: null });
    });

    it('computes the measures-on-time rate from the risk register and the commitments-signed rate', async () => {
      const point = await db().selectFrom('risk_points').select('id').where('org_id', '=', t1u0).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
      await db()
        .insertInto('risk_measures')
        .values([
          { risk_point_id: point.id, seq: 90, content: '每月交叉复核', owner: '所长', due_on: '2026-06-30', done_on: '2026-06-20' },
          { risk_point_id: point.id, seq: 91, content: '建立台账', owner: '会计', due_on: '2026-07-31', done_on: '2026-08-15' },
        ])
        .execute();
      const res = await center.get(`/api/v1/assessments/results/${resultId}/computed`);
      expect(res.body.items[0]).toEqual({ indicatorId: indicators[0]!.id, available: true, score: 50, detail: '到期防控措施 2 项，按期落实 1 项' });
      const people = await db().selectFrom('people').select('id').where('org_id', '=', t1u0).where('retired_at', 'is', null).execute();
      const signed = await db().selectFrom('commitments').select('person_id').where('year', '=', 2026).where('signed_at', 'is not', null).where('person_id', 'in', people.map((p) => p.id)).execute();
      const v = (await INDICATOR_PROVIDERS.commitments_signed(db(), [t1u0], 2026, '2026-11-23')).get(t1u0)!;
      expect(v).toEqual({ available: true, score: Math.round((signed.length / people.length) * 10000) / 100, detail: `在岗 ${people.length} 人，已签订2026年度承诺书 ${signed.length} 人` });
    });

    it('computes the talks-held rate from the talks module', async () => {
      const person = (await db().selectFrom('people').select('id').where('org_id', '=', t1u0).orderBy('id').executeTakeFirstOrThrow()).id;
      const { id: planId } = await db().insertInto('talk_plans').values({ year: 2026, org_id: t1u0, name: '财政所谈话计划', times_a: 4, times_b: 4, times_c: 4 }).returning('id').executeTakeFirstOrThrow();
      const talk = (due: string, held: boolean) => ({
        kind: 'integrity' as const,
        status: held ? ('held' as const) : ('planned' as const),
        plan_id: planId,
        subject_person_id: person,
        subject_org_id: t1u0,
        due_on: due,
        held_on: held ? due : null,
        points: held ? '谈话要点' : null,
        source_kind: 'plan' as const,
      });
      await db().insertInto('talks').values([talk('2026-03-31', true), talk('2026-06-30', true), talk('2026-09-30', false), talk('2026-12-31', false)]).execute();
      const res = await center.get(`/api/v1/assessments/results/${resultId}/computed`);
      expect(res.body.items[1]).toEqual({ indicatorId: indicators[1]!.id, available: true, score: 66.67, detail: '到期计划谈话 3 次，已谈 2 次' });
    });

    it('refuses incomplete or improper scores, and scoring by the wrong role', async () => {
      const [risk, talks, manual] = indicators.map((i) => i.id) as [number, number, number];
      // Undo the measures of the previous test: the risk indicator has nothing to count again.
      await db().deleteFrom('risk_measures').where('seq', 'in', [90, 91]).execute();
      await refusedWithoutChange(t, () => center.put(`/api/v1/assessments/results/${resultId}/scores`, { scores: [{ indicatorId: manual, score: 50 }] }), 400, 'assessments.scores_incomplete');
      const noNote = await refusedWithoutChange(t, () => center.put(`/api/v1/assessments/results/${resultId}/scores`, { scores: [{ indicatorId: risk, score: 50 }, { indicatorId: manual, score: 50 }] }), 400, 'request.invalid');
      expect(noNote.body.error.message).toBe('scores.0.note：指标“风险点防控措施按期落实率”暂不能自动计算，人工评分须说明依据');
      await refusedWithoutChange(t, () => center.put(`/api/v1/assessments/results/${resultId}/scores`, { scores: [{ indicatorId: risk, score: 50, note: '查阅台账' }, { indicatorId: talks, score: 100 }, { indicatorId: manual, score: 50 }] }), 400, 'request.invalid');
      expectInvalid(await center.put(`/api/v1/assessments/results/${resultId}/scores`, { scores: [{ indicatorId: manual, score: 101 }] }), '得分（scores.0.score）：得分不能超过 100');
      await refusedWithoutChange(t, () => unit1.put(`/api/v1/assessments/results/${resultId}/scores`, { scores: [] }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => center.post(`/api/v1/assessments/results/${resultId}/confirm`), 409, 'assessments.not_scored');
    });

    it('scores: the weighted total against the thresholds gives the grade', async () => {
      const [risk, , manual] = indicators.map((i) => i.id) as [number, number, number];
      const res = await center.put(`/api/v1/assessments/results/${resultId}/scores`, { scores: [{ indicatorId: risk, score: 40, note: '抽查台账，措施多项逾期' }, { indicatorId: manual, score: 50 }] });
      expect(res.status).toBe(200);
      // 30% × 40 + 20% × 66.67 + 50% × 50 = 12 + 13.33 + 25 = 50.33
      expect(res.body).toMatchObject({ status: 'scored', total: 50.33, grade: 'fail', place: 1, warning: null, actions: ['score', 'confirm'] });
      expect(res.body.scores.map((s: { source: string; score: number }) => [s.source, s.score])).toEqual([
        ['manual', 40],
        ['computed', 66.67],
        ['manual', 50],
      ]);
    });

    it('confirming 不及格 needs the right to issue warnings: refused, the result stays scored', async () => {
      const admin = await adminClient(t);
      const role = await createRole(admin, 'assessor_only', ['assessments.read', 'assessments.write'], 'all');
      await createUser(t, admin, 'assessor1', [role], 'SFQ-JW');
      const assessor = await login(t, 'assessor1', STRONG_PASSWORD);
      await refusedWithoutChange(t, () => assessor.post(`/api/v1/assessments/results/${resultId}/confirm`), 403, 'auth.forbidden');
      expect((await center.get(`/api/v1/assessments/results/${resultId}`)).body).toMatchObject({ status: 'scored', warning: null });
    });

    it('confirming 不及格 issues the unit a level-2 warning whose 整改通知书 is the written notice (seed 001), in one transaction', async () => {
      const mark = await auditMark(t);
      const confirmed = await center.post(`/api/v1/assessments/results/${resultId}/confirm`);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        grade: 'fail',
        noticeSerial: '示纪改〔2026〕1号',
        noticeIssuedOn: '2026-11-23',
        // 10 working days (level 2) from Monday 2026-11-23
        warning: { id: expect.any(Number), serialNo: '示纪改〔2026〕1号', status: 'issued', deadline: '2026-12-07' },
        actions: [],
      });
      warningId = confirmed.body.warning.id;
      expect(await auditAfter(t, mark)).toEqual([
        { action: 'WARNING_ISSUED', actor: await userId(t, 'center'), objectType: 'warning', objectId: String(warningId) },
        { action: 'ASSESSMENT_CONFIRMED', actor: await userId(t, 'center'), objectType: 'assessment_result', objectId: String(resultId) },
      ]);
      await refusedWithoutChange(t, () => center.put(`/api/v1/assessments/results/${resultId}/scores`, { scores: [] }), 409, 'assessments.result_confirmed');
      await refusedWithoutChange(t, () => center.post(`/api/v1/assessments/results/${resultId}/confirm`), 409, 'assessments.result_confirmed');
    });

    it('the unit signs, answers and downloads it like any other warning; its notice names the total and the pass mark', async () => {
      const w = (await center.get(`/api/v1/warnings/${warningId}`)).body;
      expect(w).toMatchObject({ level: 2, subjectKind: 'org', subjectOrgId: t1u0, disposalMeasures: ['限期整改'], demands: ['explanation', 'rectification', 'rectification_report'].map((key) => expect.objectContaining({ key })) });
      expect(w.facts).toBe('在2026年度廉政风险防控管理考核中，总分为50.33分，低于及格分数线60分，考核等次为“不及格”。失分指标：风险点防控措施按期落实率（权重30%）40分；分级谈话按计划完成率（权重20%）66.67分；制度建设与资料检查（权重50%）50分。');
      const todo = (await unit1.get('/api/v1/todos')).body.items.find((i: { objectType: string; objectId: number }) => i.objectType === 'warning' && i.objectId === warningId);
      expect(todo).toMatchObject({ kind: 'warning.acknowledge', title: '签收预警通知 示纪改〔2026〕1号', due: '2026-12-07', overdue: false });
      const res = await t.app.inject({ url: `/api/v1/warnings/${warningId}/notices/${w.notices[0].id}/docx`, headers: { authorization: `Bearer ${unit1.token}` } });
      expect(res.statusCode).toBe(200);
      const text = (await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      for (const s of ['示纪改〔2026〕1号', '关于责令东城街道财政所限期整改的通知（二级预警）', '总分为50.33分，低于及格分数线60分', '2026年12月7日前']) expect(text).toContain(s);
      // The internal basis stays with the issuer.
      expect(text).not.toContain('考核结果为“不及格”：以书面形式下达整改通知');
      expect((await cadre1.get(`/api/v1/warnings/${warningId}`)).status).toBe(404);
    });

    it('left unanswered, it escalates on its own and the result follows the chain', async () => {
      const at = t.clock.current;
      try {
        t.clock.current = new Date('2026-12-08T09:00:00+08:00');
        expect((await sweepOverdue(t.ctx.database, t.clock.now())).escalated).toBeGreaterThanOrEqual(1);
        expect((await center.get(`/api/v1/assessments/results/${resultId}`)).body.warning).toMatchObject({ id: warningId, status: 'escalated' });
        const child = (await center.get(`/api/v1/warnings/${warningId}`)).body.chain.find((c: { level: number }) => c.level === 3);
        expect(child).toBeDefined();
      } finally {
        t.clock.current = at;
      }
    });
  });

  describe('bottom of the ranking three years running', () => {
    it('is detected from the confirmed results of three schemes', async () => {
      const [a, b, c] = await Promise.all(['SFQ-T2-U0', 'SFQ-T2-U1', 'SFQ-T2-U2'].map((code) => orgIdByCode(t, code)));
      const totals: Record<number, [number, number, number]> = { 2024: [70, 80, 90], 2025: [60, 85, 95], 2026: [55, 50, 99] };
      for (const year of [2024, 2025, 2026]) {
        const s = await center.post('/api/v1/assessments', scheme({ year, name: `${year}年度南片考核`, orgIds: [a, b, c], indicators: [{ name: '综合评价', weight: 100 }] }));
        expect(s.status).toBe(201);
        const results = await db().selectFrom('assessment_results').select(['id', 'org_id']).where('scheme_id', '=', s.body.id).execute();
        for (const r of results) {
          const score = totals[year]![[a, b, c].indexOf(r.org_id)]!;
          await center.put(`/api/v1/assessments/results/${r.id}/scores`, { scores: [{ indicatorId: s.body.indicators[0].id, score }] });
          await center.post(`/api/v1/assessments/results/${r.id}/confirm`);
        }
      }
      const res = await center.get('/api/v1/assessments/bottom-ranking?year=2026');
      expect(res.body.items).toEqual([]);
      const res2025 = await center.get('/api/v1/assessments/bottom-ranking?year=2025');
      expect(res2025.body).toMatchObject({ years: 3, bottomPlaces: 1, behaviour: { code: 'H03', title: '单位绩效考评连续三年位居末位' }, items: [] });
      // Two years at the bottom only count when the rule says two.
      await center.put('/api/v1/evaluations/settings/bottom_ranking', { value: { years: 2, bottomPlaces: 1 } });
      const two = await center.get('/api/v1/assessments/bottom-ranking?year=2025');
      expect(two.body.items).toEqual([{ orgId: a, orgName: '西城街道财政所', principals: [expect.objectContaining({ name: expect.any(String) })], years: [{ year: 2024, place: 3, of: 3, total: 70 }, { year: 2025, place: 3, of: 3, total: 60 }] }]);
      await center.put('/api/v1/evaluations/settings/bottom_ranking', { value: { years: 3, bottomPlaces: 2 } });
      const wide = await center.get('/api/v1/assessments/bottom-ranking?year=2026');
      expect(wide.body.items.map((i: { orgId: number }) => i.orgId)).toEqual([a, b]);
    });
  });
});
