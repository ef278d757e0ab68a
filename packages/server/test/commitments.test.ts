import { sql } from 'kysely';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHash } from '../src/commitments/commitments.usecases.js';
import { DEMO_PASSWORD } from '../src/demo/demo-district.js';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { anonymous, expectInvalid, refusedWithoutChange, whileAuditChainHeld } from './support.js';

describe(`risk commitments (${ENGINE})`, () => {
  let t: TestApp;
  let town1: Client, unit1: Client, cadre1: Client, paizhu1: Client;
  let id: number;

  beforeAll(async () => {
    t = await createTestApp();
    [town1, unit1, cadre1, paizhu1] = (await Promise.all(['town1', 'unit1', 'cadre1', 'paizhu1'].map((u) => login(t, u)))) as [Client, Client, Client, Client];
  });
  afterAll(() => t.close());

  it('the demo drafts each cadre’s commitment from the points of their posts; a cadre sees only their own', async () => {
    expect((await anonymous(t, 'GET', '/api/v1/commitments')).status).toBe(401);
    const own = await cadre1.get('/api/v1/commitments');
    expect(own.body.total).toBe(1);
    const [c] = own.body.items;
    id = c.id;
    expect([c.title, c.status, c.actions, c.orgName]).toEqual(['2026年度廉政风险防范承诺书', 'pending', ['sign'], '东城街道财政所']);
    expect(c.text).toContain('会计岗位廉政风险及防范措施');
    expect(c.text).toContain('惠农补贴资金发放优亲厚友（一级风险）');
    expect(c.text).toContain('防范措施1：补贴对象名单村级公示 7 天后发放');
    expect(c.text).not.toContain('大额资金使用未经集体研究'); // submitted, not yet approved
    expect((await unit1.get('/api/v1/commitments')).body.total).toBe(4);
    expect((await paizhu1.get(`/api/v1/commitments/${id}`)).status).toBe(404);
    const todo = (await cadre1.get('/api/v1/todos')).body.items.filter((i: { kind: string }) => i.kind === 'commitment.sign');
    expect(todo.map((i: { title: string }) => i.title)).toEqual(['签署2026年度廉政风险防范承诺书']);
  });

  it('only the cadre signs, re-entering the password; the text, time and SHA-256 are kept', async () => {
    expectInvalid(await cadre1.post(`/api/v1/commitments/${id}/sign`, { password: '' }), '密码（password）：');
    await refusedWithoutChange(t, () => cadre1.post(`/api/v1/commitments/${id}/sign`, { password: 'Wrong@12345' }), 400, 'commitments.password_wrong');
    await refusedWithoutChange(t, () => unit1.post(`/api/v1/commitments/${id}/sign`, { password: DEMO_PASSWORD }), 403, 'auth.forbidden');
    await refusedWithoutChange(t, () => cadre1.get(`/api/v1/commitments/${id}/copy`), 409, 'commitments.wrong_status');
    const res = await cadre1.post(`/api/v1/commitments/${id}/sign`, { password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect([res.body.status, res.body.signedAt, res.body.actions]).toEqual(['signed', t.clock.now().toISOString(), ['download']]);
    expect(res.body.sha256).toBe(signatureHash(res.body.personId, 2026, res.body.text, res.body.signedAt));
    await refusedWithoutChange(t, () => cadre1.post(`/api/v1/commitments/${id}/sign`, { password: DEMO_PASSWORD }), 409, 'commitments.wrong_status');
    expect((await cadre1.get('/api/v1/todos')).body.items.filter((i: { kind: string }) => i.kind === 'commitment.sign')).toEqual([]);
  });

  it('three copies: the person’s (download), the unit’s, the commission’s (filed by its click)', async () => {
    const doc = await t.app.inject({ method: 'GET', url: `/api/v1/commitments/${id}/copy`, headers: { authorization: `Bearer ${cadre1.token}` } });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(String(doc.headers['content-disposition'])).toContain(encodeURIComponent('2026年度廉政风险防范承诺书'));
    // The person's copy as a PDF: the signed text, the signer and the hash, in the embedded Chinese font.
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/commitments/${id}/copy?format=pdf`, headers: { authorization: `Bearer ${cadre1.token}` } });
    expect([pdf.statusCode, pdf.headers['content-type'], pdf.rawPayload.subarray(0, 5).toString('latin1')]).toEqual([200, 'application/pdf', '%PDF-']);
    expect(String(pdf.headers['content-disposition'])).toContain(encodeURIComponent('2026年度廉政风险防范承诺书（'));
    expect(pdf.rawPayload.length).toBeGreaterThan(20_000);
    expect(pdf.rawPayload.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    const signed = (await cadre1.get(`/api/v1/commitments/${id}`)).body;
    const text = (await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })).text.replace(/\s+/g, '');
    expect(text).toContain('2026年度廉政风险防范承诺书');
    expect(text).toContain('惠农补贴资金发放优亲厚友');
    expect(text).toContain(`承诺人：${signed.personName}`);
    expect(text).toContain(signed.sha256);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/commitments/${id}/copy?format=pdf`, headers: { authorization: `Bearer ${paizhu1.token}` } })).statusCode).toBe(404);
    await refusedWithoutChange(t, () => unit1.post(`/api/v1/commitments/${id}/file`), 403, 'auth.forbidden');
    await refusedWithoutChange(t, () => cadre1.post(`/api/v1/commitments/${id}/unit-copy`), 403, 'auth.forbidden');
    expect((await unit1.post(`/api/v1/commitments/${id}/unit-copy`)).body.unitCopyAt).toBe(t.clock.now().toISOString());
    await refusedWithoutChange(t, () => unit1.post(`/api/v1/commitments/${id}/unit-copy`), 409, 'commitments.wrong_status');
    expect((await town1.post(`/api/v1/commitments/${id}/file`)).body.filedAt).toBe(t.clock.now().toISOString());
    const stats = await town1.get('/api/v1/commitments/stats?year=2026');
    expect(stats.body.rows).toEqual([{ orgId: await orgIdByCode(t, 'SFQ-T1-U0'), orgName: '东城街道财政所', total: 4, signed: 1, unitCopies: 1, filed: 1 }]);
  });

  it('drafting a year: once per cadre, only within scope', async () => {
    const u0 = await orgIdByCode(t, 'SFQ-T1-U0');
    expect((await unit1.post('/api/v1/commitments/drafts', { orgId: u0, year: 2027 })).body).toEqual({ drafted: 4 });
    expect((await unit1.post('/api/v1/commitments/drafts', { orgId: u0, year: 2027 })).body).toEqual({ drafted: 0 });
    await refusedWithoutChange(t, async () => unit1.post('/api/v1/commitments/drafts', { orgId: await orgIdByCode(t, 'SFQ-T2-U0'), year: 2027 }), 404, 'not_found');
    await refusedWithoutChange(t, () => cadre1.post('/api/v1/commitments/drafts', { orgId: u0, year: 2028 }), 403, 'auth.forbidden');
    expectInvalid(await unit1.post('/api/v1/commitments/drafts', { orgId: u0, year: 1999 }), '年度（year）：');
  });

  it('drafting for a self-check campaign: the campaign’s cadres within the org, titled after it, beside the yearly one', async () => {
    const db = t.ctx.database.db;
    const campaign = await db.selectFrom('check_campaigns').select(['id', 'title']).executeTakeFirstOrThrow();
    const town = await orgIdByCode(t, 'SFQ-T1');
    expectInvalid(await town1.post('/api/v1/commitments/drafts', { orgId: town }), '年度（year）：须指定年度或风险排查（二者选一）');
    expectInvalid(await town1.post('/api/v1/commitments/drafts', { orgId: town, year: 2026, campaignId: campaign.id }), '年度（year）：须指定年度或风险排查（二者选一）');
    const hidden = await refusedWithoutChange(t, () => town1.post('/api/v1/commitments/drafts', { orgId: town, campaignId: campaign.id + 1000 }), 404, 'not_found');
    expect(hidden.body.error.message).toBe('风险排查不存在或不在您的权限范围内');

    // Who should get one, counted apart: current post holders in the campaign's orgs (the township's units), not the township commission's own staff.
    const { rows } = await sql<{ n: number }>`
      SELECT count(DISTINCT a.person_id)::int AS n FROM post_assignments a JOIN people p ON p.id = a.person_id JOIN orgs o ON o.id = p.org_id
      WHERE a.ended_on IS NULL AND p.retired_at IS NULL
        AND EXISTS (SELECT 1 FROM check_campaign_orgs co JOIN orgs x ON x.id = co.org_id WHERE co.campaign_id = ${campaign.id} AND o.path LIKE x.path || '%')`.execute(db);
    const townStaff = await db.selectFrom('post_assignments as a').innerJoin('people as p', 'p.id', 'a.person_id').select('p.id').where('p.org_id', '=', town).where('a.ended_on', 'is', null).execute();
    expect(rows[0]!.n).toBeGreaterThan(0);
    expect(townStaff.length).toBeGreaterThan(0);
    const drafted = await town1.post('/api/v1/commitments/drafts', { orgId: town, campaignId: campaign.id });
    expect([drafted.status, drafted.body.drafted]).toEqual([200, rows[0]!.n]);
    expect((await town1.post('/api/v1/commitments/drafts', { orgId: town, campaignId: campaign.id })).body.drafted).toBe(0);
    // Completion counts the yearly commitments unless the campaign's are asked for: no cadre counts twice.
    const yearly = (await town1.get('/api/v1/commitments/stats?year=2026')).body.rows as { orgName: string; total: number }[];
    expect(yearly.find((r) => r.orgName === '东城街道财政所')!.total).toBe(4);
    const byCampaign = (await town1.get(`/api/v1/commitments/stats?campaignId=${campaign.id}`)).body.rows as { total: number }[];
    expect(byCampaign.reduce((n, r) => n + r.total, 0)).toBe(rows[0]!.n);

    const listed = (await town1.get(`/api/v1/commitments?campaignId=${campaign.id}&pageSize=200`)).body;
    expect(listed.total).toBe(rows[0]!.n);
    expect(new Set(listed.items.map((c: { title: string; campaignId: number; campaignTitle: string }) => `${c.campaignId} ${c.campaignTitle} ${c.title}`))).toEqual(
      new Set([`${campaign.id} ${campaign.title} ${campaign.title}廉政风险防范承诺书`]),
    );
    // cadre1 now has the yearly commitment and the campaign's, each to sign; the lists tell them apart.
    const mine = (await cadre1.get('/api/v1/commitments?year=2026')).body.items as { id: number; title: string; campaignId: number | null }[];
    expect(mine.map((c) => [c.title, c.campaignId]).sort()).toEqual([['2026年度廉政风险防范承诺书', null], [`${campaign.title}廉政风险防范承诺书`, campaign.id]].sort());
    expect((await cadre1.get('/api/v1/commitments?kind=campaign')).body.items.map((c: { title: string }) => c.title)).toEqual([`${campaign.title}廉政风险防范承诺书`]);
    expect((await cadre1.get('/api/v1/commitments?kind=yearly&year=2026')).body.items.map((c: { title: string }) => c.title)).toEqual(['2026年度廉政风险防范承诺书']);
    const todo = (await cadre1.get('/api/v1/todos')).body.items.filter((i: { kind: string }) => i.kind === 'commitment.sign');
    expect(todo.map((i: { title: string }) => i.title)).toContain(`签署${campaign.title}廉政风险防范承诺书`);
    const theirs = mine.find((c) => c.campaignId !== null)!;
    const signed = await cadre1.post(`/api/v1/commitments/${theirs.id}/sign`, { password: DEMO_PASSWORD });
    expect([signed.status, signed.body.status]).toEqual([200, 'signed']);
  });

  it.runIf(ENGINE === 'postgres')('two drafts of the same year at once (a double click): the second skips whom the first drafted, no error (several connections)', async () => {
    const u0 = await orgIdByCode(t, 'SFQ-T1-U0');
    const draft = () => unit1.post('/api/v1/commitments/drafts', { orgId: u0, year: 2030 });
    let pending: Promise<Awaited<ReturnType<typeof draft>>[]> | undefined;
    // Both have checked and inserted before either commits: the second waits on the first's rows.
    await whileAuditChainHeld(t, async (waitForLocks) => {
      pending = Promise.all([draft(), draft()]);
      await waitForLocks(2);
    });
    const [a, b] = await pending!;
    expect([a!.status, b!.status, a!.body.drafted + b!.body.drafted]).toEqual([200, 200, 4]);
  });
});
