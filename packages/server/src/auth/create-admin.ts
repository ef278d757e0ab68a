import { isStrongPassword } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { hashPassword } from './passwords.js';

/** Creates (or resets the password of) a system administrator. TOTP binding is required at first login. */
export async function createAdmin(database: Database, username: string, password: string, now: Date) {
  if (!isStrongPassword(password)) throw new AppError('auth.password_weak');
  const hashed = await hashPassword(password);
  return database.db.transaction().execute(async (trx) => {
    const role = await trx.selectFrom('roles').select('id').where('code', '=', 'sysadmin').executeTakeFirstOrThrow();
    const existing = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    const root = await trx.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirst();
    let id: number;
    if (existing) {
      id = existing.id;
      await trx.updateTable('users').set({ password_hash: hashed, disabled_at: null, locked_until: null, failed_logins: 0, updated_at: now }).where('id', '=', id).execute();
    } else {
      ({ id } = await trx
        .insertInto('users')
        .values({ username, display_name: '系统管理员', password_hash: hashed, org_id: root?.id ?? null, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow());
    }
    await trx.insertInto('user_roles').values({ user_id: id, role_id: role.id, scope_org_ids: null }).onConflict((oc) => oc.doNothing()).execute();
    await recordAudit(trx, { system: '命令行' }, { action: 'ADMIN_CREATED', objectType: 'user', objectId: id, summary: existing ? `重置管理员「${username}」密码` : `创建管理员「${username}」` }, now);
    return { id, created: !existing };
  });
}
