import { childPath, moveCreatesCycle, pathDepth, type Actor, type OrgCreate, type OrgUpdate } from '@qingfeng/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, notFound } from '../http/errors.js';
import { requirePermission } from '../policy/scope.js';
import { isUniqueViolation } from '../db/errors.js';
import { countActive, findOrgInScope, lockOrgsShared, lockOrgTree, newOrgValues, nextOrgIds, orgIdsOutOfScope, type OrgRow } from './orgs.repository.js';

/** Read scope decides 404, write scope decides 403: a row one cannot see is never confirmed to exist. */
export async function orgForWrite(db: Executor, actor: Actor, id: number): Promise<OrgRow> {
  requirePermission(actor, 'orgs.write');
  const writable = await findOrgInScope(db, actor, 'orgs.write', id);
  if (writable) return writable;
  if (await findOrgInScope(db, actor, 'orgs.read', id)) throw new AppError('auth.forbidden');
  throw notFound();
}

async function checkSupervised(db: Executor, actor: Actor, ids: number[]) {
  const [id] = await orgIdsOutOfScope(db, actor, 'orgs.write', ids);
  if (id !== undefined) {
    throw new AppError('request.invalid', `监督单位 ${id} 不存在或不在您的权限范围内`, {
      issues: [{ field: 'supervisedOrgIds', message: `单位 ${id} 不存在或不在权限范围内` }],
    });
  }
}

async function replaceSupervisions(db: Executor, groupId: number, ids: number[]) {
  await db.deleteFrom('org_supervisions').where('group_org_id', '=', groupId).execute();
  if (ids.length) await db.insertInto('org_supervisions').values(ids.map((org_id) => ({ group_org_id: groupId, org_id }))).execute();
}

export async function createOrg(ctx: AppContext, actor: Actor, input: OrgCreate): Promise<number> {
  requirePermission(actor, 'orgs.write');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    await lockOrgTree(trx, 'shared');
    let parent: OrgRow | null = null;
    if (input.parentId != null) {
      // Read after the lock: a retirement of the parent is either seen here or waits for this child.
      await lockOrgsShared(trx, [input.parentId]);
      parent = (await findOrgInScope(trx, actor, 'orgs.write', input.parentId)) ?? null;
      if (!parent) {
        const visible = await findOrgInScope(trx, actor, 'orgs.read', input.parentId);
        throw new AppError(visible ? 'orgs.parent_out_of_scope' : 'not_found', visible ? undefined : '上级组织不存在或不在您的权限范围内');
      }
      if (parent.retired_at) throw new AppError('orgs.retired', '上级组织已撤销');
    } else {
      const root = await trx.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirst();
      if (root) throw new AppError('orgs.root_exists');
    }
    if (input.kind === 'dispatched_group') await checkSupervised(trx, actor, input.supervisedOrgIds);
    // The id is needed for the path, so take it from the sequence first.
    const [id] = (await nextOrgIds(trx, 1)) as [number];
    try {
      await trx.insertInto('orgs').values(newOrgValues(id, parent, input, now)).execute();
    } catch (e) {
      if (isUniqueViolation(e, 'code')) throw new AppError('orgs.code_duplicate', `组织代码「${input.code}」已存在`);
      throw e;
    }
    if (input.kind === 'dispatched_group') await replaceSupervisions(trx, id, input.supervisedOrgIds);
    await recordAudit(trx, actor, { action: 'ORG_CREATED', objectType: 'org', objectId: id, orgId: id, summary: `新建组织「${input.name}」`, after: input }, now);
    return id;
  });
}

export async function updateOrg(ctx: AppContext, actor: Actor, id: number, input: OrgUpdate): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await lockOrgTree(trx, 'shared');
    const before = await orgForWrite(trx, actor, id);
    if (before.retired_at) throw new AppError('orgs.retired');
    const kind = input.kind ?? before.kind;
    if (input.supervisedOrgIds && kind === 'dispatched_group') await checkSupervised(trx, actor, input.supervisedOrgIds);
    try {
      await trx
        .updateTable('orgs')
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.shortName !== undefined && { short_name: input.shortName }),
          ...(input.kind !== undefined && { kind: input.kind }),
          ...(input.code !== undefined && { code: input.code }),
          ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    } catch (e) {
      if (isUniqueViolation(e, 'code')) throw new AppError('orgs.code_duplicate', `组织代码「${input.code}」已存在`);
      throw e;
    }
    if (kind !== 'dispatched_group') await replaceSupervisions(trx, id, []);
    else if (input.supervisedOrgIds) await replaceSupervisions(trx, id, input.supervisedOrgIds);
    await recordAudit(trx, actor, { action: 'ORG_UPDATED', objectType: 'org', objectId: id, orgId: id, summary: `修改组织「${before.name}」`, before, after: input }, now);
  });
}

