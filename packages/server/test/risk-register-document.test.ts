// The risk register's outputs beyond the register page: overdue measures in 我的待办, and the unit's
// 《风险识别防控一览表》 (Word, PDF) — its PDF download and its refusal, never a silent cut, of a
// selection larger than the limit. (The Excel, Word and PDF of a campaign's unit are compared in
// check-campaigns.test.ts.)
import { sql } from 'kysely';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_LIMIT } from '../src/risk-points/risk-points.export.js';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { adminClient, createUser, refusedWithoutChange, roleId, STRONG_PASSWORD } from './support.js';

/** A binary download: status, headers and the raw bytes (the test client would read them as text). */
async function download(t: TestApp, client: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${client.token}` } });
  return { status: res.statusCode, type: String(res.headers['content-type']), bytes: res.rawPayload, json: () => res.json() };
}

interface Todo {
  kind: string;
  title: string;
  due: string | null;
  overdue: boolean;
  link: string;
  objectType: string;
  objectId: number;
}

describe(`the risk register's reminders and 一览表 (${ENGINE})`, () => {
  let t: TestApp;
  let unit1: Client, town1: Client, cadre1: Client, otherUnit: Client;
  let u0: number, pointId: number;
  const TITLE = '公务接待费用报销审核不严';
  const LATE = { content: '接待清单与发票逐项核对', owner: '财政所所长', dueOn: '2026-12-10' };
  const DONE = { content: '接待标准上墙公示', owner: '财政所所长', dueOn: '2026-12-01', doneOn: '2026-11-20' };

  const todos = async (c: Client) => (await c.get('/api/v1/todos')).body as { items: Todo[]; overdue: number };
  const measureTodos = async (c: Client) => (await todos(c)).items.filter((i) => i.kind === 'risk_point.measure_overdue' && i.objectId === pointId);

  beforeAll(async () => {
    t = await createTestApp();
    [unit1, town1, cadre1] = (await Promise.all(['unit1', 'town1', 'cadre1'].map((u) => login(t, u)))) as [Client, Client, Client];
    u0 = await orgIdByCode(t, 'SFQ-T1-U0');
    // The discipline officer of another unit of the same township (综合执法队).
    const admin = await adminClient(t);
    await createUser(t, admin, 'unit2', [await roleId(t, 'unit_officer')], 'SFQ-T1-U1');
    otherUnit = await login(t, 'unit2', STRONG_PASSWORD);
  });
  afterAll(() => t.close());

  it('an approved or published point’s measure past its date is an overdue to-do of its org’s officer, from the next day (Asia/Shanghai)', async () => {
    const created = await unit1.post('/api/v1/risk-points', {
      orgId: u0,
      objectLevel: 'unit',
      title: TITLE,
      category: 'business_process',
      manifestation: '超标准接待以会议费等名义报销',
      likelihood: 3,
      impact: 40,
      discovery: 'self_check',
      measures: [LATE, DONE],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    pointId = created.body.id;
    const afterDue = new Date('2026-12-11T00:30:00+08:00');
    const start = t.clock.current;
    // Not yet reviewed (a draft, then submitted), its measures remind no one, even past their date.
    t.clock.current = afterDue;
    expect(await measureTodos(unit1)).toEqual([]);
    t.clock.current = start;
    expect((await unit1.post(`/api/v1/risk-points/${pointId}/submit`)).body.status).toBe('submitted');
    t.clock.current = afterDue;
    expect(await measureTodos(unit1)).toEqual([]);
    t.clock.current = start;
    expect((await town1.post(`/api/v1/risk-points/${pointId}/approve`, { comment: '同意' })).body.status).toBe('approved');
    // Approved (reviewed, not yet published), the measure has its owner and date: past it, it reminds.
    t.clock.current = afterDue;
    expect((await measureTodos(unit1)).map((i) => [i.title, i.due, i.overdue])).toEqual([[`防控措施逾期未完成：${LATE.content}（${TITLE}）`, '2026-12-10', true]]);
    t.clock.current = start;
    expect((await town1.post(`/api/v1/risk-points/${pointId}/publish`)).body.status).toBe('published');
    expect(await measureTodos(unit1)).toEqual([]);

    // The due date itself, late in the evening: not yet overdue.
    t.clock.current = new Date('2026-12-10T23:30:00+08:00');
    expect(await measureTodos(unit1)).toEqual([]);

    // Half past midnight in Shanghai is still 12-10 in UTC: overdue all the same.
    t.clock.current = new Date('2026-12-11T00:30:00+08:00');
    const mine = await todos(unit1);
    const late = mine.items.filter((i) => i.kind === 'risk_point.measure_overdue' && i.objectId === pointId);
    // Only the measure not done; the one done early is not a reminder.
    expect(late).toEqual([
      { kind: 'risk_point.measure_overdue', title: `防控措施逾期未完成：${LATE.content}（${TITLE}）`, due: '2026-12-10', overdue: true, link: `/risk-points/${pointId}`, objectType: 'risk_point', objectId: pointId },
    ]);
    // Overdue items come first and are counted.
    const firstPunctual = mine.items.findIndex((i) => !i.overdue);
    expect(mine.items.indexOf(late[0]!)).toBeLessThan(firstPunctual === -1 ? Infinity : firstPunctual);
    expect(mine.overdue).toBe(mine.items.filter((i) => i.overdue).length);

    // Another unit's officer and the cadre (who cannot edit the point) are not reminded.
    expect(await measureTodos(otherUnit)).toEqual([]);
    expect(await measureTodos(cadre1)).toEqual([]);

    // Retired, the point's measures no longer remind anyone.
    expect((await town1.post(`/api/v1/risk-points/${pointId}/retire`, { comment: '业务已划转' })).status).toBe(200);
    expect(await measureTodos(unit1)).toEqual([]);
    t.clock.current = new Date('2026-11-23T09:00:00+08:00');
  });

  it('the unit’s 一览表 as a PDF: a real PDF with the Chinese font embedded, listing the unit’s points', async () => {
    const pdf = await download(t, unit1, `/api/v1/risk-points/register-document?orgId=${u0}&format=pdf`);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(20_000); // a font subset and a table, not an empty page
    expect(pdf.bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    const { text } = await extractText(new Uint8Array(pdf.bytes), { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    const { n } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM risk_points p JOIN orgs o ON o.id = p.org_id
      WHERE p.status IN ('approved', 'published') AND o.path LIKE (SELECT path FROM orgs WHERE id = ${u0}) || '%'`
      .execute(t.ctx.database.db)
      .then((r) => r.rows[0]!);
    expect(n).toBeGreaterThan(0);
    expect(flat).toContain('东城街道财政所风险识别防控一览表');
    expect(flat).toContain(`查找并经审核的廉政风险点共${n}个`);
  });

  it(`more than ${REGISTER_LIMIT} points is refused with the limit named, in every format; ${REGISTER_LIMIT} is listed in full`, async () => {
    const u2 = await orgIdByCode(t, 'SFQ-T1-U2');
    const db = t.ctx.database.db;
    const { name } = await db.selectFrom('orgs').select('name').where('id', '=', u2).executeTakeFirstOrThrow();
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM risk_points p JOIN orgs o ON o.id = p.org_id
      WHERE p.status IN ('approved', 'published') AND o.path LIKE (SELECT path FROM orgs WHERE id = ${u2}) || '%'`.execute(db);
    const fill = async (count: number, from: number) =>
      sql`
        INSERT INTO risk_points (series_id, org_id, object_level, title, category, manifestation, likelihood, impact, level, matrix_id, monitor_org_id, discovery, status)
        SELECT 900000 + g, ${u2}, 'unit', '批量风险点' || g, p.category, p.manifestation, p.likelihood, p.impact, p.level, p.matrix_id, p.monitor_org_id, p.discovery, 'approved'
        FROM (SELECT * FROM risk_points WHERE id = ${pointId}) p, generate_series(${from}::int, ${from + count - 1}::int) g`.execute(db);
    const missing = REGISTER_LIMIT - rows[0]!.n;
    await fill(missing, 1);

    const full = await download(t, town1, `/api/v1/risk-points/register-document?orgId=${u2}`);
    expect(full.status).toBe(200);
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(full.bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain(`共 ${REGISTER_LIMIT} 个`);
    expect(xml).toContain(`>批量风险点${missing}<`);
    expect(xml).toContain('>批量风险点1<'); // the oldest of them: nothing cut

    await fill(1, missing + 1);
    const campaignId = (await town1.get('/api/v1/check-campaigns')).body.items[0].id as number;
    for (const url of [
      `/api/v1/risk-points/register-document?orgId=${u2}`,
      `/api/v1/risk-points/register-document?orgId=${u2}&format=pdf`,
      `/api/v1/check-campaigns/${campaignId}/orgs/${u2}/register?format=xlsx`,
    ]) {
      const refused = await refusedWithoutChange(t, () => town1.get(url), 400, 'request.invalid');
      expect(refused.body.error.message).toBe(`单位（orgId）：${name}及其下属的已审核、已公示风险点超过 ${REGISTER_LIMIT} 个，一览表最多列 ${REGISTER_LIMIT} 个，请按下级单位分别导出`);
    }
  });
});
