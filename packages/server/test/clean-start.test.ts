import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../src/auth/create-admin.js';
import { totpCode } from '../src/auth/totp.js';
import { isEmpty } from '../src/demo/seed-demo.js';
import { createTestApp, ENGINE, login, type TestApp } from './harness.js';
import { STRONG_PASSWORD } from './support.js';

// QF_DEMO=0: an empty database, one administrator made by `create-admin`, who binds TOTP and then
// builds the tree from its root.
describe(`clean start (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('starts empty: no org, no user, only the built-in roles', async () => {
    expect(await isEmpty(t.ctx.database)).toBe(true);
    const roles = await t.ctx.database.db.selectFrom('roles').select('code').orderBy('id').execute();
    expect(roles.map((r) => r.code)).toEqual(['sysadmin', 'center', 'dispatched_group', 'township', 'unit_officer', 'workstation', 'cadre', 'leader', 'superior_liaison']);
  });

  it('create-admin refuses a weak password and creates nothing', async () => {
    await expect(createAdmin(t.ctx.database, 'admin', 'short', t.clock.now())).rejects.toMatchObject({ code: 'auth.password_weak' });
    expect(await isEmpty(t.ctx.database)).toBe(true);
  });

  it('the administrator binds TOTP, creates the root and a child, and a second root is refused', async () => {
    const made = await createAdmin(t.ctx.database, 'admin', STRONG_PASSWORD, t.clock.now());
    expect(made.created).toBe(true);
    const admin = await login(t, 'admin', STRONG_PASSWORD);
    expect((await admin.get('/api/v1/orgs')).body.error.code).toBe('auth.totp_enrollment_required');
    const { secret } = (await admin.post('/api/auth/totp/setup')).body as { secret: string };
    expect((await admin.post('/api/auth/totp/confirm', { totp: totpCode(secret, t.clock.now()) })).status).toBe(200);

    const root = await admin.post('/api/v1/orgs', { parentId: null, name: '某区纪委监委', kind: 'commission' });
    expect(root.status).toBe(201);
    expect(root.body).toMatchObject({ parentId: null, depth: 0, path: `${root.body.id}.`, actions: ['update', 'createChild'] });
    const child = await admin.post('/api/v1/orgs', { parentId: root.body.id, name: '预警信息中心', kind: 'section' });
    expect(child.body).toMatchObject({ parentId: root.body.id, depth: 1, path: `${root.body.id}.${child.body.id}.` });
    const second = await admin.post('/api/v1/orgs', { parentId: null, name: '另一个顶级', kind: 'commission' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('orgs.root_exists');

    // Running create-admin again resets the password of the same account.
    const again = await createAdmin(t.ctx.database, 'admin', 'Another@Pass2', t.clock.now());
    expect(again).toEqual({ id: made.id, created: false });
  });
});
