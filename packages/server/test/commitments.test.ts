import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHash } from '../src/commitments/commitments.usecases.js';
import { DEMO_PASSWORD } from '../src/demo/demo-district.js';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { anonymous, expectInvalid, refusedWithoutChange } from './support.js';

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
});
