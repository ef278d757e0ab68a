import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRatings } from '../src/evaluations/evaluations.demo.js';
import { createTestApp, ENGINE, login, type TestApp } from './harness.js';

// What `npm start` shows a newcomer of issue 6 (the demo is loaded on first start, not in the suite).
describe(`the demo district's ratings, talks, assessments and archives (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoRatings(t.ctx.database, t.clock.now());
  });
  afterAll(() => t.close());

  it('last year waits for the centre, with cadre1 at 差; the year before is published and followed up', async () => {
    const center = await login(t, 'center');
    const preview = (await center.get('/api/v1/evaluations/preview?year=2025&subjectKind=person&grade=poor')).body;
    expect(preview).toMatchObject({ yearEnded: true, currentRunId: null });
    expect(preview.results.items.map((r: { personName: string; reason: string }) => r.reason)).toEqual([expect.stringMatching(/^2025年度被实施二级预警1次（示纪预〔2025〕纸字15号，2025-07-09）、一级预警1次/)]);
    const [run] = (await center.get('/api/v1/evaluations?year=2024')).body.items;
    expect(run).toMatchObject({ status: 'published', tasks: { open: 0 } });
  });

  it('talks, the bottom-ranking unit, a 不及格 warning to answer, the archive and its credit', async () => {
    const center = await login(t, 'center');
    const [plan] = (await center.get('/api/v1/talk-plans')).body.items;
    expect(plan.talks.held).toBeGreaterThan(0);
    expect(plan.talks.overdue).toBeGreaterThan(0);
    expect((await center.get('/api/v1/assessments/bottom-ranking?year=2025')).body.items.map((i: { orgName: string }) => i.orgName)).toEqual(['北山镇财政所']);
    const unit1 = await login(t, 'unit1');
    // Last year's 不及格 of 东城街道财政所 came as a level-2 warning, open for the unit to sign.
    const failed = (await center.get('/api/v1/assessments?year=2025')).body.items[0];
    const fails = (await center.get(`/api/v1/assessments/${failed.id}/results?grade=fail`)).body.items;
    expect(fails.map((r: { orgName: string }) => r.orgName)).toEqual(['东城街道财政所', '北山镇财政所']);
    const result = fails[0];
    expect(result).toMatchObject({ warning: { status: 'issued' } });
    expect((await unit1.get('/api/v1/todos')).body.items).toContainEqual(expect.objectContaining({ kind: 'warning.acknowledge', objectId: result.warning.id, overdue: false }));
    const cadre1 = await login(t, 'cadre1');
    const me = (await cadre1.get('/api/auth/me')).body.personId;
    const archive = (await cadre1.get(`/api/v1/archives/${me}`)).body;
    expect(archive.ratings.items).toMatchObject([{ year: 2024, grade: 'fair' }]);
    expect(archive.credit.expression).toBe('100 − 二级预警1次×10 − 一级预警2次×5 − 廉情预警考评“中”1次×5 = 75');
    const opinions = (await center.get('/api/v1/integrity-opinions')).body.items;
    expect(opinions.map((o: { status: string }) => o.status)).toEqual(['draft', 'approved']);
  });
});
