import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/auth/totp.js';
import { DEMO_PASSWORD } from '../src/demo/demo-district.js';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import {
  adminClient,
  anonymous,
  auditAfter,
  auditMark,
  createRole,
  createUser,
  expectInvalid,
  refusedWithoutChange,
  roleId,
  STRONG_PASSWORD,
  userId,
} from './support.js';

describe(`users and roles routes (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let center: Client;
  let town1: Client;
  let adminId: number;
  const db = () => t.ctx.database.db;
  const userRow = (id: number) => db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const rolesOf = async (id: number) =>
    (await db().selectFrom('user_roles').innerJoin('roles', 'roles.id', 'user_roles.role_id').select('roles.code').where('user_id', '=', id).orderBy('roles.code').execute()).map((r) => r.code);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminClient(t);
    [center, town1] = [await login(t, 'center'), await login(t, 'town1')];
    adminId = await userId(t, 'admin');
  });
  afterAll(() => t.close());

  /** Logs in an account that must bind TOTP first (an administrator), binds it, and returns its client. */
  async function enrolledLogin(username: string, password = STRONG_PASSWORD): Promise<Client> {
    const client = await login(t, username, password);
    const setup = await client.post('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    expect((await client.post('/api/auth/totp/confirm', { totp: totpCode(setup.body.secret, t.clock.now()) })).status).toBe(200);
    return client;
  }

  describe('GET /api/v1/users', () => {
    it('401, 400, 403', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/users')).status).toBe(401);
      expectInvalid(await center.get('/api/v1/users?pageSize=0'), '每页条数（pageSize）：');
      const res = await town1.get('/api/v1/users');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    });

    it('200 lists every account, without password hashes or TOTP secrets; only a users.write holder gets actions', async () => {
      const total = (await db().selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
      const res = await t.app.inject({ url: '/api/v1/users?pageSize=200', headers: { authorization: `Bearer ${center.token}` } });
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(total);
      expect(res.json().items.map((u: { username: string }) => u.username)).toEqual(['admin', 'center', 'center2', 'paizhu1', 'town1', 'unit1', 'cadre1', 'station1', 'leader1']);
      expect(res.body).not.toMatch(/argon2|password|totpSecret|totp_secret/i);
      expect(res.json().items.every((u: { actions: string[] }) => u.actions.length === 0)).toBe(true);
      const mine = await admin.get('/api/v1/users?q=town');
      expect(mine.body.items.map((u: { username: string; actions: string[] }) => [u.username, u.actions])).toEqual([['town1', ['update']]]);
      const unit1 = (await admin.get(`/api/v1/users/${await userId(t, 'unit1')}`)).body;
      expect(unit1).toMatchObject({ username: 'unit1', orgName: '东城街道财政所', roles: [{ code: 'unit_officer', scopeKind: 'org_subtree', scopeOrgIds: null }], totpEnabled: false, disabled: false });
      expect(unit1.personId).toBe((await userRow(await userId(t, 'unit1'))).person_id);
    });
  });

  describe('GET /api/v1/users/:id', () => {
    it('401, 400, 403, 404, 200', async () => {
      expect((await anonymous(t, 'GET', `/api/v1/users/${adminId}`)).status).toBe(401);
      expectInvalid(await center.get('/api/v1/users/abc'), '编号（id）：');
      expect((await town1.get(`/api/v1/users/${adminId}`)).status).toBe(403);
      expect((await center.get('/api/v1/users/999999')).status).toBe(404);
      const res = await center.get(`/api/v1/users/${adminId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: adminId, username: 'admin', totpEnabled: true, roles: [{ code: 'sysadmin' }] });
    });
  });

  describe('POST /api/v1/users', () => {
    const body = async (username: string, roleCode = 'cadre') => ({
      username,
      displayName: '新用户',
      password: STRONG_PASSWORD,
      orgId: await orgIdByCode(t, 'SFQ-T1-U1'),
      roles: [{ roleId: await roleId(t, roleCode) }],
    });

    it('401, 400 (naming the field), 403 change nothing', async () => {
      expect((await anonymous(t, 'POST', '/api/v1/users', await body('zhang3'))).status).toBe(401);
      const bad = await refusedWithoutChange(t, async () => admin.post('/api/v1/users', { ...(await body('x')) }), 400, 'request.invalid');
      expect(bad.body.error.message).toBe('用户名（username）：用户名为3–40位字母、数字、下划线、点或短横线');
      expectInvalid(await admin.post('/api/v1/users', { ...(await body('zhang3')), roles: [] }), '角色（roles）：至少分配一个角色');
      expectInvalid(await admin.post('/api/v1/users', { ...(await body('zhang3')), displayName: '' }), '姓名（displayName）：');
      await refusedWithoutChange(t, async () => center.post('/api/v1/users', await body('zhang3')), 403, 'auth.forbidden');
    });

    it('refuses a weak password, a taken username, an unknown role, an unknown org', async () => {
      await refusedWithoutChange(t, async () => admin.post('/api/v1/users', { ...(await body('zhang3')), password: 'password' }), 400, 'auth.password_weak');
      await refusedWithoutChange(t, async () => admin.post('/api/v1/users', await body('town1')), 409, 'users.username_duplicate');
      const role = await refusedWithoutChange(t, async () => admin.post('/api/v1/users', { ...(await body('zhang3')), roles: [{ roleId: 999999 }] }), 400, 'request.invalid');
      expect(role.body.error.issues).toEqual([{ field: 'roles', message: '角色 999999 不存在' }]);
      await refusedWithoutChange(t, async () => admin.post('/api/v1/users', { ...(await body('zhang3')), orgId: 999999 }), 404, 'not_found');
    });

    it('201 creates; audited as USER_CREATED without the password; the user can log in', async () => {
      const mark = await auditMark(t);
      const res = await admin.post('/api/v1/users', await body('zhang3'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ username: 'zhang3', displayName: '新用户', orgName: '东城街道综合执法队', roles: [{ code: 'cadre' }], disabled: false, totpEnabled: false });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'USER_CREATED', actor: adminId, objectType: 'user', objectId: String(res.body.id) }]);
      const entries = await db().selectFrom('audit_entries').selectAll().where('id', '>', mark).execute();
      expect(JSON.stringify(entries)).not.toContain(STRONG_PASSWORD);
      expect((await userRow(res.body.id)).password_hash).toMatch(/^\$argon2id\$/);
      const zhang3 = await login(t, 'zhang3', STRONG_PASSWORD);
      expect((await zhang3.get('/api/auth/me')).body.permissions).toEqual(['orgs.read', 'people.read', 'risk.read', 'warnings.read', 'warnings.answer', 'talks.read', 'evaluations.read', 'accountability.read', 'archives.read', 'personal_matters.write']);
    });
  });

  describe('PATCH /api/v1/users/:id', () => {
    it('401, 400, 403, 404, and 409 for disabling oneself change nothing', async () => {
      const town1Id = await userId(t, 'town1');
      expect((await anonymous(t, 'PATCH', `/api/v1/users/${town1Id}`, { displayName: 'x' })).status).toBe(401);
      expectInvalid(await admin.patch(`/api/v1/users/${town1Id}`, { roles: [] }), '角色（roles）：');
      expectInvalid(await admin.patch(`/api/v1/users/${town1Id}`, { disabled: 'yes' }), '停用（disabled）：');
      await refusedWithoutChange(t, async () => center.patch(`/api/v1/users/${town1Id}`, { displayName: '改名' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => admin.patch('/api/v1/users/999999', { displayName: '改名' }), 404, 'not_found');
      await refusedWithoutChange(t, async () => admin.patch(`/api/v1/users/${adminId}`, { disabled: true }), 409, 'users.cannot_disable_self');
      await refusedWithoutChange(t, async () => admin.patch(`/api/v1/users/${town1Id}`, { password: 'weakpass' }), 400, 'auth.password_weak');
    });

    it('200 changes the display name and roles, audited as USER_UPDATED; role changes apply at once', async () => {
      const id = await userId(t, 'leader1');
      const leader1 = await login(t, 'leader1');
      expect((await leader1.get('/api/v1/users')).status).toBe(403);
      const mark = await auditMark(t);
      const res = await admin.patch(`/api/v1/users/${id}`, { displayName: '区委书记', roles: [{ roleId: await roleId(t, 'leader') }, { roleId: await roleId(t, 'center') }] });
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe('区委书记');
      expect(await rolesOf(id)).toEqual(['center', 'leader']);
      expect(await auditAfter(t, mark)).toEqual([{ action: 'USER_UPDATED', actor: adminId, objectType: 'user', objectId: String(id) }]);
      expect((await leader1.get('/api/v1/users')).status).toBe(200);
    });

    it('a password reset replaces the password and ends the user’s sessions; unlock clears a lockout', async () => {
      const id = await userId(t, 'station1');
      const open = await login(t, 'station1');
      await t.ctx.database.db.updateTable('users').set({ locked_until: new Date(t.clock.now().getTime() + 3_600_000), failed_logins: 0 }).where('id', '=', id).execute();
      const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'station1', password: DEMO_PASSWORD } });
      expect(locked.statusCode).toBe(423);
      const res = await admin.patch(`/api/v1/users/${id}`, { unlock: true, password: 'Reset#Pass2026' });
      expect(res.status).toBe(200);
      expect(res.body.lockedUntil).toBeNull();
      expect((await open.get('/api/auth/me')).status).toBe(401);
      const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'station1', password: DEMO_PASSWORD } });
      expect(old.statusCode).toBe(401);
      await login(t, 'station1', 'Reset#Pass2026');
      const entry = await db().selectFrom('audit_entries').select('after').where('action', '=', 'USER_UPDATED').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(entry.after).toEqual({ unlock: true, password: '（已重置）' });
    });
  });

  describe('no escalation', () => {
    let ua: Client;
    let uaId: number;
    let tua: Client;
    let ra: Client;

    beforeAll(async () => {
      // A user administrator without system.admin, district-wide.
      const userAdmin = await createRole(admin, 'user_admin', ['users.read', 'users.write', 'orgs.read'], 'all');
      uaId = await createUser(t, admin, 'ua1', [userAdmin], 'SFQ-JW-BGS');
      ua = await enrolledLogin('ua1');
      // A user administrator of one township.
      const townAdmin = await createRole(admin, 'town_user_admin', ['users.read', 'users.write', 'orgs.read', 'people.read', 'risk.read', 'warnings.read', 'warnings.answer', 'talks.read', 'evaluations.read', 'accountability.read', 'archives.read', 'personal_matters.write'], 'org_subtree');
      await createUser(t, admin, 'tua1', [townAdmin], 'SFQ-T1');
      tua = await enrolledLogin('tua1');
      // A role administrator without system.admin.
      const roleAdmin = await createRole(admin, 'role_admin', ['roles.write', 'users.read'], 'all');
      await createUser(t, admin, 'ra1', [roleAdmin], 'SFQ-JW-BGS');
      ra = await enrolledLogin('ra1');
    });

    const newUser = async (username: string, roleCode: string, orgCode = 'SFQ-T1-U1') => ({
      username,
      displayName: '新用户',
      password: STRONG_PASSWORD,
      orgId: await orgIdByCode(t, orgCode),
      roles: [{ roleId: await roleId(t, roleCode) }],
    });

    it('users.write without system.admin cannot grant sysadmin, nor a role with permissions it lacks', async () => {
      const res = await refusedWithoutChange(t, async () => ua.post('/api/v1/users', await newUser('evil1', 'sysadmin')), 403, 'auth.forbidden');
      expect(res.body.error.message).toBe('不能分配超出本人权限的角色「系统管理员」');
      await refusedWithoutChange(t, async () => ua.post('/api/v1/users', await newUser('evil1', 'center')), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => ua.patch(`/api/v1/users/${uaId}`, { roles: [{ roleId: await roleId(t, 'sysadmin') }] }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => ua.patch(`/api/v1/users/${await userId(t, 'town1')}`, { roles: [{ roleId: await roleId(t, 'township') }] }), 403, 'auth.forbidden');
      // Within its own permissions it may.
      expect((await ua.post('/api/v1/users', await newUser('helper1', 'user_admin'))).status).toBe(201);
    });

    it('users.write without system.admin cannot take over an account that holds more', async () => {
      await refusedWithoutChange(t, async () => ua.patch(`/api/v1/users/${adminId}`, { password: 'Takeover#2026' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => ua.patch(`/api/v1/users/${adminId}`, { disabled: true }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => ua.patch(`/api/v1/users/${adminId}`, { roles: [{ roleId: await roleId(t, 'user_admin') }] }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => ua.patch(`/api/v1/users/${await userId(t, 'center')}`, { password: 'Takeover#2026' }), 403, 'auth.forbidden');
      expect((await ua.patch(`/api/v1/users/${await userId(t, 'helper1')}`, { displayName: '助理' })).status).toBe(200);
    });

    it('a township user administrator stays in its township and cannot hand out a district-wide role', async () => {
      const res = await refusedWithoutChange(t, async () => tua.post('/api/v1/users', await newUser('evil2', 'leader')), 403, 'auth.forbidden');
      expect(res.body.error.message).toBe('不能分配超出本人权限的角色「区党政主要领导」');
      await refusedWithoutChange(t, async () => tua.post('/api/v1/users', await newUser('evil2', 'cadre', 'SFQ-T2-U1')), 404, 'not_found');
      await refusedWithoutChange(t, async () => tua.patch(`/api/v1/users/${await userId(t, 'center')}`, { displayName: 'x' }), 404, 'not_found');
      const list = await tua.get('/api/v1/users?pageSize=200');
      expect(list.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['cadre1', 'helper1', 'tua1', 'town1', 'unit1', 'zhang3'].sort());
      expect((await tua.post('/api/v1/users', await newUser('li4', 'cadre'))).status).toBe(201);
    });

    it('roles.write without system.admin cannot create or widen a role beyond its own permissions', async () => {
      await refusedWithoutChange(t, async () => ra.post('/api/v1/roles', { code: 'evil_role', name: '越权', permissions: ['system.admin'], scopeKind: 'all' }), 403, 'auth.forbidden');
      const own = await roleId(t, 'role_admin');
      await refusedWithoutChange(t, async () => ra.patch(`/api/v1/roles/${own}`, { permissions: ['roles.write', 'users.read', 'users.write'] }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => ra.patch(`/api/v1/roles/${await roleId(t, 'sysadmin')}`, { name: '改名' }), 403, 'auth.forbidden');
      expect((await ra.post('/api/v1/roles', { code: 'readers', name: '读用户', permissions: ['users.read'], scopeKind: 'org' })).status).toBe(201);
    });
  });

  describe('administrators bind TOTP before anything else (等保 2.0 三级)', () => {
    it('an account holding users.write or roles.write without system.admin gets 403 auth.totp_enrollment_required until it binds TOTP', async () => {
      for (const [code, permissions, username, route] of [
        ['totp_user_admin', ['users.read', 'users.write', 'orgs.read'], 'totp_ua1', '/api/v1/users'],
        ['totp_role_admin', ['roles.write', 'orgs.read'], 'totp_ra1', '/api/v1/orgs'],
      ] as const) {
        await createUser(t, admin, username, [await createRole(admin, code, [...permissions], 'all')], 'SFQ-JW-BGS');
        const client = await login(t, username, STRONG_PASSWORD);
        const me = await client.get('/api/auth/me');
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ totpEnabled: false, totpEnrollmentRequired: true });
        const refused = await client.get(route);
        expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 403, code: 'auth.totp_enrollment_required' });
        const setup = await client.post('/api/auth/totp/setup');
        expect(setup.status).toBe(200);
        expect((await client.post('/api/auth/totp/confirm', { totp: totpCode(setup.body.secret, t.clock.now()) })).status).toBe(200);
        expect((await client.get('/api/auth/me')).body).toMatchObject({ totpEnabled: true, totpEnrollmentRequired: false });
        expect((await client.get(route)).status).toBe(200);
      }
    });

    it('an account without users.write, roles.write or system.admin is not made to bind TOTP', async () => {
      const me = await center.get('/api/auth/me');
      expect(me.body).toMatchObject({ totpEnabled: false, totpEnrollmentRequired: false });
      expect(me.body.permissions).toContain('users.read');
      expect((await center.get('/api/v1/users')).status).toBe(200);
    });
  });

  describe('GET /api/v1/roles', () => {
    it('401, 403, 200', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/roles')).status).toBe(401);
      expect((await town1.get('/api/v1/roles')).status).toBe(403);
      const res = await center.get('/api/v1/roles');
      expect(res.status).toBe(200);
      const builtin = res.body.items.filter((r: { builtin: boolean }) => r.builtin);
      expect(builtin.map((r: { code: string; scopeKind: string }) => `${r.code}:${r.scopeKind}`)).toEqual([
        'sysadmin:all',
        'center:all',
        'dispatched_group:custom',
        'township:org_subtree',
        'unit_officer:org_subtree',
        'workstation:org',
        'cadre:self',
        'leader:all',
        'superior_liaison:all',
      ]);
      expect(res.body.items.find((r: { code: string }) => r.code === 'sysadmin').userCount).toBe(1);
    });
  });

  describe('POST /api/v1/roles', () => {
    it('401, 400, 403, 409 change nothing', async () => {
      const ok = { code: 'auditor', name: '审计员', permissions: ['audit.read'], scopeKind: 'all' };
      expect((await anonymous(t, 'POST', '/api/v1/roles', ok)).status).toBe(401);
      const none = await refusedWithoutChange(t, async () => admin.post('/api/v1/roles', { ...ok, permissions: [] }), 400, 'request.invalid');
      expect(none.body.error.message).toBe('权限（permissions）：至少选择一项权限');
      expectInvalid(await admin.post('/api/v1/roles', { ...ok, code: 'Auditor' }), '代码（code）：');
      expectInvalid(await admin.post('/api/v1/roles', { ...ok, permissions: ['audit.read', 'everything'] }), '权限（permissions.1）：');
      await refusedWithoutChange(t, async () => center.post('/api/v1/roles', ok), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => admin.post('/api/v1/roles', { ...ok, code: 'center' }), 409, 'roles.code_duplicate');
    });

    it('201 creates, audited as ROLE_CREATED', async () => {
      const mark = await auditMark(t);
      const res = await admin.post('/api/v1/roles', { code: 'auditor', name: '审计员', description: '只看审计日志', permissions: ['audit.read'], scopeKind: 'all' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ code: 'auditor', name: '审计员', description: '只看审计日志', permissions: ['audit.read'], scopeKind: 'all', builtin: false, userCount: 0 });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'ROLE_CREATED', actor: adminId, objectType: 'role', objectId: String(res.body.id) }]);
    });
  });

  describe('PATCH /api/v1/roles/:id', () => {
    it('401, 400, 403, 404 change nothing', async () => {
      const id = await roleId(t, 'auditor');
      expect((await anonymous(t, 'PATCH', `/api/v1/roles/${id}`, { name: 'x' })).status).toBe(401);
      expectInvalid(await admin.patch(`/api/v1/roles/${id}`, { scopeKind: 'district' }), '数据范围（scopeKind）：');
      await refusedWithoutChange(t, async () => center.patch(`/api/v1/roles/${id}`, { name: '改名' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => admin.patch('/api/v1/roles/999999', { name: '改名' }), 404, 'not_found');
    });

    it('200 changes the role, audited as ROLE_UPDATED; its holders get the new permissions at once', async () => {
      const id = await roleId(t, 'auditor');
      await createUser(t, admin, 'auditor1', [id], 'SFQ-JW-BGS');
      const auditor = await login(t, 'auditor1', STRONG_PASSWORD);
      expect((await auditor.get('/api/v1/orgs')).status).toBe(403);
      const mark = await auditMark(t);
      const res = await admin.patch(`/api/v1/roles/${id}`, { permissions: ['audit.read', 'orgs.read'] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ code: 'auditor', name: '审计员', permissions: ['audit.read', 'orgs.read'], scopeKind: 'all', userCount: 1 });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'ROLE_UPDATED', actor: adminId, objectType: 'role', objectId: String(id) }]);
      expect((await auditor.get('/api/v1/orgs')).status).toBe(200);
    });
  });

  describe('DELETE /api/v1/roles/:id', () => {
    it('401, 400, 403, 404, 409 change nothing', async () => {
      const id = await roleId(t, 'auditor');
      expect((await anonymous(t, 'DELETE', `/api/v1/roles/${id}`)).status).toBe(401);
      expectInvalid(await admin.del('/api/v1/roles/abc'), '编号（id）：');
      await refusedWithoutChange(t, async () => center.del(`/api/v1/roles/${id}`), 403, 'auth.forbidden');
      await refusedWithoutChange(t, async () => admin.del('/api/v1/roles/999999'), 404, 'not_found');
      await refusedWithoutChange(t, async () => admin.del(`/api/v1/roles/${await roleId(t, 'leader')}`), 409, 'roles.builtin');
      await refusedWithoutChange(t, async () => admin.del(`/api/v1/roles/${id}`), 409, 'roles.in_use');
    });

    it('200 deletes an unused role, audited as ROLE_DELETED', async () => {
      const created = await admin.post('/api/v1/roles', { code: 'temp_role', name: '临时', permissions: ['orgs.read'], scopeKind: 'org' });
      const mark = await auditMark(t);
      const res = await admin.del(`/api/v1/roles/${created.body.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'ROLE_DELETED', actor: adminId, objectType: 'role', objectId: String(created.body.id) }]);
      expect((await admin.get('/api/v1/roles')).body.items.map((r: { code: string }) => r.code)).not.toContain('temp_role');
    });
  });
});
