import { createHash } from 'node:crypto';
import { leadingZeroBits, proofOfWorkInput } from '@qingfeng/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../src/portal/portal.challenges.js';
import { PAGE_CSP } from '../src/http/page-headers.js';
import { createTestApp, ENGINE, login, type Client, type Reply, type TestApp } from './harness.js';
import { expectInvalid, refusedWithoutChange, snapshot } from './support.js';

// Issue 4, public side: reports without login, the query code, proof of work, rate limits, and
// nothing that could trace an anonymous reporter — in the database or the logs.

const TRACE = { ip: '203.0.113.77', forwarded: '198.51.100.23', agent: 'QF-Trace-Agent/9.9', cookie: 'tracker=zz-cookie-41' };

describe(`public portal (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  const db = () => t.ctx.database.db;

  /** A request as a citizen's browser would send it, carrying everything that must not be kept. */
  const portal = async (url: string, payload?: unknown): Promise<Reply> => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/portal/reports${url}`,
      remoteAddress: TRACE.ip,
      headers: { 'user-agent': TRACE.agent, 'x-forwarded-for': TRACE.forwarded, cookie: TRACE.cookie },
      payload: (payload ?? {}) as object,
    });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };
  const proof = async () => {
    const ch = (await portal('/challenges')).body;
    return { challengeId: ch.id, nonce: solveChallenge(ch.id, ch.difficulty) };
  };
  const report = (over: Record<string, unknown> = {}) => ({ reporter: { kind: 'anonymous' }, subjectText: '东城街道综合执法队某队员', problemType: 'gifts', content: '检查商户时收受购物卡和红包', ...over });

  beforeAll(async () => {
    t = await createTestApp({ config: { portalPowBits: 6, portalRatePerMinute: 1000 } });
    center = await login(t, 'center');
  });
  afterAll(() => t.close());

  let first: { acceptanceNo: string; queryCode: string };
  let second: { acceptanceNo: string; queryCode: string };

  it('takes an anonymous report: acceptance number and a 20-digit query code, stored only as an argon2id hash', async () => {
    const res = await portal('', { ...(await proof()), ...report() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.sealed).toBe(false);
    expect(res.body.acceptanceNo).toMatch(/^WS2026\d{6}$/);
    expect(res.body.queryCode).toMatch(/^\d{4}( \d{4}){4}$/);
    first = res.body;
    const row = await db().selectFrom('clue_reporters').selectAll().where('acceptance_no', '=', first.acceptanceNo).executeTakeFirstOrThrow();
    expect(row.query_code_hash).toMatch(/^\$argon2id\$/);
    expect(row.identity_sealed).toBeNull();
    const dump = JSON.stringify((await sql`SELECT * FROM clue_reporters`.execute(db())).rows);
    expect(dump).not.toContain(first.queryCode.replace(/ /g, ''));
    const clue = await db().selectFrom('clues').selectAll().where('id', '=', row.clue_id).executeTakeFirstOrThrow();
    expect(clue).toMatchObject({ channel: 'online_complaint', reporter_kind: 'anonymous', registered_by: null, source_org_id: null, handler_org_id: (await db().selectFrom('orgs').select('id').where('code', '=', 'SFQ-JW').executeTakeFirstOrThrow()).id });
  });

  it('the code opens that report; a wrong code and another report’s code get the same answer', async () => {
    second = (await portal('', { ...(await proof()), ...report({ content: '第二件举报：违规收费' }) })).body;
    const ok = await portal('/query', first);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ acceptanceNo: first.acceptanceNo, receivedOn: '2026-11-23', status: '已受理，等待办理', messages: [] });
    const wrong = await portal('/query', { acceptanceNo: first.acceptanceNo, queryCode: '1234 5678 9012 3456 7890' });
    const others = await portal('/query', { acceptanceNo: first.acceptanceNo, queryCode: second.queryCode });
    const unknown = await portal('/query', { acceptanceNo: 'WS2026999999', queryCode: first.queryCode });
    const malformed = await portal('/query', { acceptanceNo: first.acceptanceNo, queryCode: '12' });
    for (const r of [wrong, others, unknown, malformed]) {
      expect({ status: r.status, body: r.body }).toEqual({ status: 404, body: { error: { code: 'portal.query_failed', message: '受理编号或查询码不正确' } } });
    }
  });

  it('wrong and other-report codes take about the same time (one argon2id verification each)', async () => {
    const time = async (body: unknown) => {
      const s = performance.now();
      await portal('/query', body);
      return performance.now() - s;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < 5; i++) {
      a.push(await time({ acceptanceNo: first.acceptanceNo, queryCode: '9999 9999 9999 9999 9999' }));
      b.push(await time({ acceptanceNo: first.acceptanceNo, queryCode: second.queryCode }));
      c.push(await time({ acceptanceNo: 'WS2026999999', queryCode: second.queryCode }));
    }
    const [ma, mb, mc] = [median(a), median(b), median(c)];
    // Each path runs the same slow hash; a shortcut (skipping it) would be an order of magnitude faster.
    expect(Math.max(ma, mb, mc) / Math.min(ma, mb, mc)).toBeLessThan(3);
  });

  it('messages go both ways; the handler’s portal reply shows with the code; closing needs it', async () => {
    const clueId = (await db().selectFrom('clue_reporters').select('clue_id').where('acceptance_no', '=', first.acceptanceNo).executeTakeFirstOrThrow()).clue_id;
    const msg = await portal('/messages', { ...first, ...(await proof()), body: '补充：时间是上月十五日下午' });
    expect(msg.status).toBe(201);
    expect(msg.body.messages).toMatchObject([{ direction: 'from_reporter', body: '补充：时间是上月十五日下午' }]);
    const detail = await center.get(`/api/v1/clues/${clueId}`);
    expect(detail.body.messages).toMatchObject([{ direction: 'from_reporter', author: null }]);
    await refusedWithoutChange(t, () => center.post(`/api/v1/clues/${clueId}/replies`, { kind: 'result', via: 'phone', body: '已办' }), 400, 'request.invalid');
    expect((await center.post(`/api/v1/clues/${clueId}/replies`, { kind: 'acceptance', via: 'portal', body: '已受理，正在核查' })).status).toBe(201);
    const seen = await portal('/query', first);
    expect(seen.body.messages.map((m: { kind: string; direction: string }) => `${m.direction}:${m.kind}`)).toEqual(['from_reporter:message', 'to_reporter:acceptance']);
  });

  it('refuses a replayed, expired or unsolved challenge, and bad input, storing nothing', async () => {
    const p = await proof();
    expect((await portal('', { ...p, ...report() })).status).toBe(201);
    await refusedWithoutChange(t, () => portal('', { ...p, ...report() }), 400, 'portal.challenge_invalid');
    const ch = (await portal('/challenges')).body;
    let bad = 0;
    while (leadingZeroBits(createHash('sha256').update(proofOfWorkInput(ch.id, String(bad))).digest()) >= ch.difficulty) bad++;
    await refusedWithoutChange(t, () => portal('', { challengeId: ch.id, nonce: String(bad), ...report() }), 400, 'portal.challenge_invalid');
    const late = await proof();
    t.clock.advance(11 * 60_000);
    await refusedWithoutChange(t, () => portal('', { ...late, ...report() }), 400, 'portal.challenge_invalid');
    const p2 = await proof();
    expectInvalid(await refusedWithoutChange(t, () => portal('', { ...p2, ...report({ content: '' }) }), 400, 'request.invalid'), '内容（content）：');
    expectInvalid(await refusedWithoutChange(t, () => portal('', { ...p2, ...report({ problemType: 'nonsense' }) }), 400, 'request.invalid'), '问题类别（problemType）：');
    await refusedWithoutChange(t, () => portal('', { ...report() }), 400, 'request.invalid');
  });

  it('a named report keeps the identity encrypted; the centre may reveal it', async () => {
    const res = await portal('', { ...(await proof()), ...report({ reporter: { kind: 'named', identity: { name: '实名举报人丁', phone: '13800009999', idNumber: null } } }) });
    expect(res.status).toBe(201);
    const clueId = (await db().selectFrom('clue_reporters').select('clue_id').where('acceptance_no', '=', res.body.acceptanceNo).executeTakeFirstOrThrow()).clue_id;
    const tables = (await sql<{ name: string }>`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`.execute(db())).rows;
    for (const { name } of tables) {
      const rows = JSON.stringify((await sql`SELECT * FROM ${sql.table(name)}`.execute(db())).rows);
      expect(rows, name).not.toContain('实名举报人丁');
      expect(rows, name).not.toContain('13800009999');
    }
    expect((await center.get(`/api/v1/clues/${clueId}`)).body.ackDue).not.toBeNull();
    expect((await center.post(`/api/v1/clues/${clueId}/reporter/reveal`)).body).toEqual({ name: '实名举报人丁', phone: '13800009999', idNumber: null });
  });

  it('a report marked as concerning the commission’s principal leader is sealed, with no code', async () => {
    const before = await snapshot(t);
    const res = await portal('', { ...(await proof()), ...report({ concernsCommissionPrincipal: true, subjectText: '区纪委书记' }) });
    expect(res.body).toEqual({ sealed: true, message: expect.stringContaining('上级纪委监委') });
    const after = await snapshot(t);
    // The challenge it spent was issued after the first snapshot: only the sealed copy remains.
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual(['sealed_reports']);
  });

  it('attachments with the code: type by content, limits, nothing stored on refusal', async () => {
    const upload = (fields: Record<string, string>, name: string, bytes: Buffer) => {
      const boundary = '----qf' + Math.random().toString(16).slice(2);
      const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
      const body = Buffer.concat([...parts, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return t.app.inject({ method: 'POST', url: '/api/portal/reports/attachments', remoteAddress: TRACE.ip, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    };
    const before = await snapshot(t);
    expect((await upload(first, '木马.pdf.exe', Buffer.from('MZ'))).statusCode).toBe(415);
    expect((await upload({ ...first, queryCode: second.queryCode }, '证据.pdf', Buffer.from('%PDF-1.4 x'))).statusCode).toBe(404);
    expect(await snapshot(t)).toEqual(before);
    const ok = await upload(first, '证据.pdf', Buffer.from('%PDF-1.4 证据'));
    expect(ok.statusCode).toBe(201);
  });

  it('stores and logs no address, user agent or cookie, sets no cookie, is never cached', async () => {
    const res = await portal('', { ...(await proof()), ...report() });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('/api/portal/reports');
    for (const s of Object.values(TRACE)) expect(logs).not.toContain(s);
    const tables = (await sql<{ name: string }>`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`.execute(db())).rows;
    for (const { name } of tables) {
      const rows = JSON.stringify((await sql`SELECT * FROM ${sql.table(name)}`.execute(db())).rows);
      for (const s of [TRACE.ip, TRACE.forwarded, TRACE.agent, 'zz-cookie-41']) expect(rows, name).not.toContain(s);
    }
  });

  it('portal pages are served uncached with a same-origin content policy; the app’s pages carry the policy too, the API does not', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/portal/report' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("default-src 'self'");
    expect(PAGE_CSP).not.toContain("script-src 'unsafe-inline'");
    const page = await t.app.inject({ method: 'GET', url: '/powers' });
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).headers['content-security-policy']).toBeUndefined();
  });

  it('rate-limits each source without keeping its address', async () => {
    const limited = await createTestApp({ demo: false, config: { portalRatePerMinute: 2 } });
    try {
      const hit = () => limited.app.inject({ method: 'POST', url: '/api/portal/reports/challenges', remoteAddress: TRACE.ip });
      expect((await hit()).statusCode).toBe(201);
      expect((await hit()).statusCode).toBe(201);
      const third = await hit();
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('portal.rate_limited');
      const other = await limited.app.inject({ method: 'POST', url: '/api/portal/reports/challenges', remoteAddress: '192.0.2.1' });
      expect(other.statusCode).toBe(201);
      expect(limited.logs.join('')).not.toContain(TRACE.ip);
    } finally {
      await limited.close();
    }
  });
});
