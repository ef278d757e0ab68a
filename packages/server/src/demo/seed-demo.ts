import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { newOrgValues, nextOrgIds } from '../orgs/orgs.repository.js';
import { newPersonValues } from '../people/people.repository.js';
import { seedDemoRisk } from './demo-risk.js';
import { seedDemoCampaign } from './demo-campaigns.js';
import { loadConfig, type Config } from '../config.js';
import { seedDemoClues } from './demo-clues.js';
import { buildDemoDistrict, DEMO_PASSWORD, type DemoAccount } from './demo-district.js';

export async function isEmpty(database: Database): Promise<boolean> {
  const row = await database.db
    .selectFrom('orgs')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const users = await database.db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n === 0 && users.n === 0;
}

/** Loads the demo district into an empty database, in one transaction. */
/** The demo district, then its ledger of clues (needs the reporter key of `config` for named reporters). */
export async function seedDemo(database: Database, now: Date, config: Config = loadConfig()): Promise<DemoAccount[]> {
  if (!(await isEmpty(database))) throw new AppError('backup.not_empty', '数据库中已有组织或用户，示范区数据只能载入空数据库');
  const demo = buildDemoDistrict();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await database.db.transaction().execute(async (trx) => {
    // The demo lists parents before children, so each parent's path is known when its child's is built.
    const ids = new Map<string, { id: number; path: string }>();
    const newIds = await nextOrgIds(trx, demo.orgs.length);
    const orgRows = demo.orgs.map((o, i) => {
      const row = newOrgValues(newIds[i]!, o.parentKey ? ids.get(o.parentKey)! : null, { ...o, sortOrder: i }, now);
      ids.set(o.key, { id: row.id!, path: row.path });
      return row;
    });
    await trx.insertInto('orgs').values(orgRows).execute();
    const supervisions = demo.orgs.flatMap((o) => (o.supervises ?? []).map((s) => ({ group_org_id: ids.get(o.key)!.id, org_id: ids.get(s)!.id })));
    if (supervisions.length) await trx.insertInto('org_supervisions').values(supervisions).execute();

    const personIds = new Map<string, number>();
    for (const p of demo.posts) {
      const orgId = ids.get(p.orgKey)!.id;
      const { id: postId } = await trx
        .insertInto('posts')
        .values({ org_id: orgId, name: p.name, is_leadership: p.isLeadership, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const h of p.holders) {
        const { id: personId } = await trx
          .insertInto('people')
          .values(newPersonValues({ ...h, orgId }, now))
          .returning('id')
          .executeTakeFirstOrThrow();
        if (h.key) personIds.set(h.key, personId);
        await trx.insertInto('post_assignments').values({ person_id: personId, post_id: postId, started_on: '2024-01-02' }).execute();
      }
    }

    const roles = new Map((await trx.selectFrom('roles').select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
    for (const a of demo.accounts) {
      const { id } = await trx
        .insertInto('users')
        .values({
          username: a.username,
          display_name: a.displayName,
          password_hash: passwordHash,
          org_id: ids.get(a.orgKey)!.id,
          person_id: a.personKey ? personIds.get(a.personKey)! : null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_roles').values({ user_id: id, role_id: roles.get(a.roleCode)!, scope_org_ids: null }).execute();
    }
    const riskPoints = await seedDemoRisk(trx, now);
    await seedDemoCampaign(trx, now);
    await recordAudit(
      trx,
      { system: '系统初始化' },
      { action: 'DEMO_SEEDED', objectType: 'system', summary: `载入示范区：${demo.orgs.length} 个组织、${demo.posts.reduce((n, p) => n + p.holders.length, 0)} 名人员、${demo.accounts.length} 个演示账户、${riskPoints} 个廉政风险点` },
      now,
    );
  });
  await seedDemoClues(database, config, now);
  return demo.accounts;
}
