import ExcelJS from 'exceljs';
import { DEFAULT_CONSEQUENCE_RULE, DEFAULT_RATING_RULE, planConsequenceTasks, rateYear, type WarningLevel } from '@qingfeng/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { anonymous, auditAfter, auditMark, expectInvalid, personIdsIn, refusedWithoutChange, userId } from './support.js';

describe(`yearly rating runs (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let town1: Client;
  let cadre1: Client;
  let leader1: Client;
  let root: number;
  let t1u0: number;
  let principal: number;
  let officer: number;
  let cadre1Person: number;
  let colleague: number;
  let runId: number;
  let serial = 0;
  const db = () => t.ctx.database.db;

  /** A warning as the warnings feature stores it (issued on paper, still open). */
  async function warn(level: WarningLevel, issuedOn: string, subject: { personId: number; orgId: number } | { orgId: number }, demands = ['explanation']) {
    serial++;
    const { id } = await db()
      .insertInto('warnings')
      .values({
        serial_no: `示纪预〔${issuedOn.slice(0, 4)}〕${String(serial).padStart(4, '0')}号`,
        level,
        subject_kind: 'personId' in subject ? 'person' : 'org',
        subject_person_id: 'personId' in subject ? subject.personId : null,
        subject_org_id: subject.orgId,
        issuer_org_id: root,
        issued_on: issuedOn,
        deadline: issuedOn,
        status: 'issued',
        facts: '事实',
        basis: '依据（内部）',
        disposal_measures: ['提醒'],
        demands,
        back_registered: true,
        created_at: new Date(),
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(id);
  }

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1, cadre1, leader1] = (await Promise.all(['center', 'town1', 'cadre1', 'leader1'].map((u) => login(t, u)))) as [Client, Client, Client, Client];
    root = await orgIdByCode(t, 'SFQ-JW');
    t1u0 = await orgIdByCode(t, 'SFQ-T1-U0');
    [principal, officer, cadre1Person, colleague] = (await personIdsIn(t, 'SFQ-T1-U0')).map((p) => p.id) as [number, number, number, number];
    const jyj = await orgIdByCode(t, 'SFQ-JYJ');
    const [jyjHead] = (await personIdsIn(t, 'SFQ-JYJ')).map((p) => p.id) as [number];
    await warn(2, '2025-03-05', { personId: cadre1Person, orgId: t1u0 });
    await warn(1, '2025-01-10', { personId: cadre1Person, orgId: t1u0 });
    await warn(1, '2025-06-01', { personId: colleague, orgId: t1u0 });
    await warn(1, '2024-12-31', { personId: officer, orgId: t1u0 }); // the year before: does not count
    await warn(2, '2025-09-09', { orgId: t1u0 });
    await warn(1, '2025-11-11', { orgId: jyj });
    await warn(3, '2025-12-31', { personId: jyjHead, orgId: jyj }, ['admonishment_talk', 'personnel_filing', 'rectification', 'rectification_report']);
    await warn(1, '2026-02-02', { personId: officer, orgId: t1u0 }); // this year
  });
  afterAll(() => t.close());

  describe('GET /api/v1/evaluations/preview', () => {
    it('401, 403 for those who do not run ratings, 400 without a year', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/evaluations/preview?year=2025')).status).toBe(401);
      expect((await town1.get('/api/v1/evaluations/preview?year=2025')).status).toBe(403);
      expect((await leader1.get('/api/v1/evaluations/preview?year=2025')).status).toBe(403);
      expectInvalid(await center.get('/api/v1/evaluations/preview'), '年度（year）：');
    });

    it('the SQL run gives exactly what the core rule gives, subject by subject', async () => {
      const people = await db().selectFrom('people').select(['id', 'org_id']).where('retired_at', 'is', null).execute();
      const units = await db().selectFrom('orgs').select('id').where('kind', '=', 'unit').where('retired_at', 'is', null).execute();
      const warnings = await db().selectFrom('warnings').select(['id', 'serial_no', 'level', 'issued_on', 'subject_kind', 'subject_person_id', 'subject_org_id']).execute();
      const expected = rateYear({
        year: 2025,
        rule: DEFAULT_RATING_RULE,
        personIds: people.map((p) => ({ personId: p.id, orgId: p.org_id })),
        orgIds: units.map((o) => o.id),
        warnings: warnings.map((w) => ({
          id: Number(w.id),
          serialNo: w.serial_no,
          level: w.level as WarningLevel,
          issuedOn: w.issued_on,
          subject: w.subject_kind === 'person' ? { kind: 'person' as const, personId: w.subject_person_id!, orgId: w.subject_org_id } : { kind: 'org' as const, orgId: w.subject_org_id },
        })),
      });
      const got = (await center.get('/api/v1/evaluations/preview?year=2025&pageSize=200')).body;
      type Item = { subjectKind: string; personId: number; orgId: number; grade: string; reason: string; warnings: { id: number }[] };
      const all: Item[] = [...got.results.items];
      for (let page = 2; all.length < got.results.total; page++) all.push(...(await center.get(`/api/v1/evaluations/preview?year=2025&pageSize=200&page=${page}`)).body.results.items);
      const key = (kind: string, id: number) => `${kind}:${id}`;
      const mine = new Map(all.map((r) => [key(r.subjectKind, r.subjectKind === 'person' ? r.personId : r.orgId), r]));
      expect(mine.size).toBe(expected.length);
      for (const e of expected) {
        const r = mine.get(key(e.subject.kind, e.subject.kind === 'person' ? e.subject.personId : e.subject.orgId))!;
        expect({ grade: r.grade, reason: r.reason, ids: r.warnings.map((w) => w.id) }).toEqual({ grade: e.grade, reason: e.reason, ids: e.warnings.map((w) => w.id) });
      }
      expect(got.summary.people).toEqual({ good: people.length - 3, fair: 1, poor: 2 });
      expect(got.summary.orgs).toEqual({ good: units.length - 2, fair: 1, poor: 1 });
    });

    it('shows each grade with its reason; 差 first; a year not yet over is a preview only', async () => {
      const res = await center.get('/api/v1/evaluations/preview?year=2025&subjectKind=person&grade=poor');
      expect(res.body).toMatchObject({ year: 2025, yearEnded: true, currentRunId: null, ruleText: '好：当年未被实施预警；中：最高为一级预警；差：最高为二级或三级预警' });
      const c = res.body.results.items.find((r: { personId: number }) => r.personId === cadre1Person);
      expect(c.reason).toBe('2025年度被实施二级预警1次（示纪预〔2025〕0001号，2025-03-05）、一级预警1次（示纪预〔2025〕0002号，2025-01-10），按规则评为“差”');
      expect((await center.get('/api/v1/evaluations/preview?year=2026')).body.yearEnded).toBe(false);
    });
  });

  describe('POST /api/v1/evaluations (confirm)', () => {
    it('refuses a year not yet ended, and the wrong role, saving nothing', async () => {
      await refusedWithoutChange(t, () => center.post('/api/v1/evaluations', { year: 2026 }), 409, 'evaluations.year_not_ended');
      await refusedWithoutChange(t, () => town1.post('/api/v1/evaluations', { year: 2025 }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => center.post('/api/v1/evaluations', { year: 1999 }), 400, 'request.invalid');
    });

    it('201: the run is stored with its rule and counts; a second run of the year is refused', async () => {
      const mark = await auditMark(t);
      const res = await center.post('/api/v1/evaluations', { year: 2025 });
      expect(res.status).toBe(201);
      runId = res.body.id;
      expect(res.body).toMatchObject({ year: 2025, kind: 'regular', status: 'confirmed', confirmedBy: '预警信息中心', publishedAt: null, tasks: { open: 0 }, actions: ['publish', 'correct'] });
      expect(res.body.summary.people.poor).toBe(2);
      expect(await auditAfter(t, mark)).toEqual([{ action: 'EVALUATION_CONFIRMED', actor: await userId(t, 'center'), objectType: 'evaluation_run', objectId: String(runId) }]);
      await refusedWithoutChange(t, () => center.post('/api/v1/evaluations', { year: 2025 }), 409, 'evaluations.already_confirmed');
    });

    it('a confirmed run is immutable, even to SQL', async () => {
      await expect(sql`UPDATE evaluation_results SET grade = 'good' WHERE run_id = ${runId}`.execute(db())).rejects.toThrow(/immutable/);
      await expect(sql`DELETE FROM evaluation_results WHERE run_id = ${runId}`.execute(db())).rejects.toThrow(/immutable/);
      await expect(sql`UPDATE evaluation_runs SET year = 2024 WHERE id = ${runId}`.execute(db())).rejects.toThrow(/immutable/);
    });

    it('before publication the people concerned see nothing of it', async () => {
      expect((await cadre1.get('/api/v1/evaluations')).body.items).toEqual([]);
      expect((await cadre1.get(`/api/v1/evaluations/${runId}`)).status).toBe(404);
      expect((await cadre1.get(`/api/v1/archives/${cadre1Person}`)).body.ratings.items).toEqual([]);
    });
  });

  describe('publication and its consequences', () => {
    it('publishes: the consequences become tasks, the talks they demand are scheduled', async () => {
      await refusedWithoutChange(t, () => town1.post(`/api/v1/evaluations/${runId}/publish`), 403, 'auth.forbidden');
      const res = await center.post(`/api/v1/evaluations/${runId}/publish`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('published');
      const results = await db().selectFrom('evaluation_results').select(['id', 'grade', 'org_id', 'person_id']).where('run_id', '=', runId).where('grade', '<>', 'good').orderBy('id').execute();
      const plan = planConsequenceTasks(DEFAULT_CONSEQUENCE_RULE, results.map((r) => ({ resultId: Number(r.id), grade: r.grade, orgId: r.org_id, personId: r.person_id })));
      const tasks = await db().selectFrom('evaluation_tasks').selectAll().where('run_id', '=', runId).orderBy('id').execute();
      expect(tasks.map((k) => [k.kind, k.result_id === null ? null : Number(k.result_id), k.org_id])).toEqual(plan.map((p) => [p.kind, p.resultId, p.orgId]));
      // 中 (the colleague, the education bureau): admonishment talks by a deputy secretary; the bureau's with its principal.
      const deputies = (await db().selectFrom('people').innerJoin('post_assignments as a', 'a.person_id', 'people.id').innerJoin('posts', 'posts.id', 'a.post_id').select('people.id').where('posts.org_id', '=', root).where('posts.name', '=', '副书记').execute()).map((d) => d.id);
      const talks = await db().selectFrom('talks').selectAll().where('source_kind', '=', 'rating').orderBy('id').execute();
      const admonish = talks.filter((k) => k.kind === 'admonishment');
      expect(admonish.map((k) => k.subject_person_id)).toContain(colleague);
      expect(admonish.every((k) => deputies.includes(k.talker_person_id!) && k.status === 'planned')).toBe(true);
      // 差 (cadre1, the finance office): one collective talk with the office by the commission's principal.
      expect(talks.filter((k) => k.kind === 'collective').map((k) => k.subject_org_id).sort((a, b) => a - b)).toEqual([t1u0, await orgIdByCode(t, 'SFQ-JYJ')].sort((a, b) => a - b));
      await refusedWithoutChange(t, () => center.post(`/api/v1/evaluations/${runId}/publish`), 409, 'evaluations.already_published');
    });

    it('the person sees 差 with its reason in the archive, and only their own result', async () => {
      const archive = (await cadre1.get(`/api/v1/archives/${cadre1Person}`)).body;
      expect(archive.ratings.items).toEqual([
        { runId, year: 2025, grade: 'poor', corrected: false, reason: '2025年度被实施二级预警1次（示纪预〔2025〕0001号，2025-03-05）、一级预警1次（示纪预〔2025〕0002号，2025-01-10），按规则评为“差”' },
      ]);
      expect(archive.warnings.items.map((w: { serialNo: string; level: number }) => [w.serialNo, w.level])).toEqual([
        ['示纪预〔2025〕0001号', 2],
        ['示纪预〔2025〕0002号', 1],
      ]);
      expect(JSON.stringify(archive)).not.toContain('依据（内部）');
      expect(archive.credit.terms.map((x: { label: string }) => x.label)).toEqual(['二级预警', '一级预警', '廉情预警考评“差”']);
      const own = await cadre1.get(`/api/v1/evaluations/${runId}/results`);
      expect(own.body.items.map((r: { personId: number }) => r.personId)).toEqual([cadre1Person]);
      const town = await town1.get(`/api/v1/evaluations/${runId}/results?grade=poor`);
      expect(town.body.items.map((r: { subjectKind: string; orgId: number }) => r.orgId).every((o: number) => o === t1u0)).toBe(true);
      expect((await town1.get(`/api/v1/evaluations/${runId}/tasks`)).status).toBe(403);
    });

    it('tasks: run tasks are marked done with a note; talk and accountability tasks follow their records', async () => {
      const tasks = (await center.get(`/api/v1/evaluations/${runId}/tasks?pageSize=100`)).body.items as { id: number; kind: string; subject: string; actions: string[]; talkId: number | null }[];
      const filing = tasks.find((k) => k.kind === 'filing')!;
      expect(filing).toMatchObject({ subject: '考评为“中”的单位和个人', actions: ['done'] });
      expect(tasks.find((k) => k.kind === 'award_disqualification')!.subject).toBe('考评为“中”、“差”的单位和个人');
      await refusedWithoutChange(t, () => center.post(`/api/v1/evaluations/tasks/${filing.id}/done`, { note: '' }), 400, 'request.invalid');
      expect((await center.post(`/api/v1/evaluations/tasks/${filing.id}/done`, { note: '已由区纪委备案（备案号 2026-01）' })).status).toBe(200);
      await refusedWithoutChange(t, () => center.post(`/api/v1/evaluations/tasks/${filing.id}/done`, { note: '再次' }), 409, 'evaluations.task_closed');
      const talkTask = tasks.find((k) => k.kind === 'admonishment_talk' && k.talkId)!;
      await refusedWithoutChange(t, () => center.post(`/api/v1/evaluations/tasks/${talkTask.id}/done`, { note: '已谈' }), 409, 'evaluations.task_follows_record');
      const talk = (await center.get(`/api/v1/talks/${talkTask.talkId}`)).body;
      expect(talk).toMatchObject({ kind: 'admonishment', sourceKind: 'rating', talkerRole: 'deputy_secretary', actions: ['record'] });
      await refusedWithoutChange(t, () => center.post(`/api/v1/talks/${talk.id}/record`, { heldOn: '2026-11-20', talkerPersonId: principal, points: '诫勉', participantIds: [] }), 400, 'talks.talker_not_entitled');
      await center.post(`/api/v1/talks/${talk.id}/record`, { heldOn: '2026-11-20', talkerPersonId: talk.talkerPersonId, points: '指出问题，提出整改要求', participantIds: [] });
      const after = (await center.get(`/api/v1/evaluations/${runId}/tasks?kind=admonishment_talk&pageSize=100`)).body.items.find((k: { id: number }) => k.id === talkTask.id);
      expect(after).toMatchObject({ status: 'done', note: '已登记谈话记录', actions: [] });
    });

    it('an accountability task is done by the decision that follows from it', async () => {
      const pending = (await center.get('/api/v1/accountability-decisions/pending')).body.items;
      const item = pending.find((p: { sourceKind: string; personId: number }) => p.sourceKind === 'rating' && p.personId === cadre1Person);
      expect(item.title).toBe('2025年度廉情预警考评为“差”：按“一岗双责”责任追究');
      const behaviours = (await center.get('/api/v1/accountability-decisions/behaviours')).body.items;
      const res = await center.post('/api/v1/accountability-decisions', {
        decidedOn: '2026-11-20',
        decisionMaker: '示范区纪委常委会',
        caseFacts: '2025年度考评为“差”',
        sourceKind: 'rating',
        sourceId: item.sourceId,
        people: [
          { personId: cadre1Person, role: 'violator', behaviourId: behaviours.find((b: { code: string }) => b.code === 'S06').id, form: 'admonish_correct' },
          { personId: principal, role: 'principal_leader', behaviourId: behaviours.find((b: { code: string }) => b.code === 'H08').id, form: 'admonish_remind' },
        ],
      });
      expect(res.status).toBe(201);
      const task = await db().selectFrom('evaluation_tasks').select(['status', 'decision_id']).where('id', '=', item.sourceId).executeTakeFirstOrThrow();
      expect(task).toEqual({ status: 'done', decision_id: res.body.id });
      await refusedWithoutChange(
        t,
        () => center.post('/api/v1/accountability-decisions', { decidedOn: '2026-11-20', decisionMaker: '区纪委', caseFacts: '重复', sourceKind: 'rating', sourceId: item.sourceId, people: [{ personId: cadre1Person, role: 'violator', behaviourId: behaviours[0].id, form: 'admonish_remind' }] }),
        409,
        'evaluations.task_closed',
      );
    });

    it('exports the disqualification list for the organisation department, audited', async () => {
      const mark = await auditMark(t);
      const res = await t.app.inject({ url: `/api/v1/evaluations/${runId}/disqualifications`, headers: { authorization: `Bearer ${center.token}` } });
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const units = wb.getWorksheet('单位')!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(2));
      expect(units).toEqual([
        ['区教育局', '中', '单位考评为“中”'],
        ['东城街道财政所', '差', '单位考评为“差”'],
      ]);
      const people = wb.getWorksheet('个人')!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(2));
      const names = await db().selectFrom('people').select(['id', 'name']).where('id', 'in', [principal, officer, cadre1Person, colleague]).execute();
      const nameOf = (id: number) => names.find((n) => n.id === id)!.name;
      expect(people).toContainEqual([nameOf(cadre1Person), '东城街道财政所', '本人考评为“差”；所在单位考评为“差”']);
      expect(people).toContainEqual([nameOf(officer), '东城街道财政所', '所在单位考评为“差”']);
      expect(people.find((p) => p[1] === '区教育局')![2]).toBe('本人考评为“差”；所在单位考评为“中”，本人为主要负责人');
      expect(await auditAfter(t, mark)).toEqual([{ action: 'DISQUALIFICATION_EXPORTED', actor: await userId(t, 'center'), objectType: 'evaluation_run', objectId: String(runId) }]);
      expect((await town1.get(`/api/v1/evaluations/${runId}/disqualifications`)).status).toBe(403);
    });
  });

  describe('a correction run', () => {
    it('recomputes with a reason; the corrected run stays visible, superseded; its open tasks and talks are cancelled', async () => {
      await warn(1, '2025-07-07', { personId: principal, orgId: t1u0 });
      await refusedWithoutChange(t, () => center.post(`/api/v1/evaluations/${runId}/corrections`, { reason: ' ' }), 400, 'request.invalid');
      const res = await center.post(`/api/v1/evaluations/${runId}/corrections`, { reason: '补录2025年7月纸质预警一件，重新评定' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'correction', correctsRunId: runId, reason: '补录2025年7月纸质预警一件，重新评定', status: 'confirmed' });
      const runs = (await center.get('/api/v1/evaluations?year=2025')).body.items;
      expect(runs.map((r: { id: number; status: string; supersededBy: number | null }) => [r.id, r.status, r.supersededBy])).toEqual([
        [res.body.id, 'confirmed', null],
        [runId, 'superseded', res.body.id],
      ]);
      const open = await db().selectFrom('evaluation_tasks').select('id').where('run_id', '=', runId).where('status', '=', 'open').execute();
      expect(open).toEqual([]);
      const planned = await db().selectFrom('talks').select('id').where('source_kind', '=', 'rating').where('status', '=', 'planned').execute();
      expect(planned).toEqual([]);
      await refusedWithoutChange(t, () => center.post(`/api/v1/evaluations/${runId}/corrections`, { reason: '再次' }), 409, 'evaluations.superseded');
      await center.post(`/api/v1/evaluations/${res.body.id}/publish`);
      const principalArchive = (await center.get(`/api/v1/archives/${principal}`)).body;
      expect(principalArchive.ratings.items).toMatchObject([{ year: 2025, grade: 'fair', corrected: true }]);
    });
  });

  describe('warnings reach this feature', () => {
    it('a level-3 warning’s admonishment talk lands in the talk register and follows the warning', async () => {
      const row = await db().selectFrom('talks').selectAll().where('source_kind', '=', 'warning').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ kind: 'admonishment', status: 'planned', due_on: '2025-12-31' });
      await sql`UPDATE warnings SET talk_held_on = '2026-01-05', talk_by = '区纪委常委 李明', talk_record = '谈话记录', talk_participants = '局长、纪检监察员' WHERE id = ${row.source_id}`.execute(db());
      const talk = (await center.get(`/api/v1/talks/${row.id}`)).body;
      expect(talk).toMatchObject({ status: 'held', heldOn: '2026-01-05', talkerName: '区纪委常委 李明', participantsNote: '局长、纪检监察员', points: '谈话记录', actions: [] });
    });

    it('a referral of an unrectified level-3 warning arrives in accountability and is closed by its decision', async () => {
      const wid = await warn(3, '2026-03-03', { personId: colleague, orgId: t1u0 });
      const { id: referralId } = await db()
        .insertInto('accountability_referrals')
        .values({ warning_id: wid, subject_kind: 'person', subject_person_id: colleague, subject_org_id: t1u0, reason: '三级预警逾期未整改', status: 'open', created_at: new Date() } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      const pending = (await center.get('/api/v1/accountability-decisions/pending')).body.items;
      expect(pending[0]).toMatchObject({ sourceKind: 'referral', sourceId: Number(referralId), personId: colleague, title: expect.stringContaining('逾期未整改移送问责') });
      const behaviours = (await center.get('/api/v1/accountability-decisions/behaviours')).body.items;
      const body = { decidedOn: '2026-11-21', decisionMaker: '示范区纪委', caseFacts: '三级预警逾期未整改', sourceKind: 'referral', sourceId: Number(referralId), people: [{ personId: colleague, role: 'violator', behaviourId: behaviours.find((b: { code: string }) => b.code === 'S07').id, form: 'suspension' }] };
      expect((await center.post('/api/v1/accountability-decisions', body)).status).toBe(201);
      expect((await db().selectFrom('accountability_referrals').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()).status).toBe('decided');
      await refusedWithoutChange(t, () => center.post('/api/v1/accountability-decisions', body), 409, 'accountability.referral_closed');
    });
  });

  describe('the rating rule is configuration', () => {
    it('refuses a rule where a warning improves the grade; a stricter rule changes the preview', async () => {
      const bad = await center.put('/api/v1/evaluations/settings/rating_rule', { value: { none: 'fair', level1: 'good', level2: 'poor', level3: 'poor' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('预警级别越高，评定等次不能越好');
      expect((await town1.put('/api/v1/evaluations/settings/rating_rule', { value: DEFAULT_RATING_RULE })).status).toBe(403);
      expect((await center.put('/api/v1/evaluations/settings/rating_rule', { value: { none: 'good', level1: 'poor', level2: 'poor', level3: 'poor' } })).status).toBe(200);
      const preview = (await center.get('/api/v1/evaluations/preview?year=2025')).body;
      expect(preview.ruleText).toBe('好：当年未被实施预警；差：最高为一级或二级或三级预警');
      expect(preview.summary.people.fair).toBe(0);
      await center.put('/api/v1/evaluations/settings/rating_rule', { value: DEFAULT_RATING_RULE });
    });
  });
});
