import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/auth/totp.js';
import { DEMO_PASSWORD } from '../src/demo/demo-district.js';
import { asClient, createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { adminClient, anonymous, auditCount, createUser, expectInvalid, lastAudit, personIdsIn, refusedWithoutChange, roleId, STRONG_PASSWORD, userId } from './support.js';

// Login, TOTP for administrators, lockout, cookie sessions with CSRF, idle timeout, logout,
// disabled accounts, password change, and what the request log never contains.
describe(`authentication (${ENGINE})`, () => {
  let t: TestApp;
  /** Secrets that went over the wire in this file: none may ever reach the log. */
  const secrets: string[] = [DEMO_PASSWORD];

  const loginRaw = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('POST /api/auth/login', () => {
    it('400 names the missing field', async () => {
      const res = await loginRaw({ username: 'center' });
      expectInvalid({ status: res.statusCode, body: res.json(), headers: res.headers }, '密码（password）：');
    });

    it('400 for a malformed TOTP code, before any password check', async () => {
      const res = await loginRaw({ username: 'center', password: DEMO_PASSWORD, totp: '12ab56' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('动态验证码（totp）：动态验证码为6位数字');
    });

    it('200 with a bearer token for API clients, audited as USER_LOGGED_IN', async () => {
      const before = await auditCount(t);
      const res = await loginRaw({ username: 'center', password: DEMO_PASSWORD });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['csrfToken', 'token', 'tokenType']);
      expect(body.tokenType).toBe('Bearer');
      expect(res.headers['set-cookie']).toBeUndefined();
      secrets.push(body.token);
      expect(await auditCount(t)).toBe(before + 1);
      const [entry] = await lastAudit(t);
      expect(entry).toMatchObject({ action: 'USER_LOGGED_IN', actor_user_id: await userId(t, 'center'), object_type: 'user', object_id: String(await userId(t, 'center')) });
      const me = await asClient(t, body.token).get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ username: 'center', permissions: ['orgs.read', 'orgs.write', 'people.read', 'people.write', 'people.import', 'users.read', 'audit.read', 'risk.read', 'risk.write', 'risk.review', 'risk.matrix', 'risk.campaign', 'calendar.write', 'warnings.read', 'warnings.issue', 'warnings.configure', 'warnings.sweep', 'bulletins.write', 'bulletins.approve', 'leadership_reports.read', 'leadership_reports.write', 'clues.read', 'clues.register', 'clues.handle', 'clues.route', 'clues.approve', 'clues.reveal_reporter', 'talks.read', 'talks.write', 'talks.plan', 'evaluations.read', 'evaluations.run', 'evaluations.configure', 'assessments.read', 'assessments.write', 'accountability.read', 'accountability.write', 'archives.read', 'personal_matters.write', 'personal_matters.check', 'opinions.draft', 'opinions.approve'], totpEnrollmentRequired: false });
    });

    it('401 for a wrong password and for an unknown user, with the same message', async () => {
      const wrong = await loginRaw({ username: 'leader1', password: 'Wrong@12345' });
      const unknown = await loginRaw({ username: 'nobody-here', password: 'Wrong@12345' });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual({ error: { code: 'auth.invalid_credentials', message: '用户名或密码错误' } });
      expect(unknown.json()).toEqual(wrong.json());
      const [entry] = await lastAudit(t);
      expect(entry).toMatchObject({ action: 'USER_LOGIN_FAILED', actor_user_id: null, object_id: null });
      expect(JSON.stringify(entry)).not.toContain('nobody-here');
    });
  });

  describe('GET /api/auth/me', () => {
    it('401 without credentials and with a made-up token', async () => {
      expect((await anonymous(t, 'GET', '/api/auth/me')).body.error.code).toBe('auth.unauthenticated');
      const res = await asClient(t, 'made-up-token').get('/api/auth/me');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('auth.unauthenticated');
    });

    it('200 with the caller’s identity, roles and CSRF token', async () => {
      const town1 = await login(t, 'town1');
      const res = await town1.get('/api/auth/me');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        username: 'town1',
        orgId: await orgIdByCode(t, 'SFQ-T1'),
        personId: null,
        permissions: ['orgs.read', 'orgs.write', 'people.read', 'people.write', 'people.import', 'risk.read', 'risk.write', 'risk.review', 'risk.campaign', 'warnings.read', 'warnings.issue', 'clues.read', 'clues.register', 'clues.handle', 'clues.approve', 'talks.read', 'talks.write', 'talks.plan', 'evaluations.read', 'assessments.read', 'accountability.read', 'archives.read', 'personal_matters.write', 'personal_matters.check'],
        roles: [{ code: 'township', name: '乡镇（街道）纪委', scopeKind: 'org_subtree' }],
        totpEnabled: false,
        totpEnrollmentRequired: false,
      });
      expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });
  });

  describe('administrator TOTP', () => {
    let admin: Client;
    let secret: string;

    // Every /api/v1 route, with ids that need not exist: the enrolment check comes before all else.
    const V1_ROUTES: ['GET' | 'POST' | 'PATCH' | 'DELETE', string][] = [
      ['GET', '/api/v1/orgs'],
      ['GET', '/api/v1/orgs/1'],
      ['POST', '/api/v1/orgs'],
      ['PATCH', '/api/v1/orgs/1'],
      ['POST', '/api/v1/orgs/1/move'],
      ['POST', '/api/v1/orgs/1/retire'],
      ['GET', '/api/v1/people'],
      ['GET', '/api/v1/people/1'],
      ['POST', '/api/v1/people'],
      ['PATCH', '/api/v1/people/1'],
      ['POST', '/api/v1/people/1/retire'],
      ['POST', '/api/v1/people/1/assignments'],
      ['POST', '/api/v1/people/1/assignments/1/end'],
      ['GET', '/api/v1/posts'],
      ['GET', '/api/v1/posts/1'],
      ['POST', '/api/v1/posts'],
      ['PATCH', '/api/v1/posts/1'],
      ['POST', '/api/v1/posts/1/retire'],
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/users/1'],
      ['POST', '/api/v1/users'],
      ['PATCH', '/api/v1/users/1'],
      ['GET', '/api/v1/roles'],
      ['POST', '/api/v1/roles'],
      ['PATCH', '/api/v1/roles/1'],
      ['DELETE', '/api/v1/roles/1'],
      ['GET', '/api/v1/audit-entries'],
      ['GET', '/api/v1/audit-entries/verification'],
    ];

    it('an administrator without TOTP may log in but every /api/v1 route answers 403 auth.totp_enrollment_required', async () => {
      const res = await loginRaw({ username: 'admin', password: DEMO_PASSWORD });
      expect(res.statusCode).toBe(200);
      admin = asClient(t, res.json().token);
      secrets.push(admin.token);
      const before = await auditCount(t);
      for (const [method, url] of V1_ROUTES) {
        const r = method === 'GET' ? await admin.get(url) : method === 'POST' ? await admin.post(url, {}) : method === 'PATCH' ? await admin.patch(url, {}) : await admin.del(url);
        expect({ method, url, status: r.status, code: r.body.error?.code }).toEqual({ method, url, status: 403, code: 'auth.totp_enrollment_required' });
      }
      expect(await auditCount(t)).toBe(before);
      const me = await admin.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ username: 'admin', totpEnabled: false, totpEnrollmentRequired: true });
    });

    it('/api/auth/totp/setup needs a login', async () => {
      expect((await anonymous(t, 'POST', '/api/auth/totp/setup')).status).toBe(401);
      expect((await anonymous(t, 'POST', '/api/auth/totp/confirm', { totp: '123456' })).status).toBe(401);
    });

    it('binding: setup gives a secret; confirm refuses a malformed or wrong code and accepts the right one', async () => {
      const setup = await admin.post('/api/auth/totp/setup');
      expect(setup.status).toBe(200);
      secret = setup.body.secret;
      secrets.push(secret);
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
      expect(setup.body.uri).toContain(`secret=${secret}`);

      expectInvalid(await admin.post('/api/auth/totp/confirm', { totp: '12345' }), '动态验证码（totp）：');
      const right = totpCode(secret, t.clock.now());
      const wrong = right === '000000' ? '111111' : '000000';
      const bad = await admin.post('/api/auth/totp/confirm', { totp: wrong });
      expect(bad.status).toBe(401);
      expect(bad.body.error.code).toBe('auth.totp_invalid');
      const stale = await admin.post('/api/auth/totp/confirm', { totp: totpCode(secret, new Date(t.clock.now().getTime() - 120_000)) });
      expect(stale.body.error?.code).toBe('auth.totp_invalid');
      const row = await t.ctx.database.db.selectFrom('users').select('totp_enabled').where('username', '=', 'admin').executeTakeFirstOrThrow();
      expect(row.totp_enabled).toBe(false);

      const before = await auditCount(t);
      const ok = await admin.post('/api/auth/totp/confirm', { totp: right });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ ok: true });
      expect(await auditCount(t)).toBe(before + 1);
      expect((await lastAudit(t))[0]).toMatchObject({ action: 'USER_TOTP_ENABLED', actor_user_id: await userId(t, 'admin'), object_id: String(await userId(t, 'admin')) });
    });

    it('after binding, the same session reaches /api/v1 and a second setup is refused', async () => {
      expect((await admin.get('/api/v1/roles')).status).toBe(200);
      const again = await admin.post('/api/auth/totp/setup');
      expect(again.status).toBe(400);
      expect(again.body.error).toMatchObject({ code: 'request.invalid', message: '已绑定动态验证码' });
    });

    it('login then needs the code: none → 401 auth.totp_required, wrong → 401 auth.totp_invalid, right → 200', async () => {
      const none = await loginRaw({ username: 'admin', password: DEMO_PASSWORD });
      expect(none.statusCode).toBe(401);
      expect(none.json().error.code).toBe('auth.totp_required');
      // The code that confirmed the binding is spent: the same step is refused as a replay.
      const spent = await loginRaw({ username: 'admin', password: DEMO_PASSWORD, totp: totpCode(secret, t.clock.now()) });
      expect(spent.json().error.code).toBe('auth.totp_invalid');
      t.clock.advance(30_000);
      const right = totpCode(secret, t.clock.now());
      const wrong = await loginRaw({ username: 'admin', password: DEMO_PASSWORD, totp: right === '999999' ? '888888' : '999999' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('auth.totp_invalid');
      const old = await loginRaw({ username: 'admin', password: DEMO_PASSWORD, totp: totpCode(secret, new Date(t.clock.now().getTime() - 90_000)) });
      expect(old.json().error.code).toBe('auth.totp_invalid');
      // A right code with a wrong password is still a wrong password.
      const badPassword = await loginRaw({ username: 'admin', password: 'Wrong@12345', totp: right });
      expect(badPassword.json().error.code).toBe('auth.invalid_credentials');
      const ok = await loginRaw({ username: 'admin', password: DEMO_PASSWORD, totp: right });
      expect(ok.statusCode).toBe(200);
      secrets.push(ok.json().token);
      const me = await asClient(t, ok.json().token).get('/api/auth/me');
      expect(me.body).toMatchObject({ username: 'admin', totpEnabled: true, totpEnrollmentRequired: false });
      // The successful login cleared the failures counted above.
      const row = await t.ctx.database.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('username', '=', 'admin').executeTakeFirstOrThrow();
      expect(row).toEqual({ failed_logins: 0, locked_until: null });
      // The same code again is a replay, refused (and counted as a failure).
      const replay = await loginRaw({ username: 'admin', password: DEMO_PASSWORD, totp: right });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().error.code).toBe('auth.totp_invalid');
    });
  });

  describe('lockout', () => {
    it(`locks after ${5} wrong passwords (423 even with the right one) and unlocks after LOGIN_LOCK_MINUTES`, async () => {
      expect(t.ctx.config.loginMaxFailures).toBe(5);
      expect(t.ctx.config.loginLockMinutes).toBe(15);
      const station1 = await userId(t, 'station1');
      const before = await auditCount(t);
      for (let i = 1; i <= 4; i++) {
        const res = await loginRaw({ username: 'station1', password: `Wrong@${i}2345` });
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('auth.invalid_credentials');
      }
      const fifth = await loginRaw({ username: 'station1', password: 'Wrong@52345' });
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json().error).toEqual({ code: 'auth.locked', message: '登录失败次数过多，账户已临时锁定，请稍后再试' });
      const entries = await lastAudit(t, (await auditCount(t)) - before);
      expect(entries.map((e) => e.action).reverse()).toEqual(['USER_LOGIN_FAILED', 'USER_LOGIN_FAILED', 'USER_LOGIN_FAILED', 'USER_LOGIN_FAILED', 'USER_LOCKED']);
      expect(entries.every((e) => e.object_id === String(station1))).toBe(true);

      const locked = await loginRaw({ username: 'station1', password: DEMO_PASSWORD });
      expect(locked.statusCode).toBe(423);
      expect(locked.json().error.code).toBe('auth.locked');

      t.clock.advance(15 * 60_000 - 1_000);
      expect((await loginRaw({ username: 'station1', password: DEMO_PASSWORD })).statusCode).toBe(423);
      t.clock.advance(2_000);
      const ok = await loginRaw({ username: 'station1', password: DEMO_PASSWORD });
      expect(ok.statusCode).toBe(200);
      secrets.push(ok.json().token);
      const row = await t.ctx.database.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', station1).executeTakeFirstOrThrow();
      expect(row).toEqual({ failed_logins: 0, locked_until: null });
    });

    it('a successful login resets the count: four failures, a success, four failures do not lock', async () => {
      // leader1 failed once above; a success first starts from zero.
      expect((await loginRaw({ username: 'leader1', password: DEMO_PASSWORD })).statusCode).toBe(200);
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 4; i++) expect((await loginRaw({ username: 'leader1', password: 'Wrong@12345' })).statusCode).toBe(401);
        expect((await loginRaw({ username: 'leader1', password: DEMO_PASSWORD })).statusCode).toBe(200);
      }
    });

    /** The error codes of the replies, counted. */
    const tally = (replies: { json: () => { error: { code: string } } }[]) => {
      const counts: Record<string, number> = {};
      for (const r of replies) counts[r.json().error.code] = (counts[r.json().error.code] ?? 0) + 1;
      return counts;
    };
    /** Audit actions since `before`, sorted: one per credential actually checked. */
    const actionsSince = async (before: number) => (await lastAudit(t, (await auditCount(t)) - before)).map((e) => e.action).sort();
    const CHECKED = ['USER_LOCKED', 'USER_LOGIN_FAILED', 'USER_LOGIN_FAILED', 'USER_LOGIN_FAILED', 'USER_LOGIN_FAILED'];

    it('20 wrong passwords at once get 5 checks: 4 answered as wrong, the rest as locked; then the right one is refused too', async () => {
      // station1 logged in successfully above: its count starts from zero.
      const before = await auditCount(t);
      const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => loginRaw({ username: 'station1', password: `Wrong@${i}2345` })));
      expect(tally(replies)).toEqual({ 'auth.invalid_credentials': 4, 'auth.locked': 16 });
      expect(await actionsSince(before)).toEqual(CHECKED);
      const right = await loginRaw({ username: 'station1', password: DEMO_PASSWORD });
      expect(right.statusCode).toBe(423);
      expect(right.json().error.code).toBe('auth.locked');
    });

    it('wrong TOTP codes count towards the lockout, 20 at once as well; a login that only lacks the code counts nothing', async () => {
      const admin = await adminClient(t);
      await createUser(t, admin, 'totp-lock', [await roleId(t, 'unit_officer')], 'SFQ-T1-U1');
      const user = await login(t, 'totp-lock', STRONG_PASSWORD);
      const secret: string = (await user.post('/api/auth/totp/setup')).body.secret;
      secrets.push(STRONG_PASSWORD, user.token, secret);
      expect((await user.post('/api/auth/totp/confirm', { totp: totpCode(secret, t.clock.now()) })).status).toBe(200);

      // The right password without a code is how the login page asks whether a code is needed.
      for (let i = 0; i < 6; i++) expect((await loginRaw({ username: 'totp-lock', password: STRONG_PASSWORD })).json().error.code).toBe('auth.totp_required');
      const row = await t.ctx.database.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('username', '=', 'totp-lock').executeTakeFirstOrThrow();
      expect(row).toEqual({ failed_logins: 0, locked_until: null });

      t.clock.advance(30_000);
      const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, new Date(t.clock.now().getTime() + d))));
      const wrong = Array.from({ length: 30 }, (_, i) => String(i * 7).padStart(6, '0')).filter((c) => !valid.has(c)).slice(0, 20);
      const before = await auditCount(t);
      const replies = await Promise.all(wrong.map((totp) => loginRaw({ username: 'totp-lock', password: STRONG_PASSWORD, totp })));
      expect(tally(replies)).toEqual({ 'auth.totp_invalid': 4, 'auth.locked': 16 });
      expect(await actionsSince(before)).toEqual(CHECKED);
      const right = await loginRaw({ username: 'totp-lock', password: STRONG_PASSWORD, totp: totpCode(secret, t.clock.now()) });
      expect(right.statusCode).toBe(423);
    });
  });

  describe('browser sessions', () => {
    let cookie: string;
    let csrf: string;
    const withCookie = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie: `qf_session=${cookie}`, ...headers }, ...(payload ? { payload } : {}) });

    it('login with client=browser sets an httpOnly SameSite=Strict cookie and returns no token', async () => {
      const res = await loginRaw({ username: 'town1', password: DEMO_PASSWORD, client: 'browser' });
      expect(res.statusCode).toBe(200);
      expect(Object.keys(res.json())).toEqual(['csrfToken']);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/^qf_session=[A-Za-z0-9_-]{43}; /);
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('SameSite=Strict');
      expect(setCookie).toContain('Path=/');
      expect(setCookie).not.toContain('Secure'); // COOKIE_SECURE defaults to 0
      cookie = /^qf_session=([^;]+)/.exec(setCookie)![1]!;
      csrf = res.json().csrfToken;
      secrets.push(cookie, csrf);
      const me = await withCookie('GET', '/api/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ username: 'town1', csrfToken: csrf });
    });

    it('a write with the cookie but without the right X-CSRF-Token is 403 auth.csrf and changes nothing', async () => {
      const orgId = await orgIdByCode(t, 'SFQ-T1-U1');
      const body = { orgId, name: 'CSRF 测试岗位' };
      for (const headers of [{}, { 'x-csrf-token': 'forged' }, { 'x-csrf-token': '' }] as Record<string, string>[]) {
        await refusedWithoutChange(
          t,
          async () => {
            const r = await withCookie('POST', '/api/v1/posts', headers, body);
            return { status: r.statusCode, body: r.json(), headers: r.headers };
          },
          403,
          'auth.csrf',
        );
      }
      // Reads need no CSRF token.
      expect((await withCookie('GET', '/api/v1/posts?pageSize=1')).statusCode).toBe(200);
      const ok = await withCookie('POST', '/api/v1/posts', { 'x-csrf-token': csrf }, body);
      expect(ok.statusCode).toBe(201);
      expect(ok.json().name).toBe('CSRF 测试岗位');
    });

    it('another session’s CSRF token does not work', async () => {
      const other = await loginRaw({ username: 'town1', password: DEMO_PASSWORD, client: 'browser' });
      const res = await withCookie('POST', '/api/auth/logout', { 'x-csrf-token': other.json().csrfToken });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.csrf');
    });

    it('the idle timeout slides with use and refuses the cookie after SESSION_IDLE_MINUTES without use', async () => {
      expect(t.ctx.config.sessionIdleMinutes).toBe(30);
      const bearer = await login(t, 'unit1');
      const fresh = await loginRaw({ username: 'town1', password: DEMO_PASSWORD, client: 'browser' });
      cookie = /^qf_session=([^;]+)/.exec(String(fresh.headers['set-cookie']))![1]!;
      secrets.push(cookie);
      t.clock.advance(20 * 60_000);
      expect((await withCookie('GET', '/api/auth/me')).statusCode).toBe(200);
      t.clock.advance(20 * 60_000); // 40 minutes after login, 20 after the last use
      expect((await withCookie('GET', '/api/auth/me')).statusCode).toBe(200);
      t.clock.advance(30 * 60_000 + 10_000);
      const expired = await withCookie('GET', '/api/auth/me');
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.code).toBe('auth.unauthenticated');
      // Bearer tokens have their own, longer limit (TOKEN_IDLE_DAYS).
      expect((await bearer.get('/api/auth/me')).status).toBe(200);
    });

    it('logout ends a cookie session and clears the cookie', async () => {
      const res = await loginRaw({ username: 'town1', password: DEMO_PASSWORD, client: 'browser' });
      cookie = /^qf_session=([^;]+)/.exec(String(res.headers['set-cookie']))![1]!;
      csrf = res.json().csrfToken;
      const out = await withCookie('POST', '/api/auth/logout', { 'x-csrf-token': csrf });
      expect(out.statusCode).toBe(200);
      expect(String(out.headers['set-cookie'])).toMatch(/^qf_session=; /);
      expect((await withCookie('GET', '/api/auth/me')).statusCode).toBe(401);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('401 without credentials', async () => {
      expect((await anonymous(t, 'POST', '/api/auth/logout')).status).toBe(401);
    });

    it('invalidates the bearer token at once, audited as USER_LOGGED_OUT', async () => {
      const client = await login(t, 'cadre1');
      expect((await client.get('/api/auth/me')).status).toBe(200);
      const before = await auditCount(t);
      const out = await client.post('/api/auth/logout');
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ ok: true });
      expect(await auditCount(t)).toBe(before + 1);
      expect((await lastAudit(t))[0]).toMatchObject({ action: 'USER_LOGGED_OUT', actor_user_id: await userId(t, 'cadre1') });
      const after = await client.get('/api/auth/me');
      expect(after.status).toBe(401);
      expect((await client.get('/api/v1/orgs')).status).toBe(401);
      expect((await client.post('/api/auth/logout')).status).toBe(401);
    });
  });

  describe('disabled accounts', () => {
    it('a disabled user cannot log in and their open sessions end', async () => {
      const admin = await adminClient(t);
      const unit1 = await login(t, 'unit1');
      const id = await userId(t, 'unit1');
      const res = await admin.patch(`/api/v1/users/${id}`, { disabled: true });
      expect(res.status).toBe(200);
      expect(res.body.disabled).toBe(true);
      expect((await unit1.get('/api/auth/me')).status).toBe(401);
      const denied = await loginRaw({ username: 'unit1', password: DEMO_PASSWORD });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error).toEqual({ code: 'auth.disabled', message: '账户已停用' });
      expect((await admin.patch(`/api/v1/users/${id}`, { disabled: false })).status).toBe(200);
      expect((await loginRaw({ username: 'unit1', password: DEMO_PASSWORD })).statusCode).toBe(200);
    });
  });

  describe('POST /api/auth/password', () => {
    const NEW_PASSWORD = 'Changed#2026pw';

    it('401 without credentials', async () => {
      expect((await anonymous(t, 'POST', '/api/auth/password', { password: DEMO_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(401);
    });

    it('400 names the missing field', async () => {
      const paizhu1 = await login(t, 'paizhu1');
      expectInvalid(await paizhu1.post('/api/auth/password', { password: DEMO_PASSWORD }), '新密码（newPassword）：');
    });

    it('requires the current password and a strong new one; neither refusal changes anything', async () => {
      const paizhu1 = await login(t, 'paizhu1');
      const wrong = await refusedWithoutChange(t, () => paizhu1.post('/api/auth/password', { password: 'Wrong@12345', newPassword: NEW_PASSWORD }), 400, 'auth.current_password_wrong');
      expect(wrong.body.error.message).toBe('当前密码不正确');
      const weak = await refusedWithoutChange(t, () => paizhu1.post('/api/auth/password', { password: DEMO_PASSWORD, newPassword: 'short1A' }), 400, 'auth.password_weak');
      expect(weak.body.error.message).toBe('密码至少10位，且须包含大写字母、小写字母、数字和符号中的三类');
      await refusedWithoutChange(t, () => paizhu1.post('/api/auth/password', { password: DEMO_PASSWORD, newPassword: 'alllowercaseletters' }), 400, 'auth.password_weak');
    });

    it('changes the password: audited, the old one stops working, the new one works, other sessions end', async () => {
      const paizhu1 = await login(t, 'paizhu1');
      const elsewhere = await login(t, 'paizhu1'); // e.g. a stolen token
      const before = await auditCount(t);
      const res = await paizhu1.post('/api/auth/password', { password: DEMO_PASSWORD, newPassword: NEW_PASSWORD });
      expect(res.status).toBe(200);
      secrets.push(NEW_PASSWORD);
      expect(await auditCount(t)).toBe(before + 1);
      expect((await lastAudit(t))[0]).toMatchObject({ action: 'USER_PASSWORD_CHANGED', actor_user_id: await userId(t, 'paizhu1'), object_id: String(await userId(t, 'paizhu1')) });
      expect((await loginRaw({ username: 'paizhu1', password: DEMO_PASSWORD })).statusCode).toBe(401);
      expect((await loginRaw({ username: 'paizhu1', password: NEW_PASSWORD })).statusCode).toBe(200);
      // The session that changed the password goes on; every other one has ended.
      expect((await paizhu1.get('/api/auth/me')).status).toBe(200);
      expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
      expect(JSON.stringify(await lastAudit(t, 5))).not.toContain(NEW_PASSWORD);
    });
  });

  describe('the request log', () => {
    it('never contains a token, a password, a cookie, a TOTP secret, an ID number or an IP address', async () => {
      // Put an ID number into a URL and a body as well.
      const center = await login(t, 'center');
      const [person] = await personIdsIn(t, 'SFQ-T1-U1');
      await center.get(`/api/v1/people?q=${person!.id_number}`);
      await center.post('/api/v1/people', { orgId: await orgIdByCode(t, 'SFQ-T1-U1'), name: '日志测试', idNumber: person!.id_number });
      await center.get(`/api/v1/people/${person!.id}`);
      secrets.push(center.token, person!.id_number);

      const log = t.logs.join('');
      expect(t.logs.length).toBeGreaterThan(50);
      expect(log).toContain('"route":"/api/auth/login"');
      for (const s of secrets) expect(log.includes(s), `log contains ${s.slice(0, 6)}…`).toBe(false);
      expect(log).not.toMatch(/\d{17}[\dXx]/);
      expect(log).not.toMatch(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
      expect(log).not.toMatch(/::1|::ffff|remoteAddress|"ip"|authorization|cookie|bearer|csrf|"(password|newPassword|totp)"/i);
      expect(log).not.toContain('?q=');
    });
  });
});
