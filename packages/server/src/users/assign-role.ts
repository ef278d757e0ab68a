import { recordAudit } from '../audit/audit.recorder.js';
import { evictUserSessions } from '../auth/sessions.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/errors.js';

/**
 * `qingfeng assign-role`: the server's operator gives an account a role no administrator may hand
 * out in the browser (e.g. 上级纪委联络员, whose permission no local account holds). Audited.
 */
export async function assignRoleFromConsole(database: Database, username: string, roleCode: string, now: Date): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'org_id']).where('username', '=', username).executeTakeFirst();
    if (!user) throw new AppError('not_found', `用户 ${username} 不存在`);
    const role = await trx.selectFrom('roles').select(['id', 'name']).where('code', '=', roleCode).executeTakeFirst();
    if (!role) throw new AppError('not_found', `角色 ${roleCode} 不存在`);
    await trx.insertInto('user_roles').values({ user_id: user.id, role_id: role.id, scope_org_ids: null }).onConflict((oc) => oc.doNothing()).execute();
    await recordAudit(trx, { system: '命令行' }, { action: 'USER_UPDATED', objectType: 'user', objectId: user.id, orgId: user.org_id, summary: `命令行为用户 ${username} 分配角色「${role.name}」` }, now);
  });
  evictUserSessions();
}