export async function moveOrg(ctx: AppContext, actor: Actor, id: number, parentId: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    // One move at a time: the paths read below stand until commit, so two opposite moves (A under B,
    // B under A) cannot both pass the cycle check — the second sees the first's paths.
    await lockOrgTree(trx, 'exclusive');
    const org = await orgForWrite(trx, actor, id);
    if (org.parent_id === null) throw new AppError('orgs.cycle', '顶级组织不能移动');
    const parent = await findOrgInScope(trx, actor, 'orgs.write', parentId);
    if (!parent) throw new AppError('orgs.parent_out_of_scope');
    if (moveCreatesCycle(org.path, parent.path)) throw new AppError('orgs.cycle');
    // The rows the move rewrites (the subtree, whose paths are a unique key: FOR UPDATE, what the
    // UPDATE below takes anyway) and the new parent, in the order of ids; then the parent's state as
    // locked: a retirement of it either committed before (seen here) or waits and sees the new child.
    const locked = await trx
      .selectFrom('orgs')
      .select(['id', 'retired_at'])
      .where((eb) => eb.or([eb('path', 'like', `${org.path}%`), eb('id', '=', parent.id)]))
      .orderBy('id')
      .forUpdate()
      .execute();
    if (locked.find((o) => o.id === parent.id)?.retired_at) throw new AppError('orgs.retired', '新的上级组织已撤销');
    const newPath = childPath(parent.path, org.id);
    // The whole subtree moves in one statement: every path under the old prefix is rebased.
    await trx
      .updateTable('orgs')
      .set({
        path: sql`${newPath} || substr(path, ${org.path.length + 1})`,
        depth: sql`depth + ${pathDepth(newPath) - org.depth}`,
        updated_at: now,
      })
      .where('path', 'like', `${org.path}%`)
      .execute();
    await trx.updateTable('orgs').set({ parent_id: parent.id }).where('id', '=', org.id).execute();
    await recordAudit(
      trx,
      actor,
      { action: 'ORG_MOVED', objectType: 'org', objectId: id, orgId: id, summary: `「${org.name}」改隶「${parent.name}」`, before: { parentId: org.parent_id }, after: { parentId: parent.id } },
      now,
    );
  });
}

export async function retireOrg(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await lockOrgTree(trx, 'shared');
    const org = await orgForWrite(trx, actor, id);
    // The row locked before the counts: a person, post holder or child org being added to it holds
    // FOR SHARE (and a move into it FOR UPDATE) until commit, so the counts below (a new snapshot)
    // see it; one added after waits here and then finds the org retired.
    const locked = await trx.selectFrom('orgs').select('retired_at').where('id', '=', id).forNoKeyUpdate().executeTakeFirstOrThrow();
    if (locked.retired_at) throw new AppError('orgs.retired');
    const counts = await countActive(trx, id);
    if (counts.children > 0) throw new AppError('orgs.has_children', `「${org.name}」仍有 ${counts.children} 个下级组织，请先撤销或移走`);
    if (counts.people > 0 || counts.holders > 0) {
      throw new AppError('orgs.has_people', `「${org.name}」仍有 ${Math.max(counts.people, counts.holders)} 名在岗人员，请先调出`);
    }
    await trx.updateTable('orgs').set({ retired_at: now, updated_at: now }).where('id', '=', id).execute();
    // Its posts, empty by now (no holders, checked above), go with it: an open post of a retired org
    // could still be offered for an assignment or a risk point.
    const posts = await trx.updateTable('posts').set({ retired_at: now, updated_at: now }).where('org_id', '=', id).where('retired_at', 'is', null).returning('id').execute();
    await trx.deleteFrom('org_supervisions').where((eb) => eb.or([eb('group_org_id', '=', id), eb('org_id', '=', id)])).execute();
    await recordAudit(
      trx,
      actor,
      { action: 'ORG_RETIRED', objectType: 'org', objectId: id, orgId: id, summary: `撤销组织「${org.name}」${posts.length ? `及其 ${posts.length} 个岗位` : ''}`, after: { retiredPostIds: posts.map((p) => p.id) } },
      now,
    );
  });
}
